"""Sign-in in a real browser, against a real OpenID Connect provider the tests start
(oidc-provider-mock, in a thread on a free port): what viewer, hr and admin each see and cannot
reach, by the menu and by a typed link; sign-out; a shared link opened signed out comes back,
after sign-in, to the same view and numbers; a missing or changed cookie secret fails closed;
the audit log gets exactly one entry per export, without amounts, and survives a restart.

Servers with sign-in get their own secrets file (--secrets.files), roles file and audit log.
"""

import csv
import io
import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from paybench.app import navigation
from paybench.datasets import registry
from paybench.paths import SHIPPED_DATASET
from paybench.tools.server import free_port
from tests.e2e.conftest import Server
from tests.e2e.helpers import (
    RUN_TIMEOUT_MS,
    MockProvider,
    auth_secrets,
    expect_no_data,
    expect_sign_in_screen,
    metric_value,
    open_view,
    screenshot_whole_page,
    sign_in,
    table_cells,
    wait_for_app,
)
from tests.helpers import MLE, PEOPLE, ROLES_TOML

pytestmark = pytest.mark.e2e

PAGES = {spec.url_path: spec.title for spec in navigation.PAGES}  # every page, as in the menu
SUBJECTS = {"viewer": "vic", "hr": "hana", "admin": "ada", None: "mallory"}
SECRET = secrets.token_urlsafe(32)
VIEWPORT = {"width": 1400, "height": 1800}


@pytest.fixture(scope="module")
def provider(browser) -> Iterator[MockProvider]:
    mock = MockProvider()
    for role, sub in SUBJECTS.items():
        mock.set_user(sub, email_verified=True, name=sub.title(), **PEOPLE[role])
    browser.foreign_origins.add(mock.url)  # its login page is the provider's, not the app's
    yield mock
    browser.foreign_origins.discard(mock.url)
    mock.stop()


@contextmanager
def auth_server(provider: MockProvider, folder: Path, cookie_secret: str | None = SECRET,
                port: int | None = None) -> Iterator[Server]:
    """The dashboard with sign-in on: [auth] for this provider, the roles of tests/helpers.py,
    the audit log at folder/audit.jsonl (kept when the server is restarted on the folder)."""
    port = port or free_port()
    secrets_file = folder / f"secrets-{port}.toml"
    secrets_file.write_text(auth_secrets(f"http://127.0.0.1:{port}", provider.url,
                                         cookie_secret))
    (folder / "roles.toml").write_text(ROLES_TOML)
    running = Server({"PAYBENCH_ROLES_FILE": str(folder / "roles.toml"),
                      "PAYBENCH_AUDIT_LOG": str(folder / "audit.jsonl")}, secrets_file, port)
    running.audit_log = folder / "audit.jsonl"
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def signed(provider, tmp_path_factory, artifacts) -> Iterator[Server]:
    with auth_server(provider, tmp_path_factory.mktemp("signed")) as running:
        yield running


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(RUN_TIMEOUT_MS)
    return context.new_page()


def signed_in_page(browser: Browser, server: Server, role: str | None, link: str = "/") -> Page:
    """A fresh browser that opens the link signed out and signs in as the role's person."""
    page = new_page(browser)
    page.goto(server.url + link)
    expect_sign_in_screen(page)
    sign_in(page, SUBJECTS[role])
    return page


def audit_entries(server: Server) -> list[dict]:
    path = server.audit_log
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def wait_for_entries(server: Server, count: int, page: Page) -> list[dict]:
    """The log once it has `count` entries (a download's entry is written as its file is made)."""
    for _ in range(100):
        found = audit_entries(server)
        if len(found) >= count:
            return found
        page.wait_for_timeout(100)
    return audit_entries(server)


def nav(page: Page):
    return page.get_by_test_id("stSidebarNav")


def refusal(page: Page, text: str):
    return page.get_by_test_id("stAlertContentInfo").filter(has_text=text)


# ---- signed out ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url_path", list(PAGES))
def test_a_link_to_any_page_on_a_fresh_server_shows_no_data_signed_out(
        provider, browser, tmp_path, artifacts, url_path):
    """The first request a fresh server gets is the link: the case where a pages/ folder would
    run the page without dashboard.py (paybench.app.page.start_page)."""
    link = f"/{url_path}?dataset=aijobs&level=Senior"
    with auth_server(provider, tmp_path) as fresh:
        page = new_page(browser)
        page.goto(fresh.url + link)
        expect_sign_in_screen(page)
        page.wait_for_timeout(1_000)  # and nothing arrives later
        expect_no_data(page)
        expect(page).to_have_url(fresh.url + link)  # the link is kept for after sign-in
        screenshot_whole_page(page, artifacts / f"signed-out-{url_path or 'overview'}.png")
        page.context.close()


# ---- what each role sees ------------------------------------------------------------------------

def test_a_viewer_sees_figures_on_every_page_but_no_records_downloads_or_uploads(
        signed, browser, artifacts):
    page = signed_in_page(browser, signed, "viewer", "/data?dataset=aijobs")
    expect(page).to_have_url(re.compile(re.escape(signed.url) + r"/data\?dataset=aijobs"))
    expect(page.get_by_test_id("stSidebar").get_by_text("role viewer", exact=False)).to_be_visible()
    for title in PAGES.values():  # every page is in the menu
        expect(nav(page).get_by_role("link", name=title)).to_be_visible()
    expect(refusal(page, "Listing the records of a real dataset is for HR and admins only")
           ).to_be_visible()
    expect(page.get_by_text("highest total comp first", exact=False)).to_have_count(0)
    expect(page.get_by_role("button", name="Download these records (CSV)")).to_have_count(0)
    screenshot_whole_page(page, artifacts / "denied-records-viewer.png")

    page.get_by_role("tab", name="Import your data").click()  # by navigation
    expect(refusal(page, "Uploading data is for HR and admins only")).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)

    nav(page).get_by_role("link", name="Offer calculator").click()
    expect(page.get_by_role("heading", name="Offer calculator")).to_be_visible()
    wait_for_app(page)
    assert metric_value(page, "Recommended base range").startswith("$")
    expect(refusal(page, "Downloading the offer summary is for HR and admins only")
           ).to_be_visible()
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)

    for link, refused in [("/data?data_tab=Audit+log", "The audit log is for admins only"),
                          ("/data?data_tab=Manage+datasets", "Managing datasets is for admins"),
                          ("/data?dataset=aijobs&data_tab=Import+your+data", "Uploading data")]:
        page.goto(signed.url + link)  # by a typed link
        expect(refusal(page, refused)).to_be_visible()
        wait_for_app(page)
        expect(page.get_by_role("tab", name="Audit log")).to_have_count(0)
        expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    screenshot_whole_page(page, artifacts / "denied-audit-log-viewer.png")
    page.context.close()


def test_hr_lists_and_downloads_real_records_and_each_export_is_one_entry_without_amounts(
        signed, browser):
    link = "/data?dataset=aijobs&level=Senior&work_arrangement=Remote"
    page = signed_in_page(browser, signed, "hr", link)
    expect(page.get_by_text("highest total comp first", exact=False)).to_be_visible()
    before = len(audit_entries(signed))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these records (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    entries = wait_for_entries(signed, before + 1, page)
    page.wait_for_timeout(500)  # a second entry would have arrived by now
    new = audit_entries(signed)[before:]
    assert len(new) == 1, new
    (entry,) = new
    assert (entry["action"], entry["who"], entry["role"], entry["dataset"]) == (
        "export", "hana@elsewhere.test", "hr", "aijobs")
    assert entry["version"] == registry.listing().find("aijobs").version
    assert entry["what"].startswith("records CSV: Machine Learning Engineer")
    amounts = {row[column] for row in rows for column in
               ("base_salary", "bonus", "equity", "total_comp") if row[column] not in ("0", "")}
    line = json.dumps(entry)
    assert rows and not [a for a in amounts if a in line or f"{int(a):,}" in line]

    page.goto(signed.url + "/offer?offer_level=Staff&offer_sign_on=15000")
    expect(page.get_by_role("heading", name="Offer calculator")).to_be_visible()
    wait_for_app(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Offer summary (CSV)").click()
    offer_csv = download.value.path().read_text()
    wait_for_entries(signed, len(entries) + 1, page)
    page.wait_for_timeout(500)
    new = audit_entries(signed)[len(entries):]
    assert [(e["action"], e["what"]) for e in new] == [("export", "offer summary CSV")]
    amounts = set(re.findall(r"\$[\d,]+", offer_csv)) | {"15000", "15,000"}
    assert not [a for a in amounts if a in json.dumps(new[0])]

    page.goto(signed.url + "/data?data_tab=Audit+log")
    expect(refusal(page, "The audit log is for admins only")).to_be_visible()
    page.goto(signed.url + "/data?data_tab=Import+your+data")
    expect(page.get_by_test_id("stFileUploader")).to_be_visible()
    page.context.close()


def test_an_admin_reads_the_audit_log_and_manages_datasets(signed, browser, artifacts):
    page = signed_in_page(browser, signed, "admin", "/data?data_tab=Audit+log")
    expect(page.get_by_role("tab", name="Manage datasets")).to_be_visible()
    log = page.locator("[data-testid=stDataFrame]:visible").first  # the open tab's table
    expect(log.locator("[role=gridcell]").first).to_be_attached()
    cells = log.locator("[role=gridcell]").all_inner_texts()
    assert "ada@example.com" in cells and "sign-in" in cells
    screenshot_whole_page(page, artifacts / "audit-log-admin.png")
    page.context.close()


def test_a_person_no_rule_names_gets_no_access_even_by_link(signed, browser, artifacts):
    page = new_page(browser)
    page.goto(signed.url + "/cities?city=Seattle")
    expect_sign_in_screen(page)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(SUBJECTS[None])
    page.get_by_role("button", name="Authorize", exact=True).click()
    expect(page.get_by_text("has no access to salary data", exact=False)).to_be_visible()
    wait_for_app(page)
    expect_no_data(page)
    expect(nav(page)).to_have_count(0)
    screenshot_whole_page(page, artifacts / "denied-no-access.png")
    page.goto(signed.url + "/data?dataset=aijobs")
    expect(page.get_by_text("has no access to salary data", exact=False)).to_be_visible()
    wait_for_app(page)
    expect_no_data(page)
    assert ("denied", "mallory@elsewhere.test") in [(e["action"], e["who"])
                                                    for e in audit_entries(signed)]
    page.context.close()


def test_sign_out_ends_the_session(signed, browser, provider):
    page = signed_in_page(browser, signed, "viewer")
    assert any(c["name"] == "_streamlit_user" for c in page.context.cookies())
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    # st.logout clears the cookie, then the provider's end_session asks to confirm.
    expect(page).to_have_url(re.compile(re.escape(provider.url) + "/oauth2/end_session"))
    page.get_by_role("button", name="End session").click()
    expect(page).to_have_url(signed.url + "/")
    expect_sign_in_screen(page)
    assert not any(c["name"].startswith("_streamlit_user") for c in page.context.cookies())
    page.goto(signed.url + "/offer")
    expect_sign_in_screen(page)
    page.context.close()


# ---- a shared link, opened signed out ------------------------------------------------------------

def view_numbers(page: Page) -> dict:
    """Every figure on the page: metrics, captions, the first table's cells."""
    metrics = page.get_by_test_id("stMetric")
    numbers = {"metrics": metrics.all_inner_texts(),
               "captions": page.get_by_test_id("stCaptionContainer").all_inner_texts(),
               "markdown": page.get_by_test_id("stMarkdownContainer").all_inner_texts()}
    if page.get_by_test_id("stDataFrame").count():
        numbers["table"] = table_cells(page, 0)
    return numbers


LINKS = {
    "cities": ("viewer", f"/cities?dataset=sample&role={MLE.replace(' ', '+')}&city=Seattle"
               "&city=Austin&city=Boston&cities_rank_by=Mean", "Cities"),
    "offer": ("viewer", "/offer?offer_level=Staff&offer_city=Seattle&offer_target_percentile=75"
              "&offer_sign_on=15000", "Offer calculator"),
    "data": ("hr", "/data?dataset=aijobs&level=Senior&work_arrangement=Remote", "Data"),
}


@pytest.mark.parametrize("name", list(LINKS))
def test_a_shared_link_opened_signed_out_comes_back_after_sign_in_with_the_same_numbers(
        signed, browser, artifacts, name):
    role, link, heading = LINKS[name]
    page = new_page(browser)
    page.goto(signed.url + link)
    expect_sign_in_screen(page)
    expect(page.get_by_text("to the page this link opens", exact=False)).to_be_visible()
    if name == "cities":
        screenshot_whole_page(page, artifacts / "sign-in-1-link-opened-signed-out.png")
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(SUBJECTS[role])
    if name == "cities":
        page.screenshot(path=artifacts / "sign-in-2-provider.png")
    page.get_by_role("button", name="Authorize", exact=True).click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    page.wait_for_timeout(1_000)  # no late redirect
    wait_for_app(page)
    if name == "cities":
        screenshot_whole_page(page, artifacts / "sign-in-3-back-on-the-link.png")
    restored = view_numbers(page)

    direct = page.context.new_page()  # the same link, opened signed in
    direct.goto(signed.url + link)
    expect(direct.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    wait_for_app(direct)
    assert page.url == direct.url
    assert restored == view_numbers(direct)
    if name == "cities":
        assert "cities_rank_by=Mean" in page.url and all(
            f"city={city}" in page.url for city in ("Seattle", "Austin", "Boston"))
        records = pd.read_parquet(SHIPPED_DATASET)
        chosen = records[(records["role"] == MLE) & (records["country"] == "US")
                         & records["city"].isin(["Seattle", "Austin", "Boston"])]
        order = chosen.groupby("city")["total_comp"].mean().sort_values(ascending=False)
        ranked = [cell for cell in table_cells(page, 0) if cell in set(order.index)]
        assert ranked == list(order.index)  # the ranking table, by mean as the link says
    elif name == "offer":
        assert "offer_level=Staff" in page.url and "offer_sign_on=15000" in page.url
        form = page.get_by_test_id("stMain")
        expect(form.get_by_label("Sign-on bonus", exact=True)).to_have_value("15000")
        expect(form.get_by_role("combobox", name="Level")).to_have_value("Staff")
    else:
        records = pd.read_parquet(registry.listing().find("aijobs").path)
        n = len(records[(records["role"] == MLE) & (records["country"] == "US")
                        & (records["level"] == "Senior")
                        & (records["work_arrangement"] == "Remote")])
        expect(page.get_by_text(f"n = {n:,}; showing", exact=False)).to_be_visible()
    page.context.close()


def test_two_signed_out_tabs_each_come_back_to_their_own_link(signed, browser):
    """The return cookie is one per browser: the tab where Sign in is clicked owns it."""
    first_link = "/cities?city=Seattle&city=Austin&cities_rank_by=Mean"
    second_link = "/?level=Staff"
    first = new_page(browser)
    first.goto(signed.url + first_link)
    expect_sign_in_screen(first)
    second = first.context.new_page()  # its sign-in screen sets the cookie last
    second.goto(signed.url + second_link)
    expect_sign_in_screen(second)

    first.bring_to_front()
    sign_in(first, SUBJECTS["viewer"])
    expect(first.get_by_role("heading", name="Cities", exact=True)).to_be_visible()
    assert "cities_rank_by=Mean" in first.url

    # The first tab's link was used once: the root now stays the root.
    root = first.context.new_page()
    root.goto(signed.url + "/")
    expect(root.get_by_role("heading", name="Overview")).to_be_visible()
    wait_for_app(root)
    root.wait_for_timeout(1_000)
    assert root.url.split("?")[0] == signed.url + "/"

    # A click in the still signed-out tab makes its token the cookie again; a new signed-in tab
    # on another link keeps that link (only a session starting at the root is sent back).
    second.bring_to_front()
    second.mouse.click(5, 5)
    third = first.context.new_page()
    third.goto(signed.url + "/?level=Senior")
    expect(third.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    wait_for_app(third)
    third.wait_for_timeout(1_000)
    assert "level=Senior" in third.url

    second.reload()  # signed in now by the shared cookie: on its own link
    expect(second.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    wait_for_app(second)
    assert "level=Staff" in second.url
    first.context.close()


# ---- the cookie secret --------------------------------------------------------------------------

def test_a_missing_or_changed_cookie_secret_fails_closed(provider, browser, tmp_path):
    port = free_port()
    page = new_page(browser)
    with auth_server(provider, tmp_path, port=port) as first:  # a valid sign-in first
        page.goto(first.url + "/cities?city=Seattle")
        expect_sign_in_screen(page)
        sign_in(page, SUBJECTS["admin"])
        expect(page.get_by_role("heading", name="Cities", exact=True)).to_be_visible()
        signed_in_entries = audit_entries(first)
    assert [e["action"] for e in signed_in_entries] == ["sign-in"]

    with auth_server(provider, tmp_path, cookie_secret=None, port=port) as unset:
        page.goto(unset.url + "/cities?city=Seattle")  # the same browser, cookie and address
        expect(page.get_by_text("Sign-in is misconfigured", exact=False)).to_be_visible(
            timeout=RUN_TIMEOUT_MS)
        expect(page.get_by_text("cookie_secret", exact=False)).to_be_visible()
        wait_for_app(page)
        expect_no_data(page)
        expect(page.get_by_role("button", name="Sign in")).to_have_count(0)

    with auth_server(provider, tmp_path, cookie_secret=secrets.token_urlsafe(32),
                     port=port) as changed:
        page.goto(changed.url + "/cities?city=Seattle")
        expect_sign_in_screen(page)  # the cookie signed with the old secret is refused
        from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

        claims = {"email": "ada@example.com", "is_logged_in": True, "provider": "default",
                  "origin": changed.url, "iat": 2_000_000_000}
        for forged in [create_signed_value(secrets.token_urlsafe(32), "_streamlit_user",
                                           json.dumps(claims)).decode(), json.dumps(claims)]:
            page.context.clear_cookies()
            page.context.add_cookies([{"name": "_streamlit_user", "value": forged,
                                       "url": changed.url}])
            page.goto(changed.url + "/cities?city=Seattle")
            expect_sign_in_screen(page)
        # the audit log was kept across the restarts, and nothing was added by the refusals
        assert audit_entries(changed) == signed_in_entries
    page.context.close()


# ---- without sign-in ----------------------------------------------------------------------------

def test_without_auth_the_sidebar_says_anyone_sees_everything(server, page):
    open_view(page, server.url + "/", "Overview")
    note = page.get_by_test_id("stSidebar").get_by_text("No sign-in configured", exact=False)
    expect(note).to_be_visible()
    expect(note).to_contain_text("anyone who can reach this server sees everything")
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
