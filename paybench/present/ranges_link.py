"""The Pay ranges page's link: each input is a URL parameter (present/page_keys.py: ranges_*),
with the choices and bounds it may carry, and the market locations a structure can be built
for ("City: Seattle", "Metro: …", "Zone 2", "National", or the sidebar's selection)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from paybench.domain import ranges
from paybench.domain.pay_laws import PostingPlace
from paybench.domain.vocabulary import LEVELS
from paybench.present import page_keys
from paybench.present.link_check import InputSpec

AS_IN_SIDEBAR = "As in the sidebar"
NATIONAL = "National"
CITY_PREFIX, METRO_PREFIX, ZONE_PREFIX = "City: ", "Metro: ", "Zone "
AS_MARKET = "Where the market is"  # the posting's work location follows the market's
REMOTE_US = "Remote: anywhere in the US"
EQUITY_CHOICES = ("Yes", "No")
DEFAULT_LEVEL = "Senior"
DEFAULT_EMPLOYEES = 100
DEFAULT_BONUS_PCT = 10.0

# The numbers a link may carry (the widgets enforce the same bounds), in what the user types:
# percentiles and percentages.
PERCENTILE_BOUNDS = (25.0, 90.0)
SPREAD_PCT_BOUNDS = (5.0, 200.0)
SHARE_PCT_BOUNDS = (0.0, 100.0)
GOOD_FAITH_PCT_BOUNDS = (5.0, 300.0)
BONUS_PCT_BOUNDS = (0.0, 100.0)
EMPLOYEES_BOUNDS = (1, 1_000_000)


def spread_key(level: str) -> str:
    return page_keys.RANGES_SPREAD_PREFIX + level.lower()


@dataclass(frozen=True)
class Location:
    """A structure's market location: "sidebar", "national", "city", "metro" or "zone"."""

    kind: str
    value: str = ""
    zone: int = 0


def location_options(cities: Sequence[str], metros: Sequence[str], zones: int) -> list[str]:
    """What the location input offers: the sidebar's selection, national, then every city,
    metro and zone of the data (none when the data has no cities)."""
    if not cities:
        return [AS_IN_SIDEBAR, NATIONAL]
    return [AS_IN_SIDEBAR, NATIONAL, *(CITY_PREFIX + city for city in cities),
            *(METRO_PREFIX + metro for metro in metros),
            *(f"{ZONE_PREFIX}{number}" for number in range(1, zones + 1))]


def parse_location(option: str) -> Location:
    if option == NATIONAL:
        return Location("national")
    if option.startswith(CITY_PREFIX):
        return Location("city", option.removeprefix(CITY_PREFIX))
    if option.startswith(METRO_PREFIX):
        return Location("metro", option.removeprefix(METRO_PREFIX))
    if option.startswith(ZONE_PREFIX) and option.removeprefix(ZONE_PREFIX).isdigit():
        return Location("zone", zone=int(option.removeprefix(ZONE_PREFIX)))
    return Location("sidebar")


def needs_cities(option: str) -> bool:
    """Whether a location option names a city, a metro or a zone."""
    return parse_location(option).kind in ("city", "metro", "zone")


def work_location_options(places: Sequence[str]) -> list[str]:
    return [AS_MARKET, *places]


def work_location(choice: str, location: Location, places: Mapping[str, PostingPlace]) -> str:
    """The posting's work location: the choice, or, when it follows the market, the market's
    city where the posting locations have it (a US city), else remote anywhere in the US."""
    if choice != AS_MARKET:
        return choice
    if location.kind == "city":
        for label, place in places.items():
            if place.country == "US" and not place.remote and place.city == location.value:
                return label
    return REMOTE_US


@dataclass(frozen=True)
class RangesInputs:
    """What the page's inputs are set to, as fractions where the domain takes fractions."""

    location: str = AS_IN_SIDEBAR
    midpoint_percentile: float = ranges.DEFAULT_MIDPOINT_PERCENTILE
    spreads: Mapping[str, float] = field(default_factory=lambda: dict(ranges.DEFAULT_SPREADS))
    level: str = DEFAULT_LEVEL
    work_location: str = AS_MARKET
    employees: int = DEFAULT_EMPLOYEES
    posted: str = ranges.HIRING_RANGE
    hiring_from: float = ranges.DEFAULT_HIRING_FROM
    hiring_to: float = ranges.DEFAULT_HIRING_TO
    good_faith: float = ranges.DEFAULT_GOOD_FAITH_SPREAD
    bonus_pct: float = DEFAULT_BONUS_PCT
    equity: bool = True


def input_specs(locations: Sequence[str], levels: Sequence[str], work_locations: Sequence[str],
                ) -> dict[str, InputSpec]:
    """What each of the page's URL parameters may carry, for checking a link (the zone tiers
    are text, checked on their own by present/link_tables.py)."""
    specs = {
        page_keys.RANGES_LOCATION: InputSpec("Market location", tuple(locations), from_data=True),
        page_keys.RANGES_PERCENTILE: InputSpec("Midpoint at percentile", bounds=PERCENTILE_BOUNDS),
        page_keys.RANGES_LEVEL: InputSpec("Level to post", tuple(levels), from_data=True),
        page_keys.RANGES_WORK_LOCATION: InputSpec("Work location", tuple(work_locations)),
        page_keys.RANGES_EMPLOYEES: InputSpec("Employees", bounds=EMPLOYEES_BOUNDS),
        page_keys.RANGES_POSTED: InputSpec("Range to post", ranges.POSTED_KINDS),
        page_keys.RANGES_HIRING_FROM: InputSpec("Hiring range from", bounds=SHARE_PCT_BOUNDS),
        page_keys.RANGES_HIRING_TO: InputSpec("Hiring range to", bounds=SHARE_PCT_BOUNDS),
        page_keys.RANGES_GOOD_FAITH: InputSpec("Good-faith spread limit",
                                               bounds=GOOD_FAITH_PCT_BOUNDS),
        page_keys.RANGES_BONUS: InputSpec("Bonus target", bounds=BONUS_PCT_BOUNDS),
        page_keys.RANGES_EQUITY: InputSpec("Equity", EQUITY_CHOICES),
    }
    for level in LEVELS:
        specs[spread_key(level)] = InputSpec(f"{level} spread", bounds=SPREAD_PCT_BOUNDS)
    return specs
