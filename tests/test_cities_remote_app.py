"""The Cities and Remote pages under AppTest: their numbers against pandas on the shipped data,
several filter sets, page inputs from the link, hostile links, empty selections and a dataset
without cities."""

import numpy as np
import pandas as pd
import plotly.io
import pytest

from paybench.datasets import calibration, dataset
from paybench.domain import policies
from paybench.present import link_tables
from paybench.present.formatting import money, percent, signed_percent
from tests.helpers import MLE, metric, open_app

CITIES_PAGE, REMOTE_PAGE = "pages/cities.py", "pages/remote.py"


def selection(records: pd.DataFrame, role: str = MLE, **conditions) -> pd.DataFrame:
    """The shipped records a link selects: the role, US (the default country) and conditions."""
    subset = records[(records["role"] == role) & (records["country"] == "US")]
    for column, values in conditions.items():
        subset = subset[subset[column].isin(values)]
    return subset


def table(at, key_prefix: str | None = None, index: int = 0) -> pd.DataFrame:
    """A dataframe or data editor on the page, by its key's prefix or its position."""
    frames = [f for f in at.dataframe if key_prefix is None or (f.key or "").startswith(key_prefix)]
    return frames[index].value


def figure(at, key: str):
    chart = next(c for c in at.get("plotly_chart") if key in c.proto.id)
    return plotly.io.from_json(chart.proto.spec)


def dollars(text: str) -> float:
    return float(text.replace("$", "").replace(",", ""))


def markdown_text(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def warnings(at) -> str:
    return "\n".join(warning.value for warning in at.warning)


# ---- Cities -----------------------------------------------------------------------------------

def whole_dataset_top(records: pd.DataFrame, role: str = MLE, levels=None,
                      measure: str = "median", k: int = 5) -> list[str]:
    """The top-paying cities of the whole dataset for a role (and levels): every country, year,
    industry and size; cities with 5 records or more; ties by name."""
    subset = records[records["role"] == role]
    if levels:
        subset = subset[subset["level"].isin(levels)]
    grouped = subset.groupby("city")["total_comp"]
    pay = grouped.agg(measure)[grouped.size() >= 5].rename("pay").reset_index()
    return pay.sort_values(["pay", "city"], ascending=[False, True])["city"].head(k).tolist()


def top_line(at) -> str:
    return next(block.value for block in at.markdown if "Top-paying cities" in block.value)


def test_cities_defaults_rank_the_guides_top_five(shipped_records):
    at = open_app(page=CITIES_PAGE)
    assert at.title[0].value == "Cities"
    top_five = whole_dataset_top(shipped_records)
    assert set(top_five) == calibration.top_paying_cities()
    expected = ", ".join(f"{place}. {city}" for place, city in enumerate(top_five, start=1))
    assert f"of the whole dataset for {MLE}, by median total comp: {expected}" in top_line(at)
    ranking = table(at)
    assert ranking["City"].head(5).tolist() == top_five
    assert len(at.get("plotly_chart")) == 4


def test_cities_market_pay_and_cost_of_living_equal_an_independent_computation(shipped_records):
    at = open_app(page=CITIES_PAGE)
    ranking = table(at).set_index("City")
    records = selection(shipped_records)
    national, by_city = records["total_comp"].median(), records.groupby("city")["total_comp"]
    metros = calibration.metros().set_index("city")
    for city in ("Seattle", "Austin", "Indianapolis"):
        row, median = ranking.loc[city], by_city.median()[city]
        assert row["n"] == f"{by_city.size()[city]:,}"
        assert row["Median"] == money(median) and row["Mean"] == money(by_city.mean()[city])
        assert row["Market pay vs national"] == f"{median / national:.2f}×"
        assert row["Market pay vs San Francisco"] == (
            f"{median / by_city.median()['San Francisco']:.2f}×")
        cost = metros.loc[city, "cost_of_living_factor_vs_sf"]
        assert row["Cost of living vs San Francisco"] == f"{cost:.2f}×"
        assert row["Median pay in San Francisco prices"] == money(median / cost)
    bands = figure(at, "city_ranking")
    assert list(bands.data[0].base) == pytest.approx(
        [by_city.quantile(0.25)[city] for city in ranking.index[:5]])


@pytest.mark.parametrize("query", [
    {"level": ["Senior"]},
    {"role": "Data Scientist", "work_arrangement": ["Remote"]},
    {"industry": ["Finance"], "company_size": ["Large"]},
    {"cities_rank_by": "Mean", "level": ["Entry", "Mid"]},
])
def test_cities_follow_the_filters(query, shipped_records):
    at = open_app(query, page=CITIES_PAGE)
    conditions = {k: v for k, v in query.items() if k not in ("role", "cities_rank_by")}
    records = selection(shipped_records, query.get("role", MLE), **conditions)
    grouped = records.groupby("city")["total_comp"]
    measure = "mean" if query.get("cities_rank_by") == "Mean" else "median"
    by_measure = grouped.agg(measure)[grouped.size() >= 5].sort_values(ascending=False)
    ranking = table(at)
    assert ranking["City"].tolist() == by_measure.index.tolist()
    column = "Mean" if measure == "mean" else "Median"
    assert ranking[column].tolist() == [money(value) for value in by_measure]
    # the top-paying cities are the whole dataset's for the role and level, whatever the rest
    top = whole_dataset_top(shipped_records, query.get("role", MLE), query.get("level"), measure)
    assert f"by {measure} total comp: 1. {top[0]}, 2. {top[1]}," in top_line(at)
    starred = [label.removeprefix("★ ").split(" · ")[0]
               for label in figure(at, "city_ranking").data[2].y if label.startswith("★")]
    assert starred == [city for city in ranking["City"] if city in top]


def test_top_paying_cities_are_the_datasets_not_the_selections(shipped_records):
    """A selection of three cities does not make all three top-paying: with Seattle, San
    Francisco and Austin in the sidebar, only those among the dataset's top five are starred."""
    cities = ["Seattle", "San Francisco", "Austin"]
    at = open_app({"city": cities}, page=CITIES_PAGE)
    top = whole_dataset_top(shipped_records)
    assert "1. " + top[0] in top_line(at)
    highlighted, others, _ = figure(at, "city_ranking").data
    named = {label.removeprefix("★ ").split(" · ")[0]: label for label in
             [*highlighted.y, *others.y]}
    assert set(named) == set(cities)
    for city in cities:
        assert named[city].startswith("★") == (city in top), city
        assert (named[city] in highlighted.y) == (city in top), city
    assert len(highlighted.y) < len(cities)  # Austin is not among the five in this sample


def test_the_map_shows_the_same_numbers_as_the_ranking(shipped_records):
    at = open_app({"level": ["Senior"], "cities_rank_by": "Mean"}, page=CITIES_PAGE)
    ranking = table(at)
    (points,) = figure(at, "city_map").data
    rows = pd.DataFrame([list(row) for row in points.customdata],
                        columns=["City", "n", "Mean", "p25", "p75"])
    assert rows["City"].tolist() == ranking["City"].tolist()  # every city, same order
    assert [f"{n:,}" for n in rows["n"]] == ranking["n"].tolist()
    assert [money(value) for value in rows["Mean"]] == ranking["Mean"].tolist()
    assert [f"{money(low)}–{money(high)}" for low, high in zip(rows["p25"], rows["p75"],
                                                            strict=True)] == (
        ranking["P25–P75"].tolist())
    assert list(points.marker.color) == list(rows["Mean"])
    assert list(points.marker.size) == list(rows["n"])
    points_file = calibration.city_coordinates().set_index("city")
    assert list(points.lat) == points_file.loc[rows["City"], "lat"].tolist()
    assert list(points.lon) == points_file.loc[rows["City"], "lon"].tolist()
    # and independently of the app: Seattle's senior records
    seattle = selection(shipped_records, level=["Senior"], city=["Seattle"])["total_comp"]
    row = rows.set_index("City").loc["Seattle"]
    assert row["n"] == len(seattle) and row["Mean"] == pytest.approx(seattle.mean())
    assert row["p25"] == pytest.approx(seattle.quantile(0.25))


def test_san_francisco_is_on_land_not_on_the_farallon_islands():
    san_francisco = calibration.city_coordinates().set_index("city").loc["San Francisco"]
    # the city's land mass lies east of -122.52 (Ocean Beach); the Farallones are at -123.0
    assert -122.52 < san_francisco["lon"] < -122.35 and 37.70 < san_francisco["lat"] < 37.82


def test_each_city_keeps_its_colour_in_every_comparison():
    def colours(query) -> dict[str, str]:
        boxes = figure(open_app(query, page=CITIES_PAGE), "city_bands").data
        return {trace.name.split(" (")[0]: trace.marker.color for trace in boxes}

    three = colours({"city": ["Seattle", "San Francisco", "Austin"]})
    other_order = colours({"cities_compare": ["Austin", "Boston", "San Francisco"]})
    two = colours({"cities_compare": ["San Francisco", "Denver"]})
    assert three["San Francisco"] == other_order["San Francisco"] == two["San Francisco"]
    assert three["Austin"] == other_order["Austin"]
    for drawn in (three, other_order, two):
        assert len(set(drawn.values())) == len(drawn)  # no two cities share a colour


def test_sidebar_cities_narrow_the_ranking_but_not_the_national_figure(shipped_records):
    at = open_app({"city": ["Seattle", "Austin"]}, page=CITIES_PAGE)
    ranking = table(at).set_index("City")
    assert sorted(ranking.index) == ["Austin", "Seattle"]
    records = selection(shipped_records)
    national = records["total_comp"].median()
    seattle = records.loc[records["city"] == "Seattle", "total_comp"].median()
    assert ranking.loc["Seattle", "Market pay vs national"] == f"{seattle / national:.2f}×"
    # With nothing chosen on the page, the sidebar's two cities are compared.
    assert at.multiselect(key="cities_compare").value == []
    assert list(table(at, index=1).columns) == ["Level", "Seattle", "Austin"]


def test_the_national_figure_counts_the_records_without_a_city(shipped_records):
    at = open_app(page=CITIES_PAGE)
    records = selection(shipped_records)
    without_city = int(records["city"].isna().sum())
    assert without_city > 0
    captions = " ".join(caption.value for caption in at.caption)
    assert f"{money(records['total_comp'].median())}, n = {len(records):,}" in captions
    assert f"including {without_city:,} records without a city: Rest of US, the rest" in captions
    assert "))" not in captions
    assert "Rest of US" not in table(at)["City"].tolist()


def test_the_rest_of_us_is_explained_not_ranked_on_the_cities_page():
    at = open_app({"metro": ["Rest of US"]}, page=CITIES_PAGE)
    assert at.multiselect(key="metro").value == ["Rest of US"]
    assert any("have no city" in info.value for info in at.info)
    assert "No city in" in warnings(at)


def test_a_metro_filter_keeps_its_cities():
    at = open_app({"metro": ["San Jose-Sunnyvale-Santa Clara, CA"]}, page=CITIES_PAGE)
    assert sorted(table(at)["City"]) == ["Mountain View", "San Jose"]


def test_compared_cities_come_from_the_link(shipped_records):
    at = open_app({"cities_compare": ["Boston", "Denver", "Miami"]}, page=CITIES_PAGE)
    medians = table(at, index=1).set_index("Level")
    assert list(medians.columns) == ["Boston", "Denver", "Miami"]
    boston = selection(shipped_records, city=["Boston"], level=["Staff"])
    assert medians.loc["Staff", "Boston"] == (
        f"{money(boston['total_comp'].median())} (n = {len(boston):,})")
    boxes = figure(at, "city_bands")
    assert [trace.name.split(" (")[0] for trace in boxes.data] == ["Boston", "Denver", "Miami"]


def test_choosing_cities_on_the_page_changes_the_comparison():
    at = open_app(page=CITIES_PAGE)
    at.multiselect(key="cities_compare").set_value(["Chicago", "Atlanta"]).run()
    assert not at.exception
    assert list(table(at, index=1).columns) == ["Level", "Chicago", "Atlanta"]


def test_one_compared_city_asks_for_another():
    at = open_app({"cities_compare": ["Boston"]}, page=CITIES_PAGE)
    assert any("two to four" in info.value for info in at.info)


@pytest.mark.parametrize(("query", "named"), [
    ({"cities_compare": ["Atlantis", "Seattle", "Austin"]}, "Atlantis"),
    ({"cities_rank_by": "<b>Bogus</b>"}, "Bogus"),
    ({"cities_compare": ["Boston", "Denver", "Miami", "Austin", "Seattle"]}, "at most 4"),
])
def test_bad_page_values_in_a_cities_link_get_a_note(query, named):
    at = open_app(query, page=CITIES_PAGE)
    assert named in warnings(at) and "<b>" not in warnings(at)
    assert len(table(at)) > 5


def test_an_empty_cities_selection_is_explained():
    at = open_app({"role": "AI Engineer", "year": ["2022", "2022"], "level": ["Principal"],
                   "industry": ["Cybersecurity"], "company_size": ["Small"]}, page=CITIES_PAGE)
    assert "n = 0" in warnings(at)
    assert not at.get("plotly_chart") and not at.dataframe


def test_thin_sidebar_cities_are_named_not_shown():
    at = open_app({"city": ["Madison", "Seattle"], "level": ["Principal"],
                   "industry": ["Manufacturing"]}, page=CITIES_PAGE)
    shown_cities = table(at)["City"].tolist()
    assert "Madison" not in shown_cities
    assert any("Madison" in caption.value and "fewer than 5" in caption.value
               for caption in at.caption)


@pytest.fixture
def cityless_dataset(tmp_path, monkeypatch, fixture_records):
    """An imported dataset whose records carry no city, state or metro."""
    records = fixture_records.assign(city=None, state=None, metro=None)
    path = tmp_path / "cityless.parquet"
    dataset.write_parquet_atomic(dataset.to_arrow(records), path)
    monkeypatch.setenv("PAYBENCH_DATA", str(path))
    return records


def test_a_dataset_without_cities_says_so_on_the_cities_page(cityless_dataset):
    at = open_app(page=CITIES_PAGE)
    assert any("No city data in this dataset" in info.value for info in at.info)
    assert not at.get("plotly_chart")


def test_a_dataset_without_cities_still_compares_arrangements(cityless_dataset):
    at = open_app(page=REMOTE_PAGE)
    records = cityless_dataset[cityless_dataset["role"] == MLE]
    assert metric(at, "Records") == f"{len(records):,}"
    assert figure(at, "arrangement_gaps").data
    assert any("needs cities" in info.value for info in at.info)


# ---- Remote -----------------------------------------------------------------------------------

def remote_gap(records: pd.DataFrame, level: str) -> tuple[float, int, int]:
    at_level = records[records["level"] == level]
    remote = at_level.loc[at_level["work_arrangement"] == "Remote", "total_comp"]
    onsite = at_level.loc[at_level["work_arrangement"] == "Onsite", "total_comp"]
    return remote.median() / onsite.median() - 1, len(remote), len(onsite)


def test_remote_defaults_equal_an_independent_computation(shipped_records):
    at = open_app(page=REMOTE_PAGE)
    assert at.title[0].value == "Remote"
    records = selection(shipped_records)
    remote = (records["work_arrangement"] == "Remote").sum()
    assert metric(at, "Remote share of records") == percent(remote / len(records), 1) == "12.0%"
    assert metric(at, "Records") == f"{len(records):,}"
    text = markdown_text(at)
    for level in ("Entry", "Mid", "Senior", "Staff", "Principal"):
        gap, n_remote, n_onsite = remote_gap(records, level)
        assert f"{level}: remote {signed_percent(gap)} (95% CI " in text
        assert f"n = {n_remote:,} vs {n_onsite:,} on-site" in text
    gaps = table(at).set_index(["Level", "Arrangement"])
    assert gaps.loc[("Mid", "Remote"), "Could be noise (interval includes 0)"] == "no"
    assert gaps.loc[("Senior", "Remote"), "Could be noise (interval includes 0)"] == "yes"


def test_policy_lab_defaults_equal_an_independent_computation(shipped_records):
    at = open_app(page=REMOTE_PAGE)
    assert at.selectbox(key="remote_policy_level").value == "automatic"
    senior = selection(shipped_records, level=["Senior"])
    national_median = senior["total_comp"].median()
    city_medians = senior.groupby("city")["total_comp"].median()
    assert metric(at, "National rate (P50)") == money(national_median)
    # At P50 the national rate is the national median, so location-based pay is the city's median.
    rates = table(at, "remote_tier_overrides").set_index("city")
    for city in ("San Francisco", "Austin", "Indianapolis"):  # within a dollar of rounding
        assert dollars(rates.loc[city, "location"]) == pytest.approx(city_medians[city], abs=1)
        assert rates.loc[city, "national"] == money(national_median)
    payroll = table(at, index=-1).set_index("Policy")
    team = link_tables.DEFAULT_TEAM
    location_total = sum(count * city_medians[city] for city, count in team.items())
    assert dollars(payroll.loc["Location-based (market pay)", "Yearly payroll"]) == (
        pytest.approx(location_total, abs=1))
    assert payroll.loc["One national rate", "Yearly payroll"] == money(
        sum(team.values()) * national_median)
    assert payroll.loc["One national rate", "In %"] == signed_percent(
        sum(team.values()) * national_median / location_total - 1)


def test_cost_of_living_policy_rebases_to_the_records_weighted_mean(shipped_records):
    at = open_app(page=REMOTE_PAGE)
    senior = selection(shipped_records, level=["Senior"])
    counts = senior.groupby("city").size()
    cost = calibration.metros().set_index("city")["cost_of_living_factor_vs_sf"]
    base = (counts * cost[counts.index]).sum() / counts.sum()
    rates = table(at, "remote_tier_overrides").set_index("city")
    austin = senior["total_comp"].median() * cost["Austin"] / base
    assert rates.loc["Austin", "cost_of_living"] == money(austin)
    assert metric(at, "Average cost of living vs San Francisco") == f"{base:.2f}×"


def test_the_lab_shows_the_sidebars_cities_at_the_rates_of_every_city(shipped_records):
    """A hiring manager who picks Seattle, San Francisco and Austin sees those three, each at
    what the policy pays it company-wide: the national rate is every city's."""
    everywhere = table(open_app(page=REMOTE_PAGE), "remote_tier_overrides").set_index("city")
    cities = ["Seattle", "San Francisco", "Austin"]
    at = open_app({"city": cities}, page=REMOTE_PAGE)
    rates = table(at, "remote_tier_overrides").set_index("city")
    assert sorted(rates.index) == sorted(cities)
    for policy in policies.POLICIES:
        assert rates.loc[cities, policy].tolist() == everywhere.loc[cities, policy].tolist()
    senior = selection(shipped_records, level=["Senior"])
    assert metric(at, "National rate (P50)") == money(senior["total_comp"].median())
    assert "Cities shown: the sidebar's" in markdown_text(at)
    traces = figure(at, "policy_rates").data
    assert sorted(traces[0].y) == sorted(cities)


def test_without_sidebar_cities_the_lab_says_it_shows_every_city():
    at = open_app(page=REMOTE_PAGE)
    assert "Cities shown: every city" in markdown_text(at)
    assert len(table(at, "remote_tier_overrides")) > 30


@pytest.mark.parametrize(("query", "level", "label"), [
    ({"level": ["Mid"]}, "Mid", "Mid (as in the sidebar)"),
    ({"remote_policy_level": "Staff"}, "Staff", "Staff"),
    ({"level": ["Mid"], "remote_policy_level": "Principal"}, "Principal", "Principal"),
    ({"level": ["Mid", "Staff"]}, "Senior", "Senior (default)"),
])
def test_the_lab_level_follows_the_link(query, level, label, shipped_records):
    at = open_app(query, page=REMOTE_PAGE)
    widget = at.selectbox(key="remote_policy_level")
    assert widget.format_func(widget.value) == label
    at_level = selection(shipped_records, level=[level])
    assert metric(at, "National rate (P50)") == money(at_level["total_comp"].median())


@pytest.mark.parametrize("query", [
    {"remote_policy_percentile": "75"},
    {"remote_policy_percentile": "90", "role": "Data Scientist", "industry": ["Finance"]},
    {"remote_policy_percentile": "35", "city": ["Seattle"], "year": ["2024", "2025"]},
])
def test_the_national_rate_is_the_chosen_percentile_of_every_city(query, shipped_records):
    at = open_app(query, page=REMOTE_PAGE)
    records = selection(shipped_records, query.get("role", MLE), level=["Senior"],
                        **({"industry": query["industry"]} if "industry" in query else {}))
    if "year" in query:
        records = records[records["year"] >= 2024]
    percentile = int(query["remote_policy_percentile"])
    expected = np.percentile(records["total_comp"], percentile)
    assert metric(at, f"National rate (P{percentile})") == money(expected)


def test_a_team_from_the_link_is_costed_and_its_bad_entries_named(shipped_records):
    at = open_app({"remote_team": "Seattle:3,Atlantis:2,Austin:abc"}, page=REMOTE_PAGE)
    assert "Atlantis" in warnings(at) and "Austin" in warnings(at)
    seattle = selection(shipped_records, level=["Senior"], city=["Seattle"])["total_comp"].median()
    payroll = table(at, index=-1).set_index("Policy")
    assert dollars(payroll.loc["Location-based (market pay)", "Yearly payroll"]) == (
        pytest.approx(3 * seattle, abs=1))
    team_editor = table(at, "remote_team")
    assert team_editor["city"].tolist() == ["Seattle", "Atlantis", "Austin"]


def test_tiers_and_a_moved_city_from_the_link(shipped_records):
    # The top tier starts half way between Seattle's and San Jose's market pay factor (the
    # city's Senior median / the national Senior median): San Jose is in it, Seattle is not.
    senior = selection(shipped_records, level=["Senior"])
    by_city = senior.groupby("city")["total_comp"].median() / senior["total_comp"].median()
    threshold = round((by_city["Seattle"] + by_city["San Jose"]) / 2, 2)
    assert by_city["Austin"] < by_city["Seattle"] < threshold < by_city["San Jose"]
    at = open_app({"remote_tiers": f"100:{threshold},75", "remote_tier_overrides": "Austin:1"},
                  page=REMOTE_PAGE)
    rates = table(at, "remote_tier_overrides").set_index("city")
    assert rates.loc["Austin", "tier"] == 1 and rates.loc["Austin", "automatic_tier"] == 2
    assert rates.loc["Seattle", "tier"] == 2 and rates.loc["San Jose", "tier"] == 1
    top, second = (rates.loc[city, "tiered"] for city in ("San Jose", "Seattle"))
    assert rates.loc["Austin", "tiered"] == top
    top_value, second_value = (float(v.strip("$").replace(",", "")) for v in (top, second))
    assert second_value == pytest.approx(0.75 * top_value, abs=1)


@pytest.mark.parametrize(("query", "named"), [
    ({"remote_tiers": "100:1.1,90:1.5,80"}, "default tiers"),
    ({"remote_tier_overrides": "Austin:9"}, "tier from 1 to 3"),
    ({"remote_policy_percentile": "500"}, "whole number from 5 to 95"),
    ({"remote_policy_level": "CEO"}, "CEO"),
    ({"remote_team": "<img src=x onerror=alert(1)>:2"}, "no such city"),
])
def test_bad_page_values_in_a_remote_link_get_a_note(query, named):
    at = open_app(query, page=REMOTE_PAGE)
    assert named in warnings(at)
    assert "<img" not in warnings(at).replace(r"\<img", "")  # shown as text, not HTML
    assert metric(at, "National rate (P50)").startswith("$")


def test_an_empty_remote_selection_is_explained():
    at = open_app({"role": "AI Engineer", "year": ["2022", "2022"], "level": ["Principal"],
                   "industry": ["Cybersecurity"], "company_size": ["Small"]}, page=REMOTE_PAGE)
    assert "n = 0" in warnings(at)
    assert not at.metric and not at.get("plotly_chart")


def test_a_thin_lab_level_is_explained(shipped_records):
    # A year in which the data has 1 to 4 such Principal records: too few for the lab.
    principal = selection(shipped_records, "AI Engineer", level=["Principal"],
                          industry=["Transportation & Logistics"])
    year = str(next(y for y, n in principal.groupby("year").size().items() if n < 5))
    at = open_app({"role": "AI Engineer", "industry": ["Transportation & Logistics"],
                   "year": [year, year], "remote_policy_level": "Principal"}, page=REMOTE_PAGE)
    assert "Figures need at least 5 records" in warnings(at)
    assert any("The lab uses the level chosen above" in caption.value for caption in at.caption)
    assert metric(at, "Records")  # the arrangement comparison above still shows


def test_a_lab_level_without_a_city_of_five_records_is_explained():
    at = open_app({"role": "AI Engineer", "industry": ["Cybersecurity"], "year": ["2025", "2025"],
                   "remote_policy_level": "Principal"}, page=REMOTE_PAGE)
    assert any("No city has at least 5 records" in info.value for info in at.info)
    assert not at.data_editor
