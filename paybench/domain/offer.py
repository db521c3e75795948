"""Offer maths: the market band for the offer's cell, a recommended base range, year-1 and
annualized total comp, where the offer falls in the market, the DOL prevailing-wage check and
the fully loaded cost. Dataclasses in, dataclasses out; no Streamlit and no file or SQL access
(the page passes query results in, and callables where a figure needs another query).

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from paybench.datasets.calibration import OflcWages
from paybench.datasets.schema import MAX_TOTAL_COMP, MIN_BASE_SALARY
from paybench.present.formatting import money
from paybench.present.link_check import InputSpec
from paybench.query import catalog
from paybench.query.filters import OFFER_BROADENING_ORDER, Filters, nearest_sufficient_cell

ANY = "Any"  # the city, company size or industry choice that does not narrow the market cell
RANGE_HALF_WIDTH = 0.10
EQUITY_WARNING_MULTIPLE = 2  # equity per year above this many times the base gets a warning

EQUITY_TYPES = ("Grant", "Yearly value")
VESTING_SCHEDULES = ("Even", "Front-loaded")
VESTING_YEARS = (1, 2, 3, 4, 5, 6)
CLIFF_MONTHS = (0, 6, 12, 18, 24)

# The BLS "Employer Costs for Employee Compensation" release for June 2025 (USDL-25-1358,
# 12 September 2025): private industry wages and salaries $32.07 an hour, benefits $13.58, so
# benefits are 29.8% of total compensation and 13.58 / 32.07 = 42.3% on top of wages.
DEFAULT_COST_RATE_PCT = 42.0
COST_RATE_BASIS = (
    "BLS Employer Costs for Employee Compensation, June 2025 (released 12 September 2025): in "
    "private industry, wages and salaries cost $32.07 an hour and benefits (paid leave, "
    "supplemental pay, insurance, retirement, legally required payroll taxes) $13.58, 29.8% of "
    "total compensation, i.e. 42% on top of wages. The rate loads cash pay (base, bonus, "
    "sign-on); equity is not loaded, since benefits do not scale with it and at these salaries "
    "the only payroll tax on vesting stock is Medicare's 1.45%. BLS counts bonuses among "
    "benefits (supplemental pay, $1.84 an hour), so loading the bonus errs on the high side.")

# DOL prevailing wages: the occupation (SOC code) a role is filed under and the wage level a
# level maps to. Scientists file as Data Scientists, engineers as Software Developers.
SOC_TITLES = {"15-1252": "Software Developers", "15-2051": "Data Scientists"}
SOC_BY_ROLE_WORD = {"Scientist": "15-2051", "Engineer": "15-1252"}
WAGE_LEVELS = {"Entry": 1, "Mid": 2, "Senior": 3, "Staff": 4, "Principal": 4}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# ---- the inputs ------------------------------------------------------------------------------

@dataclass(frozen=True)
class OfferInputs:
    """Everything HR sets on the page. Each field is a widget key and URL parameter:
    "offer_" + the field name. The defaults are the widgets' defaults."""

    role: str = catalog.DEFAULT_ROLE
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


INPUT_LABELS = {
    "role": "Role", "level": "Level", "work_arrangement": "Work arrangement", "city": "City",
    "company_size": "Company size", "industry": "Industry",
    "target_percentile": "Target percentile", "base_salary": "Base salary",
    "bonus_target_pct": "Bonus target (% of base)", "equity_type": "Equity as",
    "grant_value": "Grant value", "vesting_years": "Vesting years",
    "cliff_months": "Cliff (months)", "vesting": "Vesting schedule",
    "equity_per_year": "Equity per year", "sign_on": "Sign-on bonus",
    "cost_rate_pct": "Employer cost rate (%)",
}
URL_PREFIX = "offer_"
DATASET_KEY = "offer_dataset"  # the dataset version the link was made on
INPUT_NAMES = tuple(field.name for field in fields(OfferInputs))

# The numbers a link may carry, with their bounds (the widgets enforce the same ones).
NUMBER_BOUNDS: dict[str, tuple[float, float]] = {
    "target_percentile": (25.0, 90.0),
    "base_salary": (0.0, float(MAX_TOTAL_COMP)),
    "bonus_target_pct": (0.0, 100.0),
    "grant_value": (0.0, 10.0 * MAX_TOTAL_COMP),
    "equity_per_year": (0.0, float(MAX_TOTAL_COMP)),
    "sign_on": (0.0, float(MAX_TOTAL_COMP)),
    "cost_rate_pct": (0.0, 100.0),
}
FIXED_CHOICES: dict[str, tuple] = {
    "work_arrangement": catalog.WORK_ARRANGEMENTS,
    "equity_type": EQUITY_TYPES,
    "vesting_years": VESTING_YEARS,
    "cliff_months": CLIFF_MONTHS,
    "vesting": VESTING_SCHEDULES,
}
# Inputs whose choices are the dataset's values of the dimension of the same name; the
# optional ones offer ANY first.
DATA_CHOICE_INPUTS = ("role", "level", "city", "company_size", "industry")
OPTIONAL_CHOICE_INPUTS = ("city", "company_size", "industry")  # a dataset may have no city


def choices(name: str, data_options: Mapping[str, Sequence[str]]) -> tuple:
    """What the input offers: fixed choices, or the data's values (ANY first if optional)."""
    if name in FIXED_CHOICES:
        return FIXED_CHOICES[name]
    values = tuple(data_options.get(name, ()))
    return (ANY, *values) if name in OPTIONAL_CHOICE_INPUTS else values


def default_choice(name: str, options: Sequence) -> object:
    """The input's default if the data has it, else the first choice: it depends on the
    dataset only, so a link means the same in every browser."""
    default = getattr(OfferInputs, name)
    return default if default in options else options[0]


def input_specs(data_options: Mapping[str, Sequence[str]]) -> dict[str, InputSpec]:
    """What each input's URL parameter may carry, for checking a link."""
    specs = {}
    for name in INPUT_NAMES:
        label = INPUT_LABELS[name]
        if name in FIXED_CHOICES or name in DATA_CHOICE_INPUTS:
            options = tuple(str(option) for option in choices(name, data_options))
            spec = InputSpec(label, options, from_data=name in DATA_CHOICE_INPUTS)
        else:
            spec = InputSpec(label, bounds=NUMBER_BOUNDS[name], clearable=name == "base_salary")
        specs[url_key(name)] = spec
    return specs


def url_key(name: str) -> str:
    return URL_PREFIX + name


def start_values(filters: Filters) -> dict[str, str]:
    """The inputs the sidebar's selection names: its role, and each filter set to one value."""
    starts = {"role": filters.role} if filters.role else {}
    for name in ("level", "city", "work_arrangement", "company_size", "industry"):
        values = getattr(filters, name)
        if len(values) == 1:
            starts[name] = values[0]
    return starts


def share_params(inputs: OfferInputs, dataset_version: str) -> dict[str, str]:
    """Every input as a URL parameter, defaults included, so a link keeps its meaning even if
    a later version changes a default; plus the dataset version. None is an empty value."""
    params = {url_key(name): _url_text(getattr(inputs, name)) for name in INPUT_NAMES}
    return {**params, DATASET_KEY: dataset_version}


def share_query(inputs: OfferInputs, dataset_version: str) -> str:
    """The link's query string (without the "?")."""
    return urlencode(share_params(inputs, dataset_version))


def _url_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- the market cell and its band ----------------------------------------------------------

@dataclass(frozen=True)
class MarketCell:
    """The cell the band comes from: the offer's own cell if it has enough records, else the
    nearest broader one (`broadened` says what was dropped)."""

    filters: Filters
    n: int
    exact: Filters
    exact_n: int
    broadened: str = ""


def market_filters(inputs: OfferInputs, metro: str | None) -> Filters:
    """The offer's own cell: role, level, city and its metro, arrangement, size, industry."""
    def narrowing(value: str) -> tuple[str, ...]:
        return () if value == ANY else (value,)

    return Filters(
        role=inputs.role, level=(inputs.level,), city=narrowing(inputs.city),
        metro=(metro,) if metro else (), work_arrangement=(inputs.work_arrangement,),
        company_size=narrowing(inputs.company_size), industry=narrowing(inputs.industry),
    )


def choose_market_cell(exact: Filters, count: Callable[[Filters], int],
                       min_n: int = catalog.MIN_CELL_SIZE) -> MarketCell | None:
    """The narrowest cell with at least min_n records, broadening in OFFER_BROADENING_ORDER;
    None when even the role alone is thin."""
    exact_n = count(exact)
    if exact_n >= min_n:
        return MarketCell(exact, exact_n, exact, exact_n)
    nearest = nearest_sufficient_cell(exact, count, min_n, OFFER_BROADENING_ORDER)
    if nearest is None:
        return None
    description, cell, n = nearest
    return MarketCell(cell, n, exact, exact_n, description)


@dataclass(frozen=True)
class Percentiles:
    p10: float
    p25: float
    p50: float
    p75: float
    p90: float


@dataclass(frozen=True)
class MarketBand:
    """The cell's pay: percentiles of base and total comp, the base and total comp at the
    target percentile, and mean pay mix, with n."""

    n: int
    target_percentile: float
    base: Percentiles
    total_comp: Percentiles
    base_at_target: float
    total_comp_at_target: float
    mean_base: float
    mean_bonus: float
    mean_equity: float

    @classmethod
    def from_row(cls, row: Mapping, target_percentile: float) -> "MarketBand":
        """From a row of the offer_market_band query."""
        def percentiles(measure: str) -> Percentiles:
            return Percentiles(*(float(row[f"{measure}_p{p}"]) for p in catalog.PERCENTILES))

        return cls(
            n=int(row["n"]), target_percentile=target_percentile,
            base=percentiles("base_salary"), total_comp=percentiles("total_comp"),
            base_at_target=float(row["base_salary_at_target"]),
            total_comp_at_target=float(row["total_comp_at_target"]),
            mean_base=float(row["mean_base_salary"]), mean_bonus=float(row["mean_bonus"]),
            mean_equity=float(row["mean_equity"]),
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


# ---- the DOL prevailing wage ---------------------------------------------------------------

def soc_code(role: str) -> str | None:
    """The SOC code a role files under: a "… Scientist" as 15-2051, an "… Engineer" as
    15-1252; None for a role outside these two."""
    last_word = role.split()[-1] if role.split() else ""
    return SOC_BY_ROLE_WORD.get(last_word)


@dataclass(frozen=True)
class WageCheck:
    """The prevailing-wage floor for the worksite, occupation and wage level, and whether the
    offer's base clears it. floor is None when there is none to check (reason says why)."""

    soc: str | None
    wage_level: int | None
    floor: float | None = None
    metro: str | None = None
    base_salary: float = 0.0
    reason: str = ""

    @property
    def clears(self) -> bool | None:
        return None if self.floor is None else self.base_salary >= self.floor

    @property
    def margin(self) -> float | None:
        return None if self.floor is None else self.base_salary - self.floor


def prevailing_wage_check(role: str, level: str, city: str, base_salary: float,
                          wages: Mapping[tuple[str, str], OflcWages]) -> WageCheck:
    soc, wage_level = soc_code(role), WAGE_LEVELS.get(level)
    if soc is None:
        return WageCheck(soc, wage_level, base_salary=base_salary,
                         reason=f"{role} does not map to 15-1252 or 15-2051.")
    if wage_level is None:
        return WageCheck(soc, wage_level, base_salary=base_salary,
                         reason=f"Level {level} does not map to a DOL wage level.")
    if city == ANY:
        return WageCheck(soc, wage_level, base_salary=base_salary,
                         reason="No city chosen: the prevailing wage is set for a metro.")
    metro_wages = wages.get((city, soc))
    if metro_wages is None:
        return WageCheck(soc, wage_level, base_salary=base_salary,
                         reason=f"No prevailing wage on file for {city}.")
    return WageCheck(soc, wage_level, metro_wages.level(wage_level), metro_wages.metro,
                     base_salary)


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

def input_warnings(terms: OfferTerms, offer: Package) -> list[str]:
    """What looks wrong but does not stop the calculation."""
    notes = []
    if offer.base_salary < MIN_BASE_SALARY:
        notes.append(f"A base salary of {money(offer.base_salary)} is below the US federal "
                     f"minimum wage for a full-time year ({money(MIN_BASE_SALARY)}).")
    if offer.equity_per_year > EQUITY_WARNING_MULTIPLE * offer.base_salary:
        notes.append(f"Equity of {money(offer.equity_per_year)} a year is more than "
                     f"{EQUITY_WARNING_MULTIPLE} times the base salary "
                     f"({money(offer.base_salary)}). Check the amount: is a whole grant "
                     "entered as a yearly value, or a yearly value as a grant?")
    grant = terms.grant
    if grant and grant.value and grant.cliff_months > 12 * grant.vesting_years:
        notes.append(f"The cliff ({grant.cliff_months} months) is longer than the vesting "
                     f"period ({grant.vesting_years} year{'s' if grant.vesting_years > 1 else ''})"
                     "; the whole grant is counted as vesting at the end of the period.")
    return notes


@dataclass(frozen=True)
class OfferResult:
    inputs: OfferInputs
    cell: MarketCell
    band: MarketBand
    base_range: BaseRange
    terms: OfferTerms
    package: Package
    position: Position
    wage_check: WageCheck
    cost: Cost
    warnings: list[str]

    @property
    def vesting(self) -> list[float]:
        """The grant's year-by-year schedule; empty without a grant."""
        grant = self.terms.grant
        return vesting_schedule(grant) if grant and grant.value else []


def evaluate(inputs: OfferInputs, cell: MarketCell, band: MarketBand,
             rank: Callable[[float], RankCounts],
             wages: Mapping[tuple[str, str], OflcWages]) -> OfferResult:
    """Everything the page shows, from the inputs, the cell's band, a way to rank a total comp
    among the cell's records, and the prevailing-wage table."""
    base_range = recommended_base_range(band)
    terms = offer_terms(inputs, base_range)
    offer = package(terms)
    return OfferResult(
        inputs=inputs, cell=cell, band=band, base_range=base_range, terms=terms, package=offer,
        position=position(offer, band, base_range, rank(offer.annualized)),
        wage_check=prevailing_wage_check(inputs.role, inputs.level, inputs.city,
                                         offer.base_salary, wages),
        cost=loaded_cost(offer, inputs.cost_rate_pct),
        warnings=input_warnings(terms, offer),
    )
