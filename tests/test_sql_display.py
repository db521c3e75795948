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


# States only some pages have: the Hire anywhere page compares countries, which only a dataset
# with countries has (on the calibrated sample every page is in STATES).
PAGE_STATES = {
    "pages/hire_anywhere.py": {
        "countries": {"dataset": "aijobs"},
        "countries, senior, at least 30": {"dataset": "aijobs", "level": ["Senior"],
                                           "hire_min_records": "30"},
        "countries, none with enough": {"dataset": "aijobs", "role": "AI Engineer",
                                        "level": ["Staff"], "hire_min_records": "1000"},
    },
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
    check_sql_displays(tracked, page, STATES[state])


@pytest.mark.parametrize(("page", "state"), [(page, state) for page, states in PAGE_STATES.items()
                                             for state in states])
def test_each_query_has_one_sql_display_in_a_pages_own_states(tracked, page, state):
    check_sql_displays(tracked, page, PAGE_STATES[page][state])


def check_sql_displays(tracked, page: str, link: dict) -> None:
    ran, shown = tracked
    runner.clear_cache()
    at = open_app(link, page=page)
    assert ran, f"{page} ran no query"
    assert shown == ran, f"run but not shown: {ran - shown}; shown but not run: {shown - ran}"
    labels = [expander.label for expander in at.expander if expander.label.startswith("SQL")]
    assert sorted(labels) == sorted(f"SQL and parameters: {name}" for name, _ in ran.elements())


# The Pay ranges page's own states: a city (its metro looked up), a zone (cities by market pay
# factor), a market that falls back, and the real public dataset without cities.
RANGES_STATES = {
    "city": {"ranges_location": "City: Seattle"},
    "zone": {"ranges_location": "Zone 2"},
    "fallback": {"role": "AI Engineer", "industry": ["Finance"], "company_size": ["Small"],
                 "ranges_location": "City: Madison"},
    "no cities": {"dataset": "aijobs", "ranges_location": "City: Seattle"},
}


@pytest.mark.parametrize("state", sorted(RANGES_STATES))
def test_each_query_the_ranges_page_runs_has_one_sql_display(tracked, state):
    ran, shown = tracked
    runner.clear_cache()
    at = open_app(RANGES_STATES[state], page="pages/ranges.py")
    assert ran and shown == ran, f"run but not shown: {ran - shown}"
    labels = [expander.label for expander in at.expander if expander.label.startswith("SQL")]
    assert sorted(labels) == sorted(f"SQL and parameters: {name}" for name, _ in ran.elements())


def test_the_check_notices_a_figure_without_its_sql(tracked):
    """The check can fail: a query run with no display is counted as missing."""
    ran, shown = tracked
    open_app({}, page="pages/overview.py")
    query_display.run("record_count", Filters(role=MLE))
    assert shown != ran
