"""Load generator: python -m paybench load [--sessions 10,50,100] [--replicas 2] [--rows N].

Many sessions from one asyncio process, each speaking to the server as a browser tab does
(tools/stream_client.py: the websocket, a rerun per filter change with the widget's new value
and the matching query string), so the server's capacity is measured, not that of browsers
drawing charts on the same cores. For each number of sessions: every session opens the page
(its first run), then makes --changes filter changes, each a filter state no session asked
for before (level, industry, arrangement and company size: the result cache never answers),
with a think time between them (uniform around --think seconds, the same seeded sequence in
every run). Sessions start spread over --ramp seconds.

Reported per run: changes made, errors (an exception shown, a run that never finished, a lost
connection), p50 and p95 from sending a change to script_finished, changes a second, the
servers' CPU seconds per change and their share of the cores, the memory of the server
processes (before, with every session open, the peak) and so memory per session, and from the
CPU per change how many changes a second, and sessions, one core sustains.

--replicas 2 starts two servers on the same dataset file behind HAProxy (Debian's haproxy
package; sticky sessions by a cookie, websockets passed through), started and stopped by the
script; --replicas 1 (the default) starts one server and connects to it directly.
"""

import asyncio
import itertools
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from paybench.domain import vocabulary
from paybench.tools.server import DashboardServer, free_port, stop_process, wait_for_health
from paybench.tools.stream_client import StreamlitClient

MLE = vocabulary.DEFAULT_ROLE
LEVEL_SETS = [list(c) for size in (1, 2) for c in itertools.combinations(vocabulary.LEVELS, size)]
INDUSTRIES = ["Cybersecurity", "Finance", "Healthcare", "Manufacturing", "Media & Entertainment",
              "Retail & eCommerce", "Technology", "Transportation & Logistics"]
ARRANGEMENTS = list(vocabulary.WORK_ARRANGEMENTS)
SIZES = list(vocabulary.COMPANY_SIZES)
CHANGE_TIMEOUT_S = 300
SAMPLE_EVERY_S = 0.5
ASSUMED_SECONDS_BETWEEN_CHANGES = 30  # a person reading a page: for sessions a core sustains


def filter_states() -> list[dict[str, list[str]]]:
    """Every (level set, industry, arrangement, company size) state, in a fixed shuffled order:
    15 x 9 x 4 x 4 = 2,160 states, each asked for once."""
    states = [{"level": levels, "industry": industry, "work_arrangement": arrangement,
               "company_size": size}
              for levels in LEVEL_SETS for industry in [[], *([i] for i in INDUSTRIES)]
              for arrangement in [[], *([a] for a in ARRANGEMENTS)]
              for size in [[], *([s] for s in SIZES)]]
    random.Random(16).shuffle(states)
    return states


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95: the value 95% of the values are at or under)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-share * len(ordered) // 1)) - 1))]


@dataclass
class SessionCounts:
    first_runs_ms: list[float] = field(default_factory=list)
    changes_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    sessions: int
    replicas: int
    changes: int
    errors: int
    error_samples: list[str]
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    first_run_p50_ms: float
    server_cpu_seconds: float
    client_cpu_seconds: float
    rss_before_mb: float
    rss_open_mb: float          # every session open (their first runs done)
    rss_peak_mb: float
    load_average: tuple[float, float, float]
    cpu_by_server: list[float] = field(default_factory=list)  # each replica's CPU seconds

    @property
    def changes_per_second(self) -> float:
        return self.changes / self.seconds if self.seconds else float("nan")

    @property
    def cpu_seconds_per_change(self) -> float:
        return self.server_cpu_seconds / self.changes if self.changes else float("nan")

    @property
    def server_cores_used(self) -> float:
        return self.server_cpu_seconds / self.seconds if self.seconds else float("nan")

    @property
    def memory_per_session_mb(self) -> float:
        return (self.rss_open_mb - self.rss_before_mb) / self.sessions

    @property
    def changes_per_core_second(self) -> float:
        return 1 / self.cpu_seconds_per_change

    @property
    def sessions_per_core(self) -> float:
        """Sessions one core keeps up with if each changes a filter every
        ASSUMED_SECONDS_BETWEEN_CHANGES seconds (CPU alone; no headroom kept)."""
        return self.changes_per_core_second * ASSUMED_SECONDS_BETWEEN_CHANGES


# ---- the server processes, measured from /proc ---------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_mb(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except FileNotFoundError:
            continue
    return total


class Sampler:
    """The servers' memory every SAMPLE_EVERY_S seconds, in a thread, for the peak."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak, self._stop = pids, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            self.peak = max(self.peak, rss_mb(self.pids))

    def __enter__(self) -> "Sampler":
        self.peak = rss_mb(self.pids)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# ---- the replicas and the load balancer ------------------------------------------------------

HAPROXY_CONFIG = """\
# Written by paybench/tools/load.py; the README's "Beyond one machine" explains each line.
global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend dashboard
    bind 127.0.0.1:{port}
    default_backend replicas
backend replicas
    balance roundrobin
    cookie PAYBENCH_REPLICA insert indirect nocache httponly
    option httpchk GET /_stcore/health
{servers}
"""


def haproxy_config(port: int, replica_ports: list[int]) -> str:
    servers = "\n".join(f"    server replica{i} 127.0.0.1:{p} check cookie replica{i}"
                        for i, p in enumerate(replica_ports, start=1))
    return HAPROXY_CONFIG.format(port=port, servers=servers)


@contextmanager
def serving(data: Path | None, replicas: int, log_folder: Path):
    """(URL, server pids): one server, or `replicas` servers behind HAProxy, all reading the
    same dataset file; everything started here is stopped on the way out."""
    env = {"PAYBENCH_DATA": str(data)} if data else {}
    with ExitStack() as stack:
        servers = []
        for i in range(replicas):
            log = stack.enter_context(open(log_folder / f"replica{i + 1}.log", "w+"))
            server = DashboardServer(env=env, log=log)
            stack.callback(server.stop)
            servers.append(server)
        for server in servers:
            server.wait_until_healthy()
        if replicas == 1:
            yield servers[0].url, [servers[0].pid]
            return
        haproxy = shutil.which("haproxy")
        if haproxy is None:
            raise SystemExit("--replicas needs HAProxy: sudo apt-get install haproxy")
        port = free_port()
        config = log_folder / "haproxy.cfg"
        config.write_text(haproxy_config(port, [s.port for s in servers]))
        balancer = subprocess.Popen([haproxy, "-f", str(config), "-db"],
                                    stdout=stack.enter_context(open(log_folder / "haproxy.log", "w")),
                                    stderr=subprocess.STDOUT)
        stack.callback(stop_process, balancer, 10)
        url = f"http://127.0.0.1:{port}"
        wait_for_health(url, balancer, 30, exited=lambda: "haproxy exited; see its log",
                        silent=lambda: f"no answer through the load balancer at {url}")
        yield url, [s.pid for s in servers]


# ---- the sessions ------------------------------------------------------------------------------

async def _session(url: str, page: str, number: int, sessions: int, changes: int, ramp: float,
                   think: float, states, counts: SessionCounts, opened: asyncio.Event,
                   open_count: list[int]) -> None:
    rng = random.Random(number)
    await asyncio.sleep(ramp * number / max(sessions, 1))
    client = StreamlitClient(url, page)
    start = {"role": MLE}
    try:
        await client.connect()
        first = await client.open(start, CHANGE_TIMEOUT_S)
        counts.first_runs_ms.append(first.ms)
        _note_errors(counts, number, first)
    except Exception as error:  # counted: a load test reports its errors
        counts.errors.append(f"session {number} opening: {type(error).__name__}: {error}"[:200])
        open_count[0] += 1
        if open_count[0] == sessions:
            opened.set()
        await client.close()
        return
    open_count[0] += 1
    if open_count[0] == sessions:
        opened.set()
    await opened.wait()  # memory with every session open is read before the changes start
    try:
        for _ in range(changes):
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            state = next(states)
            run = await client.change(state, {**start, **state}, CHANGE_TIMEOUT_S)
            counts.changes_ms.append(run.ms)
            _note_errors(counts, number, run)
    except Exception as error:
        counts.errors.append(f"session {number}: {type(error).__name__}: {error}"[:200])
    finally:
        await client.close()


def _note_errors(counts: SessionCounts, number: int, run) -> None:
    if run.exceptions:
        counts.errors.append(f"session {number}: {run.exceptions[0]}")


async def warm_up(url: str, page: str) -> None:
    """One session opens the page and makes a change, so the servers have imported the app
    and opened the dataset before memory is read (each replica gets one through the balancer's
    round robin)."""
    client = StreamlitClient(url, page)
    await client.connect()
    await client.open({"role": MLE}, CHANGE_TIMEOUT_S)
    await client.change({"level": ["Senior"]}, {"role": MLE, "level": ["Senior"]},
                        CHANGE_TIMEOUT_S)
    await client.close()


async def _load(url: str, page: str, sessions: int, changes: int, ramp: float, think: float,
                pids: list[int]) -> LoadResult:
    counts = SessionCounts()
    every = filter_states()
    states = iter(every * (1 + sessions * changes // len(every)))
    opened = asyncio.Event()
    open_count = [0]
    before = rss_mb(pids)
    client_cpu = time.process_time()
    with Sampler(pids) as sampler:
        tasks = [asyncio.create_task(_session(url, page, i, sessions, changes, ramp, think, states,
                                              counts, opened, open_count))
                 for i in range(sessions)]
        await opened.wait()
        with_sessions = rss_mb(pids)
        each_before, started = [cpu_seconds([pid]) for pid in pids], time.perf_counter()
        await asyncio.gather(*tasks)
        seconds = time.perf_counter() - started
        each = [cpu_seconds([pid]) - before_pid for pid, before_pid in zip(pids, each_before,
                                                                              strict=True)]
    times = counts.changes_ms
    return LoadResult(
        sessions, 0, len(times), len(counts.errors), counts.errors[:5], seconds,
        percentile(times, 0.5), percentile(times, 0.95), max(times, default=float("nan")),
        percentile(counts.first_runs_ms, 0.5), sum(each), time.process_time() - client_cpu,
        before, with_sessions, sampler.peak, os.getloadavg(), each)


def run_load(url: str, pids: list[int], sessions: int, changes: int, page: str = "",
             ramp: float = 5.0, think: float = 2.0, replicas: int = 1) -> LoadResult:
    found = asyncio.run(_load(url, page, sessions, changes, ramp, think, pids))
    found.replicas = replicas
    return found


# ---- the command ---------------------------------------------------------------------------

def report_lines(found: list[LoadResult]) -> list[str]:
    lines = [f"{'replicas':>8s} {'sessions':>8s} {'changes':>7s} {'errors':>6s} {'p50 ms':>7s} "
             f"{'p95 ms':>7s} {'max ms':>7s} {'chg/s':>6s} {'CPU s/chg':>9s} {'cores':>5s} "
             f"{'MB before':>9s} {'MB open':>8s} {'MB peak':>8s} {'MB/session':>10s} {'load':>5s}"]
    for r in found:
        lines.append(
            f"{r.replicas:8d} {r.sessions:8d} {r.changes:7d} {r.errors:6d} {r.p50_ms:7.0f} "
            f"{r.p95_ms:7.0f} {r.max_ms:7.0f} {r.changes_per_second:6.2f} "
            f"{r.cpu_seconds_per_change:9.3f} {r.server_cores_used:5.2f} {r.rss_before_mb:9.0f} "
            f"{r.rss_open_mb:8.0f} {r.rss_peak_mb:8.0f} {r.memory_per_session_mb:10.1f} "
            f"{r.load_average[0]:5.1f}")
    for r in found:
        lines.append(
            f"{r.replicas} replica(s), {r.sessions} sessions: one core sustains "
            f"{r.changes_per_core_second:.1f} changes a second ({r.cpu_seconds_per_change:.3f} CPU s "
            f"each), {r.sessions_per_core:.0f} sessions changing a filter every "
            f"{ASSUMED_SECONDS_BETWEEN_CHANGES} s; the load client used {r.client_cpu_seconds:.1f} "
            f"CPU s in {r.seconds:.0f} s"
            + ("; CPU s by replica " + ", ".join(f"{c:.1f}" for c in r.cpu_by_server)
               if len(r.cpu_by_server) > 1 else "")
            + (f"; errors: {r.error_samples}" if r.errors else ""))
    return lines


def run(sessions: list[int], changes: int, replicas: list[int], data: Path | None,
        page: str = "", think: float = 2.0, ramp: float = 5.0, url: str | None = None,
        out=print) -> int:
    """Each replica count in turn, on fresh servers; each session count in turn on them."""
    found: list[LoadResult] = []
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    out(f"load average at the start: {load}; data: {data or 'the shipped dataset'}; "
        f"{changes} changes a session, think time {think:g} s on average")
    for count in replicas:
        with tempfile.TemporaryDirectory(prefix="paybench-load-") as folder, \
                (_given(url) if url else serving(data, count, Path(folder))) as (target, pids):
            for _ in range(count):
                asyncio.run(warm_up(target, page))
            for number in sessions:
                result = run_load(target, pids, number, changes, page, ramp, think, count)
                found.append(result)
                out(f"done: {count} replica(s), {number} sessions, {result.changes} changes, "
                    f"{result.errors} errors, p50 {result.p50_ms:,.0f} ms")
    out("")
    for line in report_lines(found):
        out(line)
    return 0 if found and not any(r.errors for r in found) else 1


@contextmanager
def _given(url: str):
    yield url, []
