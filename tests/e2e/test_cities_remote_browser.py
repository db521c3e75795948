"""The Cities and Remote pages in a real browser: a filter changes the charts, page inputs
(compared cities, the policy percentile, the planned team) go into the link, and the link
opened in a fresh browser shows the same numbers, which match an independent query."""

import duckdb
import pytest
from playwright.sync_api import Browser, Page, expect

from paybench.paths import SHIPPED_DATASET
from paybench.present import link_tables
from paybench.present.formatting import money
from tests.e2e.helpers import (
    assert_no_errors,
    chart_traces,
    choose,
    choose_on_page,
    metric_value,
    open_view,
    screenshot_whole_page,
    table_cells,
    type_into_last_column,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

RANKING_CHART, BANDS_CHART = 0, 2  # the Cities page's charts, in page order
GAPS_CHART = 0  # the Remote page's first chart
PAYROLL_TABLE, TEAM_EDITOR = 4, 3  # the Remote page's tables, in page order


def city_medians(level: str) -> list[tuple[str, float]]:
    """US ML engineers at one level: every city's median total comp, highest first (records
    without a city, the rest of the US, are not ranked)."""
    sql = """
        select city, median(total_comp) as median from read_parquet(?)
        where role = 'Machine Learning Engineer' and country = 'US' and level = ?
            and city is not null
        group by city order by median desc
    """
    with duckdb.connect() as con:
        return con.execute(sql, [str(SHIPPED_DATASET), level]).fetchall()


def national_median(level: str) -> float:
    sql = """
        select median(total_comp) from read_parquet(?)
        where role = 'Machine Learning Engineer' and country = 'US' and level = ?
    """
    with duckdb.connect() as con:
        return con.execute(sql, [str(SHIPPED_DATASET), level]).fetchone()[0]


def location_payroll(level: str, percentile: int, team: dict[str, int]) -> float:
    """The team's yearly payroll under location-based pay, straight from the file: the national
    rate (the percentile over every city) x each city's median / the national median."""
    sql = """
        with level_records as (
            select city, total_comp from read_parquet($path)
            where role = 'Machine Learning Engineer' and country = 'US' and level = $level
        ),
        national as (
            select quantile_cont(total_comp, $share) as rate, median(total_comp) as median
            from level_records
        ),
        cities as (select city, median(total_comp) as median from level_records group by city)
        select sum(national.rate * cities.median / national.median * team.head_count)
        from cities, national, (select unnest($cities) as city, unnest($counts) as head_count) team
        where team.city = cities.city
    """
    with duckdb.connect() as con:
        return con.execute(sql, {"path": str(SHIPPED_DATASET), "level": level,
                                 "share": percentile / 100, "cities": list(team),
                                 "counts": list(team.values())}).fetchone()[0]


def wait_for_selection(page: Page, description: str) -> None:
    """Wait until the page reports the filters it now shows (its caption) and has finished."""
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=description)).to_be_visible()
    wait_for_app(page)


def in_fresh_browser(browser: Browser, link: str, heading: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    other = context.new_page()
    open_view(other, link, heading)
    return context, other


def top_paying_line(page: Page) -> str:
    return page.get_by_test_id("stMarkdownContainer").filter(has_text="Top-paying cities").inner_text()


def test_cities_follow_a_filter_and_a_shared_link_shows_the_same(server, browser, page, artifacts):
    open_view(page, f"{server.url}/cities", "Cities")
    assert "1. Mountain View, 2. San Jose, 3. San Francisco, 4. Seattle, 5. New York" in (
        top_paying_line(page))
    assert_no_errors(page)
    screenshot_whole_page(page, artifacts / "cities.png")
    before = chart_traces(page, RANKING_CHART)

    choose(page, "Level", "Senior")
    page.wait_for_url("**level=Senior**")
    wait_for_selection(page, "Machine Learning Engineer · Senior · US")
    after = chart_traces(page, RANKING_CHART)
    assert after != before
    expected = city_medians("Senior")
    medians = after[-1]  # the marker trace: one median per city, highest first
    assert medians["x"] == pytest.approx([median for _, median in expected])
    assert [label.split(" · ")[0] for label in medians["y"]] == [city for city, _ in expected]

    choose_on_page(page, "Cities to compare", "Boston")
    expect(page.get_by_text("Choose two to four cities to compare.")).to_be_visible()
    choose_on_page(page, "Cities to compare", "Denver")
    page.wait_for_url("**cities_compare=Denver**")
    expect(page.locator(".js-plotly-plot").nth(BANDS_CHART)).to_contain_text("Denver")
    wait_for_app(page)
    bands = chart_traces(page, BANDS_CHART)
    assert [trace["name"].split(" (")[0] for trace in bands] == ["Boston", "Denver"]
    shared_link = page.url

    context, other = in_fresh_browser(browser, shared_link, "Cities")
    try:
        assert chart_traces(other, RANKING_CHART) == after
        assert chart_traces(other, BANDS_CHART) == bands
        assert top_paying_line(other) == top_paying_line(page)
        assert table_cells(other, 0) == table_cells(page, 0)
        assert_no_errors(other)
    finally:
        context.close()


def test_remote_follows_a_filter_and_a_shared_link_shows_the_same(server, browser, page, artifacts):
    open_view(page, f"{server.url}/remote", "Remote")
    assert metric_value(page, "Remote share of records") == "12.0%"
    assert metric_value(page, "National rate (P50)") == money(national_median("Senior"))
    assert_no_errors(page)
    screenshot_whole_page(page, artifacts / "remote.png")
    gaps_before = chart_traces(page, GAPS_CHART)

    choose(page, "Level", "Mid")
    page.wait_for_url("**level=Mid**")
    wait_for_selection(page, "Machine Learning Engineer · Mid · US")
    gaps = chart_traces(page, GAPS_CHART)
    assert gaps != gaps_before and all(trace["x"] == ["Mid"] for trace in gaps)
    assert metric_value(page, "National rate (P50)") == money(national_median("Mid"))

    slider = page.get_by_test_id("stSlider").filter(has_text="National rate at percentile")
    slider.get_by_role("slider").focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_url("**remote_policy_percentile=75**")
    expect(page.get_by_test_id("stMetric").filter(has_text="National rate (P75)")).to_be_visible()
    wait_for_app(page)
    rate = metric_value(page, "National rate (P75)")

    type_into_last_column(page, TEAM_EDITOR, row=1, text="7")  # Seattle: 2 -> 7 people
    page.wait_for_url("**remote_team=*Seattle%3A7*")
    team = {**link_tables.DEFAULT_TEAM, "Seattle": 7}
    location_total = page.get_by_test_id("stDataFrame").nth(PAYROLL_TABLE).locator(
        "[role=gridcell]").nth(1)  # the first row: location-based
    expect(location_total).to_have_text(money(location_payroll("Mid", 75, team)))
    wait_for_app(page)
    payroll = table_cells(page, PAYROLL_TABLE)
    shared_link = page.url

    context, other = in_fresh_browser(browser, shared_link, "Remote")
    try:
        assert chart_traces(other, GAPS_CHART) == gaps
        assert metric_value(other, "National rate (P75)") == rate
        assert metric_value(other, "Remote share of records") == (
            metric_value(page, "Remote share of records"))
        assert table_cells(other, PAYROLL_TABLE) == payroll
        assert table_cells(other, TEAM_EDITOR)[2:4] == ["Seattle", "7"]
        assert_no_errors(other)
    finally:
        context.close()
