"""Chart and table builders: the figure carries the data it was given, in catalog order, with n."""

import pandas as pd

from paybench import charts, tables

BY_LEVEL = pd.DataFrame({
    "level": ["Staff", "Entry", "Mid"], "n": [12, 1_500, 40],
    "p10": [1.0, 2.0, 3.0], "p25": [2.0, 3.0, 4.0], "p50": [3.0, 4.0, 5.0],
    "p75": [4.0, 5.0, 6.0], "p90": [5.0, 6.0, 7.0],
    "base_salary": [10.0, 20.0, 30.0], "bonus": [1.0, 2.0, 3.0], "equity": [1.0, 1.0, 1.0],
    "total_comp": [12.0, 23.0, 34.0],
})


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
                          "median": [2.0, 3.0], "p75": [3.0, 4.0], "mean": [2.0, 3.0]})
    fig = charts.trend(frame)
    assert list(fig.data[2].y) == [2.0, 3.0] and fig.data[1].fill == "tonexty"


def test_percentile_table_formats_money():
    frame = pd.DataFrame({"measure": ["total_comp"], "n": [1234], "p10": [1.0], "p25": [2.0],
                          "p50": [167_627.2], "p75": [4.0], "p90": [5.0]})
    table = tables.percentiles(frame)
    assert table.loc[0, "Measure"] == "Total comp" and table.loc[0, "n"] == "1,234"
    assert table.loc[0, "P50"] == "$167,627"
