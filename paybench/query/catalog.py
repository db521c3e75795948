"""Every dimension and measure the app shows: its key, label, and order, in one place.

A dimension's key is at once the column name, the widget key, the URL parameter and the SQL
parameter, so one vocabulary runs from the link to the query.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from paybench.domain.vocabulary import (
    COMPANY_SIZES,
    LEVELS,
    REST_OF_US,
    WORK_ARRANGEMENTS,
    in_order,
)

DEFAULT_COUNTRY = "US"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    order: tuple[str, ...] = ()  # fixed display order; values from the data otherwise sort by name
    help: str = ""


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    help: str = ""


DIMENSIONS = {d.key: d for d in (
    Dimension("role", "Role"),
    Dimension("level", "Level", LEVELS, "Entry to Principal; imported levels are mapped onto these"),
    Dimension("country", "Country"),
    Dimension("metro", "Metro area", help="US metropolitan statistical area; " + REST_OF_US
              + ": records outside the listed cities' metros, with no city"),
    Dimension("city", "City"),
    Dimension("work_arrangement", "Work arrangement", WORK_ARRANGEMENTS),
    Dimension("industry", "Industry"),
    Dimension("company_size", "Company size", COMPANY_SIZES,
              "Small: under 50 employees; Medium: 50 to 250; Large: over 250"),
    Dimension("year", "Years"),
)}

# The global filters that take several values (an empty selection means all).
MULTI_VALUE_FILTERS = ("level", "country", "metro", "city", "work_arrangement", "industry",
                       "company_size")

MEASURES = {m.key: m for m in (
    Measure("total_comp", "Total comp", "base salary + bonus + equity per year"),
    Measure("base_salary", "Base salary"),
    Measure("bonus", "Bonus", "yearly cash bonus"),
    Measure("equity", "Equity", "yearly value of equity (grant value / vesting years)"),
)}

def label(key: str) -> str:
    if key in DIMENSIONS:
        return DIMENSIONS[key].label
    return MEASURES[key].label


def ordered(key: str, values: Iterable[str]) -> list[str]:
    """Values in the dimension's display order; values outside that order follow, by name."""
    return in_order(values, DIMENSIONS[key].order)
