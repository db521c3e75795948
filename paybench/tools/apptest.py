"""Running the app in-process with Streamlit's AppTest, as the tests and the benchmark do."""

import streamlit.testing.v1.app_test as app_test_module
import streamlit.testing.v1.local_script_runner as local_script_runner_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from paybench.paths import PROJECT_ROOT

ENTRYPOINT = PROJECT_ROOT / "dashboard.py"


class ServerLikePagesManager(PagesManager):
    """AppTest makes a new PagesManager for every run, and with a pages/ folder each one starts
    in Streamlit's legacy multipage mode; a real server leaves that mode for good after its
    first run (see paybench.app.page.start_page). Leaving it on every run here would cost each run a
    rerun, and a rerun drops a button click, so runs here behave as on a warm server. The
    legacy path itself is tested in the browser (a deep link on a fresh server)."""

    def __init__(self, main_script_path, _fresh_cache=None, **kwargs) -> None:
        super().__init__(main_script_path, SCRIPT_CACHE, **kwargs)  # AppTest's fresh one unused
        PagesManager.uses_pages_directory = False


# A server compiles each script once; AppTest makes a new cache, so compiles again, on every
# run, which added 10 to 30 ms to each page rerun the benchmark measures. Never cleared: a test
# that rewrote a script at the same path would run the old code.
SCRIPT_CACHE = ScriptCache()
app_test_module.PagesManager = ServerLikePagesManager
local_script_runner_module.ScriptCache = lambda: SCRIPT_CACHE


def open_app(query: dict | None = None, page: str | None = None, timeout: float = 60,
             secrets: dict | None = None, user: dict | None = None) -> AppTest:
    """Open a link: the app from its entrypoint with the given link parameters, on a page (its
    file path, e.g. "pages/data.py") or the default one; with secrets (an [auth] section turns
    sign-in on) and the signed-in user's claims (st.user) when given.

    The page is chosen before the first run, as a link to it does: a first run on the default
    page would drop the page's own link parameters as unknown there. (Before its first run
    AppTest finds a page by its file name, so a page's url_path must be its file name.)"""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=timeout)
    if secrets:
        at.secrets = secrets
    if user is not None:
        at.user = user
    if page:
        at.switch_page(page)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at
