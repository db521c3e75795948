"""Cities' pay factors, the remote gap and its bootstrap interval, and the tables and charts of
the Cities and Remote pages, on small inputs worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from paybench.domain import city_pay, policies, stats
from paybench.present import charts, link_tables, tables
from paybench.query.filters import Filters

BY_CITY = pd.DataFrame({
    "city": ["San Francisco", "Austin", "Atlantis", "Tiny"],
    "state": ["CA", "TX", "ZZ", "TX"],
    "metro": ["SF metro", "Austin metro", "Atlantis metro", "Austin metro"],
    "n": [10, 8, 6, 3],
    "mean_total_comp": [210_000.0, 140_000.0, 125_000.0, 90_000.0],
    "p25": [150_000.0, 120_000.0, 100_000.0, 80_000.0],
    "median_total_comp": [200_000.0, 150_000.0, 120_000.0, 90_000.0],
    "p75": [250_000.0, 170_000.0, 130_000.0, 95_000.0],
})
COST_OF_LIVING = pd.DataFrame({
    "city": ["San Francisco", "Austin", "Austin"], "state": ["CA", "TX", "MN"],
    "cost_of_living_factor_vs_sf": [1.0, 0.8, 0.5],
})
NATIONAL_MEDIAN = 160_000


def city_table() -> pd.DataFrame:
    return city_pay.city_pay(BY_CITY, NATIONAL_MEDIAN, COST_OF_LIVING).set_index("city")


# By hand, national median 160,000 and San Francisco's 200,000:
# San Francisco 200/160 = 1.25 vs national, 1.00 vs SF, cost of living 1.0, 200,000 in SF prices;
# Austin 150/160 = 0.9375, 150/200 = 0.75, cost of living 0.8 (Texas, not Minnesota's 0.5),
#   150,000 / 0.8 = 187,500 in SF prices;
# Atlantis 120/160 = 0.75, 120/200 = 0.6, no cost-of-living figure.
# Tiny has 3 records: left out.
@pytest.mark.parametrize(("city", "vs_national", "vs_sf", "cost", "in_sf_prices"), [
    ("San Francisco", 1.25, 1.0, 1.0, 200_000),
    ("Austin", 0.9375, 0.75, 0.8, 187_500),
    ("Atlantis", 0.75, 0.6, math.nan, math.nan),
])
def test_city_pay_factors(city, vs_national, vs_sf, cost, in_sf_prices):
    row = city_table().loc[city]
    assert row["pay_factor_vs_national"] == pytest.approx(vs_national)
    assert row["pay_factor_vs_sf"] == pytest.approx(vs_sf)
    np.testing.assert_allclose([row["cost_of_living_vs_sf"], row["median_in_sf_prices"]],
                               [cost, in_sf_prices])


def test_thin_cities_are_left_out_and_a_thin_san_francisco_gives_no_sf_factor():
    assert "Tiny" not in city_table().index
    thin_sf = BY_CITY.assign(n=[3, 8, 6, 3])
    table = city_pay.city_pay(thin_sf, NATIONAL_MEDIAN, COST_OF_LIVING)
    assert list(table["city"]) == ["Austin", "Atlantis"]
    assert table["pay_factor_vs_sf"].isna().all()


def test_ranking_by_median_or_mean_and_the_top_paying():
    table = city_table().reset_index()
    assert list(city_pay.ranked(table, "Median")["city"]) == ["San Francisco", "Austin", "Atlantis"]
    # means: San Francisco 210,000, Austin 140,000, Atlantis 125,000
    assert city_pay.top_paying(city_pay.ranked(table, "Mean"), k=2) == ["San Francisco", "Austin"]


def test_purchasing_power_ranks_known_cities_by_pay_in_sf_prices():
    ranked = city_pay.by_purchasing_power(city_table().reset_index())
    assert list(ranked["city"]) == ["San Francisco", "Austin"]  # 200,000 > 187,500; no Atlantis


@pytest.mark.parametrize(("city_filter", "metro_filter", "expected"), [
    ((), (), {"San Francisco", "Austin", "Atlantis", "Tiny"}),
    (("Austin", "Atlantis"), (), {"Austin", "Atlantis"}),
    ((), ("Austin metro",), {"Austin", "Tiny"}),
    (("Austin",), ("SF metro",), set()),
])
def test_selected_follows_the_city_and_metro_filters(city_filter, metro_filter, expected):
    assert set(city_pay.selected(BY_CITY, city_filter, metro_filter)["city"]) == expected


def test_held_back_names_thin_and_missing_cities():
    assert city_pay.held_back(BY_CITY, (), ()) == ["Tiny"]
    assert city_pay.held_back(BY_CITY, ("Austin", "Madison"), ()) == ["Madison"]
    assert city_pay.held_back(BY_CITY, ("Tiny", "Austin"), ("Austin metro",)) == ["Tiny"]


@pytest.mark.parametrize(("sidebar", "available", "expected"), [
    ((), ["Austin", "New York", "San Francisco", "Seattle"],
     ["San Francisco", "Seattle", "New York", "Austin"]),
    (("Boston", "Denver"), ["Boston", "Denver", "Seattle"], ["Boston", "Denver"]),
    (("Boston",), ["Boston", "Seattle", "Austin"], ["Seattle", "Austin"]),
    ((), ["Lyon", "Paris", "Nice"], ["Lyon", "Paris"]),
    (("A", "B", "C", "D", "E"), ["A", "B", "C", "D", "E", "Seattle", "Austin"],
     ["Seattle", "Austin"]),
])
def test_automatic_comparison(sidebar, available, expected):
    assert city_pay.automatic_comparison(sidebar, available) == expected


def test_markets_carry_the_factor_and_no_figure_as_none():
    markets = {m.city: m for m in city_pay.markets(city_table().reset_index())}
    assert markets["Austin"] == policies.CityMarket("Austin", 8, 0.9375, 0.8)
    assert markets["Atlantis"].cost_of_living is None


def test_national_filters_drop_only_city_and_metro():
    filters = Filters(role="X", level=("Mid",), city=("Austin",), metro=("m",), industry=("F",))
    assert filters.national() == Filters(role="X", level=("Mid",), industry=("F",))
    assert filters.single_level() == "Mid" and Filters(level=("Mid", "Staff")).single_level() is None


# ---- the remote gap ----------------------------------------------------------------------------

def test_a_gap_between_constant_groups_is_exact():
    # median 90 / median 100 - 1 = -10%; every resample has the same medians, so the interval
    # is the point itself.
    gap = stats.median_gap(np.full(10, 100.0), np.full(10, 90.0))
    assert (gap.estimate, gap.low, gap.high) == pytest.approx((-0.1, -0.1, -0.1))
    assert not gap.includes_zero


def test_the_estimate_is_the_ratio_of_medians_and_lies_in_its_interval():
    # medians 3 and 6: 6 / 3 - 1 = +100%
    gap = stats.median_gap(np.array([1.0, 2, 3, 4, 100]), np.array([3.0, 3, 6, 6, 6]))
    assert gap.estimate == pytest.approx(1.0)
    assert gap.low <= gap.estimate <= gap.high


def test_same_population_gives_an_interval_around_zero_and_a_real_gap_does_not():
    rng = np.random.default_rng(1)
    baseline = rng.lognormal(12, 0.3, 400)
    same = rng.lognormal(12, 0.3, 400)
    assert stats.median_gap(baseline, same).includes_zero
    lower = stats.median_gap(baseline, rng.lognormal(12, 0.3, 400) * 0.8)
    assert lower.high < 0 and lower.low < -0.2 < lower.high


def test_the_interval_is_reproducible_and_narrows_with_more_records():
    rng = np.random.default_rng(2)
    small_a, small_b = rng.lognormal(12, 0.3, 30), rng.lognormal(12, 0.3, 30)
    large_a, large_b = rng.lognormal(12, 0.3, 3000), rng.lognormal(12, 0.3, 3000)
    first = stats.median_gap(small_a, small_b)
    assert stats.median_gap(small_a.copy(), small_b.copy()) == first
    large = stats.median_gap(large_a, large_b)
    assert large.high - large.low < (first.high - first.low) / 3


def test_the_interval_is_as_wide_as_the_large_sample_formula_says():
    # For normal data the median's standard error is about 1.2533 sigma / sqrt(n): with sigma 10
    # and n 2,000, 1.2533 x 10 / 44.72 = 0.280. Two independent groups around 100 give the gap a
    # standard error of sqrt(2) x 0.280 / 100 = 0.00396, so a 95% interval about
    # 2 x 1.96 x 0.00396 = 0.0155 wide.
    rng = np.random.default_rng(3)
    gap = stats.median_gap(rng.normal(100, 10, 2000), rng.normal(100, 10, 2000))
    assert gap.high - gap.low == pytest.approx(0.0155, rel=0.2)


def test_arrangement_comparison_by_hand():
    records = pd.DataFrame({
        "level": ["Mid"] * 13 + ["Entry"] * 5,
        "work_arrangement": ["Remote"] * 5 + ["Onsite"] * 5 + ["Hybrid"] * 3 + ["Remote"] * 5,
        "total_comp": [90] * 5 + [100] * 5 + [95] * 3 + [80] * 5,
    })
    groups = records.groupby(["level", "work_arrangement"])["total_comp"].agg(
        n="size", mean="mean", median="median",
        p25=lambda v: v.quantile(0.25), p75=lambda v: v.quantile(0.75)).reset_index()
    frame = stats.arrangement_comparison(groups, records)
    assert list(zip(frame["level"], frame["work_arrangement"], frame["n"], strict=True)) == [
        ("Entry", "Remote", 5), ("Mid", "Onsite", 5), ("Mid", "Hybrid", 3), ("Mid", "Remote", 5)]
    gaps = frame.set_index(["level", "work_arrangement"])
    assert gaps.loc[("Mid", "Remote"), ["gap", "gap_low", "gap_high"]].tolist() == pytest.approx(
        [-0.1, -0.1, -0.1])  # 90 / 100 - 1
    assert gaps.loc[("Mid", "Remote"), "median"] == 90 and gaps.loc[("Mid", "Onsite"), "mean"] == 100
    assert math.isnan(gaps.loc[("Mid", "Hybrid"), "gap"])  # 3 records: too few
    assert math.isnan(gaps.loc[("Entry", "Remote"), "gap"])  # no on-site records to compare with
    assert stats.remote_share(groups) == (10 / 18, 10, 18)


def test_the_large_sample_interval_agrees_with_the_bootstrap():
    # normal data, sigma 10: the IQR is 1.349 sigma, so the formula's median standard error is
    # 1.2533 x 10 / sqrt(2000) = 0.280, as in the bootstrap test above: an interval 0.0155 wide
    rng = np.random.default_rng(3)
    a, b = rng.normal(100, 10, 2000), rng.normal(100, 10, 2000)
    summary = [pd.Series({"n": len(v), "median": np.median(v), "p25": np.percentile(v, 25),
                          "p75": np.percentile(v, 75)}) for v in (a, b)]
    formula = stats.large_sample_gap(*summary)
    bootstrap = stats.median_gap(a, b)
    assert formula.estimate == pytest.approx(bootstrap.estimate)
    assert formula.high - formula.low == pytest.approx(0.0155, rel=0.2)
    assert formula.low == pytest.approx(bootstrap.low, abs=0.003)
    assert formula.high == pytest.approx(bootstrap.high, abs=0.003)


def test_bootstrap_medians_have_the_resampling_distribution():
    # the exact draw and brute-force resampling give the same spread of medians
    rng = np.random.default_rng(4)
    values = np.sort(rng.lognormal(12, 0.3, 301))
    exact = stats.bootstrap_medians(values, 20_000, np.random.default_rng(5))
    brute = np.median(values[rng.integers(0, 301, size=(20_000, 301))], axis=1)
    assert np.quantile(exact, [0.025, 0.5, 0.975]) == pytest.approx(
        np.quantile(brute, [0.025, 0.5, 0.975]), rel=0.003)


def test_large_selections_use_the_formula():
    assert stats.bootstrap_or_formula(stats.BOOTSTRAP_MAX_RECORDS) == "bootstrap"
    assert stats.bootstrap_or_formula(stats.BOOTSTRAP_MAX_RECORDS + 1) == "formula"


# ---- tables and charts ---------------------------------------------------------------------------

def test_editor_changes_apply_by_row_position():
    rows = pd.DataFrame({"city": ["Seattle", "Austin", "Denver"], "head_count": [3.0, 2.0, 1.0]})
    edits = {"edited_rows": {0: {"head_count": 5}, "2": {"city": "Boston"}}, "deleted_rows": [1],
             "added_rows": [{"city": "Miami", "head_count": 4}, {}]}
    edited = link_tables.apply_edits(rows, edits)
    assert edited.to_dict("records") == [{"city": "Seattle", "head_count": 5.0},
                                         {"city": "Boston", "head_count": 1.0},
                                         {"city": "Miami", "head_count": 4.0}]
    assert rows["head_count"].tolist() == [3.0, 2.0, 1.0]  # the original is untouched


def test_city_ranking_table_labels_market_pay_and_cost_of_living_apart():
    table = tables.city_ranking(city_pay.ranked(city_table().reset_index(), "Median"))
    assert list(table["City"]) == ["San Francisco", "Austin", "Atlantis"]
    austin = table.set_index("City").loc["Austin"]
    assert austin["Market pay vs national"] == "0.94×"
    assert austin["Market pay vs San Francisco"] == "0.75×"
    assert austin["Cost of living vs San Francisco"] == "0.80×"
    assert austin["Median pay in San Francisco prices"] == "$187,500"
    assert austin["P25–P75"] == "$120,000–$170,000"
    assert table.set_index("City").loc["Atlantis", "Cost of living vs San Francisco"] == (
        "no cost-of-living figure")


def test_city_ranking_chart_marks_the_top_cities_by_colour_and_star():
    ranked = city_pay.ranked(city_table().reset_index(), "Median")
    fig = charts.city_ranking(ranked, "median_total_comp", "Median",
                              top=["Gotham", "San Francisco"])
    top, rest, marker = fig.data
    assert list(top.y) == ["★ San Francisco · n = 10"] and list(top.base) == [150_000]
    assert top.marker.color == charts.COLORS["highlight"] and "★" in top.name
    assert list(rest.y) == ["Austin · n = 8", "Atlantis · n = 6"]
    assert list(marker.x) == [200_000, 150_000, 120_000]
    assert fig.layout.title.text == "Cities ranked by median total comp"
    alt = charts.alt_text(fig)
    assert "3 cities ranked by median total comp" in alt
    assert "highest San Francisco $200,000 (n = 10), lowest Atlantis $120,000 (n = 6)" in alt
    assert "Marked ★: San Francisco, of the dataset's top 2" in alt


# The top-paying cities of a pay_by_city result: only cities with 5 records or more count.
# Tiny (n = 3, median 90,000) would never be top; give it the highest pay to check.
def test_top_paying_of_a_whole_dataset_leaves_thin_cities_out():
    rich_but_thin = BY_CITY.assign(median_total_comp=[200_000.0, 150_000.0, 120_000.0, 900_000.0])
    assert city_pay.top_paying_of(rich_but_thin, "Median", k=2) == ["San Francisco", "Austin"]
    assert city_pay.top_paying_of(rich_but_thin, "Mean", k=5) == [
        "San Francisco", "Austin", "Atlantis"]


def test_role_and_level_keep_nothing_else():
    filters = Filters(role="Data Scientist", level=("Senior",), country=("US",), city=("Austin",),
                      industry=("Finance",), year_min=2024)
    assert filters.role_and_level() == Filters(role="Data Scientist", level=("Senior",))


def test_cities_on_the_map_are_matched_on_city_and_state():
    table = pd.DataFrame({"city": ["Austin", "Atlantis", "Portland"], "state": ["TX", "ZZ", "ME"],
                          "n": [8, 6, 5]})
    points = pd.DataFrame({"city": ["Austin", "Portland"], "state": ["TX", "OR"],
                           "lat": [30.3, 45.5], "lon": [-97.8, -122.6], "source": ["a", "b"]})
    placed, missing = city_pay.on_map(table, points)
    assert placed[["city", "lat", "lon"]].values.tolist() == [["Austin", 30.3, -97.8]]
    assert missing == ["Atlantis", "Portland"]  # Portland, Maine has no point here


def test_the_map_carries_the_rankings_numbers():
    ranked = city_pay.ranked(city_table().reset_index(), "Median").assign(
        lat=[37.8, 30.3, 0.0], lon=[-122.4, -97.8, 0.0])
    fig = charts.city_map(ranked, "median_total_comp", "Median", top=["Austin"])
    (points,) = fig.data
    assert [row[0] for row in points.customdata] == ["San Francisco", "Austin", "Atlantis"]
    assert [row[1:] for row in points.customdata] == [
        [10, 200_000, 150_000, 250_000], [8, 150_000, 120_000, 170_000],
        [6, 120_000, 100_000, 130_000]]
    assert list(points.marker.color) == [200_000, 150_000, 120_000]
    assert list(points.marker.size) == [10, 8, 6] and points.marker.sizemode == "area"
    assert list(points.text) == ["", "★", ""]
    assert fig.layout.geo.scope == "usa" and fig.layout.geo.fitbounds is False
    assert "from Atlantis $120,000 to San Francisco $200,000" in charts.alt_text(fig)


# The palette has 8 colours. Cities in the dataset's order (most records first): A B C D E F G
# H I J; I is the 9th and shares A's colour, J shares B's.
def test_a_city_keeps_its_colour_and_cities_drawn_together_never_share_one():
    order = list("ABCDEFGHIJ")
    stable = charts.city_colors(order)
    palette = charts.CITY_PALETTE
    assert stable["A"] == stable["I"] == palette[0] and stable["C"] == palette[2]
    assert charts.compared_colors(["C", "A"], stable) == {"A": palette[0], "C": palette[2]}
    assert charts.compared_colors(["C", "E", "A", "B"], stable)["C"] == palette[2]
    # I meets A, which comes first in the dataset's list: A keeps blue, I takes the first free
    assert charts.compared_colors(["I", "A"], stable) == {"A": palette[0], "I": palette[1]}
    assert charts.compared_colors(["I", "C"], stable) == {"I": palette[0], "C": palette[2]}


def test_city_bands_draw_each_city_in_the_colour_given():
    frame = pd.DataFrame({"city": ["Austin", "Seattle"], "level": ["Mid", "Mid"], "n": [6, 8],
                          "p10": [1, 2], "p25": [2, 3], "p50": [3, 4], "p75": [4, 5],
                          "p90": [5, 6]})
    fig = charts.city_bands(frame, ["Seattle", "Austin"], {"Seattle": "#111", "Austin": "#222"})
    assert [(trace.name, trace.marker.color) for trace in fig.data] == [
        ("Seattle (n = 8)", "#111"), ("Austin (n = 6)", "#222")]
    assert "left to right: Seattle (n = 8) and Austin (n = 6)" in charts.alt_text(fig)


def test_city_bands_follow_the_chosen_order():
    frame = pd.DataFrame({"city": ["Austin", "Austin", "Seattle"], "level": ["Senior", "Mid", "Mid"],
                          "n": [6, 7, 8], "p10": [1, 2, 3], "p25": [2, 3, 4], "p50": [3, 4, 5],
                          "p75": [4, 5, 6], "p90": [5, 6, 7]})
    fig = charts.city_bands(frame, ["Seattle", "Austin"])
    assert [trace.name for trace in fig.data] == ["Seattle (n = 8)", "Austin (n = 13)"]
    assert list(fig.data[1].x) == ["Mid", "Senior"] and list(fig.data[1].median) == [4, 3]
    medians = tables.city_level_medians(frame, ["Seattle", "Austin"])
    assert list(medians.columns) == ["Level", "Seattle", "Austin"]
    assert medians.loc[1, "Seattle"] == "–" and medians.loc[0, "Austin"] == "$4 (n = 7)"


def test_gap_table_sentences_and_chart():
    frame = pd.DataFrame({"level": ["Mid", "Mid", "Senior", "Senior"],
                          "work_arrangement": ["Onsite", "Remote", "Onsite", "Remote"],
                          "n": [1305, 270, 900, 300], "median": [100.0, 90.6, 120.0, 121.0],
                          "mean": [101.0, 92.0, 125.0, 122.0],
                          "gap": [np.nan, -0.094, np.nan, 0.008],
                          "gap_low": [np.nan, -0.121, np.nan, -0.02],
                          "gap_high": [np.nan, -0.063, np.nan, 0.03]})
    assert tables.gap_sentences(frame) == [
        "Mid: remote -9.4% (95% CI -12.1% to -6.3%), n = 270 vs 1,305 on-site",
        "Senior: remote +0.8% (95% CI -2.0% to +3.0%), n = 300 vs 900 on-site"
        " — the interval includes 0: could be noise"]
    table = tables.arrangement_gaps(frame)
    assert table["Median vs on-site"].tolist()[:2] == ["baseline", "-9.4% (95% CI -12.1% to -6.3%)"]
    assert table["Could be noise (interval includes 0)"].tolist() == ["", "no", "", "yes"]
    (remote,) = charts.arrangement_gaps(frame).data
    assert list(remote.y) == [-0.094, 0.008]
    np.testing.assert_allclose(remote.error_y.arrayminus, [0.027, 0.028])
    hybrid = frame.assign(work_arrangement=["Onsite", "Hybrid", "Onsite", "Hybrid"])
    gaps = charts.arrangement_gaps(pd.concat([frame, hybrid], ignore_index=True))
    # not by colour alone: each arrangement has its own marker shape
    assert {trace.name: trace.marker.symbol for trace in gaps.data} == {
        "Remote vs on-site": "circle", "Hybrid vs on-site": "diamond"}
    assert "remote at Mid -9.4% (n = 270)" in charts.alt_text(gaps)


def test_payroll_table_and_policy_chart():
    rates = policies.city_rates([policies.CityMarket("A", 10, 1.5, 1.0),
                                 policies.CityMarket("B", 30, 1.0, 0.8)], 100_000,
                                policies.DEFAULT_TIERS, {})
    payroll = policies.team_payroll(rates, {"A": 1, "B": 1})
    # location 150,000 + 100,000 = 250,000; national 200,000 (-50,000, -20.0%)
    table = tables.payroll(payroll).set_index("Policy")
    assert table.loc["One national rate", "Yearly payroll"] == "$200,000"
    assert table.loc["One national rate", "Against location-based"] == "-$50,000"
    assert table.loc["One national rate", "In %"] == "-20.0%"
    fig = charts.policy_rates(policies.as_frame(rates))
    assert [trace.name for trace in fig.data] == list(policies.LABELS.values())
    assert list(fig.data[0].x) == [150_000, 100_000]
    assert "in 2 cities" in charts.alt_text(fig) and "national rate $100,000" in charts.alt_text(fig)


def test_the_lab_shows_some_cities_at_the_rates_of_all():
    cities = [policies.CityMarket("A", 10, 1.5, 1.0), policies.CityMarket("B", 30, 1.0, 0.8)]
    lab = policies.policy_lab(cities, 100_000, policies.DEFAULT_TIERS, {}, {"A": 1})
    (b_only,) = lab.rates_in(["B", "Nowhere"])
    assert b_only == next(rates for rates in lab.rates if rates.city == "B")
    # the cost-of-living base stays every city's: (10 x 1.0 + 30 x 0.8) / 40 = 0.85
    assert lab.cost_of_living_base == pytest.approx(0.85)


def test_editing_the_shown_cities_keeps_the_tiers_of_the_others_in_the_link():
    edited = pd.DataFrame({"city": ["Austin", "Boston"], "automatic_tier": [2, 1], "tier": [1, 1]})
    kept = link_tables.not_in({"Austin": 3, "Denver": 2}, edited["city"])
    assert kept == {"Denver": 2}
    text = link_tables.tier_overrides_text(edited, kept=kept)
    assert dict(link_tables.rows_from_text(text, ("city", "tier")).values.tolist()) == {
        "Denver": "2", "Austin": "1"}
