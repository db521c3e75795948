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


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in the sidebar multiselect or selectbox labelled `label`."""
    widget = page.get_by_test_id("stSidebar").get_by_label(label, exact=True)
    widget.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
