"""A Streamlit websocket client: one browser tab's side of the protocol, without a browser, for
the load generator (tools/load.py) and the benchmark.

What a browser does, as Streamlit 1.67's frontend does it (static/js/index.*.js,
sendRerunBackMsg):
- it opens ws://HOST/_stcore/stream with the subprotocol "streamlit" (then the XSRF token and
  a session to resume, when it has them). With server.enableXsrfProtection = true the server
  uses the token only to decide whether to read the sign-in cookie: a connection without it,
  and without a cookie or an Origin header, runs the app as an anonymous visitor, as a
  signed-out browser would;
- the first run is BackMsg.rerun_script = ClientState(query_string, page_script_hash = "",
  page_name = the page's URL path, "" for the default page); later runs carry the
  page_script_hash the server announced in ForwardMsg.navigation;
- a run is over at ForwardMsg.script_finished == FINISHED_SUCCESSFULLY (a run the app cut short
  with st.rerun(), or a newer rerun, ends FINISHED_EARLY_FOR_RERUN and another follows).

A filter change goes as the browser sends it: the widget's new value in widget_states (a
widget bound to the URL takes its value from the query string only on a session's first run,
or on Back and Forward), with the query string changed to match, as the browser's address bar
does.

Adapted from the performance spike's client (scratch/perf/loadgen/stclient.py), written for
this project.
"""

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

# a run over: the whole script, or a fragment alone
FINISHED = {ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY"),
            ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")}


@dataclass
class Run:
    """One run of the app as the client saw it."""

    ms: float = 0.0                 # the rerun sent -> script_finished arrived
    messages: int = 0               # ForwardMsgs received
    bytes: int = 0
    exceptions: list[str] = field(default_factory=list)  # st.exception elements shown
    metrics: dict[str, str] = field(default_factory=dict)  # st.metric label -> value


class StreamlitClient:
    def __init__(self, base_url: str, page: str = "") -> None:
        self.ws_url = base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.page = page              # the page's URL path, "" for the default page
        self.page_hash = ""           # the current page's script hash, once announced
        self.widget_ids: dict[str, str] = {}  # user key -> the widget's element id
        self.query_string = ""
        self.ws = None

    async def connect(self, timeout: float = 30) -> None:
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"],
                                           max_size=2 ** 26, open_timeout=timeout,
                                           ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open(self, query: dict | str = "", timeout: float = 120) -> Run:
        """The first run, as a browser's first load of the page with this query."""
        self.query_string = query if isinstance(query, str) else urlencode(query, doseq=True)
        return await self._run(timeout)

    async def change(self, values: dict[str, list[str]], query: dict, timeout: float = 120) -> Run:
        """Multiselects set to new values (user key -> the values), as a browser sends a
        change; `query` is the page's new query string."""
        widgets = []
        for key, chosen in values.items():
            widget = WidgetState(id=self.widget_ids[key])
            widget.string_array_value.data.extend(chosen)
            widgets.append(widget)
        self.query_string = urlencode(query, doseq=True)
        return await self._run(timeout, widgets)

    async def _run(self, timeout: float, widgets: list[WidgetState] = ()) -> Run:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.page_name = "" if self.page_hash else self.page
        state.widget_states.widgets.extend(widgets)
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        run = Run()
        deadline = start + timeout
        while True:
            data = await asyncio.wait_for(self.ws.recv(), max(deadline - time.perf_counter(), 0))
            run.messages += 1
            run.bytes += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "delta":
                self._note(forward, run)
            elif kind == "script_finished" and forward.script_finished in FINISHED:
                run.ms = (time.perf_counter() - start) * 1000
                return run

    def _note(self, forward: ForwardMsg, run: Run) -> None:
        if forward.delta.WhichOneof("type") != "new_element":
            return
        element = forward.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(element.exception.message[:200])
            return
        if kind == "metric":
            run.metrics[element.metric.label] = element.metric.body
        widget_id = getattr(getattr(element, kind), "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID"):
            self.widget_ids[widget_id.rsplit("-", 1)[-1]] = widget_id  # $$ID-<hash>-<key>
