"""Offer maths: a recommended base range from the market band, year-1 and annualized total
comp, where the offer falls in the market, and the fully loaded cost. Dataclasses in,
dataclasses out; no Streamlit, no file or SQL access, no link format and no sentences (the page
passes query results in; what looks wrong comes back as InputWarning data).

Definitions, as the page states them:
- recommended base range: the market base salary at the target percentile, ±10%; its spread is
  (max − min) / min = 1.1 / 0.9 − 1 = 22.2%;
- year-1 total comp = base + target bonus + equity vesting in year 1 + sign-on;
  annualized total comp = base + target bonus + equity per year of the grant (grant value /
  vesting years); sign-on counts in year 1 only. Market records are yearly figures without a
  sign-on, so the offer is compared with the market on its annualized total comp;
- the offer's market percentile: the share of the cell's records with lower total comp (ties
  count half), from the records themselves, not interpolated between percentiles;
- compa-ratio = offer base / market median base;
- range penetration = (offer base − range min) / (range max − range min);
- verdict on annualized total comp: below market under P25, competitive from P25 to P75, top of
  market above P75 (of the cell's total comp).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from paybench.domain.prevailing_wage import OflcWages, WageCheck, prevailing_wage_check
from paybench.domain.stats import intervals_from
from paybench.domain.vocabulary import ANY, DEFAULT_ROLE, MIN_BASE_SALARY, PERCENTILES

RANGE_HALF_WIDTH = 0.10
EQUITY_WARNING_MULTIPLE = 2  # equity per year above this many times the base gets a warning

EQUITY_TYPES = ("Grant", "Yearly value")
VESTING_SCHEDULES = ("Even", "Front-loaded")
VESTING_YEARS = (1, 2, 3, 4, 5, 6)
CLIFF_MONTHS = (0, 6, 12, 18, 24)

# The BLS "Employer Costs for Employee Compensation" release for June 2025 (USDL-25-1358,
# 12 September 2025): private industry wages and salaries $32.07 an hour, benefits $13.58, so
# benefits are 13.58 / 32.07 = 42.3% on top of wages. The page states the basis in full.
DEFAULT_COST_RATE_PCT = 42.0


# ---- the inputs ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OfferInputs:
    """Everything HR sets on the page. The defaults are the form's defaults."""

    role: str = DEFAULT_ROLE
    level: str = "Senior"
    work_arrangement: str = "Onsite"
    city: str = "San Francisco"  # the worksite; for a remote hire, the candidate's city
    company_size: str = ANY
    industry: str = ANY
    target_percentile: float = 50.0
    base_salary: float | None = None  # None: the middle of the recommended range
    bonus_target_pct: float = 10.0  # % of base
    equity_type: str = "Grant"
    grant_value: float = 0.0
    vesting_years: int = 4
    cliff_months: int = 12
    vesting: str = "Even"
    equity_per_year: float = 0.0  # when equity_type is "Yearly value"
    sign_on: float = 0.0
    cost_rate_pct: float = DEFAULT_COST_RATE_PCT


# ---- the market band -------------------------------------------------------------------------

@dataclass(frozen=True)
class Percentiles:
    p10: float
    p25: float
    p50: float
    p75: float
    p90: float


Intervals = Mapping[int, tuple[float, float] | None]  # percentile -> its 95% interval


@dataclass(frozen=True)
class MarketBand:
    """The cell's pay: percentiles of base and total comp (P25, P50 and P75 with their
    distribution-free 95% intervals), the base and total comp at the target percentile, and
    mean pay mix, with n."""

    n: int
    target_percentile: float
    base: Percentiles
    total_comp: Percentiles
    base_at_target: float
    total_comp_at_target: float
    mean_base: float
    mean_bonus: float
    mean_equity: float
    base_intervals: Intervals = field(default_factory=dict)
    total_comp_intervals: Intervals = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Mapping, target_percentile: float) -> "MarketBand":
        """From a row of the offer_market_band query."""
        def percentiles(measure: str) -> Percentiles:
            return Percentiles(*(float(row[f"{measure}_p{p}"]) for p in PERCENTILES))

        n = int(row["n"])
        return cls(
            n=n, target_percentile=target_percentile,
            base=percentiles("base_salary"), total_comp=percentiles("total_comp"),
            base_at_target=float(row["base_salary_at_target"]),
            total_comp_at_target=float(row["total_comp_at_target"]),
            mean_base=float(row["mean_base_salary"]), mean_bonus=float(row["mean_bonus"]),
            mean_equity=float(row["mean_equity"]),
            base_intervals=intervals_from(list(row["base_salary_interval_bounds"]), n),
            total_comp_intervals=intervals_from(list(row["total_comp_interval_bounds"]), n),
        )

    @property
    def mean_bonus_pct_of_base(self) -> float:
        return 100 * self.mean_bonus / self.mean_base


# ---- the recommendation and the package -----------------------------------------------------

@dataclass(frozen=True)
class BaseRange:
    low: float
    midpoint: float
    high: float

    @property
    def spread(self) -> float:
        """(max − min) / min."""
        return (self.high - self.low) / self.low


def recommended_base_range(band: MarketBand, half_width: float = RANGE_HALF_WIDTH) -> BaseRange:
    midpoint = band.base_at_target
    return BaseRange(midpoint * (1 - half_width), midpoint, midpoint * (1 + half_width))


@dataclass(frozen=True)
class EquityGrant:
    value: float
    vesting_years: int = 4
    cliff_months: int = 12
    front_loaded: bool = False


def vesting_weights(years: int, front_loaded: bool) -> list[float]:
    """Share of the grant vesting in each year. Even: 1/years each. Front-loaded: year k of n
    vests (n − k + 1) / (1 + 2 + … + n), which is 40/30/20/10 over four years."""
    raw = [years - k for k in range(years)] if front_loaded else [1] * years
    return [weight / sum(raw) for weight in raw]


def vesting_schedule(grant: EquityGrant) -> list[float]:
    """Value vesting in each year. Within a year it accrues evenly (monthly); nothing vests
    before the cliff, and at the cliff everything accrued so far vests at once. A cliff longer
    than the vesting period is read as the end of the period."""
    cliff = min(grant.cliff_months, 12 * grant.vesting_years)
    accrued = vested_before = 0.0
    amounts = []
    for year, weight in enumerate(vesting_weights(grant.vesting_years, grant.front_loaded), 1):
        accrued += weight * grant.value
        vested_by_year_end = accrued if 12 * year >= cliff else 0.0
        amounts.append(vested_by_year_end - vested_before)
        vested_before = vested_by_year_end
    return amounts


@dataclass(frozen=True)
class OfferTerms:
    base_salary: float
    bonus_target_pct: float
    sign_on: float = 0.0
    equity_per_year: float = 0.0  # used when there is no grant
    grant: EquityGrant | None = None


def offer_terms(inputs: OfferInputs, base_range: BaseRange) -> OfferTerms:
    """The inputs as terms: an empty base salary takes the middle of the recommended range."""
    base = base_range.midpoint if inputs.base_salary is None else inputs.base_salary
    if inputs.equity_type == "Yearly value":
        return OfferTerms(base, inputs.bonus_target_pct, inputs.sign_on,
                          equity_per_year=inputs.equity_per_year)
    grant = EquityGrant(inputs.grant_value, inputs.vesting_years, inputs.cliff_months,
                        front_loaded=inputs.vesting == "Front-loaded")
    return OfferTerms(base, inputs.bonus_target_pct, inputs.sign_on, grant=grant)


@dataclass(frozen=True)
class Package:
    """What the offer pays: per year (annualized) and in year 1."""

    base_salary: float
    bonus: float
    equity_per_year: float
    equity_year_one: float
    sign_on: float

    @property
    def annualized(self) -> float:
        return self.base_salary + self.bonus + self.equity_per_year

    @property
    def year_one(self) -> float:
        return self.base_salary + self.bonus + self.equity_year_one + self.sign_on

    @property
    def cash_per_year(self) -> float:
        return self.base_salary + self.bonus

    @property
    def cash_year_one(self) -> float:
        return self.base_salary + self.bonus + self.sign_on


def package(terms: OfferTerms) -> Package:
    bonus = terms.base_salary * terms.bonus_target_pct / 100
    if terms.grant is None:
        per_year = year_one = terms.equity_per_year
    else:
        per_year = terms.grant.value / terms.grant.vesting_years
        year_one = vesting_schedule(terms.grant)[0]
    return Package(terms.base_salary, bonus, per_year, year_one, terms.sign_on)


def annualized_total_comp(inputs: OfferInputs, band: MarketBand) -> float:
    """The total comp the offer is ranked by among the cell's records (see evaluate)."""
    return package(offer_terms(inputs, recommended_base_range(band))).annualized


# ---- where the offer falls ------------------------------------------------------------------

@dataclass(frozen=True)
class RankCounts:
    """How many of the cell's records have total comp below, and equal to, the offer's."""

    n: int
    below: int
    equal: int

    @classmethod
    def from_row(cls, row: Mapping) -> "RankCounts":
        """From a row of the total_comp_rank query."""
        return cls(int(row["n"]), int(row["below"]), int(row["equal"]))


def percentile_rank(counts: RankCounts) -> float:
    """Share of records below, ties counting half, in percent."""
    return 100 * (counts.below + counts.equal / 2) / counts.n


@dataclass(frozen=True)
class Verdict:
    label: str
    low: float  # P25 of total comp: below it, "below market"
    high: float  # P75 of total comp: above it, "top of market"


def verdict(total_comp: float, band: MarketBand) -> Verdict:
    low, high = band.total_comp.p25, band.total_comp.p75
    if total_comp < low:
        label = "Below market"
    elif total_comp > high:
        label = "Top of market"
    else:
        label = "Competitive"
    return Verdict(label, low, high)


@dataclass(frozen=True)
class Position:
    percentile: float
    compa_ratio: float
    range_penetration: float
    verdict: Verdict


def position(offer: Package, band: MarketBand, base_range: BaseRange,
             counts: RankCounts) -> Position:
    return Position(
        percentile=percentile_rank(counts),
        compa_ratio=offer.base_salary / band.base.p50,
        range_penetration=(offer.base_salary - base_range.low) / (base_range.high - base_range.low),
        verdict=verdict(offer.annualized, band),
    )


# ---- the cost for finance ------------------------------------------------------------------

@dataclass(frozen=True)
class Cost:
    """Fully loaded cost: pay plus employer taxes and benefits at `rate_pct` of cash pay."""

    rate_pct: float
    loading_per_year: float
    loading_year_one: float
    per_year: float
    year_one: float


def loaded_cost(offer: Package, rate_pct: float) -> Cost:
    rate = rate_pct / 100
    loading_per_year = rate * offer.cash_per_year
    loading_year_one = rate * offer.cash_year_one
    return Cost(rate_pct, loading_per_year, loading_year_one,
                offer.annualized + loading_per_year, offer.year_one + loading_year_one)


# ---- warnings and the whole evaluation ------------------------------------------------------

# What looks wrong in the inputs but does not stop the calculation.
BASE_BELOW_MINIMUM_WAGE = "base_below_minimum_wage"  # amount: base; limit: MIN_BASE_SALARY
EQUITY_OVER_BASE_MULTIPLE = "equity_over_base_multiple"  # amount: equity a year; limit: base
CLIFF_LONGER_THAN_VESTING = "cliff_longer_than_vesting"  # amount: cliff months; limit: years


@dataclass(frozen=True)
class InputWarning:
    kind: str
    amount: float
    limit: float


def input_warnings(terms: OfferTerms, offer: Package) -> list[InputWarning]:
    found = []
    if offer.base_salary < MIN_BASE_SALARY:
        found.append(InputWarning(BASE_BELOW_MINIMUM_WAGE, offer.base_salary, MIN_BASE_SALARY))
    if offer.equity_per_year > EQUITY_WARNING_MULTIPLE * offer.base_salary:
        found.append(InputWarning(EQUITY_OVER_BASE_MULTIPLE, offer.equity_per_year,
                                  offer.base_salary))
    grant = terms.grant
    if grant and grant.value and grant.cliff_months > 12 * grant.vesting_years:
        found.append(InputWarning(CLIFF_LONGER_THAN_VESTING, grant.cliff_months,
                                  grant.vesting_years))
    return found


@dataclass(frozen=True)
class OfferResult:
    inputs: OfferInputs
    band: MarketBand
    base_range: BaseRange
    terms: OfferTerms
    package: Package
    position: Position
    wage_check: WageCheck
    cost: Cost
    warnings: list[InputWarning]

    @property
    def vesting(self) -> list[float]:
        """The grant's year-by-year schedule; empty without a grant."""
        grant = self.terms.grant
        return vesting_schedule(grant) if grant and grant.value else []


def evaluate(inputs: OfferInputs, band: MarketBand, counts: RankCounts,
             wages: Mapping[tuple[str, str], OflcWages]) -> OfferResult:
    """Everything the page shows, from the inputs, the cell's band, the rank of the offer's
    annualized total comp among the cell's records (annualized_total_comp gives the figure to
    rank) and the prevailing-wage table."""
    base_range = recommended_base_range(band)
    terms = offer_terms(inputs, base_range)
    offer = package(terms)
    return OfferResult(
        inputs=inputs, band=band, base_range=base_range, terms=terms, package=offer,
        position=position(offer, band, base_range, counts),
        wage_check=prevailing_wage_check(inputs.role, inputs.level, inputs.city,
                                         offer.base_salary, wages),
        cost=loaded_cost(offer, inputs.cost_rate_pct),
        warnings=input_warnings(terms, offer),
    )
