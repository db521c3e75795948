"""A dashboard server on a free port, and the chromium flags that work here: what the browser
tests, the benchmark and the load script each start."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from paybench.paths import PROJECT_ROOT

# As root with no GPU and no internet: without the network flags chromium keeps trying to
# reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-dev-shm-usage"]


# The loopback addresses the dashboard servers listen on: a browser driven by the tests, the
# benchmark or the load script may request nothing from any other host.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# URLs that load nothing from a host: inline data, blobs the page made, the empty page
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


def is_outside(url: str, server_url: str | None = None) -> bool:
    """True for a request to a host other than the dashboard's: this machine's loopback, or the
    host of server_url when the dashboard runs elsewhere."""
    parts = urlsplit(url)
    allowed = LOCAL_HOSTS | ({urlsplit(server_url).hostname} if server_url else set())
    return parts.scheme not in LOCAL_SCHEMES and parts.hostname not in allowed


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Where a server started here reads its secrets when not told: a file that does not exist, so
# a secrets.toml on the machine (~/.streamlit/, the project's .streamlit/) cannot turn sign-in
# on for the benchmark, the load script or the browser tests that expect it off.
NO_SECRETS = PROJECT_ROOT / "test-artifacts" / "no-secrets.toml"


class DashboardServer:
    """`streamlit run dashboard.py` on a free port of 127.0.0.1, started at once; call
    wait_until_healthy before using it, stop when done. The secrets come only from
    secrets_file (none by default: sign-in off); port=None takes a free one."""

    def __init__(self, env: dict[str, str] | None = None, log: IO | None = None,
                 secrets_file: Path = NO_SECRETS, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
             f"--server.port={self.port}", "--server.address=127.0.0.1",
             "--server.fileWatcherType=none", f"--secrets.files={secrets_file}"],
            cwd=PROJECT_ROOT, env={**os.environ, **(env or {})},
            stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_until_healthy(self, seconds: float = 120) -> None:
        """Until /_stcore/health answers "ok"; fails at once if the server exits."""
        wait_for_health(self.url, self.process, seconds,
                        exited=lambda: f"streamlit exited early:\n{self.output()}",
                        silent=lambda: f"streamlit did not answer its health check:\n{self.output()}")

    def output(self) -> str:
        if self.log is None:
            return "(no log kept)"
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        stop_process(self.process, 20)


def wait_for_health(url: str, process: subprocess.Popen, seconds: float, exited, silent) -> None:
    """Until url's /_stcore/health answers "ok" (a server, or a load balancer in front of
    servers); fails at once if the process exits. exited() and silent() make the messages."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(exited())
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(silent())


def stop_process(process: subprocess.Popen, seconds: float) -> None:
    """Ask the process to end; kill it if it has not within the given seconds."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
