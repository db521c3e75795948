"""Running a page's query and showing what produced its figure: one call runs the query and
returns its result with the name and the parameters actually bound; one helper shows exactly
those under the figure."""

import json

import pandas as pd
import streamlit as st

from paybench import sql
from paybench.app.session import active_dataset, aging_parameter
from paybench.query import runner
from paybench.query.filters import Filters
from paybench.query.runner import QueryResult


def run(name: str, filters: Filters | None = None, **extra) -> QueryResult:
    """queries/<name>.sql on the session's dataset, with the global filters, the view's aging
    (for a query that takes $aging) and any other parameters bound. Show the result's SQL with
    show_sql."""
    dataset = active_dataset()
    return runner.run(name, dataset, _params(name, dataset, filters, extra))


def prefetch(*runs: tuple[str, Filters | None, dict]) -> None:
    """Start queries the page will run() a moment later with the same arguments, (name,
    filters, extra parameters) each, so they run beside each other and the page's script."""
    dataset = active_dataset()
    for name, filters, extra in runs:
        runner.prefetch(name, dataset, _params(name, dataset, filters, extra))


def _params(name: str, dataset, filters: Filters | None, extra: dict) -> dict:
    params = {**(filters.sql_params() if filters else {}), **extra}
    if "aging" in sql.parameters(name):
        params.setdefault("aging", aging_parameter(dataset))
    return params


def count_records(filters: Filters) -> int:
    """How many records a selection has. A probe (choosing a cell to show, or a broader one to
    offer), not a figure: it has no SQL display of its own."""
    params = {**filters.sql_params(), "aging": None}  # counting does not depend on amounts
    return int(runner.run("record_count", active_dataset(), params).row["n"])


def probe(name: str, filters: Filters, **extra) -> pd.DataFrame:
    """A probe's rows (counts that choose which cells a figure shows), on the session's
    dataset. Not a figure: it has no SQL display of its own."""
    params = {**filters.sql_params(), **extra}
    if "aging" in sql.parameters(name):
        params.setdefault("aging", None)  # counting does not depend on amounts
    return runner.run(name, active_dataset(), params).frame


def count_by_level(filters: Filters) -> dict[str, int]:
    """How many records each level has in a selection: a probe, as count_records is."""
    params = {**filters.sql_params(), "aging": None}  # counting does not depend on amounts
    frame = runner.run("record_count_by_level", active_dataset(), params).frame
    return {str(level): int(n) for level, n in zip(frame["level"], frame["n"], strict=True)}


def show_sql(result: QueryResult, key: str | None = None) -> None:
    """An expander with the SQL and the parameters that produced the figure above it. Its
    content is made only once it is opened: a page has many, and drawing every one's code
    delayed a page's first figures by over a second in the browser. Its widget key is
    "sql_" + the query's name; give another `key` to a second run of a query on the page."""
    expander = st.expander(f"SQL and parameters: {result.name}", icon=":material/database:",
                           key=key or f"sql_{result.name}", on_change="rerun")
    if expander.open:
        with expander:
            st.code(sql.text(result.name), language="sql")
            st.caption(f"Dataset {result.dataset_file}, version {result.dataset_version}")
            st.code(json.dumps(result.params, indent=1, default=str), language="json")
