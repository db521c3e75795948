"""Chart and table builders: the figure carries the data it was given, in catalog order, with n."""

import pandas as pd

from paybench.domain import offer
from paybench.present import charts, tables

BY_LEVEL = pd.DataFrame({
    "level": ["Staff", "Entry", "Mid"], "n": [12, 1_500, 40],
    "p10": [1.0, 2.0, 3.0], "p25": [2.0, 3.0, 4.0], "p50": [3.0, 4.0, 5.0],
    "p75": [4.0, 5.0, 6.0], "p90": [5.0, 6.0, 7.0],
    "base_salary": [10.0, 20.0, 30.0], "bonus": [1.0, 2.0, 3.0], "equity": [1.0, 1.0, 1.0],
    "total_comp": [12.0, 23.0, 34.0],
})


def test_catalog_order_keeps_each_row_once_and_ties_in_their_order():
    frame = pd.DataFrame({"level": ["Senior", "Entry", "Senior", "Unknown"], "n": [1, 2, 3, 4]})
    ordered = charts.in_catalog_order(frame, "level")
    assert ordered["level"].tolist() == ["Entry", "Senior", "Senior", "Unknown"]
    assert ordered["n"].tolist() == [2, 1, 3, 4]


def test_percentile_bands_are_in_level_order_with_n_in_the_labels():
    fig = charts.percentile_bands(BY_LEVEL, "level")
    outer, inner, median = fig.data
    assert list(outer.x) == ["Entry<br>n = 1,500", "Mid<br>n = 40", "Staff<br>n = 12"]
    assert list(outer.base) == [2.0, 3.0, 1.0] and list(outer.y) == [4.0, 4.0, 4.0]
    assert list(inner.base) == [3.0, 4.0, 2.0] and list(median.y) == [4.0, 5.0, 3.0]


def test_pay_mix_stacks_the_three_components():
    fig = charts.pay_mix(BY_LEVEL)
    assert [trace.name for trace in fig.data] == ["Base salary", "Bonus", "Equity"]
    assert fig.layout.barmode == "stack"
    assert list(fig.data[0].y) == [20.0, 30.0, 10.0]


def test_distribution_places_bars_at_bin_centres():
    fig = charts.distribution(pd.DataFrame({"bin_start": [100_000, 110_000], "n": [3, 9]}), 10_000)
    assert list(fig.data[0].x) == [105_000, 115_000] and list(fig.data[0].y) == [3, 9]
    assert fig.data[0].customdata[0] == "$100,000–$109,999"


def test_trend_draws_median_and_band():
    frame = pd.DataFrame({"year": [2024, 2025], "n": [5, 6], "p25": [1.0, 2.0],
                          "median": [2.0, 3.0], "p75": [3.0, 4.0]})
    fig = charts.trend(frame)
    assert list(fig.data[2].y) == [2.0, 3.0] and fig.data[1].fill == "tonexty"


def test_percentile_table_formats_money():
    frame = pd.DataFrame({"measure": ["total_comp"], "n": [1234], "p10": [1.0], "p25": [2.0],
                          "p50": [167_627.2], "p75": [4.0], "p90": [5.0],
                          "interval_bounds": [[1.5, 2.5, 165_000.4, 170_100.6, 3.5, 4.5]]})
    table = tables.percentiles(frame)
    assert table.loc[0, "Measure"] == "Total comp" and table.loc[0, "n"] == "1,234"
    assert table.loc[0, "P50"] == "$167,627"
    assert table.loc[0, "P50 95% interval"] == "$165,000–$170,101"
    assert table.loc[0, "Confidence"] == "high"  # 1,234 records: 100 or more


def test_small_cells_get_a_grade_and_no_interval_where_n_is_too_small():
    # 12 records: the median has a 95% interval (ranks 3 and 10); P25 and P75 have none.
    frame = pd.DataFrame({"measure": ["base_salary"], "n": [12], "p10": [1.0], "p25": [2.0],
                          "p50": [3.0], "p75": [4.0], "p90": [5.0],
                          "interval_bounds": [[0.0, 0.0, 2.5, 3.5, 0.0, 0.0]]})
    table = tables.percentiles(frame)
    assert table.loc[0, "Confidence"] == "low"
    assert table.loc[0, "P50 95% interval"] == "$2–$4"  # $2.5 and $3.5, to the dollar
    assert table.loc[0, "P25 95% interval"] == table.loc[0, "P75 95% interval"] == "–"


def test_offer_on_market_draws_band_median_and_offer_where_they_are():
    bins = pd.DataFrame({"bin_start": [150_000, 160_000, 170_000], "n": [4, 10, 6]})
    fig = charts.offer_on_market(bins, 10_000, 158_000, 165_000, 172_000, 181_500,
                                 "This offer $181,500 (P80)")
    bars, band, median, offer_line = fig.data
    assert list(bars.y) == [4, 10, 6]
    assert min(band.x) == 158_000 and max(band.x) == 172_000
    assert list(median.x) == [165_000, 165_000] and median.name == "Market median $165,000"
    assert list(offer_line.x) == [181_500, 181_500] and offer_line.name == "This offer $181,500 (P80)"
    assert max(offer_line.y) > 10  # the line spans the tallest bar


def test_offer_tables_format_money_in_order():
    package = offer.Package(base_salary=180_000, bonus=18_000, equity_per_year=30_000,
                            equity_year_one=48_000, sign_on=20_000)
    table = tables.offer_package(package)
    assert list(table["Component"]) == ["Base salary", "Target bonus", "Equity", "Sign-on bonus",
                                        "Total comp"]
    assert list(table["Year 1"]) == ["$180,000", "$18,000", "$48,000", "$20,000", "$266,000"]
    assert table["Per year (annualized)"].iloc[-1] == "$228,000"  # 180 + 18 + 30
    schedule = tables.vesting([48_000, 36_000, 24_000, 12_000], 120_000)
    assert list(schedule["Share of the grant"]) == ["40%", "30%", "20%", "10%"]


def test_offer_band_table_has_base_and_total_comp_with_n():
    band = offer.MarketBand(12, 50, offer.Percentiles(1, 2, 3, 4, 5),
                            offer.Percentiles(10, 20, 30, 40, 50), 3, 30, 3, 1, 1)
    table = tables.offer_band(band)
    assert list(table["Measure"]) == ["Base salary", "Total comp"]
    assert list(table["n"]) == ["12", "12"] and list(table["P75"]) == ["$4", "$40"]


def test_mapping_tables_show_soc_codes_and_wage_levels():
    socs = tables.soc_mapping(["Data Scientist", "Data Engineer", "Data Analyst"])
    assert list(socs["SOC code"]) == ["15-2051", "15-1252", "–"]
    levels = tables.wage_levels()
    assert dict(zip(levels["Level"], levels["DOL wage level"], strict=True)) == {
        "Entry": "I", "Mid": "II", "Senior": "III", "Staff": "IV", "Principal": "IV"}
