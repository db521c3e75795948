"""Hire anywhere: what a hire at the market median costs in each country, and how many working
hours it shares with the team. Market pay by cell in, one row per cell out. No Streamlit.

Per cell: the median pay and its quartiles in US dollars and in the local currency; the
employer contributions on the median pay (employer_cost.py); the employer-of-record fee
(none where the company employs directly, the US); the yearly total; the total against the US
hire's; the working-hours overlap with the team on the chosen date (overlap.py).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from paybench.domain import employer_cost, overlap
from paybench.domain.employer_cost import Contribution
from paybench.domain.stats import confidence_grade

DIRECT_EMPLOYMENT = ("US",)  # countries the company employs in itself: no EOR fee


@dataclass(frozen=True)
class CostSettings:
    eor_fee_per_month: float
    include_unsourced: bool
    team_zone: str
    on: date
    min_overlap: float


@dataclass(frozen=True)
class CountryFacts:
    """What the calibration files say of countries: contributions, currency, main zone."""

    contributions: Mapping[str, Sequence[Contribution]]
    currencies: Mapping[str, str]
    usd_per_unit: Mapping[str, float]  # by currency
    time_zones: Mapping[str, str]  # by country; a cell may override with its own zone


QUARTILE_COLUMNS = ("p25", "median", "p75")


def country_costs(pay: pd.DataFrame, facts: CountryFacts, settings: CostSettings,
                  zones: Mapping[str, str] | None = None, us_hire_key: str | None = None,
                  ) -> pd.DataFrame:
    """pay: one row per cell with key, country, n, p25, median, p75 (US dollars). zones: a
    cell's own time zone by key (the US hire's city), else its country's. Returns pay with
    the columns below added; amounts a country's figures do not allow are NaN."""
    rows = [_cell_costs(row, facts, settings, (zones or {}).get(row["key"]))
            for row in pay.to_dict("records")]
    extra = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "vs_us_hire"])
    table = pd.concat([pay.reset_index(drop=True), extra], axis=1)
    us_total = _us_hire_total(table, us_hire_key)
    table["vs_us_hire"] = table["total_cost"] / us_total - 1 if us_total else np.nan
    return table


COLUMNS = ("grade", "currency", "usd_per_unit", "p25_local", "median_local", "p75_local",
           "has_contributions", "contributions", "contribution_share", "unsettled_counted",
           "unsourced", "eor_fee", "total_cost", "time_zone", "overlap_hours", "under_minimum",
           "vs_us_hire")


def _cell_costs(row: Mapping, facts: CountryFacts, settings: CostSettings,
                zone: str | None) -> dict:
    country = row["country"]
    currency = facts.currencies.get(country)
    rate = facts.usd_per_unit.get(currency) if currency else None
    rows = facts.contributions.get(country)
    fee = 0.0 if country in DIRECT_EMPLOYMENT else settings.eor_fee_per_month
    cost = (employer_cost.yearly_cost(row["median"], rows, rate, fee, settings.include_unsourced)
            if rows else None)
    zone = zone or facts.time_zones.get(country)
    hours = overlap.overlap_hours(settings.team_zone, zone, settings.on) if zone else None
    counted = [c for c in rows or () if employer_cost.counted(c, settings.include_unsourced)]
    return {
        "grade": confidence_grade(int(row["n"])),
        "currency": currency,
        "usd_per_unit": rate if rate is not None else np.nan,
        **{f"{name}_local": row[name] / rate if rate else np.nan for name in QUARTILE_COLUMNS},
        "has_contributions": rows is not None,
        "contributions": _or_nan(cost.contributions if cost else None),
        "contribution_share": _or_nan(cost.contribution_share if cost else None),
        "unsettled_counted": sum(c.unsettled for c in counted),
        "unsourced": sum(not c.sourced for c in rows or ()),
        "eor_fee": employer_cost.eor_fee_per_year(fee),
        "total_cost": _or_nan(cost.total if cost else None),
        "time_zone": zone,
        "overlap_hours": _or_nan(hours),
        "under_minimum": overlap.under_minimum(hours, settings.min_overlap),
    }


def _or_nan(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _us_hire_total(table: pd.DataFrame, key: str | None) -> float | None:
    rows = table.loc[table["key"] == key, "total_cost"] if key else pd.Series(dtype=float)
    return float(rows.iloc[0]) if len(rows) and not np.isnan(rows.iloc[0]) else None


RANKINGS = {"Yearly cost": ("total_cost", True), "Median pay": ("median", False),
            "Overlap": ("overlap_hours", False)}


def ranked(table: pd.DataFrame, rank_by: str) -> pd.DataFrame:
    """The rows by the chosen measure (cost lowest first; pay and overlap highest first),
    rows without it last, ties by country."""
    column, ascending = RANKINGS[rank_by]
    return table.sort_values([column, "country", "key"], ascending=[ascending, True, True],
                             na_position="last", kind="stable").reset_index(drop=True)
