"""The pay-policy maths, on a small made-up market whose every figure is worked out by hand."""

import math

import pytest

from paybench.domain import policies
from paybench.domain.policies import CityMarket, Tier

NATIONAL_RATE = 100_000
# Four cities: records, market pay factor (vs national), cost of living (vs San Francisco).
A = CityMarket("A", 10, 1.5, 1.0)
B = CityMarket("B", 30, 1.1, 0.75)
C = CityMarket("C", 60, 0.8, None)  # a city the cost-of-living file does not know
D = CityMarket("D", 10, 0.9, 0.75)
MARKET = [A, B, C, D]
TIERS = policies.DEFAULT_TIERS  # 100% from factor 1.10, 90% from 0.95, 80% for the rest


@pytest.mark.parametrize(("factor", "tier"), [
    (1.5, 1),
    (1.10, 1),   # a city exactly at a tier's lowest factor is in that tier
    (1.0999, 2),
    (0.95, 2),
    (0.9499, 3),
    (0.2, 3),    # the last tier takes every city left
])
def test_automatic_tier(factor, tier):
    assert policies.automatic_tier(factor, TIERS) == tier


@pytest.mark.parametrize(("overrides", "expected"), [
    # A 1.5 and B 1.1 reach 1.10: tier 1; C 0.8 and D 0.9 are below 0.95: tier 3.
    ({}, {"A": 1, "B": 1, "C": 3, "D": 3}),
    ({"D": 2}, {"A": 1, "B": 1, "C": 3, "D": 2}),
    ({"A": 3, "Elsewhere": 1}, {"A": 3, "B": 1, "C": 3, "D": 3}),
])
def test_tier_assignments_follow_the_factor_unless_overridden(overrides, expected):
    assert policies.tier_assignments(MARKET, TIERS, overrides) == expected


@pytest.mark.parametrize(("overrides", "expected"), [
    # Top tier A and B: (10 x 1.5 + 30 x 1.1) / 40 = 48 / 40 = 1.2 -> 120,000.
    ({}, 120_000),
    # C moved up: (10 x 1.5 + 30 x 1.1 + 60 x 0.8) / 100 = 96 / 100 = 0.96 -> 96,000.
    ({"C": 1}, 96_000),
    # Only B left in the top tier: 1.1 -> 110,000.
    ({"A": 2}, 110_000),
    # Nobody in the top tier: no rate.
    ({"A": 2, "B": 2}, None),
])
def test_top_tier_rate_is_the_records_weighted_market_rate_of_its_cities(overrides, expected):
    assignments = policies.tier_assignments(MARKET, TIERS, overrides)
    assert policies.top_tier_rate(NATIONAL_RATE, MARKET, assignments) == pytest.approx(expected)


def test_cost_of_living_base_is_records_weighted_over_known_cities():
    # A, B and D have a figure: (10 x 1.0 + 30 x 0.75 + 10 x 0.75) / 50 = 40 / 50 = 0.8
    # (not the unweighted 2.5 / 3 = 0.833).
    assert policies.cost_of_living_base(MARKET) == pytest.approx(0.8)
    assert policies.cost_of_living_base([C]) is None


# What every policy pays, by hand:
# location = 100,000 x factor: A 150,000, B 110,000, C 80,000, D 90,000.
# national = 100,000 everywhere.
# tiered = top-tier rate 120,000 x tier %: A, B 120,000 (100%); C, D 96,000 (80%).
# cost of living = 100,000 x factor / 0.8: A 125,000, B and D 93,750; C has no figure.
EXPECTED_RATES = {
    "A": (1, 150_000, 100_000, 120_000, 125_000),
    "B": (1, 110_000, 100_000, 120_000, 93_750),
    "C": (3, 80_000, 100_000, 96_000, None),
    "D": (3, 90_000, 100_000, 96_000, 93_750),
}


@pytest.mark.parametrize("city", sorted(EXPECTED_RATES))
def test_city_rates(city):
    rates = {r.city: r for r in policies.city_rates(MARKET, NATIONAL_RATE, TIERS, {})}
    tier, *expected = EXPECTED_RATES[city]
    assert rates[city].tier == rates[city].automatic_tier == tier
    for policy, value in zip(policies.POLICIES, expected, strict=True):
        actual = rates[city].rates[policy]
        assert actual == (None if value is None else pytest.approx(value)), policy


def test_an_override_moves_a_city_and_keeps_its_tier_by_factor():
    # D moved to tier 2: 90% of 120,000 = 108,000; its tier by factor is still 3.
    rates = {r.city: r for r in policies.city_rates(MARKET, NATIONAL_RATE, TIERS, {"D": 2})}
    assert (rates["D"].tier, rates["D"].automatic_tier) == (2, 3)
    assert rates["D"].rates[policies.TIERED] == pytest.approx(108_000)


def test_custom_tiers_with_a_top_tier_above_market():
    # Tiers 110% from 1.0, 70% for the rest: A and B in the top tier at 1.1 x 120,000 = 132,000;
    # C and D at 0.7 x 120,000 = 84,000.
    tiers = (Tier(110, 1.0), Tier(70, None))
    rates = {r.city: r.rates[policies.TIERED]
             for r in policies.city_rates(MARKET, NATIONAL_RATE, tiers, {})}
    assert rates == pytest.approx({"A": 132_000, "B": 132_000, "C": 84_000, "D": 84_000})


def test_an_empty_top_tier_gives_the_tiered_policy_no_rate():
    tiers = (Tier(100, 2.0), Tier(90, 1.0), Tier(80, None))
    rates = policies.city_rates(MARKET, NATIONAL_RATE, tiers, {})
    assert all(r.rates[policies.TIERED] is None for r in rates)
    assert all(r.rates[policies.LOCATION] is not None for r in rates)


# A team of 2 in A, 1 in B, 3 in C and 4 in X (a city without data). C has no cost-of-living
# figure, so C and X are left out of every total and 3 people are counted:
# location 2 x 150,000 + 110,000 = 410,000; national 3 x 100,000 = 300,000;
# tiered 3 x 120,000 = 360,000; cost of living 2 x 125,000 + 93,750 = 343,750.
# Against location-based: national -110,000 (-110/410 = -26.83%), tiered -50,000 (-12.20%),
# cost of living -66,250 (-16.16%).
TEAM = {"A": 2, "B": 1, "C": 3, "X": 4}


def test_team_payroll_counts_only_cities_every_policy_pays():
    payroll = policies.team_payroll(policies.city_rates(MARKET, NATIONAL_RATE, TIERS, {}), TEAM)
    assert payroll.totals == pytest.approx({"location": 410_000, "national": 300_000,
                                            "tiered": 360_000, "cost_of_living": 343_750})
    assert payroll.head_count == 3
    assert payroll.left_out == ("C", "X")
    assert payroll.difference("national") == pytest.approx(-110_000)
    assert payroll.relative_difference("national") == pytest.approx(-110 / 410)
    assert payroll.relative_difference("tiered") == pytest.approx(-50 / 410)
    assert payroll.relative_difference("cost_of_living") == pytest.approx(-66.25 / 410)
    assert payroll.difference("location") == 0


def test_a_policy_with_no_rate_for_the_team_is_left_out_not_the_team():
    # Only C (no cost-of-living figure): location 2 x 80,000, national 2 x 100,000,
    # tiered 2 x 96,000; no cost-of-living total, and C is counted.
    payroll = policies.team_payroll(policies.city_rates(MARKET, NATIONAL_RATE, TIERS, {}), {"C": 2})
    assert payroll.totals == pytest.approx({"location": 160_000, "national": 200_000,
                                            "tiered": 192_000})
    assert payroll.left_out == () and payroll.head_count == 2


def test_a_team_without_known_cities_has_no_totals():
    payroll = policies.team_payroll(policies.city_rates(MARKET, NATIONAL_RATE, TIERS, {}), {"X": 3})
    assert payroll.totals == {} and payroll.head_count == 0 and payroll.left_out == ("X",)


def test_weighted_mean():
    # (1 x 2 + 3 x 6) / (1 + 3) = 20 / 4 = 5
    assert policies.weighted_mean([2, 6], [1, 3]) == 5
    with pytest.raises(ValueError, match="weights"):
        policies.weighted_mean([2, 6], [0, 0])


def test_as_frame_has_a_column_per_policy_with_nan_for_no_rate():
    frame = policies.as_frame(policies.city_rates(MARKET, NATIONAL_RATE, TIERS, {}))
    assert list(frame.columns) == ["city", "tier", "automatic_tier", *policies.POLICIES]
    row = frame.set_index("city").loc["C"]
    assert row["location"] == pytest.approx(80_000) and math.isnan(row["cost_of_living"])
