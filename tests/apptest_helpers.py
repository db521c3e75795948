"""AppTest helpers shared by the page tests."""

from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

ENTRYPOINT = str(PROJECT_ROOT / "dashboard.py")


def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    """Run the app from its entrypoint with the given link parameters, optionally on a page
    (its file path, e.g. "pages/data.py"), and assert it raised nothing.

    The page is chosen before the first run, as a link to it does: a first run on the default
    page would drop the page's own link parameters as unknown there. (Before its first run
    AppTest finds a page by its file name, so a page's url_path must be its file name.)"""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    if page:
        at.switch_page(page)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    """The displayed value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)
