"""Queries whose SQL returns the selection's values and whose figure is computed from them by a
pure function of the domain layer, with the same columns and the same numbers (to the last bit)
as the SQL that computed it before. The SQL file's header says so; the page shows that SQL and
its parameters as for any other query; the result is cached like any other.

Why: DuckDB's exact quantile_cont over a 2.5 million-record selection takes 35 to 50 ms per
measure on one core, where fetching the values as Arrow takes about 25 ms and a counting
selection in numpy (paybench.domain.quantiles) 3 to 5 ms per measure.
"""

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from paybench.domain import stats
from paybench.domain.quantiles import order_statistics_by_group, quantile_cont

PERCENTILES = (0.10, 0.25, 0.50, 0.75, 0.90)
PERCENTILE_COLUMNS = ("p10", "p25", "p50", "p75", "p90")
PAY_PERCENTILES_MEASURES = ("total_comp", "base_salary")  # the rows, in this order


def values_of(table: pa.Table, column: str) -> np.ndarray:
    """A column as float64 values, its nulls left out (as SQL aggregates leave them out)."""
    array = table.column(column)
    if array.null_count:
        array = array.drop_null()
    return array.to_numpy().astype(np.float64, copy=False)


def pay_percentiles(table: pa.Table, params: Mapping[str, Any]) -> pd.DataFrame:
    """queries/pay_percentiles.sql's rows (base salary and total comp of each record) -> one
    row per measure: n (every record, as count(*)), P10 to P90, and interval_bounds, the values
    at the lower and upper rank of the 95% interval of P25, P50 and P75 as quantile_cont gives
    them at stats.interval_quantiles(n) (None when there are no records)."""
    n = table.num_rows
    asked = [*PERCENTILES, *stats.interval_quantiles(n)]
    rows = []
    for measure in PAY_PERCENTILES_MEASURES:
        found = quantile_cont(values_of(table, measure), asked)
        rows.append({"measure": measure, "n": n,
                     **dict(zip(PERCENTILE_COLUMNS, found[:5], strict=True)),
                     "interval_bounds": np.array(found[5:]) if n else None})
    frame = pd.DataFrame(rows)
    return frame.astype({"n": "int64", **dict.fromkeys(PERCENTILE_COLUMNS, "float64")})


def pay_by_city_intervals(table: pa.Table, params: Mapping[str, Any]) -> pd.DataFrame:
    """queries/pay_by_city_intervals.sql's rows (each record's city, as its 1-based place in
    $city_ranks, and total comp) -> one row per city with records, by city: city, and bounds,
    its total comp at each rank asked for (NaN beyond its n)."""
    asked = list(params["city_ranks"])
    groups = table.column("city_index").to_numpy().astype(np.int64) - 1
    found = order_statistics_by_group(groups, values_of(table, "total_comp"),
                                      {i: entry["ranks"] for i, entry in enumerate(asked)})
    rows = sorted((asked[i]["city"], np.array(bounds)) for i, bounds in found.items())
    return pd.DataFrame(rows, columns=["city", "bounds"])


# query name -> what makes its result from the rows its SQL returns and the parameters bound
COMPUTED: dict[str, Callable[[pa.Table, Mapping[str, Any]], pd.DataFrame]] = {
    "pay_percentiles": pay_percentiles,
    "pay_by_city_intervals": pay_by_city_intervals,
}
