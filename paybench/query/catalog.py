"""Every dimension and measure the app shows: its key, label, and order, in one place.

A dimension's key is at once the column name, the widget key, the URL parameter and the SQL
parameter, so one vocabulary runs from the link to the query.
"""

from collections.abc import Iterable
from dataclasses import dataclass

LEVELS = ("Entry", "Mid", "Senior", "Staff", "Principal")
WORK_ARRANGEMENTS = ("Onsite", "Hybrid", "Remote")
COMPANY_SIZES = ("Small", "Medium", "Large")
MIN_CELL_SIZE = 5  # fewer records than this and a figure is not shown as a number
DEFAULT_ROLE = "Machine Learning Engineer"
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
    Dimension("metro", "Metro area", help="US metropolitan statistical area"),
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

PERCENTILES = (10, 25, 50, 75, 90)

# URL parameters that belong to one page (keyed by the page's url_path), beyond the global
# filters. A link parameter that is neither is dropped with a note.
PAGE_URL_KEYS: dict[str, tuple[str, ...]] = {
    "data": ("data_tab",),
    # The offer calculator's inputs ("offer_" + a field of paybench.domain.offer.OfferInputs) and the
    # dataset version its link was made on.
    "offer": (
        "offer_role", "offer_level", "offer_work_arrangement", "offer_city",
        "offer_company_size", "offer_industry", "offer_target_percentile", "offer_base_salary",
        "offer_bonus_target_pct", "offer_equity_type", "offer_grant_value",
        "offer_vesting_years", "offer_cliff_months", "offer_vesting", "offer_equity_per_year",
        "offer_sign_on", "offer_cost_rate_pct", "offer_dataset",
    ),
    "cities": ("cities_rank_by", "cities_compare"),
    "remote": ("remote_policy_level", "remote_policy_percentile", "remote_tiers",
               "remote_tier_overrides", "remote_team"),
}


def label(key: str) -> str:
    if key in DIMENSIONS:
        return DIMENSIONS[key].label
    return MEASURES[key].label


def ordered(key: str, values: Iterable[str]) -> list[str]:
    """Values in the dimension's display order; values outside that order follow, by name."""
    order = DIMENSIONS[key].order
    rank = {value: position for position, value in enumerate(order)}
    return sorted(values, key=lambda value: (rank.get(value, len(order)), str(value)))
