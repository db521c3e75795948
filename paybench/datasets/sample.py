"""The calibrated sample: a deterministic, seeded generator of salary records.

How a record is made:
1. Every dimension (level, work arrangement, city, industry, company size, year) is allocated
   within each role in exact proportion to its share in data/calibration/, then shuffled, so the
   sample's mix is the stated mix (for example exactly 12% of ML engineer records are remote).
2. Total comp = role factor x level factor x market pay factor of the city x work-arrangement
   factor x industry factor x company-size factor x year factor x log-normal noise.
3. Calibration, by deterministic rescaling of float totals, so the aggregates reproduce the
   published figures: ML engineer city medians and means proportional to the cities' market
   pay factors;
   remote vs on-site median by level equal to remote_gap.csv; the US ML engineer mean equal to
   the guide's $167,627; every other role's median at its factor of the ML engineer median.
4. Total comp is split into base, bonus and equity by level shares (rising with level) and
   industry multipliers; amounts are whole dollars and base + bonus + equity = total comp.
"""

import numpy as np
import pandas as pd

from paybench.datasets import calibration
from paybench.datasets.schema import COLUMNS, SORT_ORDER

SEED = 167_627
SAMPLE_SIZE = 60_000
SOURCE = "calibrated sample"
REFERENCE_ROLE = "Machine Learning Engineer"
REFERENCE_CITY = "San Francisco"
CALIBRATION_ROUNDS = 6
NOISE_CLIP = 2.5


def generate(n_records: int = SAMPLE_SIZE, seed: int = SEED) -> pd.DataFrame:
    """Generate n_records salary records in the schema's column order and sort order."""
    rng = np.random.default_rng(seed)
    records = _allocate_dimensions(n_records, rng)
    records["total"] = _model_total_comp(records, rng)
    _calibrate(records)
    records = _split_components(records, rng)
    _match_reference_mean(records)
    records["record_id"] = np.arange(1, len(records) + 1, dtype=np.int64)
    records = _add_geography(records)
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
    dimension_shares = {
        "level": assumptions["level_share"],
        "work_arrangement": assumptions["arrangement_share"],
        "city": assumptions["city_weight"],
        "industry": assumptions["industry_share"],
        "company_size": assumptions["company_size_share"],
        "year": assumptions["year_share"],
    }
    roles = exact_allocation(n_records, assumptions["role_share"])
    parts = []
    for role in dict.fromkeys(roles):
        n_role = int((roles == role).sum())
        part = {"role": np.full(n_role, role, dtype=object)}
        for column, shares in dimension_shares.items():
            part[column] = rng.permutation(exact_allocation(n_role, shares))
        parts.append(pd.DataFrame(part))
    records = pd.concat(parts, ignore_index=True)
    records["year"] = records["year"].astype(int)
    return records


# ---- 2. the pay model ----------------------------------------------------------------------

def _model_total_comp(records: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    assumptions = calibration.sample_assumptions()
    market_pay = calibration.metros().set_index("city")["pay_factor_vs_sf"]
    factors = (
        records["role"].map(calibration.role_factors())
        * records["level"].map(calibration.level_factors())
        * records["city"].map(market_pay)
        * _arrangement_factor(records)
        * records["industry"].map(assumptions["industry_factor"])
        * records["company_size"].map(assumptions["company_size_factor"])
        * records["year"].astype(str).map(assumptions["year_factor"])
    )
    sigma = assumptions["noise"]["total_comp_sigma"]
    noise = np.exp(sigma * _clipped_normal(rng, len(records)) - sigma**2 / 2)
    return factors.to_numpy(dtype=float) * noise * 150_000.0


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


# ---- 3. calibration ------------------------------------------------------------------------

def _calibrate(records: pd.DataFrame) -> None:
    """Rescale float totals in place so the aggregates equal the published figures."""
    reference = records["role"] == REFERENCE_ROLE
    for _ in range(CALIBRATION_ROUNDS):
        _scale_cities_to_market_pay(records, reference)
        _scale_remote_medians_to_gap(records, reference)
    total = records["total"]
    records.loc[reference, "total"] = total[reference] * (
        calibration.us_average_total_comp() / total[reference].mean())
    _scale_role_medians(records, reference)


def _scale_cities_to_market_pay(records: pd.DataFrame, reference: pd.Series) -> None:
    """Make each city's ML engineer median and mean both proportional to its market pay factor.

    One multiplier per city could fix only one of the two, so each city's log pay is shifted
    (which sets the median) and stretched about its median (which sets the mean/median ratio
    to the reference city's)."""
    market_pay = calibration.metros().set_index("city")["pay_factor_vs_sf"]
    pay = records.loc[reference, ["city", "total"]]
    anchor = pay.loc[pay["city"] == REFERENCE_CITY, "total"]
    median_per_factor = anchor.median() / market_pay[REFERENCE_CITY]
    mean_to_median = anchor.mean() / anchor.median()
    for city, totals in pay.groupby("city")["total"]:
        log_gap = np.log(totals.to_numpy()) - np.log(totals.median())
        stretch = _stretch_for_ratio(log_gap, mean_to_median)
        target_median = market_pay[city] * median_per_factor
        records.loc[totals.index, "total"] = target_median * np.exp(stretch * log_gap)


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
    for level, gap in calibration.remote_gaps().items():
        in_level = reference & (records["level"] == level)
        remote = in_level & (records["work_arrangement"] == "Remote")
        onsite = in_level & (records["work_arrangement"] == "Onsite")
        ratio = records.loc[remote, "total"].median() / records.loc[onsite, "total"].median()
        records.loc[remote, "total"] *= gap / ratio


def _scale_role_medians(records: pd.DataFrame, reference: pd.Series) -> None:
    reference_median = records.loc[reference, "total"].median()
    for role, factor in calibration.role_factors().items():
        in_role = records["role"] == role
        if role != REFERENCE_ROLE and in_role.any():
            current = records.loc[in_role, "total"].median()
            records.loc[in_role, "total"] *= factor * reference_median / current


# ---- 4. components -------------------------------------------------------------------------

def _split_components(records: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    assumptions = calibration.sample_assumptions()
    sigma = assumptions["noise"]["share_sigma"]
    bonus_share = (
        records["level"].map(assumptions["bonus_share"])
        * records["industry"].map(assumptions["industry_bonus_multiplier"])
        * np.exp(sigma * _clipped_normal(rng, len(records)) - sigma**2 / 2)
    )
    equity_share = (
        records["level"].map(assumptions["equity_share"])
        * records["industry"].map(assumptions["industry_equity_multiplier"])
        * np.exp(sigma * _clipped_normal(rng, len(records)) - sigma**2 / 2)
    )
    total = records.pop("total").to_numpy()
    bonus = np.round(total * bonus_share.clip(0.01, 0.25)).astype(np.int64)
    equity = np.round(total * equity_share.clip(0.01, 0.40)).astype(np.int64)
    base = np.round((total - bonus - equity) / 1000.0).astype(np.int64) * 1000
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

def _add_geography(records: pd.DataFrame) -> pd.DataFrame:
    metros = calibration.metros().set_index("city")
    records["state"] = records["city"].map(metros["state"])
    records["metro"] = records["city"].map(metros["metro"])
    records["country"] = "US"
    return records
