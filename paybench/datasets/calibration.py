"""The published figures the sample is calibrated to, read from data/calibration/."""

from dataclasses import dataclass
from functools import cache

import pandas as pd

from paybench.domain.prevailing_wage import OflcWages
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


def level_factors() -> dict[str, float]:
    frame = _read("level_factors")
    return dict(zip(frame["level"], frame["factor_vs_mid"], strict=True))


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
        _read("level_factors").assign(figure="level factor vs Mid").rename(
            columns={"level": "key", "factor_vs_mid": "value"}),
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
    """How the sample was made, with the figures it reproduces read from the calibration files."""
    remote_share = sample_assumptions()["arrangement_share"]["Remote"]
    cities = ", ".join(sorted(top_paying_cities()))
    return f"""
The records are made by a deterministic, seeded generator (`python -m paybench build-sample`)
from the figures below, then rescaled so that their aggregates reproduce the published ones:

- the mean total comp of US Machine Learning Engineer records is **${us_average_total_comp():,}**,
  the hiring guide's average (base salary + bonus + equity);
- the five cities with the highest ML engineer pay are the guide's: {cities};
- {remote_share:.0%} of ML engineer records are remote, as the guide says of job postings;
- remote vs on-site median pay by level follows the gaps measured in the aijobs.net file;
- city pay follows the DOL prevailing-wage ratios ("market pay"), which are not cost of living;
- roles and levels are ordered and spaced as measured in the aijobs.net file.

Everything else (the mix of cities, industries, company sizes and years; industry and size pay
factors; how total comp splits into base, bonus and equity) is an **assumption**, listed below.
Replace the sample with real data through the importer.
"""
