"""Browser tests: a real `streamlit run` on a free port, driven by Playwright in Debian's
chromium (found on PATH; never downloaded)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-dev-shm-usage"]
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(PROJECT_ROOT / "test-artifacts" / f"server-{self.port}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.headless=true", f"--server.port={self.port}",
             "--server.address=127.0.0.1", "--server.fileWatcherType=none"],
            cwd=PROJECT_ROOT, env={**os.environ, **(env or {})},
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not answer its health check:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
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
