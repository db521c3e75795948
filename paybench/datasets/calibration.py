"""The published figures the sample is calibrated to, read from data/calibration/."""

from dataclasses import dataclass
from functools import cache

import pandas as pd

from paybench.domain.employer_cost import Contribution
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


# ---- hiring in other countries (the Hire anywhere page) ---------------------------------------

@dataclass(frozen=True)
class FxRate:
    """US dollars per unit of a currency, for a year, and where the rate comes from."""

    currency: str
    usd_per_unit: float
    year: int
    source: str


@dataclass(frozen=True)
class EorFee:
    """The employer-of-record fee the page starts from, as the seed guide quotes it."""

    per_month: float
    currency: str
    unit: str
    basis: str


@cache
def _read_text(name: str) -> pd.DataFrame:
    """A calibration file with every value as text and empty cells as "" (a country code
    such as NA, Namibia, stays a code)."""
    return pd.read_csv(CALIBRATION_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def employer_contribution_rows() -> pd.DataFrame:
    """employer_contributions.csv as it is, for display: one row per country and component."""
    return _read_text("employer_contributions").copy()


def employer_contributions() -> dict[str, list[Contribution]]:
    """Each country's employer contributions (ISO-2 code -> rows), amounts yearly in its
    currency."""
    found: dict[str, list[Contribution]] = {}
    for row in _read_text("employer_contributions").to_dict("records"):
        found.setdefault(row["country_code"], []).append(Contribution(
            component=row["component"], rate=float(row["rate"]),
            floor=_amount(row["floor_local"]) or 0.0, cap=_amount(row["cap_local"]),
            due_above=_amount(row["due_above_local"]), kind=row["kind"],
            unsettled=row["unsettled"] == "yes", sourced=row["sourced"] == "yes"))
    return found


def _amount(text: str) -> float | None:
    return float(text) if text.strip() else None


def country_currencies() -> dict[str, str]:
    """ISO-2 country code -> its currency, for the countries with contribution figures."""
    frame = _read_text("employer_contributions")
    return dict(zip(frame["country_code"], frame["currency"], strict=True))


def country_time_zones() -> dict[str, str]:
    """ISO-2 country code -> the IANA zone of its main working population (the file's basis
    column says why; countries with several zones have one chosen)."""
    frame = _read_text("country_time_zones")
    return dict(zip(frame["country_code"], frame["time_zone"], strict=True))


def us_city_time_zones() -> dict[str, str]:
    """US city (as in metro_factors.csv) -> its IANA zone."""
    frame = _read_text("us_city_time_zones")
    return dict(zip(frame["city"], frame["time_zone"], strict=True))


def countries() -> pd.DataFrame:
    """Every country with a code: iso2, iso3, name and a label point (lat, lon), from Natural
    Earth (country_codes.csv)."""
    frame = _read_text("country_codes")[["iso2", "iso3", "name", "lat", "lon"]].copy()
    return frame.astype({"lat": float, "lon": float})


def latest_fx_rates() -> dict[str, FxRate]:
    """For each currency, its latest yearly rate to the US dollar in fx_rates.csv."""
    frame = _read_text("fx_rates").astype({"year": int, "usd_per_unit": float})
    latest = frame.sort_values("year").groupby("currency").tail(1)
    return {row["currency"]: FxRate(row["currency"], row["usd_per_unit"], row["year"],
                                    row["source"]) for row in latest.to_dict("records")}


def eor_fee() -> EorFee:
    row = _read_text("eor_fee").iloc[0]
    return EorFee(per_month=float(row["per_month"]), currency=row["currency"],
                  unit=row["unit"], basis=row["basis"])
