"""Browser load test: python -m paybench load --browser [--sessions 2] [--seconds 60] [--url URL].

A smoke test of the whole path with real browsers, not a capacity measure: every headless
chromium draws every chart on the same cores as the server, so with ten of them the browsers,
not the server, set the times (tools/load.py measures the server). Opens N browser sessions
(Debian's chromium) on one server and has each change the Level
filter over and over for the given time: add a level, then take it away. For every change it
measures the time from the click to the updated figures (the record count has changed and the
app has finished its run), and counts errors (an exception on the page, no update within 30 s,
or a request to a host other than the dashboard's). Prints p50, p95 and the slowest change.
Without --url it starts its own server on the shipped data (or PAYBENCH_DATA).

A script, not a test: its timings depend on the machine and what else it is doing.
"""

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from paybench.domain import vocabulary
from paybench.tools.server import CHROMIUM_ARGS, DashboardServer, chromium_path, is_outside

CHANGE_TIMEOUT_MS = 30_000
RECORDS = ("[data-testid='stMetric']:has-text('Records') [data-testid='stMetricValue']")
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


@dataclass
class Results:
    timings_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _records(page) -> str:
    return (await page.locator(RECORDS).inner_text()).strip()


async def _change(page, action) -> float:
    """Run one filter change; the milliseconds until the figures show it."""
    before = await _records(page)
    start = time.perf_counter()
    await action()
    await page.wait_for_function(
        """([ready, before]) => {
            const card = [...document.querySelectorAll("[data-testid='stMetric']")]
                .find(metric => metric.innerText.includes("Records"));
            const value = card && card.querySelector("[data-testid='stMetricValue']");
            return document.querySelector(ready) && value && value.innerText.trim() !== before;
        }""", arg=[READY, before], timeout=CHANGE_TIMEOUT_MS)
    return (time.perf_counter() - start) * 1000


async def _session(browser, url: str, seconds: float, number: int, results: Results) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 1000})

    def note_outside(request) -> None:
        if is_outside(request.url, url):
            results.errors.append(f"session {number}: a request to another host: {request.url}")

    context.on("request", note_outside)
    page = await context.new_page()
    level_box = page.get_by_test_id("stSidebar").get_by_label("Level", exact=True)

    async def add(level: str) -> None:
        await level_box.click()
        await page.keyboard.type(level)
        await page.keyboard.press("Enter")
        await page.keyboard.press("Escape")

    async def remove() -> None:
        await level_box.click()
        await page.keyboard.press("Backspace")
        await page.keyboard.press("Escape")

    try:
        await page.goto(url)
        await page.wait_for_selector(RECORDS, timeout=60_000)
        end = time.monotonic() + seconds
        turn = number
        while time.monotonic() < end:
            level = vocabulary.LEVELS[turn % len(vocabulary.LEVELS)]
            turn += 1
            for action in (lambda level=level: add(level), remove):
                try:
                    results.timings_ms.append(await _change(page, action))
                except Exception as error:  # a timeout or a lost page is what we count
                    results.errors.append(f"session {number}: {type(error).__name__}: "
                                          f"{str(error).splitlines()[0][:120]}")
                    await page.goto(url)
                    await page.wait_for_selector(RECORDS, timeout=60_000)
            if await page.get_by_test_id("stException").count():
                results.errors.append(f"session {number}: an exception on the page")
    finally:
        await context.close()


async def _run(url: str, sessions: int, seconds: float) -> Results:
    from playwright.async_api import async_playwright

    results = Results()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(),
                                                   args=CHROMIUM_ARGS)
        await asyncio.gather(*(_session(browser, url, seconds, number, results)
                               for number in range(sessions)))
        await browser.close()
    return results


def _cpu_seconds(server: DashboardServer | None) -> float:
    """User + system CPU seconds the server has used so far (Linux /proc)."""
    if server is None:
        return 0.0
    fields = Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def run(url: str | None, sessions: int, seconds: float, out=print) -> int:
    server = None
    if url is None:
        server = DashboardServer()
        server.wait_until_healthy()
        url = server.url
    try:
        started, server_cpu = time.perf_counter(), _cpu_seconds(server)
        results = asyncio.run(_run(url, sessions, seconds))
        elapsed = time.perf_counter() - started
        server_cpu = _cpu_seconds(server) - server_cpu
    finally:
        if server:
            server.stop()
    timings = results.timings_ms
    out(f"{sessions} sessions for {seconds:.0f} s against {url}")
    out(f"filter changes: {len(timings):,} ({len(timings) / elapsed:.1f} a second); "
        f"errors: {len(results.errors)}")
    if timings:
        out(f"time from a filter change to the updated figures: "
            f"p50 {statistics.median(timings):,.0f} ms, p95 {percentile(timings, 0.95):,.0f} ms, "
            f"slowest {max(timings):,.0f} ms")
    if server:
        out(f"the server used {server_cpu:,.0f} s of CPU in {elapsed:,.0f} s "
            f"({server_cpu / elapsed:.0%} of one core); the browsers, on the same "
            f"{os.cpu_count()} cores, the rest")
    for error in results.errors[:10]:
        out(f"  {error}")
    return 0 if timings and not results.errors else 1
