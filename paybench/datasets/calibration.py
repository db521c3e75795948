"""The published figures the sample is calibrated to, read from data/calibration/."""

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from paybench.domain.prevailing_wage import WAGE_LEVELS, OflcWages
from paybench.domain.vocabulary import REST_OF_US
from paybench.paths import CALIBRATION_DIR


@cache
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(CALIBRATION_DIR / f"{name}.csv")


def metros() -> pd.DataFrame:
    """One row per city: state, metro, market pay and cost-of-living factors, prevailing wages."""
    return _read("metro_factors").copy()


OFLC_SOC_CODES = ("15-1252", "15-2051")


def oflc_wage_table() -> dict[tuple[str, str], OflcWages]:
    """Prevailing wages keyed on (city, SOC code), from metro_factors.csv."""
    table = {}
    for row in _read("metro_factors").to_dict("records"):
        for soc in OFLC_SOC_CODES:
            column = f"oflc_{soc.replace('-', '_')}_level"
            table[(row["city"], soc)] = OflcWages(
                city=row["city"], metro=row["metro"], soc=soc, level1=float(row[column + "1"]),
                level3=float(row[column + "3"]), level4=float(row[column + "4"]))
    return table


def salary_increase_budgets() -> dict[int, float]:
    """US salary-increase budget by year, as a share (0.037 for 3.7%)."""
    frame = _read("salary_increase_budgets")
    return dict(zip(frame["year"].astype(int), frame["budget_pct"].astype(float), strict=True))


def projected_budget_years() -> set[int]:
    """The years whose budget is a projection, not a reported actual."""
    frame = _read("salary_increase_budgets")
    return set(frame.loc[frame["kind"] == "projected", "year"].astype(int))


def rest_of_us_wages() -> dict[str, OflcWages]:
    """The DOL wage levels of the rest of the US (the median over every OFLC area outside the
    listed metros), keyed on SOC code: what records in REST_OF_US are paid from."""
    return {
        row["soc"]: OflcWages(city=REST_OF_US, metro=REST_OF_US, soc=row["soc"],
                              level1=float(row["level1"]), level3=float(row["level3"]),
                              level4=float(row["level4"]))
        for row in _read("rest_of_us_wages").to_dict("records")
    }


def rest_of_us_states() -> dict[str, float]:
    """State -> weight of the records in REST_OF_US (computer and mathematical employment)."""
    frame = _read("rest_of_us_states")
    return dict(zip(frame["state"], frame["employment_15_0000"].astype(float), strict=True))


def base_ratios() -> dict[str, float]:
    """Median base salary by level relative to Mid (level_base_ratios.csv)."""
    frame = _read("level_base_ratios")
    return dict(zip(frame["level"], frame["base_vs_mid"], strict=True))


# The occupation whose DOL wage levels set the sample's base pay scale: Software Developers,
# the SOC code the Offer page's prevailing-wage check files a Machine Learning Engineer under.
BASE_PAY_SOC = "15-1252"


def base_pay_scale(wages: OflcWages) -> float:
    """A location's Mid base salary on the DOL scale: the Mid figure that best fits all four of
    its wage levels with the sample's level ratios (the geometric mean of each level's wage /
    its level's ratio, Entry to Staff; Principal has no DOL level of its own)."""
    ratios = base_ratios()
    fitted = [wages.level(WAGE_LEVELS[level]) / ratios[level]
              for level in ("Entry", "Mid", "Senior", "Staff")]
    return float(np.exp(np.mean(np.log(fitted))))


def base_pay_scales() -> dict[str, float]:
    """Location (each city, and REST_OF_US) -> its Mid base salary on the DOL scale for
    BASE_PAY_SOC. The sample's base pay is proportional to it."""
    wages = oflc_wage_table()
    scales = {city: base_pay_scale(wages[(city, BASE_PAY_SOC)]) for city in metros()["city"]}
    scales[REST_OF_US] = base_pay_scale(rest_of_us_wages()[BASE_PAY_SOC])
    return scales


def location_shares() -> dict[str, float]:
    """Location -> share of records: REST_OF_US its share, the cities the rest by weight."""
    assumptions = sample_assumptions()
    rest = assumptions["location_share"][REST_OF_US]
    weights = assumptions["city_weight"]
    total = sum(weights.values())
    return {**{city: (1 - rest) * w / total for city, w in weights.items()}, REST_OF_US: rest}


def role_factors() -> dict[str, float]:
    frame = _read("role_factors")
    return dict(zip(frame["role"], frame["factor_vs_mle"], strict=True))


def remote_gaps() -> dict[str, float]:
    frame = _read("remote_gap")
    return dict(zip(frame["level"], frame["remote_vs_onsite_factor"], strict=True))


def seed_figure(name: str) -> str:
    frame = _read("seed_figures").set_index("figure")
    return str(frame.loc[name, "value"])


def us_average_total_comp() -> int:
    return int(seed_figure("us_average_total_comp_mle"))


def top_paying_cities() -> set[str]:
    """The guide's five top-paying cities, without their state suffix."""
    names = seed_figure("top_paying_cities").split(";")
    return {name.strip().rsplit(" ", 1)[0] for name in names}


@dataclass(frozen=True)
class Assumptions:
    """sample_assumptions.csv as dictionaries: parameter -> {key: value}."""

    table: dict[str, dict[str, float]]

    def __getitem__(self, parameter: str) -> dict[str, float]:
        return self.table[parameter]


def sample_assumptions() -> Assumptions:
    frame = _read("sample_assumptions")
    table: dict[str, dict[str, float]] = {}
    for row in frame.itertuples(index=False):
        table.setdefault(row.parameter, {})[str(row.key)] = float(row.value)
    return Assumptions(table)


def sources() -> pd.DataFrame:
    """Every calibration figure with its basis, for the methodology page."""
    frames = [
        _read("level_base_ratios").assign(figure="base salary vs Mid").rename(
            columns={"level": "key", "base_vs_mid": "value"}),
        _read("role_factors").assign(figure="role factor vs ML engineer").rename(
            columns={"role": "key", "factor_vs_mle": "value"}),
        _read("remote_gap").assign(figure="remote vs on-site pay").rename(
            columns={"level": "key", "remote_vs_onsite_factor": "value"}),
        _read("sample_assumptions").rename(columns={"parameter": "figure"}),
    ]
    columns = ["figure", "key", "value", "basis"]
    return pd.concat([f[columns] for f in frames], ignore_index=True)


def source_list() -> pd.DataFrame:
    """Which file holds what, from where, under which licence."""
    return _read("sources").copy()


def methodology_markdown() -> str:
    """How the sample was made, with its figures read from the calibration files."""
    assumptions = sample_assumptions()
    remote_share = assumptions["arrangement_share"]["Remote"]
    rest_share = assumptions["location_share"][REST_OF_US]
    cities = ", ".join(sorted(top_paying_cities()))
    ratios = " / ".join(f"{level} {ratio:.2f}" for level, ratio in base_ratios().items())
    bonus, equity = assumptions["bonus_share"], assumptions["equity_share"]
    mix = " / ".join(f"{level} {bonus[level]:.0%} + {equity[level]:.0%}" for level in bonus)
    rest = rest_of_us_wages()[BASE_PAY_SOC]
    rest_levels = " / ".join(f"${rest.level(n):,.0f}" for n in (1, 2, 3, 4))
    return f"""
The records are made by a deterministic, seeded generator (`python -m paybench build-sample`)
and rescaled so that their aggregates reproduce published figures. **How base salary is set:**

- **Where**: each of the 34 cities has a base pay scale taken from the US Department of Labor's
  prevailing wage levels (OFLC, July 2025 – June 2026, built on BLS OEWS May 2024) for
  **Software Developers (SOC 15-1252)**, the occupation the Offer page files a Machine Learning
  Engineer under: the Mid salary that best fits the city's four wage levels. Cities are pay
  markets, not cost of living.
- **The rest of the US**: the US is more than these 34 cities, so {rest_share:.0%} of the
  records are in **{REST_OF_US}**: no city, a state from the states' employment in computer and
  mathematical occupations (BLS OEWS 2024), and pay from the median DOL wage levels of the 488
  OFLC areas outside the cities' metros ({rest_levels} for levels I to IV). The sidebar's metro
  filter selects them; the Cities page counts them in the national figure but does not rank
  them as a city.
- **By level**: median base relative to Mid is {ratios}, the median of three public ladders:
  the DOL wage levels I–IV in the cities' metros, BLS OEWS national percentiles (levels I–IV sit
  near the 17th, 34th, 50th and 67th), and the aijobs.net ML engineer medians by experience
  level. Principal has no public figure: it is placed at the OEWS 75th percentile (an
  assumption).
- **Calibration**: ML engineers working on-site or hybrid get, in every city (and in the rest of
  the US) and level, a median base of about that scale × that ratio, scaled by one factor so that
  the **mean total comp of US Machine Learning Engineer records is ${us_average_total_comp():,}**,
  the hiring guide's average. That factor is how far ML engineer base pay sits above the DOL
  levels for software developers: a few percent. Each city's median and mean total comp are kept
  proportional to its scale, so the five top-paying cities are the guide's: {cities}.

**Bonus and equity** are shares of total comp rising with level ({mix}, before industry
multipliers): about 14% of ML engineer pay on average, the gap between the guide's mean and the
BLS mean wage of software developers (a base-pay measure). No public source gives these shares
by level; their split is an estimate, stated as such below.

**Also reproduced**: {remote_share:.0%} of ML engineer records are remote, as the guide says of
job postings; remote vs on-site median pay by level follows the gaps measured in the aijobs.net
file; roles are spaced as measured there.

Everything else (the mix of cities, industries, company sizes and years; industry and size pay
factors) is an **assumption**, listed below. Replace the sample with real data through the
importer.

Main sources: DOL OFLC prevailing wage library
(https://flag.dol.gov/wage-data/wage-data-downloads); BLS Occupational Employment and Wage
Statistics, May 2024 (https://www.bls.gov/oes/); the aijobs.net salaries file (CC0); the hiring
guide. Each file and figure is listed with its source below.
"""
