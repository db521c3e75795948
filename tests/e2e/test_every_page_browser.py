"""Every page in a real browser: it opens with no error, nothing from the data or the link is
run as HTML, the upload and the records download work. A screenshot of every page is written
to test-artifacts/screenshots/ for a person to look at."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from paybench.app import navigation
from tests.e2e.helpers import (
    assert_no_errors,
    choose,
    metric_value,
    open_view,
    screenshot_whole_page,
    upload_and_check,
    wait_for_app,
)
from tests.helpers import MESSY

pytestmark = pytest.mark.e2e

PAGES = {spec.url_path: spec.title for spec in navigation.PAGES}  # every page of the menu
SCRIPT = "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\">"


@pytest.fixture
def no_dialogs(page):
    """Fails the test if anything on the page opens a dialog (alert, confirm, prompt)."""
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    yield opened
    assert opened == []


@pytest.mark.parametrize("url_path", list(PAGES))
def test_every_page_opens_without_an_error(server, page, artifacts, url_path):
    open_view(page, f"{server.url}/{url_path}", PAGES[url_path])
    assert_no_errors(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Filters", exact=True)).to_be_visible()
    screenshot_whole_page(page, artifacts / f"page-{url_path or 'overview'}.png")


def test_the_check_for_outside_requests_notices_one(server, browser, page):
    """The check every browser test runs can fail: a request to another host is recorded
    (then forgotten here, so that this test passes)."""
    open_view(page, f"{server.url}/", "Overview")
    page.evaluate("fetch('http://example.invalid/font.woff2').catch(() => null)")
    for _ in range(50):  # the request event may arrive just after the fetch has failed
        if browser.outside:
            break
        page.wait_for_timeout(100)
    assert browser.outside == ["http://example.invalid/font.woff2"]
    browser.outside.clear()


def test_the_page_icon_is_inline_not_fetched(server, page):
    """The tab's icon is a data: URL (a local SVG); a :material/ icon made every page load ask
    fonts.gstatic.com for it."""
    open_view(page, f"{server.url}/", "Overview")
    icons = page.locator("link[rel~='icon']")
    expect(icons.first).to_be_attached()
    assert all(href.startswith("data:image/svg+xml") for href in
               icons.evaluate_all("links => links.map(link => link.href)"))


@pytest.mark.parametrize("url_path", list(PAGES))
def test_every_page_opens_on_the_real_public_dataset(server, page, artifacts, url_path):
    open_view(page, f"{server.url}/{url_path}?dataset=aijobs", PAGES[url_path])
    assert_no_errors(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Real public records", exact=False)).to_be_visible()
    screenshot_whole_page(page, artifacts / f"page-{url_path or 'overview'}-aijobs.png")


def test_choosing_a_dataset_puts_it_and_its_version_in_the_link(server, page):
    open_view(page, f"{server.url}/", "Overview")
    choose(page, "Dataset", "aijobs")
    expect(page.get_by_text("Real public records", exact=False)).to_be_visible(timeout=30_000)
    wait_for_app(page)
    assert "dataset=aijobs" in page.url and "dataset_version=" in page.url
    shared = page.context.new_page()
    open_view(shared, page.url, "Overview")
    assert metric_value(shared, "Records") == metric_value(page, "Records")
    shared.close()


def test_script_in_a_link_is_shown_as_text_and_never_run(server, page, no_dialogs):
    open_view(page, f"{server.url}/?city={SCRIPT}&role={SCRIPT}&{SCRIPT}=1", "Overview")
    notes = page.get_by_test_id("stSidebar").get_by_test_id("stAlertContentWarning")
    expect(notes.filter(has_text="Ignored").first).to_contain_text("<script>")  # as text
    assert page.evaluate("window.__injected") is None
    assert page.locator("script:text('__injected')").count() == 0
    assert_no_errors(page)


def test_upload_explore_and_download_in_the_browser(server, page, no_dialogs, artifacts):
    upload_and_check(page, server.url, MESSY)
    # the script tag in a job title is rejected as markup, and listed as text, never run
    expect(page.get_by_text("markup in text", exact=False).first).to_be_visible()
    assert page.evaluate("window.__injected") is None
    screenshot_whole_page(page, artifacts / "data-import-report.png")
    page.get_by_role("button", name="Explore this data (only in this browser session)").click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Exploring your upload.", exact=False)).to_be_visible()
    wait_for_app(page)

    # the upload's few records are listed (records are not aggregates), and the About tab
    # describes the upload
    page.get_by_role("tab", name="Records").click()
    expect(page.get_by_text("Download these records (CSV)", exact=False)).to_be_visible()
    page.get_by_role("tab", name="About this data").click()
    expect(page.get_by_text("15 rows read, 7 kept, 8 rejected", exact=False)).to_be_visible()
    screenshot_whole_page(page, artifacts / "data-upload-about.png")
    assert page.evaluate("window.__injected") is None
    assert_no_errors(page)


def test_records_download_is_what_the_table_shows(server, page, artifacts):
    open_view(page, f"{server.url}/data?city=Seattle&level=Staff", "Data")
    caption = page.get_by_text("highest total comp first", exact=False)
    expect(caption).to_be_visible()
    shown = int(re.search(r"showing ([\d,]+)", caption.inner_text()).group(1).replace(",", ""))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these records (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert len(rows) == shown > 0
    assert {row["city"] for row in rows} == {"Seattle"} and {row["level"] for row in rows} == {
        "Staff"}
    totals = [int(row["total_comp"]) for row in rows]
    assert totals == sorted(totals, reverse=True)
