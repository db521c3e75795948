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
6. Prints the README's table (each query's median by filter set, a row per place the pages
   call it) and whether each target of issue 6 holds, judged from this run's numbers.

Ratios are measured in one run on the same machine, so a busy machine slows both sides.
"""

import hashlib
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

import duckdb
import pyarrow

from paybench.app import navigation
from paybench.datasets.dataset import open_dataset
from paybench.datasets.sample import SAMPLE_SIZE
from paybench.paths import PROJECT_ROOT
from paybench.query import runner
from paybench.tools import pandas_reference
from paybench.tools.server import CHROMIUM_ARGS, DashboardServer, chromium_path

REPEATS = 5
FIRST_CHART_LABEL = "first chart after health check (s)"
LAYOUT_SOURCES = ("paybench/datasets/sample.py", "paybench/datasets/calibration.py",
                  "paybench/datasets/schema.py", "paybench/datasets/dataset.py",
                  "paybench/datasets/file_summary.py", "data/calibration/*.csv",
                  "queries/write/copy_with_summary.sql", "queries/*_scanned.sql")
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
    call: int = 0  # which call of this query on the page: a thin cell asks record_count again
    # for each broader cell it tries
    params: str = ""  # the bound parameters, as text: identical calls are timed once

    @property
    def site(self) -> tuple[str, str, int]:
        return self.query, self.page, self.call

    @property
    def measurement(self) -> tuple[str, str, str]:
        return self.query, self.filters, self.params

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
    """The N-record file, made once per layout: a file kept from before a change to the
    generator or the writer would measure the old layout. Files of an older layout go."""
    path = folder / f"salaries-{rows}-{layout_fingerprint()}.parquet"
    for older in folder.glob(f"salaries-{rows}-*.parquet"):
        if older != path:
            older.unlink()
    if not path.exists():
        subprocess.run([sys.executable, "-m", "paybench", "build-sample", "--rows", str(rows),
                        "--output", str(path)], cwd=PROJECT_ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return path


def layout_fingerprint() -> str:
    """A short hash of the sources that make the file (generator, calibration, schema, writer,
    footer) and of the DuckDB and pyarrow versions. Any edit to them, a comment too, makes a
    new file: wasteful at times, never stale."""
    digest = hashlib.sha256(f"{duckdb.__version__} {pyarrow.__version__}".encode())
    for pattern in LAYOUT_SOURCES:
        for source in sorted(PROJECT_ROOT.glob(pattern)):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


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

def _app(query: dict, page: str):
    from paybench.tools.apptest import open_app

    at = open_app(query, page, timeout=120)
    if at.exception:
        raise RuntimeError(f"{page} with {query}: {at.exception}")
    return at


def record_page_queries(pages: list[str]) -> dict[tuple[str, str], list[tuple[str, dict]]]:
    """(page, filter set) -> the (query, parameters) calls the page made."""
    calls: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    real_run = runner.run
    current: list[tuple[str, dict]] = []

    def recording_run(name, dataset, params=None):
        current.append((name, dict(params or {})))
        return real_run(name, dataset, params)

    runner.run = recording_run
    try:
        for page in pages:
            for label, query in FILTER_LINKS.items():
                current.clear()
                _app(query, page)
                calls[(page, label)] = _unique(current)
    finally:
        runner.run = real_run
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
        runner.clear_cache()
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
        calls_so_far: dict[str, int] = {}
        for name, params in page_calls:
            key = repr(sorted(params.items()))
            if (name, key) not in done:
                done[(name, key)] = _time_query(name, params, dataset, frame)
            duck_ms, panda_ms, same = done[(name, key)]
            timings.append(QueryTiming(page, label, name, duck_ms, panda_ms, same,
                                       calls_so_far.get(name, 0), key))
            calls_so_far[name] = calls_so_far.get(name, 0) + 1
    return timings


def _time_query(name, params, dataset, frame) -> tuple[float, float, bool]:
    bound = {**dataset.params, **params}
    reference = pandas_reference.REFERENCE.get(name)
    duck_ms = median_ms(lambda: runner.execute(name, bound))
    if reference is None:
        return duck_ms, math.nan, False
    panda_ms = median_ms(lambda: reference(frame, params))
    return duck_ms, panda_ms, pandas_reference.agree(runner.execute(name, bound),
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
            for spec in navigation.PAGES:
                page.goto(f"{server.url}/{spec.url_path}")
                page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                                       timeout=60_000)
            peak = _peak_rss_mb(server.pid)
        finally:
            server.stop()
            browser.close()
    return {FIRST_CHART_LABEL: first_chart, "server peak memory (MB)": peak}


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
    pages = navigation.page_files()
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
    _print_query_matrix(timings, out)
    first_chart = browser_first_chart(path) if browser else {}
    if first_chart:
        out("")
        for label, value in first_chart.items():
            out(f"{label}: {value:,.2f}")
    _print_targets(targets(rows, timings, reruns, app_peak, first_chart), rows, out)
    return 0 if all(t.agree for t in timings) else 1


def _print_query_table(timings: list[QueryTiming], out) -> None:
    out(f"\n{'query':36s} {'page':9s} {'filters':22s} {'duckdb ms':>10s} {'pandas ms':>10s} "
        f"{'ratio':>7s}  agree")
    unique = _unique_timings(timings)
    for t in unique:
        out(f"{t.query:36s} {Path(t.page).stem:9s} {t.filters:22s} {t.duckdb_ms:10.1f} "
            f"{t.pandas_ms:10.1f} {t.ratio:7.1f}  {'yes' if t.agree else 'NO'}")
    duck = [t.duckdb_ms for t in unique]
    out(f"\nqueries timed: {len(duck)}; DuckDB median of medians {statistics.median(duck):.1f} ms, "
        f"slowest {max(duck):.1f} ms")
    out(f"geometric mean of pandas/DuckDB ratios: {geometric_mean_ratio(timings):.1f}; "
        f"slower than pandas: {sum(t.ratio < 1 for t in unique)}")


def _unique_timings(timings: list[QueryTiming]) -> list[QueryTiming]:
    """One timing per distinct measurement (query, filter set, parameters), the first page's."""
    unique: dict[tuple, QueryTiming] = {}
    for t in timings:
        unique.setdefault(t.measurement, t)
    return list(unique.values())


def geometric_mean_ratio(timings: list[QueryTiming]) -> float:
    """Over the measurements with a finite ratio (every query with a pandas counterpart);
    NaN when there is none."""
    ratios = [t.ratio for t in _unique_timings(timings) if 0 < t.ratio < math.inf]
    return math.exp(statistics.fmean(map(math.log, ratios))) if ratios else math.nan


def _print_query_matrix(timings: list[QueryTiming], out) -> None:
    """The README's table: each query's DuckDB median under each filter set, and pandas on the
    default set; * marks a median over the target."""
    labels = list(FILTER_LINKS)
    rows = _matrix_rows(timings)
    repeated = {site[0] for site in rows if sum(other[0] == site[0] for other in rows) > 1}
    out(f"\nDuckDB median ms by filter set (* over {QUERY_TARGET_MS} ms)")
    out(f"{'query':44s}" + "".join(f"{label:>22s}" for label in labels) + f"{'pandas (default)':>18s}")
    for (query, page, call), by_label in rows.items():
        name = query if query not in repeated else \
            f"{query} ({Path(page).stem}{f' #{call + 1}' if call else ''})"
        cells = []
        for label in labels:
            t = by_label.get(label)
            cells.append(f"{'':>22s}" if t is None else
                         f"{t.duckdb_ms:>21.0f}{'*' if t.duckdb_ms > QUERY_TARGET_MS else ' '}")
        default = by_label.get("default")
        pandas_ms = f"{default.pandas_ms:18.0f}" if default else f"{'':>18s}"
        out(f"{name:44s}" + "".join(cells) + pandas_ms)


def _matrix_rows(timings: list[QueryTiming]) -> dict[tuple[str, str, int], dict[str, QueryTiming]]:
    """(query, page, call) -> filter set -> timing: one row per place a query is called, except
    a call whose parameters repeat an earlier row's under every filter set (the same numbers)."""
    by_site: dict[tuple[str, str, int], dict[str, QueryTiming]] = {}
    for t in timings:
        by_site.setdefault(t.site, {})[t.filters] = t
    rows: dict[tuple[str, str, int], dict[str, QueryTiming]] = {}
    seen: set[tuple] = set()
    for site, by_label in by_site.items():
        signature = (site[0], tuple(sorted((label, t.params) for label, t in by_label.items())))
        if signature not in seen:
            seen.add(signature)
            rows[site] = by_label
    return rows


# ---- the targets (issue 6) -----------------------------------------------------------------

TARGET_ROWS = 10_000_000
QUERY_TARGET_MS = 50
RERUN_TARGET_MS = 300
SHIPPED_RERUN_TARGET_MS = 150
MEMORY_TARGET_MB = 1536
FIRST_CHART_TARGET_S = 5
RATIO_TARGET = 3


@dataclass
class Target:
    name: str
    measured: str
    holds: bool


def targets(rows: int, timings: list[QueryTiming], reruns: dict[str, dict[str, float]],
            app_peak_mb: float, first_chart: dict[str, float]) -> list[Target]:
    """Each target the run can judge: at the shipped size the rerun target, at any other size
    the ones set for 10 million records."""
    after_change = {page: times["after a filter change"] for page, times in reruns.items()}
    slowest_page = max(after_change, key=after_change.get, default="no page")
    slowest_rerun = after_change.get(slowest_page, math.inf)
    if rows == SAMPLE_SIZE:
        return [Target(f"at the shipped size, page reruns <= {SHIPPED_RERUN_TARGET_MS} ms",
                       f"slowest {slowest_page} {slowest_rerun:.0f} ms",
                       slowest_rerun <= SHIPPED_RERUN_TARGET_MS)]
    unique = _unique_timings(timings)
    over = [t for t in unique if t.duckdb_ms > QUERY_TARGET_MS]
    slowest = max(unique, key=lambda t: t.duckdb_ms, default=None)
    slower = [t for t in unique if t.ratio < 1]
    unjudged = [t for t in unique if math.isnan(t.ratio)]
    mean_ratio = geometric_mean_ratio(timings)
    found = [
        Target(f"every page query's median <= {QUERY_TARGET_MS} ms",
               "no query timed" if slowest is None else
               f"{len(over)} of {len(unique)} over; slowest {slowest.query} "
               f"({slowest.filters}) {slowest.duckdb_ms:.0f} ms", slowest is not None and not over),
        Target("no query slower than pandas", f"{len(slower)} slower" + (
            f", {len(unjudged)} without a pandas counterpart" if unjudged else ""),
            not slower and not unjudged),
        Target(f"geometric mean of pandas/DuckDB ratios >= {RATIO_TARGET}", f"{mean_ratio:.1f}",
               mean_ratio >= RATIO_TARGET),
        Target(f"page rerun after a filter change <= {RERUN_TARGET_MS} ms",
               f"slowest {slowest_page} {slowest_rerun:.0f} ms", slowest_rerun <= RERUN_TARGET_MS),
        Target(f"peak memory of the app process <= {MEMORY_TARGET_MB} MB", f"{app_peak_mb:.0f} MB",
               app_peak_mb <= MEMORY_TARGET_MB),
    ]
    seconds = first_chart.get(FIRST_CHART_LABEL)
    if seconds is not None:
        found.append(Target(f"first chart within {FIRST_CHART_TARGET_S} s of the health check",
                            f"{seconds:.1f} s", seconds <= FIRST_CHART_TARGET_S))
    return found


def _print_targets(found: list[Target], rows: int, out) -> None:
    heading = "targets" if rows in (SAMPLE_SIZE, TARGET_ROWS) else \
        f"targets (set for {TARGET_ROWS:,} records; this run has {rows:,})"
    out(f"\n{heading}")
    for target in found:
        out(f"{target.name:62s} {target.measured:60s} {'holds' if target.holds else 'FAILS'}")
