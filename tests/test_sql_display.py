"""Every figure shows the SQL and the parameters that produced it: on every page, in default,
filtered, thin and empty states, each query the page ran has one "SQL and parameters" display
with exactly the parameters that were bound."""

from collections import Counter

import pytest

from paybench.app import query_display
from paybench.query import runner
from paybench.query.filters import Filters
from tests.helpers import MLE, PAGES, open_app

STATES = {
    "default": {},
    "filtered": {"level": ["Senior"], "city": ["Seattle", "Austin"]},
    "thin": {"role": "AI Engineer", "year": ["2022", "2022"], "level": ["Principal"],
             "city": ["Madison"]},
    "empty": {"city": ["Seattle"], "industry": ["Finance"], "company_size": ["Small"],
              "level": ["Principal"], "work_arrangement": ["Remote"], "role": MLE},
}


def key(result: runner.QueryResult) -> tuple:
    return result.name, runner._freeze(result.params)


@pytest.fixture
def tracked(monkeypatch):
    ran, shown = Counter(), Counter()
    real_run, real_show = query_display.run, query_display.show_sql

    def run(name, filters=None, **extra):
        result = real_run(name, filters, **extra)
        ran[key(result)] += 1
        return result

    def show_sql(result, **options):
        shown[key(result)] += 1
        real_show(result, **options)

    monkeypatch.setattr(query_display, "run", run)
    monkeypatch.setattr(query_display, "show_sql", show_sql)
    return ran, shown


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("page", PAGES)
def test_each_query_a_page_runs_has_one_sql_display(tracked, page, state):
    ran, shown = tracked
    runner.clear_cache()
    at = open_app(STATES[state], page=page)
    assert ran, f"{page} ran no query"
    assert shown == ran, f"run but not shown: {ran - shown}; shown but not run: {shown - ran}"
    labels = [expander.label for expander in at.expander if expander.label.startswith("SQL")]
    assert sorted(labels) == sorted(f"SQL and parameters: {name}" for name, _ in ran.elements())


def test_the_check_notices_a_figure_without_its_sql(tracked):
    """The check can fail: a query run with no display is counted as missing."""
    ran, shown = tracked
    open_app({}, page="pages/overview.py")
    query_display.run("record_count", Filters(role=MLE))
    assert shown != ran
