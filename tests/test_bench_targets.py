"""The benchmark's verdict on each target is computed from its measurements, not typed in."""

import math

import pytest

from paybench.datasets.sample import SAMPLE_SIZE
from paybench.tools.bench import (
    FIRST_CHART_LABEL,
    QueryTiming,
    _matrix_rows,
    geometric_mean_ratio,
    targets,
)


def timing(query: str, duckdb_ms: float, pandas_ms: float, filters: str = "default"):
    return QueryTiming("pages/overview.py", filters, query, duckdb_ms, pandas_ms, True)


RERUNS = {"pages/overview.py": {"after a filter change": 120.0, "revisiting a view": 60.0},
          "pages/remote.py": {"after a filter change": 160.0, "revisiting a view": 90.0}}


def by_name(found):
    return {target.name.split(" <=")[0].split(" >=")[0]: target for target in found}


def test_the_shipped_size_is_judged_on_page_reruns_alone():
    found = targets(SAMPLE_SIZE, [timing("a", 5, 50)], RERUNS, 200, {})
    assert len(found) == 1
    assert not found[0].holds and "pages/remote.py 160 ms" in found[0].measured
    faster = {page: {**times, "after a filter change": 100.0} for page, times in RERUNS.items()}
    assert targets(SAMPLE_SIZE, [timing("a", 5, 50)], faster, 200, {})[0].holds


def test_a_query_over_fifty_milliseconds_fails_the_query_target_and_is_named():
    timings = [timing("fast", 20, 200), timing("slow", 80, 400),
               timing("slow", 30, 100, filters="senior, SF + Seattle")]
    found = by_name(targets(10_000_000, timings, RERUNS, 300, {}))
    query_target = found["every page query's median"]
    assert not query_target.holds
    assert query_target.measured.startswith("1 of 3 over; slowest slow (default) 80 ms")
    assert found["no query slower than pandas"].holds
    assert found["page rerun after a filter change"].holds
    assert found["peak memory of the app process"].holds
    assert not any("first chart" in name for name in found)


def test_ratios_memory_and_first_chart_are_judged():
    timings = [timing("a", 40, 20), timing("b", 10, 40)]
    assert geometric_mean_ratio(timings) == pytest.approx(math.sqrt(0.5 * 4))
    found = by_name(targets(10_000_000, timings, RERUNS, 2000, {FIRST_CHART_LABEL: 5.5}))
    assert not found["no query slower than pandas"].holds
    assert not found["geometric mean of pandas/DuckDB ratios"].holds
    assert not found["peak memory of the app process"].holds
    assert not found["first chart within 5 s of the health check"].holds
    assert found["every page query's median"].holds


def test_every_call_of_a_query_is_judged_and_repeats_are_shown_once():
    def call(page, call_index, params, ms):
        return QueryTiming(page, "default", "pay_by_city", ms, 100, True, call_index, params)

    timings = [call("pages/cities.py", 0, "all levels", 70),
               call("pages/remote.py", 0, "senior", 20),
               call("pages/overview.py", 0, "all levels", 70)]
    rows = _matrix_rows(timings)
    assert list(rows) == [("pay_by_city", "pages/cities.py", 0),
                          ("pay_by_city", "pages/remote.py", 0)]
    found = by_name(targets(10_000_000, timings, RERUNS, 300, {}))
    assert found["every page query's median"].measured.startswith("1 of 2 over")


def test_a_query_without_a_pandas_counterpart_is_not_counted_as_faster():
    timings = [timing("a", 10, 100), timing("no reference", 10, math.nan)]
    assert geometric_mean_ratio(timings) == pytest.approx(10)
    found = by_name(targets(10_000_000, timings, RERUNS, 300, {}))
    slower = found["no query slower than pandas"]
    assert not slower.holds and slower.measured == "0 slower, 1 without a pandas counterpart"
    assert math.isnan(geometric_mean_ratio([timing("no reference", 10, math.nan)]))
