"""AppTest helpers shared by the page tests."""

from streamlit.testing.v1 import AppTest

from paybench.tools import apptest


def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    """Run the app from its entrypoint with the given link parameters, optionally on a page
    (its file path, e.g. "pages/data.py"), and assert it raised nothing."""
    at = apptest.open_app(query, page)
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    """The displayed value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)


def open_link(page: str, query: dict | None = None) -> AppTest:
    """A link straight to a page: the page first, then its link parameters."""
    return open_app(query, page)
