"""Browser tests: a real `streamlit run` on a free port, driven by Playwright in Debian's
chromium (found on PATH; never downloaded)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from paybench.tools.server import CHROMIUM_ARGS, NO_SECRETS, DashboardServer, chromium_path
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


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    opened = context.new_page()
    yield opened
    context.close()
