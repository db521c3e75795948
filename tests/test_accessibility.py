"""What screen-reader users and people who cannot tell colours apart get, checked under AppTest
(the browser suite runs axe-core on the same pages): every chart has a title and an accessible
name that says what it shows, with n; pages put their charts through show_chart; sections are
h2 under the page's h1."""

import ast
import json
import re

import pytest

from tests.helpers import PAGES, PROJECT_ROOT, open_app

STATES = {
    "default": {},
    "filtered": {"level": ["Senior"], "city": ["Seattle", "San Francisco", "Austin"]},
    "aijobs": {"dataset": "aijobs"},
}


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("page", PAGES)
def test_every_chart_has_a_title_and_a_name_that_says_what_it_shows(page, state):
    at = open_app(STATES[state], page=page)
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["layout"].get("title", {}).get("text", "")
        assert title, f"{chart.proto.id}: no title"
        alt = chart.proto.alt
        assert alt and alt != title, f"{chart.proto.id}: no accessible name beyond the title"
        assert re.search(r"n = [\d,]+|\d+ cities|\d+ city", alt), f"{chart.proto.id}: no n"


def test_pages_show_charts_through_show_chart():
    """show_chart gives a chart its accessible name and the local base maps; a page calling
    st.plotly_chart itself would skip both."""
    for path in (PROJECT_ROOT / "pages").glob("*.py"):
        calls = [node.func.attr for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)]
        assert "plotly_chart" not in calls, path.name
        assert "subheader" not in calls or path.name == "remote.py", path.name


def test_sections_are_h2_under_the_title_and_the_remote_labs_parts_h3():
    remote = (PROJECT_ROOT / "pages" / "remote.py").read_text()
    lab = remote.index('st.header("Pay-policy lab")')
    # the lab's parts are h3 under its h2; nothing before the lab is
    assert "st.subheader(" not in remote[:lab]
