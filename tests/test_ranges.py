"""Pay-range maths, table-driven, every expectation worked out by hand in a comment: ranges
from a midpoint and a spread, compa-ratio and range penetration (shared with the offer), the
structure with its progression and overlap, a thin level, a market that falls back, the
posted range and the good-faith check."""

import pytest

from paybench.datasets import calibration
from paybench.domain import ranges
from paybench.domain.policies import CityMarket, Tier
from paybench.domain.ranges import LevelMarket, PayRange
from paybench.present import ranges_link
from paybench.query.filters import Filters
from paybench.query.market_cell import choose_structure_cell
from tests.helpers import MLE


@pytest.mark.parametrize(("midpoint", "spread", "low", "high"), [
    (100_000, 0.50, 80_000, 120_000),             # 2 x 100k / 2.5 = 80k; 80k x 1.5 = 120k
    (130_000, 0.40, 108_333.33, 151_666.67),      # 260k / 2.4 = 108,333.33; x 1.4
    (90_000, 0.30, 78_260.87, 101_739.13),        # 180k / 2.3 = 78,260.87; x 1.3
    (150_000, 0.0, 150_000, 150_000),             # no spread: a single figure
])
def test_a_range_from_its_midpoint_and_spread(midpoint, spread, low, high):
    pay_range = ranges.range_from_midpoint(midpoint, spread)
    assert (pay_range.minimum, pay_range.maximum) == pytest.approx((low, high), abs=0.01)
    assert pay_range.midpoint == midpoint == pytest.approx((low + high) / 2, abs=0.01)
    assert pay_range.spread == pytest.approx(spread)


@pytest.mark.parametrize(("pay", "reference", "ratio"), [
    (110_000, 100_000, 1.10), (100_000, 100_000, 1.00), (85_000, 100_000, 0.85),
])
def test_compa_ratio_is_pay_over_the_reference(pay, reference, ratio):
    assert ranges.compa_ratio(pay, reference) == pytest.approx(ratio)


@pytest.mark.parametrize(("pay", "penetration"), [
    (80_000, 0.0),      # at the minimum
    (90_000, 0.25),     # 10k of the 40k width
    (100_000, 0.5),     # the midpoint
    (70_000, -0.25),    # 10k below the minimum
    (130_000, 1.25),    # 10k above the maximum
])
def test_range_penetration_in_80k_to_120k(pay, penetration):
    assert ranges.range_penetration(pay, 80_000, 120_000) == pytest.approx(penetration)
    assert PayRange(80_000, 100_000, 120_000).penetration(pay) == pytest.approx(penetration)


@pytest.mark.parametrize(("higher", "overlap"), [
    # 80-120k below; 104k-156k above (midpoint 130k, spread 50%): (120 - 104) / 52 = 0.3077
    (ranges.range_from_midpoint(130_000, 0.5), 16 / 52),
    # above 100k-150k (midpoint 125k, spread 50%): (120 - 100) / 50 = 0.4
    (ranges.range_from_midpoint(125_000, 0.5), 0.4),
    # above 173,913-226,087 (midpoint 200k, spread 30%): (120,000 - 173,913.04) / 52,173.91
    # = -1.0333, a gap
    (ranges.range_from_midpoint(200_000, 0.3), -53_913.04 / 52_173.91),
])
def test_overlap_of_adjacent_ranges(higher, overlap):
    lower = PayRange(80_000, 100_000, 120_000)
    assert ranges.range_overlap(lower, higher) == pytest.approx(overlap, abs=1e-4)


def market(level: str, n: int, midpoint: float, p25: float = 0.0, p75: float = 0.0) -> LevelMarket:
    """A level whose midpoint is its median."""
    return LevelMarket(level, n, p25, midpoint, p75, midpoint)


def test_a_structure_with_a_thin_level():
    markets = [market("Staff", 20, 180_000), market("Entry", 40, 100_000),
               market("Senior", 50, 150_000, p25=130_000, p75=171_000),
               market("Mid", 3, 120_000)]  # 3 records: thin, no range
    structure = ranges.build_structure(markets, ranges.DEFAULT_SPREADS)
    assert [level.level for level in structure.levels] == ["Entry", "Mid", "Senior", "Staff"]
    entry, mid, senior, staff = structure.levels
    # Entry, 30%: 200k / 2.3 = 86,956.52 to 113,043.48; no level below
    assert (entry.pay_range.minimum, entry.pay_range.maximum) == pytest.approx(
        (86_956.52, 113_043.48), abs=0.01)
    assert entry.progression is None and entry.overlap is None
    # Mid is thin: no range, and the Senior range has no level below to compare with
    assert mid.pay_range is None and mid.progression is None
    assert structure.shown_levels == ["Entry", "Senior", "Staff"]
    # Senior, 50%: 120k-180k; the market's P25 130k sits at 10 / 60, P50 at 0.5, P75 171k at
    # 51 / 60 = 0.85
    assert (senior.pay_range.minimum, senior.pay_range.maximum) == pytest.approx((120_000, 180_000))
    assert senior.progression is None and senior.overlap is None
    assert senior.market_penetration("p25") == pytest.approx(10 / 60)
    assert senior.market_penetration("p50") == pytest.approx(0.5)
    assert senior.market_penetration("p75") == pytest.approx(0.85)
    assert senior.median_compa_ratio == pytest.approx(1.0)
    # Staff, 60%: 360k / 2.6 = 138,461.54 to 221,538.46; progression 180 / 150 - 1 = 20%;
    # overlap (180,000 - 138,461.54) / 83,076.92 = 0.5
    assert staff.pay_range.minimum == pytest.approx(138_461.54, abs=0.01)
    assert staff.progression == pytest.approx(0.20)
    assert staff.overlap == pytest.approx(0.5)


def test_a_higher_levels_minimum_below_the_lower_ones_is_found():
    # Staff 180k at 60%: min 138,461.54; Principal 190k at 70%: min 380k / 2.7 = 140,740.74,
    # above; Principal 185k: min 370k / 2.7 = 137,037.04, below Staff's
    kept = ranges.build_structure([market("Staff", 40, 180_000), market("Principal", 30, 190_000)],
                                  ranges.DEFAULT_SPREADS)
    assert kept.inverted_minimums == []
    inverted = ranges.build_structure(
        [market("Staff", 40, 180_000), market("Principal", 30, 185_000),
         market("Senior", 50, 150_000)], ranges.DEFAULT_SPREADS)
    ((lower, higher),) = inverted.inverted_minimums
    assert (lower.level, higher.level) == ("Staff", "Principal")
    assert higher.pay_range.minimum == pytest.approx(137_037.04, abs=0.01)


def test_a_midpoint_above_the_median_gives_a_compa_ratio_below_one():
    # midpoint at P60 = 160k, median 150k: compa-ratio 150 / 160 = 0.9375
    level = LevelMarket("Senior", 80, 130_000, 150_000, 170_000, 160_000)
    structure = ranges.build_structure([level], {"Senior": 0.5}, midpoint_percentile=60)
    assert structure.levels[0].pay_range.midpoint == 160_000
    assert structure.levels[0].median_compa_ratio == pytest.approx(0.9375)


# ---- the market a structure comes from: a thin cell falls back ---------------------------------

SEATTLE_FINANCE = Filters(role=MLE, city=("Seattle",), metro=("Seattle Metro",),
                          industry=("Finance",))


def counter(table: dict[tuple, dict[str, int]]):
    """A count_by_level that answers from a table keyed on (city, metro, industry)."""
    def count_by_level(filters: Filters) -> dict[str, int]:
        return table[(filters.city, filters.metro, filters.industry)]
    return count_by_level


FULL = {"Entry": 40, "Mid": 60, "Senior": 70, "Staff": 30, "Principal": 12}


@pytest.mark.parametrize(("table", "broadened", "levels", "used"), [
    # every level has 5 or more in Seattle's Finance records: no fallback
    ({(("Seattle",), ("Seattle Metro",), ("Finance",)): FULL,
      ((), (), ()): FULL}, "", ("Entry", "Mid", "Senior", "Staff", "Principal"), "Finance"),
    # Principal has 3 in Seattle Finance: the whole structure drops the industry
    ({(("Seattle",), ("Seattle Metro",), ("Finance",)): {**FULL, "Principal": 3},
      (("Seattle",), ("Seattle Metro",), ()): FULL,
      ((), (), ()): FULL}, "without industry", ("Entry", "Mid", "Senior", "Staff", "Principal"),
     "Seattle"),
    # Principal is thin even nationally (2): it is left out, and nothing needs to broaden
    ({(("Seattle",), ("Seattle Metro",), ("Finance",)): {**FULL, "Principal": 1},
      ((), (), ()): {**FULL, "Principal": 2}}, "", ("Entry", "Mid", "Senior", "Staff"),
     "Finance"),
    # Staff is thin in Seattle (city and metro): the structure goes national
    ({(("Seattle",), ("Seattle Metro",), ("Finance",)): {**FULL, "Staff": 0},
      (("Seattle",), ("Seattle Metro",), ()): {**FULL, "Staff": 4},
      ((), ("Seattle Metro",), ()): {**FULL, "Staff": 4},
      ((), (), ()): FULL}, "without industry, city, metro area",
     ("Entry", "Mid", "Senior", "Staff", "Principal"), "national"),
])
def test_a_thin_level_makes_the_whole_structure_fall_back(table, broadened, levels, used):
    cell = choose_structure_cell(SEATTLE_FINANCE, counter(table))
    assert cell.broadened == broadened
    assert cell.levels == levels
    assert cell.exact_counts == table[(("Seattle",), ("Seattle Metro",), ("Finance",))]
    assert all(cell.counts[level] >= 5 for level in levels)
    expected_filters = {"Finance": SEATTLE_FINANCE,
                        "Seattle": Filters(role=MLE, city=("Seattle",), metro=("Seattle Metro",)),
                        "national": Filters(role=MLE)}[used]
    assert cell.filters == expected_filters


def test_no_structure_when_no_level_has_enough_records_anywhere():
    thin = {"Entry": 4, "Senior": 1}
    table = {(("Seattle",), ("Seattle Metro",), ("Finance",)): thin, ((), (), ()): thin}
    assert choose_structure_cell(SEATTLE_FINANCE, counter(table)) is None


# ---- the posted range -----------------------------------------------------------------------

STRUCTURE_80_120 = PayRange(80_000, 100_000, 120_000)


@pytest.mark.parametrize(("kind", "start", "end", "low", "high", "spread"), [
    (ranges.HIRING_RANGE, 0.0, 0.5, 80_000, 100_000, 0.25),     # min to midpoint: 20k / 80k
    (ranges.HIRING_RANGE, 0.25, 0.75, 90_000, 110_000, 2 / 9),  # 20k / 90k = 22.2%
    (ranges.HIRING_RANGE, 0.75, 0.25, 90_000, 110_000, 2 / 9),  # either order
    (ranges.STRUCTURE_RANGE, 0.25, 0.75, 80_000, 120_000, 0.5),  # the whole range; shares unused
])
def test_posted_range(kind, start, end, low, high, spread):
    posted = ranges.posted_range(STRUCTURE_80_120, kind, start, end)
    assert (posted.low, posted.high) == (low, high)
    assert posted.spread == pytest.approx(spread)


def test_a_posted_ranges_ends_are_rounded_outward_to_a_thousand():
    # midpoint 158k, spread 50%: 126,400-189,600; hiring range 126,400-158,000 -> 126k-158k
    structure_range = ranges.range_from_midpoint(158_000, 0.5)
    posted = ranges.posted_range(structure_range)
    assert (posted.low, posted.high) == (126_000, 158_000)
    assert ranges.posted_range(structure_range, rounding=0).low == pytest.approx(126_400)
    assert (posted.start, posted.end) == (0.0, 0.5)
    assert ranges.default_posted_range(158_000, "Senior") == posted


def test_a_posted_range_holds_the_amounts_it_was_cut_from():
    """Rounded to the nearest thousand, a hiring range ending at a midpoint of $235,476 would
    end at $235,000, and an offer at the market median would sit above the posted range."""
    structure_range = ranges.range_from_midpoint(235_476, 0.6)  # minimum 181,135.4
    posted = ranges.posted_range(structure_range)
    assert (posted.low, posted.high) == (181_000, 236_000)
    assert ranges.placement(235_476, posted.low, posted.high).inside


@pytest.mark.parametrize(("spread", "threshold", "too_wide"), [
    (0.70, 0.60, True),    # Principal's whole structure range at the default limit
    (0.60, 0.60, False),   # at the limit is within it
    (0.25, 0.60, False),   # a default hiring range
    (0.25, 0.20, True),    # a stricter limit
])
def test_good_faith_check(spread, threshold, too_wide):
    structure_range = ranges.range_from_midpoint(100_000, spread)
    posted = ranges.posted_range(structure_range, ranges.STRUCTURE_RANGE, rounding=0)
    check = ranges.good_faith_check(posted, threshold)
    assert check.spread == pytest.approx(spread)
    assert check.too_wide is too_wide


@pytest.mark.parametrize(("pay", "inside", "below", "above", "penetration"), [
    (150_000, True, 0, 0, 0.75),             # (150 - 126) / 32
    (126_000, True, 0, 0, 0.0),              # the low end is inside
    (120_000, False, 6_000, 0, -0.1875),     # 6k under 126k; -6 / 32
    (170_000, False, 0, 12_000, 1.375),      # 12k over 158k; 44 / 32
])
def test_placement_against_a_posted_range(pay, inside, below, above, penetration):
    place = ranges.placement(pay, 126_000, 158_000)
    assert (place.inside, place.below_by, place.above_by) == (inside, below, above)
    assert place.penetration == pytest.approx(penetration)


def test_zones_are_the_remote_pages_tiers():
    # default tiers: 1.10 and up is zone 1, 0.95 and up zone 2, the rest zone 3
    cities = [CityMarket("A", 10, 1.20, None), CityMarket("B", 10, 1.00, None),
              CityMarket("C", 10, 0.80, None), CityMarket("D", 10, 1.10, None)]
    tiers = (Tier(100, 1.10), Tier(90, 0.95), Tier(80, None))
    assert ranges.zone_cities(cities, tiers, 1) == ["A", "D"]
    assert ranges.zone_cities(cities, tiers, 2) == ["B"]
    assert ranges.zone_cities(cities, tiers, 3) == ["C"]


# ---- the page's link: market locations and the posting's work location ----------------------

@pytest.mark.parametrize(("option", "kind", "value", "zone"), [
    ("As in the sidebar", "sidebar", "", 0),
    ("National", "national", "", 0),
    ("City: Seattle", "city", "Seattle", 0),
    ("Metro: Seattle-Tacoma-Bellevue, WA", "metro", "Seattle-Tacoma-Bellevue, WA", 0),
    ("Zone 2", "zone", "", 2),
    ("Zone x", "sidebar", "", 0),  # not a zone number: the default
])
def test_market_locations_read_from_the_link(option, kind, value, zone):
    location = ranges_link.parse_location(option)
    assert (location.kind, location.value, location.zone) == (kind, value, zone)


@pytest.mark.parametrize(("choice", "market", "expected"), [
    ("Berlin, Germany", "City: Seattle", "Berlin, Germany"),  # chosen: kept
    (ranges_link.AS_MARKET, "City: Seattle", "Seattle, WA"),   # the market's city
    (ranges_link.AS_MARKET, "City: Madison", "Madison, WI"),
    (ranges_link.AS_MARKET, "Zone 1", "Remote: anywhere in the US"),  # no single city
    (ranges_link.AS_MARKET, "National", "Remote: anywhere in the US"),
])
def test_the_posting_follows_the_market_unless_told(choice, market, expected):
    places = calibration.posting_places()
    location = ranges_link.parse_location(market)
    assert ranges_link.work_location(choice, location, places) == expected


def test_a_dataset_without_cities_offers_no_city_metro_or_zone():
    assert ranges_link.location_options([], [], 3) == ["As in the sidebar", "National"]
    assert ranges_link.location_options(["Austin"], ["Austin Metro"], 2) == [
        "As in the sidebar", "National", "City: Austin", "Metro: Austin Metro", "Zone 1", "Zone 2"]
