"""What a browser test does again and again: wait for the app, read a metric, pick a value;
and, for the sign-in tests, a real OpenID Connect provider and its sign-in form."""

import json
import secrets
import threading
import urllib.request
from urllib.parse import quote

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


def settled(page: Page, read, expected, timeout_ms: int = RUN_TIMEOUT_MS):
    """What read(page) returns once it equals `expected`, or its last reading when the time is
    up (for the test to compare). A fresh page can rerun once more after its first run ends
    (a bound widget settling on the link's value), so one early reading can be stale."""
    found = read(page)
    waited = 0
    while found != expected and waited < timeout_ms:
        page.wait_for_timeout(500)
        waited += 500
        wait_for_app(page)
        found = read(page)
    return found


def stable(page: Page, read, timeout_ms: int = RUN_TIMEOUT_MS):
    """What read(page) returns once two readings half a second apart agree: a table's drawn
    cells can lag its rerun by a moment."""
    previous, waited = None, 0
    found = read(page)
    while found != previous and waited < timeout_ms:
        previous = found
        page.wait_for_timeout(500)
        waited += 500
        wait_for_app(page)
        found = read(page)
    return found


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


def chart_traces(page: Page, index: int) -> list[dict]:
    """The data of the index-th Plotly chart on the page, as plotly.js drew it: per trace its
    name, x, y and error bars."""
    return page.evaluate("""index => {
        const chart = document.querySelectorAll('.js-plotly-plot')[index];
        const list = values => Array.from(values || []);
        return chart._fullData.map(trace => ({
            name: trace.name, x: list(trace.x), y: list(trace.y), base: list(trace.base),
            error_low: list(trace.error_y && trace.error_y.arrayminus),
            error_high: list(trace.error_y && trace.error_y.array),
        }));
    }""", index)


def table_cells(page: Page, index: int) -> list[str]:
    """The texts of the cells the index-th table (st.dataframe or st.data_editor) has drawn,
    row by row, from the accessible copy the grid keeps inside its canvas (which role queries
    treat as hidden, hence the CSS selector)."""
    cells = page.get_by_test_id("stDataFrame").nth(index).locator("[role=gridcell]")
    expect(cells.first).to_be_attached(timeout=RUN_TIMEOUT_MS)
    return cells.all_inner_texts()


def table_rows(page: Page, index: int) -> list[list[str]]:
    """The index-th table's drawn rows, each as its cells' texts (headers left out). A wide
    table draws only the columns in view: compare its first columns."""
    grid = page.get_by_test_id("stDataFrame").nth(index)
    expect(grid.locator("[role=gridcell]").first).to_be_attached(timeout=RUN_TIMEOUT_MS)
    return grid.evaluate("""grid => Array.from(grid.querySelectorAll('[role=row]'))
        .map(row => Array.from(row.querySelectorAll('[role=gridcell]'))
            .map(cell => cell.innerText.trim()))
        .filter(cells => cells.length)""")


def type_into_last_column(page: Page, table_index: int, row: int, text: str) -> None:
    """Type into a data editor's last column on a row (from 0, not counting the header) and
    commit. The grid draws on a canvas, so the cell is found by position (rows are 35 pixels
    high, the last column ends at the grid's right edge); a double click opens its editor."""
    grid = page.get_by_test_id("stDataFrame").nth(table_index)
    grid.hover()  # scrolls the grid into view and waits until it stands still
    box = grid.locator("canvas").first.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] - 30, box["y"] + 35 * (row + 1.5))
    editor = page.locator("#portal input.gdg-input")
    editor.fill(text)
    editor.press("Enter")
    wait_for_app(page)


def choose_on_page(page: Page, label: str, option: str) -> None:
    """Pick an option in the main area's multiselect labelled `label`, typing to find it."""
    page.get_by_test_id("stMain").get_by_label(label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def screenshot_whole_page(page: Page, path) -> None:
    """A screenshot of the whole page. The app scrolls inside its main area, not the window, so
    the window is made as tall as that area for the picture, then put back."""
    viewport = page.viewport_size
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": height})
    wait_for_app(page)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(viewport)


# ---- sign-in: a real OpenID Connect provider in a thread --------------------------------------

class MockProvider:
    """oidc-provider-mock (PyPI, MIT) served by werkzeug in a thread on a free port of
    127.0.0.1: discovery, authorization code flow, ID tokens, userinfo, end_session. Its
    login form takes the subject to sign in as; set_user gives a subject its claims.

    Served here rather than with its run_server_in_thread(), which binds "localhost": the
    issuer, the browser and the app must all use one host (the identity cookie's origin must
    equal redirect_uri's)."""

    def __init__(self) -> None:
        import oidc_provider_mock
        import werkzeug.serving

        self.server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(),
                                                   threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.1,),
                                       daemon=True)
        self.thread.start()

    def set_user(self, sub: str, **claims) -> None:
        """The claims the provider gives whoever signs in as `sub` (email, groups, ...)."""
        request = urllib.request.Request(f"{self.url}/users/{quote(sub, safe='')}",
                                         data=json.dumps(claims).encode(), method="PUT",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 204

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def auth_secrets(app_url: str, provider_url: str, cookie_secret: str | None) -> str:
    """A secrets.toml with [auth] for the app at app_url and the provider (None: no
    cookie_secret)."""
    lines = ["[auth]", f'redirect_uri = "{app_url}/oauth2callback"']
    if cookie_secret is not None:
        lines.append(f'cookie_secret = "{cookie_secret}"')
    lines += ['client_id = "paybench-test"', "client_secret = " + json.dumps(secrets.token_hex(8)),
              f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"']
    return "\n".join(lines) + "\n"


def sign_in(page: Page, sub: str) -> None:
    """From the app's sign-in screen through the provider's form, as the subject `sub`
    (input[name=sub] and the Authorize button are the same in oidc-provider-mock 0.3 and
    0.4), then wait for the app."""
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as", exact=False)
           ).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)


def expect_sign_in_screen(page: Page) -> None:
    """The sign-in screen and nothing of the app behind it: no figure, table, chart, menu,
    filter or download."""
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    expect_no_data(page)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as", exact=False)
           ).to_have_count(0)


def expect_no_data(page: Page) -> None:
    for test_id in ("stMetric", "stDataFrame", "stTable", "stPlotlyChart", "stDownloadButton",
                    "stFileUploader", "stSelectbox", "stMultiSelect"):
        expect(page.get_by_test_id(test_id)).to_have_count(0)


def upload_and_check(page: Page, url: str, path) -> None:
    """Open the Data page's import tab at url, upload the file at path, check every row, and
    wait for the report (the messy test export keeps 7 rows; its count shows in the report
    and in its summary line, so either will do)."""
    open_view(page, f"{url}/data?data_tab=Import+your+data", "Data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    check = page.get_by_role("button", name="Check every row and load")
    expect(check).to_be_visible(timeout=30_000)
    check.click()
    expect(page.get_by_text("rows kept: 7", exact=False).first).to_be_visible(timeout=30_000)
