"""Pay ranges: a salary structure built from the market (a minimum, midpoint and maximum per
level), the range to put in a job posting, and where a pay falls in a range. Compa-ratio and
range penetration are defined here once; the offer calculator uses the same functions.
Dataclasses in, dataclasses out; no Streamlit, no files, no sentences.

Definitions, as the page states them:
- spread = (max − min) / min; midpoint = (min + max) / 2. From a midpoint M and a spread s:
  min = 2M / (2 + s), max = min × (1 + s) (s = 50%: 0.80 M to 1.20 M);
- the midpoint of a level is the market's base salary at the chosen percentile (default P50);
- midpoint progression = a level's midpoint / the next lower level's − 1;
- overlap of adjacent ranges = (max of the lower range − min of the higher range) / (max of the
  higher range − min of the higher range): the share of the higher range the lower one also
  covers; below 0 there is a gap between them;
- compa-ratio = pay / a reference pay (the range midpoint, or the market median);
- range penetration = (pay − range min) / (range max − range min): 0 at the minimum, 1 at the
  maximum, outside 0..1 outside the range;
- the hiring range is the part of the structure range between two penetrations (default 0 to
  0.5: from the minimum to the midpoint), and the posted range is either it or the whole
  structure range;
- a posted range is flagged as unlikely to pass as a good-faith estimate when its spread is
  above a threshold (default 60%).

Sources of the defaults (data/calibration/README.md has them in full):
- spreads by level: WorldatWork & Deloitte, 2012 Survey of Salary Structure Policies and
  Practices, reported by SHRM (market-based structures 30-80%), and a summary of the WorldatWork
  Handbook of Compensation (30-40% technical, 40-50% professional, 50%+ managerial and
  executive); the split by level is judgment, and Staff and Principal are placed on the
  director and executive spreads by judgment;
- the hiring range from the minimum to the midpoint: university HR policies (Stony Brook,
  Mississippi State, Santa Clara, Houston, Northeastern) and practitioner writing;
- the good-faith threshold of 60%: New Jersey's proposed rule (2025-09-15, not adopted as of
  2026-11-26) caps a posted spread at 60%; no US law in force sets a number.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from paybench.domain.policies import CityMarket, Tier, tier_assignments
from paybench.domain.vocabulary import LEVELS, MIN_CELL_SIZE, in_order

DEFAULT_MIDPOINT_PERCENTILE = 50.0
DEFAULT_SPREADS = {"Entry": 0.30, "Mid": 0.40, "Senior": 0.50, "Staff": 0.60, "Principal": 0.70}
FALLBACK_SPREAD = 0.50  # a level outside LEVELS (imported data) gets the middle one
HIRING_RANGE, STRUCTURE_RANGE = "Hiring range", "Structure range"
POSTED_KINDS = (HIRING_RANGE, STRUCTURE_RANGE)
DEFAULT_HIRING_FROM, DEFAULT_HIRING_TO = 0.0, 0.5  # range penetrations: minimum to midpoint
DEFAULT_GOOD_FAITH_SPREAD = 0.60
POSTING_ROUNDING = 1_000  # a posted range's ends, outward to a thousand dollars
MARKET_POINTS = ("p25", "p50", "p75")


# ---- one range -------------------------------------------------------------------------------

def compa_ratio(pay: float, reference: float) -> float:
    """pay / reference: 1.00 is at the reference (a range midpoint, or the market median)."""
    return pay / reference


def range_penetration(pay: float, low: float, high: float) -> float:
    """(pay − low) / (high − low): 0 at the range's low end, 1 at its high end."""
    return (pay - low) / (high - low)


@dataclass(frozen=True)
class PayRange:
    minimum: float
    midpoint: float
    maximum: float

    @property
    def spread(self) -> float:
        """(max − min) / min."""
        return (self.maximum - self.minimum) / self.minimum

    @property
    def width(self) -> float:
        return self.maximum - self.minimum

    def penetration(self, pay: float) -> float:
        return range_penetration(pay, self.minimum, self.maximum)

    def at(self, penetration: float) -> float:
        """The pay at a range penetration: min + penetration × (max − min)."""
        return self.minimum + penetration * self.width


def range_from_midpoint(midpoint: float, spread: float) -> PayRange:
    """min = 2M / (2 + s), max = min × (1 + s): a range of spread s centred on M."""
    minimum = 2 * midpoint / (2 + spread)
    return PayRange(minimum, midpoint, minimum * (1 + spread))


def midpoint_progression(lower: PayRange, higher: PayRange) -> float:
    return higher.midpoint / lower.midpoint - 1


def range_overlap(lower: PayRange, higher: PayRange) -> float:
    """(lower max − higher min) / (higher max − higher min); negative: a gap."""
    return (lower.maximum - higher.minimum) / higher.width


@dataclass(frozen=True)
class Placement:
    """Where a pay sits against a range: inside or not, by how much outside, and its
    penetration."""

    inside: bool
    below_by: float  # how far under the low end (0 when not below)
    above_by: float  # how far over the high end (0 when not above)
    penetration: float


def placement(pay: float, low: float, high: float) -> Placement:
    return Placement(low <= pay <= high, max(low - pay, 0.0), max(pay - high, 0.0),
                     range_penetration(pay, low, high))


# ---- the structure ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LevelMarket:
    """One level's market: its records' base salary at P25, P50 and P75 and at the midpoint
    percentile, with n."""

    level: str
    n: int
    base_p25: float
    base_p50: float
    base_p75: float
    base_at_midpoint_percentile: float

    @classmethod
    def from_row(cls, row: Mapping) -> "LevelMarket":
        """From a row of the structure_market_by_level query."""
        return cls(str(row["level"]), int(row["n"]), float(row["base_salary_p25"]),
                   float(row["base_salary_p50"]), float(row["base_salary_p75"]),
                   float(row["base_salary_at_midpoint"]))

    @property
    def thin(self) -> bool:
        return self.n < MIN_CELL_SIZE

    def base_at(self, point: str) -> float:
        """The base salary at "p25", "p50" or "p75"."""
        return getattr(self, f"base_{point}")


@dataclass(frozen=True)
class LevelRange:
    """A level of the structure. A thin level (fewer than MIN_CELL_SIZE records) has no range;
    progression and overlap compare with the next lower level and are None when either has no
    range (or there is no lower level)."""

    level: str
    market: LevelMarket
    spread: float
    pay_range: PayRange | None
    progression: float | None
    overlap: float | None

    def market_penetration(self, point: str) -> float | None:
        """Where the market's P25, P50 or P75 base salary falls in the range."""
        if self.pay_range is None:
            return None
        return self.pay_range.penetration(self.market.base_at(point))

    @property
    def median_compa_ratio(self) -> float | None:
        """The market median base / the range midpoint."""
        if self.pay_range is None:
            return None
        return compa_ratio(self.market.base_p50, self.pay_range.midpoint)


@dataclass(frozen=True)
class Structure:
    midpoint_percentile: float
    levels: tuple[LevelRange, ...]

    def level(self, name: str) -> LevelRange | None:
        return next((level for level in self.levels if level.level == name), None)

    @property
    def shown_levels(self) -> list[str]:
        return [level.level for level in self.levels if level.pay_range is not None]

    @property
    def inverted_minimums(self) -> list[tuple[LevelRange, LevelRange]]:
        """Adjacent levels, (lower, higher), where the higher level's minimum is below the
        lower level's: a small midpoint progression under a wider spread. A structure keeps
        each level's minimum above the one below, or a promotion can fall to a lower minimum."""
        return [(lower, higher) for lower, higher in pairwise(self.levels)
                if lower.pay_range is not None and higher.pay_range is not None
                and higher.pay_range.minimum < lower.pay_range.minimum]


def spread_for(level: str, spreads: Mapping[str, float]) -> float:
    return spreads.get(level, DEFAULT_SPREADS.get(level, FALLBACK_SPREAD))


def build_structure(markets: Sequence[LevelMarket], spreads: Mapping[str, float],
                    midpoint_percentile: float = DEFAULT_MIDPOINT_PERCENTILE) -> Structure:
    """A range per level, lowest level first: midpoint = the level's market base salary at the
    midpoint percentile, min and max from the level's spread."""
    by_level = {market.level: market for market in markets}
    levels: list[LevelRange] = []
    below: PayRange | None = None
    for name in in_order(by_level, LEVELS):
        market = by_level[name]
        spread = spread_for(name, spreads)
        pay_range = None if market.thin else range_from_midpoint(
            market.base_at_midpoint_percentile, spread)
        both = pay_range is not None and below is not None
        levels.append(LevelRange(
            name, market, spread, pay_range,
            progression=midpoint_progression(below, pay_range) if both else None,
            overlap=range_overlap(below, pay_range) if both else None))
        below = pay_range
    return Structure(midpoint_percentile, tuple(levels))


# ---- the posted range ------------------------------------------------------------------------

@dataclass(frozen=True)
class PostedRange:
    """The range a job posting states."""

    kind: str  # HIRING_RANGE or STRUCTURE_RANGE
    low: float
    high: float
    structure: PayRange
    start: float = 0.0  # the range penetrations it was cut at, before rounding
    end: float = 1.0

    @property
    def spread(self) -> float:
        return (self.high - self.low) / self.low

    @property
    def width(self) -> float:
        return self.high - self.low


def posted_range(structure_range: PayRange, kind: str = HIRING_RANGE,
                 hiring_from: float = DEFAULT_HIRING_FROM,
                 hiring_to: float = DEFAULT_HIRING_TO,
                 rounding: float = POSTING_ROUNDING) -> PostedRange:
    """The structure range itself, or the hiring range: the part between two range
    penetrations (given in either order); its ends rounded outward to a multiple of `rounding`
    (0: not rounded), as a posting states them: the minimum down, the maximum up, so the posted
    range holds every amount it was cut from (a base at the midpoint is never above a hiring
    range that ends there)."""
    start, end = (0.0, 1.0) if kind == STRUCTURE_RANGE else sorted((hiring_from, hiring_to))
    low, high = structure_range.at(start), structure_range.at(end)
    if rounding:
        # the tolerance keeps a value that is a multiple but for float error where it is
        low = math.floor(low / rounding + 1e-9) * rounding
        high = math.ceil(high / rounding - 1e-9) * rounding
    return PostedRange(kind, low, high, structure_range, start, end)


@dataclass(frozen=True)
class GoodFaithCheck:
    spread: float
    threshold: float

    @property
    def too_wide(self) -> bool:
        """Above the threshold; a spread at it (to rounding error) is within it."""
        return self.spread > self.threshold + 1e-9


def good_faith_check(posted: PostedRange,
                     threshold: float = DEFAULT_GOOD_FAITH_SPREAD) -> GoodFaithCheck:
    return GoodFaithCheck(posted.spread, threshold)


def default_posted_range(market_median_base: float, level: str) -> PostedRange:
    """What the Pay ranges page posts for a cell with its defaults: the hiring range of the
    level's structure range, whose midpoint is the cell's median base salary."""
    structure_range = range_from_midpoint(market_median_base, spread_for(level, DEFAULT_SPREADS))
    return posted_range(structure_range)


# ---- zones -----------------------------------------------------------------------------------

def zone_cities(cities: Sequence[CityMarket], tiers: Sequence[Tier], zone: int) -> list[str]:
    """The cities of a zone: those the Remote page's tiers put in tier `zone` (numbered from
    1) by their market pay factor. A zone's market is these cities' records."""
    assignments = tier_assignments(cities, tiers, {})
    return [city.city for city in cities if assignments[city.city] == zone]
