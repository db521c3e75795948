"""The calibrated sample: a deterministic, seeded generator of salary records.

How a record is made:
1. Within each role, records are allotted to locations (the cities in metro_factors.csv and
   the rest of the US) in exact proportion to their shares, and within each role and location
   to levels and work arrangements, so every location has the stated level mix and 12% of its
   records remote. Industries, company sizes and years are allotted within each role.
2. Base salary = role factor x the level's base ratio x the location's base pay scale (the Mid
   salary that fits its DOL wage levels for software developers, SOC 15-1252) x work
   arrangement x industry x company size x year x log-normal noise. Bonus and equity are
   shares of total comp by level (with industry multipliers and noise), so
   total comp = base / (1 - bonus share - equity share).
3. Calibration, by deterministic rescaling of whole records, for ML engineers: the on-site and
   hybrid records of each location and level get the median base of their location's scale x
   the level's ratio; remote records of each level get the remote vs on-site median total comp
   of remote_gap.csv; then one factor for all sets the mean total comp to the guide's
   $167,627, which so decides how far above the DOL levels ML engineer base pay sits. Every
   other role's median total comp is set at its factor of the ML engineer median.
4. Amounts are whole dollars (base to the thousand) and base + bonus + equity = total comp.
"""

import numpy as np
import pandas as pd

from paybench.datasets import calibration
from paybench.datasets.schema import COLUMNS, SORT_ORDER
from paybench.domain.vocabulary import REST_OF_US

SEED = 167_627
SAMPLE_SIZE = 60_000
SOURCE = "calibrated sample"
REFERENCE_ROLE = "Machine Learning Engineer"
REFERENCE_CITY = "San Francisco"
CALIBRATION_ROUNDS = 6
NOISE_CLIP = 2.5
MIN_BASE_SHARE = 0.35


def generate(n_records: int = SAMPLE_SIZE, seed: int = SEED) -> pd.DataFrame:
    """Generate n_records salary records in the schema's column order and sort order."""
    rng = np.random.default_rng(seed)
    records = _allocate_dimensions(n_records, rng)
    _draw_pay_mix(records, rng)
    records["base"] = _model_base_salary(records, rng)
    _calibrate(records)
    records = _to_amounts(records)
    _match_reference_mean(records)
    records["record_id"] = np.arange(1, len(records) + 1, dtype=np.int64)
    records = _add_geography(records, rng)
    records["source"] = SOURCE
    records = records.sort_values(list(SORT_ORDER), kind="stable")
    return records[list(COLUMNS)].reset_index(drop=True)


# ---- 1. allocation -------------------------------------------------------------------------

def exact_allocation(total: int, shares: dict[str, float]) -> np.ndarray:
    """Labels repeated in proportion to shares, by largest remainder, so counts sum to total."""
    keys = list(shares)
    weights = np.array([shares[k] for k in keys], dtype=float)
    ideal = weights / weights.sum() * total
    counts = np.floor(ideal).astype(int)
    remainder_order = np.argsort(-(ideal - counts), kind="stable")
    counts[remainder_order[: total - counts.sum()]] += 1
    return np.repeat(np.array(keys, dtype=object), counts)


def _allocate_dimensions(n_records: int, rng: np.random.Generator) -> pd.DataFrame:
    assumptions = calibration.sample_assumptions()
    within_location = {
        "level": assumptions["level_share"],
        "work_arrangement": assumptions["arrangement_share"],
    }
    within_role = {
        "industry": assumptions["industry_share"],
        "company_size": assumptions["company_size_share"],
        "year": assumptions["year_share"],
    }
    roles = exact_allocation(n_records, assumptions["role_share"])
    parts = []
    for role in dict.fromkeys(roles):
        n_role = int((roles == role).sum())
        part = pd.DataFrame({"role": np.full(n_role, role, dtype=object),
                             "location": exact_allocation(n_role, calibration.location_shares())})
        for column, shares in within_location.items():
            part[column] = _allocate_within(part["location"], shares, rng)
        for column, shares in within_role.items():
            part[column] = rng.permutation(exact_allocation(n_role, shares))
        parts.append(part)
    records = pd.concat(parts, ignore_index=True)
    records["year"] = records["year"].astype(int)
    return records


def _allocate_within(groups: pd.Series, shares: dict[str, float],
                     rng: np.random.Generator) -> np.ndarray:
    """Labels allotted in exact proportion within each group, in random order."""
    labels = np.empty(len(groups), dtype=object)
    for positions in groups.groupby(groups, sort=False).indices.values():
        labels[positions] = rng.permutation(exact_allocation(len(positions), shares))
    return labels


# ---- 2. the pay model ----------------------------------------------------------------------

def _draw_pay_mix(records: pd.DataFrame, rng: np.random.Generator) -> None:
    """Each record's bonus and equity as shares of its total comp: the level's share x the
    industry's multiplier x noise."""
    assumptions = calibration.sample_assumptions()
    sigma = assumptions["noise"]["share_sigma"]
    for part, most in (("bonus", 0.25), ("equity", 0.40)):
        share = (records["level"].map(assumptions[f"{part}_share"])
                 * records["industry"].map(assumptions[f"industry_{part}_multiplier"])
                 * np.exp(sigma * _clipped_normal(rng, len(records)) - sigma**2 / 2))
        records[f"{part}_share"] = share.clip(0.01, most)
    records["base_share"] = (1.0 - records["bonus_share"] - records["equity_share"]).clip(
        lower=MIN_BASE_SHARE)


def _model_base_salary(records: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    assumptions = calibration.sample_assumptions()
    factors = (
        records["role"].map(calibration.role_factors())
        * records["level"].map(calibration.base_ratios())
        * records["location"].map(calibration.base_pay_scales())
        * _arrangement_factor(records)
        * records["industry"].map(assumptions["industry_factor"])
        * records["company_size"].map(assumptions["company_size_factor"])
        * records["year"].astype(str).map(assumptions["year_factor"])
    )
    sigma = assumptions["noise"]["total_comp_sigma"]
    noise = np.exp(sigma * _clipped_normal(rng, len(records)) - sigma**2 / 2)
    return factors.to_numpy(dtype=float) * noise


def _arrangement_factor(records: pd.DataFrame) -> pd.Series:
    gaps = records["level"].map(calibration.remote_gaps())
    hybrid_share = calibration.sample_assumptions()["hybrid_gap_share"]["all"]
    factor = pd.Series(1.0, index=records.index)
    factor[records["work_arrangement"] == "Remote"] = gaps
    hybrid = records["work_arrangement"] == "Hybrid"
    factor[hybrid] = 1.0 - hybrid_share * (1.0 - gaps[hybrid])
    return factor


def _clipped_normal(rng: np.random.Generator, size: int) -> np.ndarray:
    return np.clip(rng.standard_normal(size), -NOISE_CLIP, NOISE_CLIP)


def _total_comp(records: pd.DataFrame) -> pd.Series:
    return records["base"] / records["base_share"]


# ---- 3. calibration ------------------------------------------------------------------------

def _calibrate(records: pd.DataFrame) -> None:
    """Rescale records in place so the aggregates equal the published figures. The three ML
    engineer steps pull slightly against each other, so they take turns; the last (each
    location's median and mean total comp) ends exact, the others within a point or two."""
    reference = records["role"] == REFERENCE_ROLE
    for _ in range(CALIBRATION_ROUNDS):
        _scale_cells_to_base_pay_scale(records, reference)
        _scale_remote_medians_to_gap(records, reference)
        _scale_locations_to_pay_scale(records, reference)
    mean = _total_comp(records)[reference].mean()
    records.loc[reference, "base"] *= calibration.us_average_total_comp() / mean
    _scale_role_medians(records, reference)


def _scale_cells_to_base_pay_scale(records: pd.DataFrame, reference: pd.Series) -> None:
    """On-site and hybrid ML engineers: each location and level's median base = the location's
    base pay scale x the level's base ratio."""
    scales, ratios = calibration.base_pay_scales(), calibration.base_ratios()
    in_office = reference & (records["work_arrangement"] != "Remote")
    cells = records[in_office].groupby(["location", "level"])["base"]
    for (location, level), base in cells:
        records.loc[base.index, "base"] *= scales[location] * ratios[level] / base.median()


def _scale_locations_to_pay_scale(records: pd.DataFrame, reference: pd.Series) -> None:
    """Make each location's ML engineer median and mean total comp both proportional to its
    base pay scale, so the cities rank as their DOL wage levels do by either measure.

    One multiplier per location could fix only one of the two, so each location's log pay is
    shifted (which sets the median) and stretched about its median (which sets the mean/median
    ratio to the reference city's)."""
    scales = calibration.base_pay_scales()
    total = _total_comp(records)[reference]
    location = records.loc[reference, "location"]
    anchor = total[location == REFERENCE_CITY]
    median_per_scale = anchor.median() / scales[REFERENCE_CITY]
    mean_to_median = anchor.mean() / anchor.median()
    for place, totals in total.groupby(location):
        log_gap = np.log(totals.to_numpy()) - np.log(totals.median())
        stretch = _stretch_for_ratio(log_gap, mean_to_median)
        target = scales[place] * median_per_scale * np.exp(stretch * log_gap)
        records.loc[totals.index, "base"] *= target / totals.to_numpy()


def _stretch_for_ratio(log_gap: np.ndarray, mean_to_median: float) -> float:
    """The b for which mean(exp(b * log_gap)) equals mean_to_median, by bisection."""
    low, high = 0.1, 4.0
    for _ in range(60):
        middle = (low + high) / 2
        if np.exp(middle * log_gap).mean() < mean_to_median:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _scale_remote_medians_to_gap(records: pd.DataFrame, reference: pd.Series) -> None:
    total = _total_comp(records)
    for level, gap in calibration.remote_gaps().items():
        in_level = reference & (records["level"] == level)
        remote = in_level & (records["work_arrangement"] == "Remote")
        onsite = in_level & (records["work_arrangement"] == "Onsite")
        ratio = total[remote].median() / total[onsite].median()
        records.loc[remote, "base"] *= gap / ratio


def _scale_role_medians(records: pd.DataFrame, reference: pd.Series) -> None:
    total = _total_comp(records)
    reference_median = total[reference].median()
    for role, factor in calibration.role_factors().items():
        in_role = records["role"] == role
        if role != REFERENCE_ROLE and in_role.any():
            records.loc[in_role, "base"] *= factor * reference_median / total[in_role].median()


# ---- 4. amounts ----------------------------------------------------------------------------

def _to_amounts(records: pd.DataFrame) -> pd.DataFrame:
    """Whole dollars: base to the thousand, bonus and equity their shares of total comp."""
    total = _total_comp(records).to_numpy()
    bonus = np.round(total * records.pop("bonus_share").to_numpy()).astype(np.int64)
    equity = np.round(total * records.pop("equity_share").to_numpy()).astype(np.int64)
    base = np.round(records.pop("base").to_numpy() / 1000.0).astype(np.int64) * 1000
    records.pop("base_share")
    records["base_salary"] = base
    records["bonus"] = bonus
    records["equity"] = equity
    records["total_comp"] = base + bonus + equity
    return records


def _match_reference_mean(records: pd.DataFrame) -> None:
    """Spread the rounding residual over ML engineer equity, a few dollars a record, so the
    mean total comp equals the guide's figure to the dollar."""
    reference = np.flatnonzero(records["role"].to_numpy() == REFERENCE_ROLE)
    target_sum = calibration.us_average_total_comp() * len(reference)
    residual = int(target_sum - records["total_comp"].to_numpy()[reference].sum())
    per_record, extra = divmod(residual, len(reference))
    adjustment = np.full(len(reference), per_record, dtype=np.int64)
    adjustment[:extra] += 1
    for column in ("equity", "total_comp"):
        values = records[column].to_numpy().copy()
        values[reference] += adjustment
        records[column] = values


# ---- 5. geography --------------------------------------------------------------------------

def _add_geography(records: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """A city's state and metro from metro_factors.csv; records in the rest of the US get no
    city, REST_OF_US as their metro and a state from its mix."""
    metros = calibration.metros().set_index("city")
    location = records.pop("location")
    elsewhere = (location == REST_OF_US).to_numpy()
    records["city"] = location.where(~elsewhere, None)
    records["metro"] = location.map(metros["metro"]).where(~elsewhere, REST_OF_US)
    states = location.map(metros["state"]).to_numpy(dtype=object)
    states[elsewhere] = rng.permutation(
        exact_allocation(int(elsewhere.sum()), calibration.rest_of_us_states()))
    records["state"] = states
    records["country"] = "US"
    return records
