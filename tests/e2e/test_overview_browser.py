"""The real app in a real browser: a link with filters shows the right headline, a copied link
reproduces the view in a fresh browser, and a deep link to a page works on a fresh server."""

import duckdb
import pytest
from playwright.sync_api import expect

from paybench.paths import SHIPPED_DATASET
from paybench.present.formatting import money
from tests.e2e.conftest import Server
from tests.e2e.helpers import (
    assert_no_errors,
    choose,
    metric_card_value,
    metric_value,
    open_view,
    wait_for_app,
)

pytestmark = pytest.mark.e2e


def independent_mean(levels: list[str], cities: list[str]) -> tuple[int, float]:
    sql = """
        select count(*), avg(total_comp) from read_parquet(?)
        where role = 'Machine Learning Engineer' and country = 'US'
          and level in (select unnest(?)) and city in (select unnest(?))
    """
    with duckdb.connect() as con:
        return con.execute(sql, [str(SHIPPED_DATASET), levels, cities]).fetchone()


def test_link_with_filters_shows_the_right_headline(server, page, artifacts):
    open_view(page, f"{server.url}/?level=Senior&city=Seattle&city=San+Francisco", "Overview")
    n, mean = independent_mean(["Senior"], ["Seattle", "San Francisco"])
    assert metric_value(page, "Mean total comp") == money(mean)
    assert metric_value(page, "Records") == f"{n:,}"
    assert_no_errors(page)
    page.screenshot(path=artifacts / "overview-seattle-sf-senior.png", full_page=True)


def test_defaults_show_the_guides_figure(server, page, artifacts):
    open_view(page, server.url, "Overview")
    assert metric_value(page, "Mean total comp") == "$167,627"
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(4)
    assert_no_errors(page)
    page.screenshot(path=artifacts / "overview.png", full_page=True)


def test_a_copied_link_reproduces_the_view_in_a_fresh_browser(server, browser, page):
    open_view(page, server.url, "Overview")
    before = metric_value(page, "Mean total comp")
    choose(page, "City", "Boston")
    page.wait_for_url("**city=Boston**")
    # the URL changes before the rerun ends: wait for the figure, not just the link
    expect(metric_card_value(page, "Mean total comp")).not_to_have_text(before)
    wait_for_app(page)
    changed = metric_value(page, "Mean total comp")
    shared_link = page.url

    fresh = browser.new_context(viewport={"width": 1400, "height": 1800})
    try:
        other = fresh.new_page()
        open_view(other, shared_link, "Overview")
        assert metric_value(other, "Mean total comp") == changed
        assert metric_value(other, "Records") == metric_value(page, "Records")
        assert_no_errors(other)
    finally:
        fresh.close()


def test_deep_link_to_a_page_works_on_a_fresh_server(browser, artifacts):
    fresh_server = Server()
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    try:
        page = context.new_page()
        open_view(page, f"{fresh_server.url}/data?city=Seattle", "Data")
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Filters", exact=True)).to_be_visible()
        expect(sidebar.get_by_text("Seattle", exact=True)).to_be_visible()
        wait_for_app(page)
        assert_no_errors(page)
        page.screenshot(path=artifacts / "data.png", full_page=True)
    finally:
        context.close()
        fresh_server.stop()
