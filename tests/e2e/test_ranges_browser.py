"""The Pay ranges page in a real browser: HR builds a Seattle structure and a remote posting,
the copied link opened in a fresh browser shows the same ranges and the same law list, the
numbers match the file, and the downloads carry the dataset they come from."""

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, Page, expect

from paybench.datasets.dataset import read_records
from paybench.paths import SHIPPED_DATASET
from paybench.present.formatting import money
from tests.e2e.helpers import (
    RUN_TIMEOUT_MS,
    assert_no_errors,
    choose,
    enter_number,
    metric_value,
    open_view,
    screenshot_whole_page,
    settled,
    table_cells,
    wait_for_app,
)
from tests.helpers import aged_to_this_year

pytestmark = pytest.mark.e2e

TITLE = "Pay ranges"
STRUCTURE_TABLE = 0


def median_base(city: str, level: str) -> float:
    """The market median base of an ML engineer cell, aged to 1 January of this year as the
    Pay ranges page shows it by default."""
    records = aged_to_this_year(read_records(SHIPPED_DATASET))
    cell = records[(records["role"] == "Machine Learning Engineer") & (records["country"] == "US")
                   & (records["city"] == city) & (records["level"] == level)]
    return float(np.median(cell["base_salary"]))


def law_lists(page: Page) -> list[str]:
    """The page's lists of laws by status, as the browser shows them."""
    blocks = page.get_by_test_id("stMarkdownContainer").filter(
        has_text="Source:").filter(has=page.locator("strong"))
    return [text.strip() for text in blocks.all_inner_texts()]


def shown(page: Page) -> dict:
    return {"table": table_cells(page, STRUCTURE_TABLE), "laws": law_lists(page),
            "range": metric_value(page, "Range to post"),
            "posting": page.get_by_test_id("stCode").first.inner_text()}


def download(page: Page, label: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("button", name=label).click()
    return Path(started.value.path()).read_bytes()


def build_a_seattle_structure_and_a_remote_posting(page: Page) -> None:
    choose(page, "Market location", "City: Seattle", area="stMain")
    choose(page, "Work location", "Remote: anywhere in the US", area="stMain")
    enter_number(page, "Employees", "20")
    page.wait_for_url("**ranges_employees=20**", timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def test_a_copied_link_reproduces_the_ranges_and_the_laws(server, browser: Browser, page,
                                                            artifacts):
    open_view(page, f"{server.url}/ranges", TITLE)
    build_a_seattle_structure_and_a_remote_posting(page)
    expect(page.get_by_text("Remote: anywhere in the US", exact=False).first).to_be_visible()
    before = shown(page)
    assert money(median_base("Seattle", "Senior")) in before["table"]
    assert any(text.startswith("Applies if") for text in before["laws"])
    laws = "\n".join(before["laws"])
    # a 20-person company's remote US posting: California and Colorado if it has people there;
    # Massachusetts (25+) does not reach it
    assert "California" in laws and "Colorado" in laws and "Massachusetts" not in laws
    assert before["posting"].startswith("Base salary: $")
    assert_no_errors(page)
    screenshot_whole_page(page, artifacts / "ranges.png")

    address_bar = page.url
    assert "ranges_location=City" in address_bar and "ranges_employees=20" in address_bar
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    fresh = context.new_page()
    try:
        open_view(fresh, address_bar, TITLE)
        expect(fresh.get_by_text("Posting range", exact=True)).to_be_visible()
        assert settled(fresh, shown, before) == before
        assert_no_errors(fresh)
    finally:
        context.close()


def test_the_downloads_name_their_dataset(server, page):
    open_view(page, f"{server.url}/ranges?ranges_location=City%3A+Seattle&city=Austin&city=Denver",
              TITLE)
    rows = list(csv.DictReader(io.StringIO(download(page, "Structure (CSV)").decode())))
    link = rows[0]["link"]  # the link in the export carries every value of a filter
    assert "city=Austin" in link and "city=Denver" in link and "dataset=sample" in link
    assert [row["level"] for row in rows] == ["Entry", "Mid", "Senior", "Staff", "Principal"]
    senior = next(row for row in rows if row["level"] == "Senior")
    assert float(senior["midpoint"]) == pytest.approx(median_base("Seattle", "Senior"), abs=0.5)
    assert senior["dataset"] == "sample" and "aged to 1 January" in senior["figures"]
    assert senior["dataset_kind"] == "calibrated sample, not real people's pay"
    text = download(page, "Posting text with its laws (TXT)").decode()
    assert "Base salary: $" in text and "Washington" in text
    assert "calibrated sample, not real people's pay" in text


def test_the_real_public_dataset_uses_the_national_market(server, page, artifacts):
    open_view(page, f"{server.url}/ranges?dataset=aijobs&ranges_location=City%3A+Seattle", TITLE)
    expect(page.get_by_text("No city data in this dataset", exact=False).first).to_be_visible()
    assert metric_value(page, "Range to post").startswith("$")
    rows = list(csv.DictReader(io.StringIO(download(page, "Structure (CSV)").decode())))
    assert rows and all(row["dataset"] == "aijobs" for row in rows)
    assert rows[0]["dataset_kind"] == "real public records"
    assert_no_errors(page)
    screenshot_whole_page(page, artifacts / "ranges-aijobs.png")
