"""Remote pay policies: what each pays in a city, and what a planned team costs under each.

Every policy starts from the national rate: the chosen percentile of total comp over every city,
for one role and level. A policy is company-wide, so the lab computes it over every city (the
top tier's rate and the cost-of-living base too) and a page shows the cities it wants
(PolicyLab.rates_in): a city's pay never depends on which other cities are shown.
- location-based: the national rate x the city's market pay factor (its median / the national
  median, from the data);
- one national rate: the national rate, wherever the person lives;
- tiered zones: cities fall into tiers by their market pay factor; the top tier pays the market
  rate of its cities (the national rate x their market pay factors, averaged with records as
  weights) and every other tier a stated percentage of that;
- cost of living: the national rate x the city's cost-of-living factor, rebased so that the
  records-weighted mean over every city with a figure is 1 (the national rate is paid at the
  average cost of living).
No Streamlit here.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

LOCATION, NATIONAL, TIERED, COST_OF_LIVING = "location", "national", "tiered", "cost_of_living"
POLICIES = (LOCATION, NATIONAL, TIERED, COST_OF_LIVING)
LABELS = {
    LOCATION: "Location-based (market pay)",
    NATIONAL: "One national rate",
    TIERED: "Tiered zones",
    COST_OF_LIVING: "Cost of living",
}


@dataclass(frozen=True)
class CityMarket:
    city: str
    n: int  # records behind the city's median: the weight in records-weighted means
    market_factor: float  # the city's median total comp / the national median
    cost_of_living: float | None  # cost-of-living factor vs San Francisco; None when unknown


@dataclass(frozen=True)
class Tier:
    percent: float  # pay as a percentage of the top tier's
    min_factor: float | None  # the lowest market pay factor in the tier; None: every city left


DEFAULT_TIERS = (Tier(100, 1.10), Tier(90, 0.95), Tier(80, None))


@dataclass(frozen=True)
class CityRates:
    city: str
    tier: int  # the tier in use, 1 the top one
    automatic_tier: int  # the tier by market pay factor
    rates: Mapping[str, float | None]  # policy -> yearly pay; None when the policy has no rate


@dataclass(frozen=True)
class Payroll:
    """A team's yearly payroll under each policy, over the team cities every policy pays."""

    totals: Mapping[str, float]  # policy -> total; policies with no rate for the team are absent
    head_count: int  # people counted in the totals
    left_out: tuple[str, ...]  # team cities some policy has no rate for (or the data lacks)

    def difference(self, policy: str) -> float:
        """Against the location-based payroll, in dollars."""
        return self.totals[policy] - self.totals[LOCATION]

    def relative_difference(self, policy: str) -> float:
        return self.difference(policy) / self.totals[LOCATION]


def weighted_mean(values: Sequence[float], weights: Sequence[float]) -> float:
    total_weight = sum(weights)
    if total_weight <= 0:
        raise ValueError("weights must add up to more than zero")
    return sum(v * w for v, w in zip(values, weights, strict=True)) / total_weight


def location_based(national_rate: float, market_factor: float) -> float:
    return national_rate * market_factor


def automatic_tier(market_factor: float, tiers: Sequence[Tier]) -> int:
    """The first tier (numbered from 1) whose lowest factor the city reaches; the last takes the rest."""
    for number, tier in enumerate(tiers, start=1):
        if tier.min_factor is None or market_factor >= tier.min_factor:
            return number
    return len(tiers)


def tier_assignments(cities: Sequence[CityMarket], tiers: Sequence[Tier],
                     overrides: Mapping[str, int]) -> dict[str, int]:
    """Each city's tier: the automatic one unless overridden."""
    return {c.city: overrides.get(c.city, automatic_tier(c.market_factor, tiers)) for c in cities}


def top_tier_rate(national_rate: float, cities: Sequence[CityMarket],
                  assignments: Mapping[str, int]) -> float | None:
    """The records-weighted market rate of the top tier's cities; None when the tier is empty."""
    top = [c for c in cities if assignments[c.city] == 1]
    if not top:
        return None
    factor = weighted_mean([c.market_factor for c in top], [c.n for c in top])
    return location_based(national_rate, factor)


def tiered(top_rate: float, tier: Tier) -> float:
    return top_rate * tier.percent / 100


def cost_of_living_base(cities: Sequence[CityMarket]) -> float | None:
    """The records-weighted mean cost-of-living factor of the cities that have one."""
    known = [c for c in cities if c.cost_of_living is not None]
    if not known:
        return None
    return weighted_mean([c.cost_of_living for c in known], [c.n for c in known])


def cost_of_living_based(national_rate: float, cost_of_living: float, base: float) -> float:
    return national_rate * cost_of_living / base


def city_rates(cities: Sequence[CityMarket], national_rate: float, tiers: Sequence[Tier],
               overrides: Mapping[str, int]) -> list[CityRates]:
    """What every policy pays in every city."""
    assignments = tier_assignments(cities, tiers, overrides)
    return _rates(cities, national_rate, tiers, assignments,
                  top_tier_rate(national_rate, cities, assignments), cost_of_living_base(cities))


def _rates(cities: Sequence[CityMarket], national_rate: float, tiers: Sequence[Tier],
           assignments: Mapping[str, int], top_rate: float | None,
           col_base: float | None) -> list[CityRates]:
    return [
        CityRates(city.city, assignments[city.city], automatic_tier(city.market_factor, tiers), {
            LOCATION: location_based(national_rate, city.market_factor),
            NATIONAL: national_rate,
            TIERED: None if top_rate is None else tiered(top_rate, tiers[assignments[city.city] - 1]),
            COST_OF_LIVING: None if city.cost_of_living is None or col_base is None
            else cost_of_living_based(national_rate, city.cost_of_living, col_base),
        })
        for city in cities
    ]


@dataclass(frozen=True)
class PolicyLab:
    """The policy lab's answer: every policy's pay in every city, the rates they start from,
    and a planned team's payroll under each."""

    national_rate: float
    rates: list[CityRates]
    top_tier_rate: float | None  # None when no city is in the top tier
    cost_of_living_base: float | None  # None when no city has a cost-of-living figure
    payroll: Payroll

    def rates_in(self, cities: Collection[str]) -> list[CityRates]:
        """The rates of these cities, in the lab's order."""
        wanted = set(cities)
        return [rates for rates in self.rates if rates.city in wanted]


def policy_lab(cities: Sequence[CityMarket], national_rate: float, tiers: Sequence[Tier],
               overrides: Mapping[str, int], team: Mapping[str, int]) -> PolicyLab:
    """The lab's one entry point: what each policy pays in each city, and what the team costs."""
    assignments = tier_assignments(cities, tiers, overrides)
    top_rate = top_tier_rate(national_rate, cities, assignments)
    col_base = cost_of_living_base(cities)
    rates = _rates(cities, national_rate, tiers, assignments, top_rate, col_base)
    return PolicyLab(national_rate, rates, top_rate, col_base, team_payroll(rates, team))


def team_payroll(rates: Sequence[CityRates], team: Mapping[str, int]) -> Payroll:
    """Head count x yearly pay, added up per policy.

    Totals compare like with like: they count only the team cities that every policy with any
    rate for the team pays. A policy with no rate for any team city is left out of the totals.
    """
    by_city = {r.city: r.rates for r in rates}
    known = [city for city in team if city in by_city]
    policies = [p for p in POLICIES if any(by_city[city][p] is not None for city in known)]
    counted = [city for city in known if all(by_city[city][p] is not None for p in policies)]
    totals = {p: float(sum(team[city] * by_city[city][p] for city in counted)) for p in policies}
    left_out = tuple(city for city in team if city not in counted)
    return Payroll(totals, sum(team[city] for city in counted), left_out)


def as_frame(rates: Sequence[CityRates]) -> pd.DataFrame:
    """One row per city: city, tier in use, tier by factor, and a column per policy (NaN where
    it has no rate)."""
    rows = [{"city": r.city, "tier": r.tier, "automatic_tier": r.automatic_tier, **r.rates}
            for r in rates]
    frame = pd.DataFrame(rows, columns=["city", "tier", "automatic_tier", *POLICIES])
    return frame.astype({policy: float for policy in POLICIES})
