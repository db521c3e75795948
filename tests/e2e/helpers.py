"""What a browser test does again and again: wait for the app, read a metric, pick a value."""

from playwright.sync_api import Page, expect

RUN_TIMEOUT_MS = 30_000


def wait_for_app(page: Page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                           timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=RUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RUN_TIMEOUT_MS)


def open_view(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def metric_value(page: Page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=label)
    return card.get_by_test_id("stMetricValue").inner_text().strip()


def assert_no_errors(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def choose(page: Page, label: str, option: str, area: str = "stSidebar") -> None:
    """Pick an option in the multiselect or selectbox labelled `label`, in the sidebar or
    (area="stMain") on the page."""
    widget = page.get_by_test_id(area).get_by_label(label, exact=True)
    widget.click()
    page.keyboard.type(option)  # long lists render only the options in view
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def enter_number(page: Page, label: str, value: str) -> None:
    """Type a value into the page's number input labelled `label` and commit it (the caller
    waits for what the new value changes)."""
    widget = page.get_by_test_id("stMain").get_by_label(label, exact=True)
    widget.fill(value)
    widget.press("Enter")


def metric_card_value(page: Page, label: str):
    """The value of the metric with this label, as a locator to wait on."""
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id(
        "stMetricValue")
