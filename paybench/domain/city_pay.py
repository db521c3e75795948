"""Where a role is paid what: each city's pay against the national figure and San Francisco,
next to its cost of living. No Streamlit here.

Two different factors, never mixed:
- market pay: a city's median total comp divided by the national median (the whole selection,
  records without a city included) or by San Francisco's, both computed from the data;
- cost of living: BEA's price parity of the city's metro divided by San Francisco's
  (data/calibration/metro_factors.csv).
"""

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from paybench.domain.policies import CityMarket
from paybench.domain.stats import INTERVAL_PERCENTILES, order_statistic_ranks
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


def top_paying_of(by_city: pd.DataFrame, by: str, k: int = TOP_PAYING) -> list[str]:
    """The k highest-paid cities of a pay_by_city result by the measure labelled `by`, among
    the cities with at least MIN_CELL_SIZE records (a thin city is never named top-paying)."""
    return top_paying(ranked(by_city[by_city["n"] >= MIN_CELL_SIZE], by), k)


def on_map(table: pd.DataFrame, coordinates: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows of `table` with a map point (lat, lon columns added from `coordinates`, matched
    on city and state), in their order, and the cities without one."""
    points = coordinates[["city", "state", "lat", "lon"]]
    placed = table.merge(points, on=["city", "state"], how="left")
    missing = placed["lat"].isna() | placed["lon"].isna()
    return placed[~missing].reset_index(drop=True), placed.loc[missing, "city"].tolist()


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


def interval_ranks(table: pd.DataFrame) -> list[dict]:
    """For the pay_by_city_intervals query: each city's ranks of the lower and upper bound of
    its P25, median and P75 95% intervals (rank 1 where n is too small for one)."""
    wanted = []
    for city, n in zip(table["city"], table["n"], strict=True):
        ranks = []
        for percentile in INTERVAL_PERCENTILES:
            found = order_statistic_ranks(int(n), percentile / 100)
            ranks += [found.lower, found.upper] if found else [1, 1]
        wanted.append({"city": city, "ranks": ranks})
    return wanted


def with_intervals(table: pd.DataFrame, bounds: pd.DataFrame) -> pd.DataFrame:
    """The table with p25_interval, p50_interval and p75_interval: (low, high) per city, None
    where its n is too small for a 95% interval. bounds: the pay_by_city_intervals result."""
    by_city = dict(zip(bounds["city"], bounds["bounds"], strict=True))
    columns: dict[str, list] = {f"p{p}_interval": [] for p in INTERVAL_PERCENTILES}
    for city, n in zip(table["city"], table["n"], strict=True):
        values = list(by_city.get(city, []))
        for i, percentile in enumerate(INTERVAL_PERCENTILES):
            available = values and order_statistic_ranks(int(n), percentile / 100)
            columns[f"p{percentile}_interval"].append(
                (values[2 * i], values[2 * i + 1]) if available else None)
    return table.assign(**columns)
