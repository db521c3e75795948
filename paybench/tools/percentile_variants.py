"""What each idea for exact percentiles gives: python -m paybench.tools.percentile_variants
[--rows 10000000] [--repeats 9].

On the benchmark's data (the file it generates, kept in the temporary folder), round-robin in one
process (every variant once a round, the order turned each round, one warm-up round), medians
and minimums; every variant's numbers are checked against the shipped query's:

The percentile table (P10-P90 of total comp and base salary with the interval bounds) on the
default selection, 2.5 million records:
- in SQL: quantile_cont per measure in one query (the query before issue 16);
- in SQL, each measure on its own cursor, the two in parallel (two threads);
- the same SQL on a file sorted by role, then total comp (a layout the quantile can exploit:
  every selection within a role arrives sorted), written once by this script;
- shipped: the values fetched as Arrow, a counting selection in numpy
  (queries/pay_percentiles.sql, query/computed.py), on the shipped layout and on the re-sorted
  one.

The records listing (the top 1,000 by total comp, every column), on the default and two
narrower selections:
- shipped: order by, limit (DuckDB's top-N);
- late materialisation by a threshold: the 1,000th largest total comp first, then only the
  records at or above it read whole;
- late materialisation by key: the top 1,000 record ids first, then those records.
"""

import argparse
import statistics
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from paybench import sql
from paybench.datasets.dataset import open_dataset
from paybench.domain import stats
from paybench.query import runner
from paybench.query.filters import Filters
from paybench.tools import bench

MLE = "Machine Learning Engineer"
SELECTIONS = {
    "default": Filters(role=MLE, country=("US",)),
    "remote DS, 2024-25": Filters(role="Data Scientist", country=("US",),
                                  work_arrangement=("Remote",), year_min=2024, year_max=2025),
    "finance, large cos": Filters(role=MLE, country=("US",), industry=("Finance",),
                                  company_size=("Large",)),
}


def _bound(path: Path, filters: Filters, **extra) -> dict:
    return {**open_dataset(path).params, **filters.sql_params(), "aging": None, **extra}


def _in_sql(bound: dict, n: int) -> pd.DataFrame:
    with runner.connection().cursor() as cursor:
        return sql.execute(cursor, sql.experiment_statement("pay_percentiles_in_sql"),
                           {**bound, "interval_quantiles": stats.interval_quantiles(n)}).df()


def _one_measure(name: str, bound: dict, n: int) -> list[float]:
    with runner.connection().cursor() as cursor:
        row = sql.execute(cursor, sql.experiment_statement(name),
                          {**bound, "interval_quantiles": stats.interval_quantiles(n)}).fetchone()
    return list(row[1])


def _numbers(frame: pd.DataFrame) -> np.ndarray:
    rows = frame.set_index("measure").loc[["total_comp", "base_salary"]]
    return np.array([[*row[["p10", "p25", "p50", "p75", "p90"]], *row["interval_bounds"]]
                     for _, row in rows.iterrows()], dtype=float)


def time_round_robin(variants: dict[str, Callable[[], object]], repeats: int,
                     ) -> dict[str, tuple[float, float]]:
    for run in variants.values():
        run()
    times = bench.round_robin_ms(variants, repeats)
    return {name: (statistics.median(v), min(v)) for name, v in times.items()}


def percentile_table(path: Path, resorted: Path, repeats: int) -> dict[str, tuple[float, float]]:
    bound = _bound(path, SELECTIONS["default"])
    other = _bound(resorted, SELECTIONS["default"])
    shipped = runner.execute("pay_percentiles", bound)
    n = int(shipped["n"].iloc[0])
    pool = ThreadPoolExecutor(2)

    def two_cursors() -> list[list[float]]:
        return list(pool.map(lambda name: _one_measure(name, bound, n),
                             ("total_comp_quantiles", "base_salary_quantiles")))

    expected = _numbers(shipped)
    for name, numbers in (("in SQL", _numbers(_in_sql(bound, n))),
                          ("two cursors", np.array(two_cursors())),
                          ("in SQL, re-sorted", _numbers(_in_sql(other, n))),
                          ("shipped, re-sorted", _numbers(runner.execute("pay_percentiles", other)))):
        if not np.array_equal(numbers, expected):
            raise AssertionError(f"{name} gives other numbers than the shipped query")
    return time_round_robin({
        "in SQL, one query (before)": lambda: _in_sql(bound, n),
        "in SQL, a cursor per measure, in parallel": two_cursors,
        "in SQL, file sorted by role, total comp": lambda: _in_sql(other, n),
        "Arrow + counting selection (shipped)": lambda: runner.execute("pay_percentiles", bound),
        "Arrow + counting selection, re-sorted file": lambda: runner.execute("pay_percentiles",
                                                                             other),
    }, repeats)


def records_listing(path: Path, repeats: int) -> dict[str, dict[str, tuple[float, float]]]:
    found = {}
    for label, filters in SELECTIONS.items():
        bound = _bound(path, filters, limit=1000)

        def variant(name: str, bound=bound) -> Callable[[], pd.DataFrame]:
            def run() -> pd.DataFrame:
                with runner.connection().cursor() as cursor:
                    return sql.execute(cursor, sql.experiment_statement(name), bound).df()
            return run

        shipped = runner.execute("filtered_records", bound)
        for name in ("filtered_records_threshold", "filtered_records_semi_join"):
            if not variant(name)().equals(shipped):
                raise AssertionError(f"{name} lists other records ({label})")
        found[label] = time_round_robin({
            "order by, limit (shipped)": lambda bound=bound: runner.execute("filtered_records",
                                                                            bound),
            "threshold, then the records": variant("filtered_records_threshold"),
            "top ids, then the records": variant("filtered_records_semi_join"),
        }, repeats)
    return found


def resorted_copy(path: Path) -> Path:
    output = path.with_name(path.stem + "-by-role-and-total-comp.parquet")
    if not output.exists():
        with runner.connection().cursor() as cursor:
            sql.execute(cursor, sql.experiment_statement("copy_sorted_by_role_and_total_comp"),
                        {"source": str(path), "output": str(output)})
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args(argv)
    import os

    path = bench.prepare_data(args.rows, args.folder or bench.default_folder())
    print(f"data: {path}; load average {os.getloadavg()}")
    table = percentile_table(path, resorted_copy(path), args.repeats)
    print(f"\nthe percentile table, default selection: median (min) ms of {args.repeats} rounds; "
          "every variant's numbers equal the shipped query's")
    for name, (median, least) in table.items():
        print(f"  {name:46s} {median:7.1f} ({least:.1f})")
    listing = records_listing(path, args.repeats)
    print("\nthe records listing, top 1,000: median (min) ms; the same rows in every variant")
    for label, variants in listing.items():
        for name, (median, least) in variants.items():
            print(f"  {label:22s} {name:32s} {median:7.1f} ({least:.1f})")
    print(f"\nload average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
