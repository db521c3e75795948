"""Browser tests: a real `streamlit run` on a free port, driven by Playwright in Debian's
chromium (found on PATH; never downloaded).

Every browser test runs offline: each page any test opens records its requests, and the test
fails if one went to a host other than the app's server (no_outside_requests, used by every test
here). The app must work with no internet, so a font, a map or a script from a CDN is a bug."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from paybench.tools.server import (
    CHROMIUM_ARGS,
    NO_SECRETS,
    DashboardServer,
    chromium_path,
    is_outside,
)
from tests.helpers import PROJECT_ROOT

SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = chromium_path()
STARTUP_SECONDS = 60

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    if CHROMIUM is None and os.environ.get("PAYBENCH_REQUIRE_BROWSER"):
        raise pytest.UsageError("PAYBENCH_REQUIRE_BROWSER is set but chromium is not on PATH")
    if CHROMIUM is None:
        skip = pytest.mark.skip(reason="browser tests need Debian's chromium on PATH "
                                       "(apt-get install chromium); .ci/run installs it")
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip)


class Server(DashboardServer):
    """The dashboard for a test: its output kept in test-artifacts/, healthy when made. Sign-in
    is off unless secrets_file has [auth]."""

    def __init__(self, env: dict[str, str] | None = None, secrets_file: Path = NO_SECRETS,
                 port: int | None = None) -> None:
        log = open(PROJECT_ROOT / "test-artifacts" / "server.log", "a+")  # noqa: SIM115
        super().__init__(env, log, secrets_file, port)
        self.wait_until_healthy(STARTUP_SECONDS)

    def stop(self) -> None:
        super().stop()
        self.log.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


@pytest.fixture(scope="session")
def server(artifacts) -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


class OfflineBrowser:
    """The browser the tests share. Every context made through it records each request (and
    each websocket) that goes to a host other than the app's server, in `outside`; except what
    a page of a service the tests stand in for asks for (`foreign_origins`: the identity
    provider's login page is not the app's and loads its own style sheet)."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.outside: list[str] = []
        self.foreign_origins: set[str] = set()

    def new_context(self, **options):
        context = self.browser.new_context(**options)
        context.on("request", lambda request: None if self._from_foreign_page(request)
                   else self._check(request.url))
        context.on("page", lambda page: page.on("websocket", lambda ws: self._check(ws.url)))
        return context

    def new_page(self, **options):
        """A page in a context of its own (closed with the page), as Browser.new_page makes."""
        context = self.new_context(**options)
        page = context.new_page()
        page.on("close", lambda _: context.close())
        return page

    def _from_foreign_page(self, request) -> bool:
        try:
            page_url = request.frame.url
        except Exception:  # a request with no frame (a service worker's): not a page's
            return False
        return any(page_url.startswith(origin) for origin in self.foreign_origins)

    def _check(self, url: str) -> None:
        if is_outside(url):
            self.outside.append(url)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield OfflineBrowser(launched)
        launched.close()


@pytest.fixture(autouse=True)
def no_outside_requests(request):
    """Fails the test if any page it opened asked a host other than the app's server for
    anything. Checked after the test's pages have closed, so late requests (icons, fonts, map
    data) count too."""
    if "browser" not in request.fixturenames:  # a test that opens no page (the load script)
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.outside.clear()
    yield
    outside, browser.outside[:] = list(browser.outside), []
    assert outside == [], f"requests to hosts other than the app's server: {outside}"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    opened = context.new_page()
    yield opened
    context.close()
