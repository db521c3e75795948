"""What a person in Chromium waits for, and where that time goes: the benchmark's browser part.

- The first chart on a cold server: a server just started (no script run yet, nothing
  imported by a page, no result cached) answers its health check; a fresh browser context
  (nothing cached) opens the Overview. Measured from navigation start to the first chart drawn,
  with where the time went: the HTML, the script bundles, the websocket, the server's first
  runs, the messages, the drawing.
- A filter change to the updated charts, on Overview, Cities and Offer: a person picks or
  removes a level (the sidebar's Level on Overview and Cities, the offer form's Level on
  Offer); every change makes a filter state not seen before, so no query result is cached.
  Measured from the click to the moment the last chart on the page has finished redrawing,
  split into the browser sending the rerun, the server's run (to script_finished), and the
  drawing after it; with the messages and bytes of the run, and how much of them is figures.

Timings come from inside the page (performance.now(), one clock): an init script wraps the
WebSocket (each message's arrival time and bytes) and watches the charts' elements for changes
(the last change is the end of a redraw). The messages are decoded with Streamlit's own
protobuf classes after each change.
"""

import base64
import statistics
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from paybench.domain import vocabulary
from paybench.tools.server import CHROMIUM_ARGS, DashboardServer, chromium_path

QUIET_MS = 400        # a chart untouched this long after the run has finished has been drawn
CHANGE_TIMEOUT_MS = 60_000
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
# a run over: the whole script, or a fragment alone
FINISHED = {ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY"),
            ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")}
RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")

INIT_SCRIPT = """
(() => {
  const pb = window.__pb = {frames: [], chartChanges: [], opened: null};
  const Original = window.WebSocket;
  class Watched extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { pb.opened = performance.now(); });
      this.addEventListener('message', event => {
        pb.frames.push({out: false, t: performance.now(), data: event.data});
      });
    }
    send(data) {
      pb.frames.push({out: true, t: performance.now(), data: data});
      return super.send(data);
    }
  }
  window.WebSocket = Watched;
  new MutationObserver(records => {
    const t = performance.now();
    for (const record of records) {
      const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (target && target.closest && target.closest('.js-plotly-plot')) {
        pb.chartChanges.push(t);
        return;
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  pb.since = t0 => ({
    frames: pb.frames.filter(f => f.t >= t0).map(f => {
      const d = f.data;
      const bytes = d instanceof ArrayBuffer ? new Uint8Array(d)
        : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
        : new TextEncoder().encode(String(d));
      let text = '';
      for (let i = 0; i < bytes.length; i += 8192) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
      }
      return {out: f.out, t: f.t, data: btoa(text)};
    }),
    chartChanges: pb.chartChanges.filter(t => t >= t0),
  });
})();
"""


@dataclass
class RunMessages:
    """What the server sent for one run, decoded."""

    sent_at: float | None = None           # the rerun's BackMsg left the browser (page ms)
    first_delta_at: float | None = None
    finished_at: float | None = None       # script_finished FINISHED_SUCCESSFULLY arrived
    messages: int = 0
    bytes: int = 0
    figure_bytes: int = 0                  # the plotly figures' JSON in those messages
    figures: int = 0
    reruns: int = 0                        # runs cut short and started again by the app


def decode(frames: list[dict]) -> RunMessages:
    found = RunMessages()
    for frame in frames:
        data = base64.b64decode(frame["data"])
        if frame["out"]:
            message = BackMsg()
            message.ParseFromString(data)
            if message.WhichOneof("type") == "rerun_script" and found.sent_at is None:
                found.sent_at = frame["t"]
            continue
        found.messages += 1
        found.bytes += len(data)
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "delta":
            if found.first_delta_at is None:
                found.first_delta_at = frame["t"]
            element = message.delta.new_element
            if message.delta.WhichOneof("type") == "new_element" and \
                    element.WhichOneof("type") == "plotly_chart":
                found.figures += 1
                found.figure_bytes += len(element.plotly_chart.spec)
        elif kind == "script_finished":
            if message.script_finished in FINISHED:
                found.finished_at = frame["t"]
            elif message.script_finished == RERUN:
                found.reruns += 1
    return found


@dataclass
class ChangeTiming:
    """One filter change, in ms from the click."""

    page: str
    change: str
    updated_ms: float          # the last chart finished redrawing
    first_chart_ms: float      # the first chart started to redraw
    input_ms: float            # click -> the rerun message left the browser
    server_ms: float           # rerun sent -> script_finished arrived (the server's run)
    drawing_ms: float          # script_finished -> the last chart finished redrawing
    messages: int
    kilobytes: float
    figure_kilobytes: float


@dataclass
class FirstChart:
    """A cold server's first chart, in ms from navigation start."""

    first_chart_ms: float
    html_ms: float             # the HTML page arrived
    scripts_ms: float          # the last script bundle arrived
    socket_open_ms: float      # the websocket to the server opened
    first_rerun_sent_ms: float
    first_delta_ms: float      # the server's first element arrived
    finished_ms: float         # the first run finished (after any rerun the app asks for)
    script_kilobytes: float    # script bundles transferred
    messages: int
    kilobytes: float
    figure_kilobytes: float
    reruns: int


@dataclass
class BrowserResults:
    first_chart: FirstChart | None = None       # a fresh browser (nothing cached)
    changes: list[ChangeTiming] = field(default_factory=list)
    server_peak_mb: float = float("nan")
    first_chart_returning: FirstChart | None = None  # a browser that has shown the app before

    def median(self, page: str, attribute: str = "updated_ms") -> float:
        values = [getattr(c, attribute) for c in self.changes if c.page == page]
        return statistics.median(values) if values else float("nan")


# ---- the changes each page gets: level sets never seen before, one level added or removed ----

def gray_code_levels(levels: tuple[str, ...] = vocabulary.LEVELS) -> list[tuple[str, str]]:
    """(add|remove, level) steps that walk through every non-empty set of levels once, one
    level at a time, never coming back to a set (a reflected Gray code): each step is a filter
    state no earlier step had, so its queries are not cached."""
    steps, previous = [], 0
    for i in range(1, 2 ** len(levels)):
        code = i ^ (i >> 1)
        changed = (code ^ previous).bit_length() - 1
        steps.append(("add" if code & (1 << changed) else "remove", levels[changed]))
        previous = code
    return steps


# ---- driving the page --------------------------------------------------------------------------

def _mark(page) -> float:
    return page.evaluate("() => performance.now()")


def _settle(page, t0: float) -> dict:
    """Wait until the run the change started has finished and the charts have been quiet for
    QUIET_MS; return what the page recorded since t0."""
    page.wait_for_function(
        """([t0, ready, quiet]) => {
            const pb = window.__pb;
            const sent = pb.frames.some(f => f.out && f.t >= t0);
            const after = pb.frames.some(f => !f.out && f.t >= t0);
            const last = pb.chartChanges.length ? pb.chartChanges[pb.chartChanges.length - 1] : 0;
            return sent && after && document.querySelector(ready)
                && performance.now() - Math.max(last, t0) > quiet;
        }""", arg=[t0, READY, QUIET_MS], timeout=CHANGE_TIMEOUT_MS, polling=50)
    return page.evaluate("t0 => window.__pb.since(t0)", t0)


def _timing(page_name: str, change: str, t0: float, recorded: dict) -> ChangeTiming:
    run = decode(recorded["frames"])
    charts = recorded["chartChanges"]
    if run.finished_at is None or run.sent_at is None or not charts:
        raise RuntimeError(f"{page_name} {change}: no finished run or no chart redrawn")
    return ChangeTiming(
        page_name, change, charts[-1] - t0, charts[0] - t0, run.sent_at - t0,
        run.finished_at - run.sent_at, max(charts[-1] - run.finished_at, 0.0), run.messages,
        run.bytes / 1e3, run.figure_bytes / 1e3)


def _pick(page, box, option_name: str) -> float:
    """Open a select box, type the option's name, and pick it with Enter, as a person does:
    the clock starts at the Enter (Playwright's clicks wait for the element first, which would
    count the harness's time)."""
    box.click()
    page.keyboard.type(option_name)
    page.get_by_role("option", name=option_name, exact=True).wait_for()
    t0 = _mark(page)
    page.keyboard.press("Enter")
    return t0


def _sidebar_level_change(page, action: str, level: str) -> float:
    sidebar = page.get_by_test_id("stSidebar")
    if action == "add":
        return _pick(page, sidebar.get_by_label("Level", exact=True), level)
    button = sidebar.get_by_role("button", name=f"Remove {level}").last
    button.wait_for()
    t0 = _mark(page)
    button.dispatch_event("click")
    return t0


def _offer_level_change(page, level: str) -> float:
    return _pick(page, page.get_by_test_id("stMain").get_by_label("Level", exact=True), level)


def _wait_ready(page) -> None:
    page.wait_for_selector(READY, timeout=CHANGE_TIMEOUT_MS)
    page.locator(".js-plotly-plot").first.wait_for(timeout=CHANGE_TIMEOUT_MS)
    page.wait_for_timeout(QUIET_MS)


def sidebar_changes(page, base_url: str, path: str, query: str, changes: int,
                    page_name: str) -> list[ChangeTiming]:
    """Open the page with the link's query, then make `changes` level changes in the sidebar
    (Gray code order: every level set new)."""
    page.goto(f"{base_url}/{path}?{query}")
    _wait_ready(page)
    found = []
    for action, level in gray_code_levels()[:changes]:
        t0 = _sidebar_level_change(page, action, level)
        page.keyboard.press("Escape")
        found.append(_timing(page_name, f"{action} {level}", t0, _settle(page, t0)))
    return found


# the Cities page's own input: starting from Seattle and Austin, each step a set not seen before
COMPARE_STEPS = [("add", "Boston"), ("remove", "Seattle"), ("add", "Denver"), ("remove", "Austin"),
                 ("add", "Chicago"), ("remove", "Boston"), ("add", "Atlanta"), ("remove", "Denver")]


def compare_changes(page, base_url: str, query: str, changes: int) -> list[ChangeTiming]:
    """The Cities page's "Cities to compare" (a fragment: only its section reruns), one city
    added or removed at a time."""
    page.goto(f"{base_url}/cities?{query}&cities_compare=Seattle&cities_compare=Austin")
    _wait_ready(page)
    main = page.get_by_test_id("stMain")
    found = []
    for action, city in COMPARE_STEPS[:changes]:
        if action == "add":
            t0 = _pick(page, main.get_by_label("Cities to compare", exact=True), city)
            page.keyboard.press("Escape")
        else:
            button = main.get_by_role("button", name=f"Remove {city}").last
            button.wait_for()
            t0 = _mark(page)
            button.dispatch_event("click")
        found.append(_timing("cities (compare)", f"{action} {city}", t0, _settle(page, t0)))
    return found


def offer_changes(page, base_url: str, query: str, changes: int) -> list[ChangeTiming]:
    """The Offer page with the link's query, then the offer form's Level through the levels
    (each with the link's other inputs: a market cell not asked for before)."""
    page.goto(f"{base_url}/offer?{query}")
    _wait_ready(page)
    found = []
    levels = [level for level in vocabulary.LEVELS if level != "Senior"]  # Senior: the start
    for level in levels[:changes]:
        t0 = _offer_level_change(page, level)
        found.append(_timing("offer", f"level {level}", t0, _settle(page, t0)))
    return found


def cold_first_chart(browser, url: str, context=None) -> FirstChart:
    """Open the Overview on a server that has only answered its health check: in a fresh
    context (nothing cached), or in `context`, a browser that has shown the app before."""
    fresh = context is None
    if fresh:
        context = browser.new_context(viewport={"width": 1300, "height": 1000})
        context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    try:
        page.goto(f"{url}/")
        page.locator(".js-plotly-plot").first.wait_for(timeout=CHANGE_TIMEOUT_MS)
        _settle(page, 0.0)
        recorded = page.evaluate("() => window.__pb.since(0)")
        timing = page.evaluate("""() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const scripts = performance.getEntriesByType('resource')
                .filter(r => r.initiatorType === 'script' || r.name.endsWith('.js'));
            return {html: nav.responseEnd,
                    scripts: Math.max(0, ...scripts.map(r => r.responseEnd)),
                    scriptBytes: scripts.reduce((s, r) => s + (r.encodedBodySize || 0), 0),
                    opened: window.__pb.opened};
        }""")
    finally:
        page.close()
        if fresh:
            context.close()
    run = decode(recorded["frames"])
    return FirstChart(
        recorded["chartChanges"][0], timing["html"], timing["scripts"], timing["opened"] or 0,
        run.sent_at or 0, run.first_delta_at or 0, run.finished_at or 0,
        timing["scriptBytes"] / 1e3, run.messages, run.bytes / 1e3, run.figure_bytes / 1e3,
        run.reruns)


def measure(path, changes_per_page: int = 8, env: dict | None = None) -> BrowserResults:
    """A cold server's first chart in a fresh browser, then filter changes on Overview, Cities
    and Offer on the same server, then the server's peak memory; then, on a new server on the
    same address, the first chart in the browser that made the changes (its cache holds the
    app's scripts, as a returning user's does)."""
    from playwright.sync_api import sync_playwright

    results = BrowserResults()
    environment = {"PAYBENCH_DATA": str(path), **(env or {})}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        server = DashboardServer(env=environment)
        try:
            server.wait_until_healthy()
            results.first_chart = cold_first_chart(browser, server.url)
            context = browser.new_context(viewport={"width": 1300, "height": 1000})
            context.add_init_script(INIT_SCRIPT)
            page = context.new_page()
            # each page starts from its own industry, so no page reuses another's results
            results.changes += sidebar_changes(page, server.url, "", "industry=Technology",
                                               changes_per_page, "overview")
            results.changes += sidebar_changes(page, server.url, "cities", "industry=Finance",
                                               changes_per_page, "cities")
            results.changes += offer_changes(
                page, server.url, "offer_industry=Healthcare&offer_city=Seattle",
                changes_per_page)
            results.changes += compare_changes(page, server.url, "industry=Healthcare",
                                               changes_per_page)
            page.close()
            results.server_peak_mb = _peak_rss_mb(server.pid)
            server.stop()
            server = DashboardServer(env=environment, port=server.port)
            server.wait_until_healthy()
            results.first_chart_returning = cold_first_chart(browser, server.url, context)
            context.close()
        finally:
            server.stop()
            browser.close()
    return results


def _peak_rss_mb(pid: int) -> float:
    from pathlib import Path

    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
