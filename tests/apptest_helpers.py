"""AppTest helpers shared by the page tests."""

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

ENTRYPOINT = str(PROJECT_ROOT / "dashboard.py")


class _ServerLikePagesManager(PagesManager):
    """AppTest makes a new PagesManager for every run, and with a pages/ folder each one starts
    in Streamlit's legacy multipage mode; a real server leaves that mode for good after its
    first run (see paybench.ui.start_page). Leaving it on every run here would cost each run a
    rerun, and a rerun drops a button click, so tests run the way a warm server does. The
    legacy path itself is tested in the browser (a deep link on a fresh server)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


app_test_module.PagesManager = _ServerLikePagesManager


def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    """Run the app from its entrypoint with the given link parameters, optionally on a page
    (its file path, e.g. "pages/data.py"), and assert it raised nothing."""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    """The displayed value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)
