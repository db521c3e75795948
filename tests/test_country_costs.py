"""The per-country cost table: pay plus contributions plus the EOR fee (none for the US, which
employs directly), against the US hire, with the overlap; rows without figures say so."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from paybench.domain import country_costs
from paybench.domain.country_costs import CostSettings, CountryFacts
from paybench.domain.employer_cost import Contribution

FACTS = CountryFacts(
    contributions={"US": [Contribution("flat", 0.10)], "GB": [Contribution("band", 0.10,
                                                                            floor=10_000)]},
    currencies={"US": "USD", "GB": "GBP"},
    usd_per_unit={"USD": 1.0, "GBP": 1.25},
    time_zones={"US": "America/New_York", "GB": "Europe/London"})
SETTINGS = CostSettings(eor_fee_per_month=200, include_unsourced=False,
                        team_zone="America/New_York", on=date(2026, 3, 16), min_overlap=5)
PAY = pd.DataFrame({"key": ["US hire", "US", "GB", "CH"], "country": ["US", "US", "GB", "CH"],
                    "n": [50, 120, 40, 6], "p25": [80_000, 90_000, 100_000, 50_000],
                    "median": [100_000, 110_000, 125_000, 60_000],
                    "p75": [120_000, 130_000, 150_000, 70_000]})


@pytest.fixture
def table():
    return country_costs.country_costs(PAY, FACTS, SETTINGS, zones={"US hire": "America/Chicago"},
                                       us_hire_key="US hire").set_index("key")


def test_costs_worked_by_hand(table):
    # US hire: 100,000 + 10% = 110,000, no fee. US: 110,000 + 11,000 = 121,000, no fee.
    assert table.loc["US hire", "total_cost"] == pytest.approx(110_000)
    assert (table.loc["US", "total_cost"], table.loc["US", "eor_fee"]) == (121_000, 0)
    # GB: $125,000 = 100,000 pounds; 10% above 10,000 = 9,000 pounds = $11,250; fee 2,400:
    # 138,650, which is 26.05% over the US hire's 110,000.
    assert table.loc["GB", "median_local"] == pytest.approx(100_000)
    assert table.loc["GB", "contributions"] == pytest.approx(11_250)
    assert table.loc["GB", "total_cost"] == pytest.approx(138_650)
    assert table.loc["GB", "vs_us_hire"] == pytest.approx(138_650 / 110_000 - 1)
    assert (table.loc["US", "grade"], table.loc["GB", "grade"]) == ("high", "medium")


def test_overlap_and_the_minimum(table):
    # 16 March 2026: New York on EDT (13-21 UTC), London on GMT (9-17): 4 hours, under 5.
    assert table.loc["GB", "overlap_hours"] == 4 and table.loc["GB", "under_minimum"]
    # The US hire in Chicago (CDT, 14-22 UTC): 7 hours with New York.
    assert table.loc["US hire", "overlap_hours"] == 7 and not table.loc["US hire", "under_minimum"]


def test_a_country_without_figures_has_pay_but_no_cost(table):
    row = table.loc["CH"]
    assert row["median"] == 60_000 and not row["has_contributions"]
    assert np.isnan(row["total_cost"]) and np.isnan(row["overlap_hours"])
    assert not row["under_minimum"]


@pytest.mark.parametrize(("rank_by", "order"), [
    ("Yearly cost", ["US hire", "US", "GB", "CH"]),  # lowest first, no cost last
    ("Median pay", ["GB", "US", "US hire", "CH"]),
    ("Overlap", ["US", "US hire", "GB", "CH"]),
])
def test_ranking(table, rank_by, order):
    assert list(country_costs.ranked(table.reset_index(), rank_by)["key"]) == order
