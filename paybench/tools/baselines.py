"""The benchmark's baselines: every page query as a competent pandas user and a competent polars
user write it, for the benchmark to time against DuckDB in the same run and to check against
its results.

- pandas: the file loaded once, text columns as categories; a boolean mask from `==` on only
  the filter columns that are set (`==` on a category compares codes; Categorical.isin took
  90 ms on 10 million rows where `==` takes under 1); `frame.loc[mask, the columns the query
  needs]`; groupby(observed=True), Series.quantile (linear, as quantile_cont). Never
  `frame[mask]` over every column.
- polars eager: the file loaded once into a DataFrame, text columns Categorical; the same
  expressions run through .lazy() ... .collect() (polars' advice for eager frames).
- polars lazy: pl.scan_parquet over the same file with the same expressions: predicate and
  projection pushdown into polars' Parquet reader, nothing held in memory.

Every query takes the parameters the pages bind ($filters, $aging and its own) and returns a
frame with the SQL's column names. Quantiles ask for a list of probabilities at once (one
selection each in pandas and polars, as in DuckDB). The footer queries (filter_options,
dataset_summary) read the summary in the Parquet footer with pyarrow, as a pandas or polars app
would; the benchmark reports them apart.

Adapted from the performance spike's baselines (scratch/perf/bench/baselines.py), written for
this project, to the $filters struct and $aging of the current queries.
"""

import json
from collections.abc import Callable

import numpy as np
import pandas as pd
import polars as pl
import pyarrow.parquet as pq

from paybench.datasets.schema import AMOUNT_COLUMNS, COLUMNS, TEXT_COLUMNS
from paybench.domain import stats
from paybench.query import catalog

P5 = [0.10, 0.25, 0.50, 0.75, 0.90]
P5_NAMES = ["p10", "p25", "p50", "p75", "p90"]
P3 = [0.25, 0.50, 0.75]
FOOTER_QUERIES = ("filter_options", "dataset_summary")
FOOTER_KEY = b"paybench_summary"  # queries/write/copy_with_summary.sql writes it


def footer_summary(path) -> dict:
    """The summary this app writes into a Parquet footer, read with pyarrow."""
    return json.loads(pq.read_metadata(path).metadata[FOOTER_KEY])


def filter_options_from_footer(path) -> pd.DataFrame:
    frame = pd.DataFrame(footer_summary(path)["filter_options"])
    return frame.sort_values(["dimension", "value"]).reset_index(drop=True)


def dataset_summary_from_footer(path) -> pd.DataFrame:
    return pd.DataFrame([footer_summary(path)["dataset_summary"]])


def _factors(aging: dict | None) -> dict[int, float] | None:
    return None if aging is None else dict(enumerate(aging["factors"], start=aging["first_year"]))


# ---- pandas ----------------------------------------------------------------------------------

def load_pandas(path) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    return frame.astype(dict.fromkeys(TEXT_COLUMNS, "category"))


def _mask(frame: pd.DataFrame, filters: dict) -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    if filters.get("role") is not None:
        mask &= (frame["role"] == filters["role"]).to_numpy()
    for key in catalog.MULTI_VALUE_FILTERS:
        values = filters.get(key) or []
        if values:
            column = frame[key]
            chosen = column == values[0]
            for value in values[1:]:
                chosen |= column == value
            mask &= chosen.to_numpy()
    if filters.get("year_min") is not None:
        mask &= (frame["year"] >= filters["year_min"]).to_numpy()
    if filters.get("year_max") is not None:
        mask &= (frame["year"] <= filters["year_max"]).to_numpy()
    return mask


def _take(frame: pd.DataFrame, params: dict, *columns: str) -> pd.DataFrame:
    """The filtered records' columns the query needs, amounts aged as $aging says."""
    needed = list(dict.fromkeys([*columns, "year"])) if params.get("aging") else list(columns)
    subset = frame.loc[_mask(frame, params["filters"]), needed]
    factors = _factors(params.get("aging"))
    if factors is None:
        return subset
    by_year = subset["year"].map(factors).to_numpy(dtype=float)
    return subset.assign(**{c: subset[c].to_numpy() * by_year for c in columns
                            if c in AMOUNT_COLUMNS})[list(columns)]


def _quantiles(values: pd.Series, probabilities: list[float]) -> list[float]:
    if values.empty:
        return [np.nan] * len(probabilities)
    return values.quantile(probabilities).tolist()


def _grouped_quantiles(grouped, probabilities, names) -> pd.DataFrame:
    distinct = sorted(set(probabilities))
    table = grouped.quantile(distinct).unstack()
    return pd.DataFrame({name: table[q] for q, name in zip(probabilities, names, strict=True)})


def pd_headline_total_comp(frame, p):
    total = _take(frame, p, "total_comp")["total_comp"]
    return pd.DataFrame([{"n": len(total), "mean_total_comp": total.mean(),
                          "median_total_comp": total.median()}])


def pd_pay_percentiles(frame, p):
    subset = _take(frame, p, "total_comp", "base_salary")
    asked = [*P5, *stats.interval_quantiles(len(subset))]
    rows = []
    for measure in ("total_comp", "base_salary"):
        found = _quantiles(subset[measure], asked)
        rows.append({"measure": measure, "n": len(subset),
                     **dict(zip(P5_NAMES, found[:5], strict=True)),
                     "interval_bounds": np.array(found[5:])})
    return pd.DataFrame(rows)


def pd_total_comp_distribution(frame, p):
    width = p["bin_width"]
    total = _take(frame, p, "total_comp")["total_comp"]
    starts = (np.floor(total.to_numpy() / width) * width).astype("int64")
    counts = pd.Series(starts).value_counts().sort_index()
    return pd.DataFrame({"bin_start": counts.index, "n": counts.to_numpy()})


def pd_percentiles_by_level(frame, p):
    grouped = _take(frame, p, "level", "total_comp").groupby("level", observed=True)["total_comp"]
    table = _grouped_quantiles(grouped, P5, P5_NAMES)
    table.insert(0, "n", grouped.size())
    return table.reset_index()


def pd_pay_mix_by_level(frame, p):
    grouped = _take(frame, p, "level", *AMOUNT_COLUMNS).groupby("level", observed=True)
    return grouped.mean().assign(n=grouped.size()).reset_index()


def pd_total_comp_by_year(frame, p):
    grouped = _take(frame, p, "year", "total_comp").groupby("year")["total_comp"]
    table = _grouped_quantiles(grouped, P3, ["p25", "median", "p75"])
    table.insert(0, "n", grouped.size())
    return table.reset_index()


def pd_pay_by_city(frame, p):
    subset = _take(frame, p, "city", "state", "metro", "total_comp").dropna(subset=["city"])
    grouped = subset.groupby("city", observed=True)
    total = grouped["total_comp"]
    table = pd.concat([grouped[["state", "metro"]].first(), total.size().rename("n"),
                       total.mean().rename("mean_total_comp"),
                       _grouped_quantiles(total, P3, ["p25", "median_total_comp", "p75"])],
                      axis=1).reset_index()
    return table.sort_values(["median_total_comp", "city"], ascending=[False, True])


def pd_pay_by_city_intervals(frame, p):
    wanted = {entry["city"]: entry["ranks"] for entry in p["city_ranks"]}
    subset = _take(frame, p, "city", "total_comp")
    rows = []
    for city, group in subset.groupby("city", observed=True)["total_comp"]:
        if city in wanted:
            ordered = np.sort(group.to_numpy(dtype=float))
            rows.append({"city": city, "bounds": ordered[np.array(wanted[city]) - 1]})
    return pd.DataFrame(rows, columns=["city", "bounds"])


def pd_percentiles_by_city_and_level(frame, p):
    subset = _take(frame, p, "city", "level", "total_comp")
    chosen = np.zeros(len(subset), dtype=bool)
    for city in p["cities_compare"]:
        chosen |= (subset["city"] == city).to_numpy()
    grouped = subset[chosen].groupby(["city", "level"], observed=True)["total_comp"]
    table = _grouped_quantiles(grouped, P5, P5_NAMES)
    table.insert(0, "n", grouped.size())
    return table.reset_index()


def pd_total_comp_by_level_and_arrangement(frame, p):
    grouped = _take(frame, p, "level", "work_arrangement", "total_comp").groupby(
        ["level", "work_arrangement"], observed=True)["total_comp"]
    table = _grouped_quantiles(grouped, P3, ["p25", "median", "p75"])
    table.insert(0, "mean", grouped.mean())
    table.insert(0, "n", grouped.size())
    return table.reset_index()


def pd_total_comp_records(frame, p):
    subset = _take(frame, p, "level", "work_arrangement", "total_comp")
    return subset.sort_values(["level", "work_arrangement", "total_comp"]).reset_index(drop=True)


def pd_total_comp_at_percentile(frame, p):
    total = _take(frame, p, "total_comp")["total_comp"]
    value = _quantiles(total, [p["remote_policy_percentile"] / 100])[0]
    return pd.DataFrame([{"n": len(total), "total_comp": value}])


def pd_offer_market_band(frame, p):
    cell = _take(frame, p, "base_salary", "bonus", "equity", "total_comp")
    asked = [*P5, p["target_percentile"] / 100, *p["interval_quantiles"]]
    row = {"n": len(cell)}
    for measure in ("base_salary", "total_comp"):
        found = _quantiles(cell[measure], asked)
        row.update({f"{measure}_{name}": value for name, value in zip(P5_NAMES, found, strict=False)})
        row[f"{measure}_at_target"] = found[5]
        row[f"{measure}_interval_bounds"] = np.array(found[6:])
    for measure in ("base_salary", "bonus", "equity"):
        row[f"mean_{measure}"] = cell[measure].mean()
    return pd.DataFrame([row])


def pd_total_comp_rank(frame, p):
    total = _take(frame, p, "total_comp")["total_comp"]
    x = p["total_comp"]
    return pd.DataFrame([{"n": len(total), "below": int((total < x).sum()),
                          "equal": int((total == x).sum())}])


def pd_record_count(frame, p):
    return pd.DataFrame([{"n": int(_mask(frame, p["filters"]).sum())}])


def pd_record_count_by_level(frame, p):
    counts = frame.loc[_mask(frame, p["filters"]), "level"].value_counts()
    counts = counts[counts > 0]
    return pd.DataFrame({"level": counts.index.astype(str), "n": counts.to_numpy()})


def pd_metro_of_city(frame, p):
    if p["city"]:
        chosen = frame["city"] == p["city"][0]
        for city in p["city"][1:]:
            chosen |= frame["city"] == city
        metros = frame.loc[chosen, "metro"]
    else:
        metros = frame["metro"]
    counts = metros.value_counts()
    counts = counts[counts > 0]
    if counts.empty:
        return pd.DataFrame({"metro": [], "n": []})
    top = counts.reset_index().sort_values(["count", "metro"], ascending=[False, True]).iloc[0]
    return pd.DataFrame([{"metro": top["metro"], "n": top["count"]}])


def pd_structure_market_by_level(frame, p):
    grouped = _take(frame, p, "level", "base_salary").groupby("level", observed=True)["base_salary"]
    names = ["base_salary_p25", "base_salary_p50", "base_salary_p75", "base_salary_at_midpoint"]
    table = _grouped_quantiles(grouped, [*P3, p["midpoint_percentile"] / 100], names)
    table.insert(0, "n", grouped.size())
    return table.reset_index()


def pd_records_by_country(frame, p):
    counts = frame.loc[_mask(frame, p["filters"]), "country"].value_counts(dropna=False)
    counts = counts[counts > 0]
    table = pd.DataFrame({"country": counts.index.astype(object), "n": counts.to_numpy()})
    return table.sort_values(["n", "country"], ascending=[False, True]).reset_index(drop=True)


def pd_filtered_records(frame, p):
    parts = ("base_salary", "bonus", "equity")
    amounts = _take(frame, p, *parts)
    # whole dollars as the SQL lists them: each part rounded half away from zero, total the sum
    whole = pd.DataFrame({c: np.floor(amounts[c].to_numpy(dtype=float) + 0.5).astype("int64")
                          for c in parts}, index=amounts.index)
    whole["total_comp"] = whole.sum(axis=1)
    top = whole["total_comp"].nlargest(p["limit"], keep="all").index
    listed = frame.loc[top].assign(**{c: whole.loc[top, c] for c in whole.columns})
    return listed.sort_values(["total_comp", "record_id"], ascending=[False, True]).head(
        p["limit"]).reset_index(drop=True)


PANDAS: dict[str, Callable[[pd.DataFrame, dict], pd.DataFrame]] = {
    name.removeprefix("pd_"): function for name, function in dict(globals()).items()
    if name.startswith("pd_")}


# ---- polars (eager and lazy share the expressions) ---------------------------------------------

def load_polars(path) -> pl.DataFrame:
    return pl.read_parquet(path).with_columns(pl.col(c).cast(pl.Categorical) for c in TEXT_COLUMNS)


def _pl_filter(filters: dict) -> pl.Expr:
    conditions = []
    if filters.get("role") is not None:
        conditions.append(pl.col("role") == filters["role"])
    for key in catalog.MULTI_VALUE_FILTERS:
        values = list(filters.get(key) or [])
        if values:
            conditions.append(pl.col(key) == values[0] if len(values) == 1
                              else pl.col(key).is_in(values))
    if filters.get("year_min") is not None:
        conditions.append(pl.col("year") >= filters["year_min"])
    if filters.get("year_max") is not None:
        conditions.append(pl.col("year") <= filters["year_max"])
    return pl.all_horizontal(conditions) if conditions else pl.lit(True)


def _pl_take(source: pl.LazyFrame, p: dict, *columns: str) -> pl.LazyFrame:
    """The filtered records' columns, amounts aged as $aging says."""
    selected = source.filter(_pl_filter(p["filters"]))
    factors = _factors(p.get("aging"))
    amounts = [c for c in columns if c in AMOUNT_COLUMNS]
    if factors is None:
        return selected.select(columns)
    factor = pl.col("year").replace_strict(factors, return_dtype=pl.Float64)
    return selected.with_columns(pl.col(c) * factor for c in amounts).select(columns)


def _pl_quantiles(column: str, probabilities: list[float]) -> pl.Expr:
    return pl.col(column).quantile(probabilities, interpolation="linear").alias(f"{column}_q")


def _text(*columns: str) -> list[pl.Expr]:
    return [pl.col(c).cast(pl.String) for c in columns]


def pl_headline_total_comp(source, p):
    return _pl_take(source, p, "total_comp").select(
        pl.len().alias("n"), pl.col("total_comp").mean().alias("mean_total_comp"),
        pl.col("total_comp").median().alias("median_total_comp")).collect()


def pl_pay_percentiles(source, p):
    subset = _pl_take(source, p, "total_comp", "base_salary").collect()
    asked = [*P5, *stats.interval_quantiles(subset.height)]
    found = subset.select(pl.len().alias("n"), _pl_quantiles("total_comp", asked),
                          _pl_quantiles("base_salary", asked)).row(0, named=True)
    return pd.DataFrame([{"measure": m, "n": found["n"],
                          **dict(zip(P5_NAMES, (found[f"{m}_q"] or [np.nan] * 5)[:5], strict=False)),
                          "interval_bounds": np.array((found[f"{m}_q"] or [np.nan] * 11)[5:])}
                         for m in ("total_comp", "base_salary")])


def pl_total_comp_distribution(source, p):
    width = p["bin_width"]
    return (_pl_take(source, p, "total_comp")
            .group_by(((pl.col("total_comp") / width).floor() * width).cast(pl.Int64)
                      .alias("bin_start"))
            .agg(pl.len().alias("n")).sort("bin_start").collect())


def _pl_grouped(source, p, keys: list[str], value: str, probabilities, names, *extra):
    """Grouped quantiles, one expression each (polars takes no list of quantiles in a group)."""
    return (_pl_take(source, p, *keys, value).group_by(keys)
            .agg(pl.len().alias("n"), *extra,
                 *[pl.col(value).quantile(q, interpolation="linear").alias(name)
                   for q, name in zip(probabilities, names, strict=True)])
            .with_columns(_text(*[k for k in keys if k in TEXT_COLUMNS])).sort(keys).collect())


def pl_percentiles_by_level(source, p):
    return _pl_grouped(source, p, ["level"], "total_comp", P5, P5_NAMES)


def pl_pay_mix_by_level(source, p):
    return (_pl_take(source, p, "level", *AMOUNT_COLUMNS).group_by("level")
            .agg(pl.len().alias("n"), *[pl.col(c).mean() for c in AMOUNT_COLUMNS])
            .with_columns(_text("level")).sort("level").collect())


def pl_total_comp_by_year(source, p):
    return _pl_grouped(source, p, ["year"], "total_comp", P3, ["p25", "median", "p75"])


def pl_pay_by_city(source, p):
    return (_pl_take(source, p, "city", "state", "metro", "total_comp")
            .filter(pl.col("city").is_not_null()).group_by("city")
            .agg(pl.col("state").first(), pl.col("metro").first(), pl.len().alias("n"),
                 pl.col("total_comp").mean().alias("mean_total_comp"),
                 *[pl.col("total_comp").quantile(q, interpolation="linear").alias(name)
                   for q, name in zip(P3, ["p25", "median_total_comp", "p75"], strict=True)])
            .with_columns(_text("city", "state", "metro"))
            .sort(["median_total_comp", "city"], descending=[True, False]).collect())


def pl_pay_by_city_intervals(source, p):
    wanted = {entry["city"]: entry["ranks"] for entry in p["city_ranks"]}
    table = (_pl_take(source, p, "city", "total_comp")
             .filter(pl.col("city").is_in(list(wanted))).group_by("city")
             .agg(pl.col("total_comp").sort()).with_columns(_text("city")).sort("city").collect())
    return pd.DataFrame([{"city": city, "bounds": np.array(values)[np.array(wanted[city]) - 1]}
                         for city, values in table.iter_rows()], columns=["city", "bounds"])


def pl_percentiles_by_city_and_level(source, p):
    chosen = source.filter(pl.col("city").is_in(list(p["cities_compare"])))
    return _pl_grouped(chosen, p, ["city", "level"], "total_comp", P5, P5_NAMES)


def pl_total_comp_by_level_and_arrangement(source, p):
    return _pl_grouped(source, p, ["level", "work_arrangement"], "total_comp", P3,
                       ["p25", "median", "p75"], pl.col("total_comp").mean().alias("mean"))


def pl_total_comp_records(source, p):
    return (_pl_take(source, p, "level", "work_arrangement", "total_comp")
            .with_columns(_text("level", "work_arrangement"))
            .sort(["level", "work_arrangement", "total_comp"]).collect())


def pl_total_comp_at_percentile(source, p):
    return _pl_take(source, p, "total_comp").select(
        pl.len().alias("n"), pl.col("total_comp").quantile(
            p["remote_policy_percentile"] / 100, interpolation="linear")).collect()


def pl_offer_market_band(source, p):
    asked = [*P5, p["target_percentile"] / 100, *p["interval_quantiles"]]
    found = (_pl_take(source, p, "base_salary", "bonus", "equity", "total_comp")
             .select(pl.len().alias("n"), _pl_quantiles("base_salary", asked),
                     _pl_quantiles("total_comp", asked),
                     *[pl.col(c).mean().alias(f"mean_{c}") for c in ("base_salary", "bonus",
                                                                    "equity")])
             .collect().row(0, named=True))
    row = {"n": found["n"]}
    for measure in ("base_salary", "total_comp"):
        values = found[f"{measure}_q"] or [np.nan] * len(asked)
        row.update({f"{measure}_{name}": v for name, v in zip(P5_NAMES, values, strict=False)})
        row[f"{measure}_at_target"] = values[5]
        row[f"{measure}_interval_bounds"] = np.array(values[6:])
    row.update({f"mean_{c}": found[f"mean_{c}"] for c in ("base_salary", "bonus", "equity")})
    return pd.DataFrame([row])


def pl_total_comp_rank(source, p):
    x = p["total_comp"]
    return _pl_take(source, p, "total_comp").select(
        pl.len().alias("n"), (pl.col("total_comp") < x).sum().alias("below"),
        (pl.col("total_comp") == x).sum().alias("equal")).collect()


def pl_record_count(source, p):
    return source.filter(_pl_filter(p["filters"])).select(pl.len().alias("n")).collect()


def pl_record_count_by_level(source, p):
    return (source.filter(_pl_filter(p["filters"])).group_by("level").agg(pl.len().alias("n"))
            .with_columns(_text("level")).sort("level").collect())


def pl_metro_of_city(source, p):
    condition = pl.col("metro").is_not_null()
    if p["city"]:
        condition &= pl.col("city").is_in(list(p["city"]))
    return (source.filter(condition).group_by("metro").agg(pl.len().alias("n"))
            .with_columns(_text("metro")).sort(["n", "metro"], descending=[True, False])
            .head(1).collect())


def pl_structure_market_by_level(source, p):
    names = ["base_salary_p25", "base_salary_p50", "base_salary_p75", "base_salary_at_midpoint"]
    return _pl_grouped(source, p, ["level"], "base_salary",
                       [*P3, p["midpoint_percentile"] / 100], names)


def pl_records_by_country(source, p):
    return (source.filter(_pl_filter(p["filters"])).group_by("country")
            .agg(pl.len().alias("n")).with_columns(_text("country"))
            .sort(["n", "country"], descending=[True, False]).collect())


def pl_filtered_records(source, p):
    def whole(c):  # rounded half away from zero, as DuckDB's round()
        return (pl.col(c) + 0.5).floor().cast(pl.Int64)

    parts = ("base_salary", "bonus", "equity")
    return (_pl_take(source, p, *COLUMNS).with_columns(*[whole(c) for c in parts])
            .with_columns(pl.sum_horizontal(parts).alias("total_comp"))
            .sort(["total_comp", "record_id"], descending=[True, False]).head(p["limit"])
            .with_columns(_text(*TEXT_COLUMNS)).collect())


POLARS: dict[str, Callable[[pl.LazyFrame, dict], object]] = {
    name.removeprefix("pl_"): function for name, function in dict(globals()).items()
    if name.startswith("pl_")}


def as_pandas(result) -> pd.DataFrame:
    return result.to_pandas() if isinstance(result, pl.DataFrame) else result


# ---- checking a baseline's result against DuckDB's -----------------------------------------

def agree(duck: pd.DataFrame, panda: pd.DataFrame) -> bool:
    """The same rows and values in the columns both have, whatever the row order."""
    columns = [c for c in panda.columns if c in duck.columns]
    if len(duck) != len(panda) or not columns:
        return False
    keys = [c for c in columns if not pd.api.types.is_float_dtype(panda[c])
            and not pd.api.types.is_float_dtype(duck[c])]
    left = _sorted(duck[columns], keys)
    right = _sorted(panda[columns], keys)
    for column in columns:
        a, b = left[column], right[column]
        if len(a) and isinstance(a.iloc[0], list | np.ndarray):  # a list per row
            if not np.allclose(np.array(a.tolist(), float), np.array(b.tolist(), float),
                               rtol=1e-9, equal_nan=True):
                return False
        elif pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            if not np.allclose(a.to_numpy(float), b.to_numpy(float), rtol=1e-9, equal_nan=True):
                return False
        elif list(a.astype(str)) != list(b.astype(str)):
            return False
    return True


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if not keys:
        return frame.reset_index(drop=True)
    text = frame.assign(**{k: frame[k].astype(str) for k in keys})
    return frame.loc[text.sort_values(keys, kind="stable").index].reset_index(drop=True)
