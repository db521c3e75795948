"""The offer calculator in a real browser: HR fills the form, finance opens the link in a fresh
browser and sees the same offer, the downloads carry the numbers on screen, and an offer begun
from the Overview starts from its filters."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    RUN_TIMEOUT_MS,
    assert_no_errors,
    choose,
    enter_number,
    metric_card_value,
    metric_value,
    open_view,
    wait_for_app,
)
from tests.helpers import check_pdf_structure, pdf_page_count, pdf_text

pytestmark = pytest.mark.e2e

TITLE = "Offer calculator"
COMPARED = ["Recommended base range", "Base salary (offered)", "Year-1 total comp",
            "Annualized total comp", "Market percentile", "Compa-ratio", "Range penetration",
            "Verdict", "Prevailing wage floor", "Base against the floor",
            "Fully loaded cost per year", "Fully loaded cost in year 1",
            "Employer taxes and benefits per year"]
FULL_PAGE = {"width": 1400, "height": 3800}  # the app scrolls inside, so show it all at once


def shown_numbers(page: Page) -> dict[str, str]:
    return {label: metric_value(page, label) for label in COMPARED}


def open_in_fresh_browser(browser, url: str) -> tuple:
    context = browser.new_context(viewport=FULL_PAGE)
    other = context.new_page()
    open_view(other, url, TITLE)
    return context, other


def fill_an_offer(page: Page) -> None:
    choose(page, "Level", "Staff", area="stMain")
    choose(page, "City", "Seattle", area="stMain")
    page.get_by_test_id("stMain").get_by_text("Grant", exact=True).click()
    expect(page.get_by_test_id("stMain").get_by_label("Grant value", exact=True)).to_be_visible()
    wait_for_app(page)
    choose(page, "Vesting schedule", "Front-loaded", area="stMain")
    enter_number(page, "Bonus target (% of base)", "10")
    wait_for_app(page)
    enter_number(page, "Grant value", "300000")
    enter_number(page, "Sign-on bonus", "30000")
    enter_number(page, "Base salary", "210000")
    # The last change shows once every change before it has run.
    expect(metric_card_value(page, "Base salary (offered)")).to_have_text(
        "$210,000", timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def test_finance_opens_the_link_and_sees_the_same_offer(server, browser, page, artifacts):
    open_view(page, f"{server.url}/offer", TITLE)
    defaults = shown_numbers(page)
    assert defaults["Verdict"] == "Competitive"  # a fresh offer is the market package
    page.set_viewport_size(FULL_PAGE)
    page.screenshot(path=artifacts / "offer-fresh.png", full_page=True)
    fill_an_offer(page)
    numbers = shown_numbers(page)
    assert numbers != defaults
    # base 210k + 10% bonus 21k + 300k/4 = 75k a year: 306k; year 1 front-loaded 40% = 120k
    # and the 30k sign-on: 210 + 21 + 120 + 30 = 381k.
    assert numbers["Annualized total comp"] == "$306,000"
    assert numbers["Year-1 total comp"] == "$381,000"
    assert_no_errors(page)
    page.set_viewport_size(FULL_PAGE)
    page.screenshot(path=artifacts / "offer.png", full_page=True)

    address_bar = page.url
    assert "offer_base_salary=210000" in address_bar and "offer_dataset=" in address_bar
    context, finance = open_in_fresh_browser(browser, address_bar)
    try:
        assert shown_numbers(finance) == numbers
        assert_no_errors(finance)
        expect(finance.get_by_text("The data has changed")).to_have_count(0)
        finance.screenshot(path=artifacts / "offer-finance-link.png", full_page=True)
    finally:
        context.close()

    shared_link = page.get_by_test_id("stCode").filter(has_text="offer_dataset=").inner_text()
    context, finance = open_in_fresh_browser(browser, "".join(shared_link.split()))
    try:
        assert shown_numbers(finance) == numbers
    finally:
        context.close()


def download(page: Page, label: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("button", name=label).click()
    return Path(started.value.path()).read_bytes()


def test_the_downloads_carry_the_numbers_on_screen(server, page):
    open_view(page, f"{server.url}/offer?offer_level=Mid&offer_city=Boston&offer_base_salary="
                    "150000&offer_equity_type=Yearly+value&offer_equity_per_year=25000", TITLE)
    numbers = shown_numbers(page)
    csv_rows = list(csv.DictReader(io.StringIO(download(page, "Offer summary (CSV)").decode())))
    csv_values = " | ".join(row["value"] for row in csv_rows)
    pdf = download(page, "Offer summary (PDF)")
    check_pdf_structure(pdf)
    assert pdf_page_count(pdf) == 1
    text = pdf_text(pdf)
    for label, value in numbers.items():
        assert value in csv_values, label
        assert value.replace("–", "-") in text, label
    assert "Boston" in text and "calibrated sample" in text


def test_an_offer_begun_from_the_overview_starts_from_its_filters(server, browser, page):
    open_view(page, f"{server.url}/?role=Data+Scientist&city=Boston", "Overview")
    page.get_by_test_id("stSidebarNav").get_by_text(TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    page.wait_for_url("**offer_role=Data+Scientist**")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Data Scientist · Senior", exact=False).first).to_be_visible()
    numbers = shown_numbers(page)
    context, other = open_in_fresh_browser(browser, page.url)
    try:
        assert shown_numbers(other) == numbers
        assert_no_errors(other)
    finally:
        context.close()
