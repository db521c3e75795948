"""The performance benchmark: python -m paybench bench --rows N [--browser].

1. Makes N records with the sample generator, in the shipped file's sorted layout (in a child
   process, so its memory does not count as the app's).
2. Runs every page under AppTest with the default filters and three typical filter sets and
   records each query the page runs, with its parameters.
3. Times each page's rerun after a filter change (result cache cleared first, so the
   queries are new) and again when the view is revisited (cached); reports the peak memory of
   the process so far, which holds the app and DuckDB but no pandas data.
4. Times every recorded query in DuckDB (the runner without its result cache) and the same
   result in pandas on the same data, median of REPEATS runs after a warm-up, checks that the
   two agree, and prints both times and their ratio.
5. With --browser: starts `streamlit run` on the data and times the first chart in Debian's
   chromium (already open) from the moment the server answers its health check; reads the
   server's peak memory after it has shown every page.

Ratios are measured in one run on the same machine, so a busy machine slows both sides.
"""

import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from paybench import db, pandas_reference
from paybench.dataset import open_dataset
from paybench.paths import PROJECT_ROOT
from paybench.server import CHROMIUM_ARGS, DashboardServer, chromium_path

REPEATS = 5
FILTER_LINKS: dict[str, dict] = {
    "default": {},
    "senior, SF + Seattle": {"level": ["Senior"], "city": ["San Francisco", "Seattle"]},
    "remote DS, 2024-25": {"role": "Data Scientist", "work_arrangement": ["Remote"],
                           "year": ["2024", "2025"]},
    "finance, large cos": {"industry": ["Finance"], "company_size": ["Large"]},
}


@dataclass
class QueryTiming:
    page: str
    filters: str
    query: str
    duckdb_ms: float
    pandas_ms: float
    agree: bool

    @property
    def ratio(self) -> float:
        return self.pandas_ms / self.duckdb_ms if self.duckdb_ms else math.inf


def median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    action()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- 1. data -------------------------------------------------------------------------------

def prepare_data(rows: int, folder: Path) -> Path:
    path = folder / f"salaries-{rows}.parquet"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "paybench", "build-sample", "--rows", str(rows),
                        "--output", str(path)], cwd=PROJECT_ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return path


@contextmanager
def dataset_environment(path: Path):
    previous = os.environ.get("PAYBENCH_DATA")
    os.environ["PAYBENCH_DATA"] = str(path)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PAYBENCH_DATA", None)
        else:
            os.environ["PAYBENCH_DATA"] = previous


# ---- 2. and 3. the pages under AppTest -----------------------------------------------------

def page_files() -> list[str]:
    return sorted(f"pages/{p.name}" for p in (PROJECT_ROOT / "pages").glob("*.py"))


def _app(query: dict, page: str):
    from paybench.apptest import open_app

    at = open_app(query, page, timeout=120)
    if at.exception:
        raise RuntimeError(f"{page} with {query}: {at.exception}")
    return at


def record_page_queries(pages: list[str]) -> dict[tuple[str, str], list[tuple[str, dict]]]:
    """(page, filter set) -> the (query, parameters) calls the page made."""
    calls: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    real_run = db.run
    current: list[tuple[str, dict]] = []

    def recording_run(name, dataset, params=None):
        current.append((name, dict(params or {})))
        return real_run(name, dataset, params)

    db.run = recording_run
    try:
        for page in pages:
            for label, query in FILTER_LINKS.items():
                current.clear()
                _app(query, page)
                calls[(page, label)] = _unique(current)
    finally:
        db.run = real_run
    return calls


def _unique(calls: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    seen, unique = set(), []
    for name, params in calls:
        key = (name, repr(sorted(params.items())))
        if key not in seen:
            seen.add(key)
            unique.append((name, params))
    return unique


def page_reruns(pages: list[str]) -> dict[str, dict[str, float]]:
    """page -> median rerun ms after a filter change (new queries) and when revisiting."""
    results = {}
    for page in pages:
        db.clear_cache()
        at = _app({}, page)
        fresh, revisited = [], []
        changes = [*list(FILTER_LINKS.values())[1:], FILTER_LINKS["default"]]
        for query in changes:
            fresh.append(_timed_filter_change(at, query))
        for query in changes:
            revisited.append(_timed_filter_change(at, query))
        results[page] = {"after a filter change": statistics.median(fresh),
                         "revisiting a view": statistics.median(revisited)}
    return results


def _timed_filter_change(at, query: dict) -> float:
    defaults = {"role": "Machine Learning Engineer", "level": [], "city": [], "industry": [],
                "company_size": [], "work_arrangement": []}
    for key, value in {**defaults, **query}.items():
        widget = at.get_by_key(key)
        widget.set_value(tuple(map(int, value)) if key == "year" else value)
    if "year" not in query:
        slider = at.get_by_key("year")
        slider.set_value((slider.min, slider.max))
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"rerun with {query}: {at.exception}")
    return elapsed


# ---- 4. DuckDB against pandas ----------------------------------------------------------------

def compare_queries(path: Path, calls) -> list[QueryTiming]:
    dataset = open_dataset(path)
    frame = pandas_reference.load(path)
    timings, done = [], {}
    for (page, label), page_calls in calls.items():
        for name, params in page_calls:
            key = (name, repr(sorted(params.items())))
            if key not in done:
                done[key] = _time_query(name, params, dataset, frame)
            duck_ms, panda_ms, same = done[key]
            timings.append(QueryTiming(page, label, name, duck_ms, panda_ms, same))
    return timings


def _time_query(name, params, dataset, frame) -> tuple[float, float, bool]:
    bound = {**dataset.params, **params}
    reference = pandas_reference.REFERENCE.get(name)
    duck_ms = median_ms(lambda: db.execute(name, bound))
    if reference is None:
        return duck_ms, math.nan, False
    panda_ms = median_ms(lambda: reference(frame, params))
    return duck_ms, panda_ms, pandas_reference.agree(db.execute(name, bound),
                                                     reference(frame, params))


# ---- 5. the browser ------------------------------------------------------------------------

def browser_first_chart(path: Path) -> dict[str, float]:
    """Seconds from the server's first "ok" health answer to the first chart on the Overview,
    in a browser that is already open (as a user's is), then the server's peak memory after
    it has shown every page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        server = DashboardServer(env={"PAYBENCH_DATA": str(path)})
        try:
            server.wait_until_healthy()
            healthy = time.perf_counter()
            page.goto(f"{server.url}/")
            page.locator("[data-testid='stPlotlyChart']").first.wait_for(timeout=60_000)
            first_chart = time.perf_counter() - healthy
            for url_path in [Path(p).stem for p in page_files()]:
                page.goto(f"{server.url}/{url_path}")
                page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                                       timeout=60_000)
            peak = _peak_rss_mb(server.pid)
        finally:
            server.stop()
            browser.close()
    return {"first chart after health check (s)": first_chart, "server peak memory (MB)": peak}


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return math.nan


# ---- the report ----------------------------------------------------------------------------

def run(rows: int, browser: bool, folder: Path | None, out: Callable[[str], None] = print) -> int:
    folder = folder or Path(tempfile.gettempdir()) / "paybench-bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = prepare_data(rows, folder)
    out(f"data: {rows:,} records, {path.stat().st_size / 1e6:.0f} MB at {path}")
    pages = page_files()
    with dataset_environment(path):
        calls = record_page_queries(pages)
        reruns = page_reruns(pages)
    app_peak = peak_memory_mb()
    out("\npage reruns under AppTest (median ms)")
    out(f"{'page':28s} {'after a filter change':>22s} {'revisiting a view':>18s}")
    for page, times in reruns.items():
        out(f"{page:28s} {times['after a filter change']:22.0f} {times['revisiting a view']:18.0f}")
    out(f"peak memory of the app process (AppTest, every page, DuckDB): {app_peak:,.0f} MB")

    timings = compare_queries(path, calls)
    _print_query_table(timings, out)
    if browser:
        out("")
        for label, value in browser_first_chart(path).items():
            out(f"{label}: {value:,.2f}")
    return 0 if all(t.agree for t in timings) else 1


def _print_query_table(timings: list[QueryTiming], out) -> None:
    out(f"\n{'query':36s} {'filters':22s} {'duckdb ms':>10s} {'pandas ms':>10s} {'ratio':>7s}  agree")
    seen = set()
    for t in timings:
        key = (t.query, t.filters)
        if key in seen:
            continue
        seen.add(key)
        out(f"{t.query:36s} {t.filters:22s} {t.duckdb_ms:10.1f} {t.pandas_ms:10.1f} "
            f"{t.ratio:7.1f}  {'yes' if t.agree else 'NO'}")
    unique = {(t.query, t.filters): t for t in timings}.values()
    ratios = [t.ratio for t in unique if t.ratio > 0 and not math.isnan(t.ratio)]
    duck = [t.duckdb_ms for t in unique]
    out(f"\nqueries timed: {len(duck)}; DuckDB median of medians {statistics.median(duck):.1f} ms, "
        f"slowest {max(duck):.1f} ms")
    geometric_mean = math.exp(statistics.fmean(map(math.log, ratios)))
    out(f"geometric mean of pandas/DuckDB ratios: {geometric_mean:.1f}; "
        f"slower than pandas: {sum(r < 1 for r in ratios)}")
