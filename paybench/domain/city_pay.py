"""Where a role is paid what: each city's pay against the national figure and San Francisco,
next to its cost of living. No Streamlit here.

Two different factors, never mixed:
- market pay: a city's median total comp divided by the national median (every city of the
  selection) or by San Francisco's, both computed from the data;
- cost of living: BEA's price parity of the city's metro divided by San Francisco's
  (data/calibration/metro_factors.csv).
"""

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from paybench.domain.policies import CityMarket
from paybench.domain.vocabulary import MIN_CELL_SIZE

SAN_FRANCISCO = "San Francisco"
TOP_PAYING = 5
RANK_MEASURES = {"Median": "median_total_comp", "Mean": "mean_total_comp"}
COMPARE_AT_MOST = 4
PREFERRED_COMPARISON = ("San Francisco", "Seattle", "New York", "Austin")


def city_pay(by_city: pd.DataFrame, national_median: float, cost_of_living: pd.DataFrame,
             min_n: int = MIN_CELL_SIZE) -> pd.DataFrame:
    """The pay_by_city result for cities with at least min_n records, with four columns added:
    pay_factor_vs_national, pay_factor_vs_sf (NaN when San Francisco has too few records),
    cost_of_living_vs_sf (NaN when the city is not in the calibration file) and
    median_in_sf_prices (median total comp divided by the cost-of-living factor)."""
    table = by_city[by_city["n"] >= min_n].reset_index(drop=True)
    factors = cost_of_living[["city", "state", "cost_of_living_factor_vs_sf"]].rename(
        columns={"cost_of_living_factor_vs_sf": "cost_of_living_vs_sf"})
    table = table.merge(factors, on=["city", "state"], how="left")
    table["pay_factor_vs_national"] = table["median_total_comp"] / national_median
    table["pay_factor_vs_sf"] = table["median_total_comp"] / san_francisco_median(table)
    table["median_in_sf_prices"] = table["median_total_comp"] / table["cost_of_living_vs_sf"]
    return table


def san_francisco_median(table: pd.DataFrame) -> float:
    rows = table.loc[table["city"] == SAN_FRANCISCO, "median_total_comp"]
    return float(rows.iloc[0]) if len(rows) else np.nan


def selected(table: pd.DataFrame, cities: Collection[str], metros: Collection[str]) -> pd.DataFrame:
    """The rows the city and metro filters pick (an empty filter picks every row)."""
    keep = pd.Series(True, index=table.index)
    if cities:
        keep &= table["city"].isin(cities)
    if metros:
        keep &= table["metro"].isin(metros)
    return table[keep]


def held_back(by_city: pd.DataFrame, cities: Collection[str], metros: Collection[str],
              min_n: int = MIN_CELL_SIZE) -> list[str]:
    """The selected cities not shown: fewer than min_n records, or none at all."""
    chosen = selected(by_city, cities, metros)
    thin = chosen.loc[chosen["n"] < min_n, "city"].tolist()
    return thin + [city for city in cities if city not in set(chosen["city"])]


def ranked(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Highest pay first by the measure labelled `by` ("Median" or "Mean"), ties by name."""
    column = RANK_MEASURES[by]
    return table.sort_values([column, "city"], ascending=[False, True], ignore_index=True)


def top_paying(ranked_table: pd.DataFrame, k: int = TOP_PAYING) -> list[str]:
    return ranked_table["city"].head(k).tolist()


def by_purchasing_power(table: pd.DataFrame) -> pd.DataFrame:
    """Cities with a cost-of-living figure, highest median pay in San Francisco prices first."""
    known = table.dropna(subset=["median_in_sf_prices"])
    return known.sort_values(["median_in_sf_prices", "city"], ascending=[False, True],
                             ignore_index=True)


def markets(table: pd.DataFrame) -> list[CityMarket]:
    """A city_pay table as the policy lab's inputs."""
    return [
        CityMarket(row.city, int(row.n), float(row.pay_factor_vs_national),
                   None if pd.isna(row.cost_of_living_vs_sf) else float(row.cost_of_living_vs_sf))
        for row in table.itertuples(index=False)
    ]


def automatic_comparison(sidebar_cities: Sequence[str], available: list[str]) -> list[str]:
    """The cities compared when none are chosen on the page: the sidebar's when it selects two
    to four, else a fixed choice (or, in a dataset without those cities, its first two).

    It depends on the link's values alone, so a link shows the same cities in any browser."""
    if 2 <= len(sidebar_cities) <= COMPARE_AT_MOST:
        return list(sidebar_cities)
    preferred = [city for city in PREFERRED_COMPARISON if city in available]
    return preferred if len(preferred) >= 2 else available[:2]
