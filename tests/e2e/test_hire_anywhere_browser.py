"""Hire anywhere in a real browser: a hiring manager sets the inputs, copies the address bar,
and a colleague's fresh browser shows the same table; the world map is drawn from the app's
own files, with no request leaving the app's server."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    RUN_TIMEOUT_MS,
    assert_no_errors,
    choose,
    enter_number,
    open_view,
    screenshot_whole_page,
    settled,
    stable,
    table_cells,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

TITLE = "Hire anywhere"


# Wide enough for every column of the ranked table: the grid draws only the columns in view,
# and only drawn cells can be read.
WIDE = {"width": 2200, "height": 1800}


def ranked_table(page: Page) -> list[str]:
    return table_cells(page, 0)


def test_a_copied_link_reproduces_the_table(server, browser, page, artifacts):
    page.set_viewport_size(WIDE)
    open_view(page, f"{server.url}/hire_anywhere?dataset=aijobs", TITLE)
    before = ranked_table(page)
    enter_number(page, "EOR fee (USD per employee per month)", "450")
    expect(page.get_by_test_id("stMetric").filter(has_text="EOR fee per year")
           .get_by_test_id("stMetricValue")).to_have_text("$5,400", timeout=RUN_TIMEOUT_MS)
    choose(page, "Team's time zone", "Europe/Berlin", area="stMain")
    page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").get_by_text(
        "Overlap", exact=True).click()
    wait_for_app(page)
    enter_number(page, "Fewest records per country", "10")
    expect(page.get_by_text("fewer than 10 records", exact=False).first).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    table = stable(page, ranked_table)
    assert table != before and "$5,400" in table
    assert_no_errors(page)
    screenshot_whole_page(page, artifacts / "hire-anywhere.png")

    link = page.url
    for part in ("dataset=aijobs", "hire_eor_fee=450", "hire_team_zone=Europe%2FBerlin",
                 "hire_rank_by=Overlap", "hire_min_records=10", "hire_date="):
        assert part in link, part
    context = browser.new_context(viewport=WIDE)
    try:
        colleague = context.new_page()
        open_view(colleague, link, TITLE)
        assert settled(colleague, ranked_table, table) == table
        assert_no_errors(colleague)
    finally:
        context.close()


def test_the_map_is_drawn_without_a_request_leaving_the_server(server, page, artifacts):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_view(page, f"{server.url}/hire_anywhere?dataset=aijobs", TITLE)
    countries = page.locator(".js-plotly-plot .choroplethlocation")
    expect(countries.first).to_be_attached(timeout=RUN_TIMEOUT_MS)
    assert countries.count() > 5  # a country shape per country with a cost
    expect(page.locator(".js-plotly-plot .geo .countries path").first).to_be_attached()
    wait_for_app(page)
    assert f"{server.url}/app/static/topojson/world_110m.json" in requests
    host = urlparse(server.url).hostname
    outside = [url for url in requests if urlparse(url).hostname != host]
    assert outside == []
    page.get_by_role("heading", name="On the map").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "hire-anywhere-map.png")
