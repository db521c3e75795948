"""Every page query computed again with pandas, for the benchmark to time and to check DuckDB
against. Written independently of the SQL: same question, the ordinary pandas way, on a frame
loaded once into memory (text columns as categories, as a pandas app would)."""

from collections.abc import Callable

import numpy as np
import pandas as pd

from paybench.datasets.schema import TEXT_COLUMNS
from paybench.query import catalog

PERCENTILES = [0.10, 0.25, 0.50, 0.75, 0.90]
PERCENTILE_COLUMNS = ["p10", "p25", "p50", "p75", "p90"]


def load(path) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].astype("category")
    return frame


def filtered(frame: pd.DataFrame, params: dict) -> pd.DataFrame:
    """The records the global filters pick, their amounts aged as $aging says; params as the
    queries get them ($filters, $aging)."""
    chosen = params.get("filters", {})
    mask = np.ones(len(frame), dtype=bool)
    if chosen.get("role") is not None:
        mask &= (frame["role"] == chosen["role"]).to_numpy()
    for key in catalog.MULTI_VALUE_FILTERS:
        if chosen.get(key):
            mask &= frame[key].isin(chosen[key]).to_numpy()
    if chosen.get("year_min") is not None:
        mask &= (frame["year"] >= chosen["year_min"]).to_numpy()
    if chosen.get("year_max") is not None:
        mask &= (frame["year"] <= chosen["year_max"]).to_numpy()
    return aged(frame[mask], params.get("aging"))


def aged(frame: pd.DataFrame, aging: dict | None) -> pd.DataFrame:
    """Amounts multiplied by their year's factor, as queries/macros/filtered_salaries.sql does."""
    if aging is None:
        return frame
    factors = dict(enumerate(aging["factors"], start=aging["first_year"]))
    by_year = frame["year"].astype(int).map(factors).fillna(1.0).to_numpy()
    return frame.assign(**{column: frame[column].to_numpy() * by_year
                           for column in ("base_salary", "bonus", "equity", "total_comp")})


def _percentile_row(values: pd.Series) -> dict:
    points = np.percentile(values, [p * 100 for p in PERCENTILES]) if len(values) else [np.nan] * 5
    return dict(zip(PERCENTILE_COLUMNS, points, strict=True))


def headline_total_comp(frame, params):
    total = filtered(frame, params)["total_comp"]
    return pd.DataFrame([{"n": len(total), "mean_total_comp": total.mean(),
                          "median_total_comp": total.median()}])


def pay_percentiles(frame, params):
    subset = filtered(frame, params)
    return pd.DataFrame([{"measure": m, "n": len(subset), **_percentile_row(subset[m])}
                         for m in ("total_comp", "base_salary")])


def percentiles_by_level(frame, params):
    subset = filtered(frame, params)
    rows = [{"level": level, "n": len(group), **_percentile_row(group["total_comp"])}
            for level, group in subset.groupby("level", observed=True)]
    return pd.DataFrame(rows)


def pay_mix_by_level(frame, params):
    subset = filtered(frame, params)
    grouped = subset.groupby("level", observed=True)
    means = grouped[["base_salary", "bonus", "equity", "total_comp"]].mean()
    return means.assign(n=grouped.size()).reset_index()


def total_comp_by_year(frame, params):
    grouped = filtered(frame, params).groupby("year")["total_comp"]
    return pd.DataFrame({"n": grouped.size(), "p25": grouped.quantile(0.25),
                         "median": grouped.median(),
                         "p75": grouped.quantile(0.75)}).reset_index()


def total_comp_distribution(frame, params):
    width = params["bin_width"]
    starts = (np.floor(filtered(frame, params)["total_comp"] / width) * width).astype("int64")
    return starts.value_counts().rename_axis("bin_start").reset_index(name="n")


def record_count(frame, params):
    return pd.DataFrame([{"n": len(filtered(frame, params))}])


def filtered_records(frame, params):
    subset = filtered(frame, params)
    ordered = subset.sort_values(["total_comp", "record_id"], ascending=[False, True])
    listed = ordered.head(params["limit"]).reset_index(drop=True)
    whole = {part: np.floor(listed[part] + 0.5).astype(int)  # DuckDB rounds half away from 0
             for part in ("base_salary", "bonus", "equity")}
    return listed.assign(**whole, total_comp=sum(whole.values()))


def filter_options(frame, params):
    parts = []
    for key in ("role", "level", "country", "metro", "city", "work_arrangement", "industry",
                "company_size"):
        counts = frame[key].value_counts()
        counts = counts[counts > 0]
        parts.append(pd.DataFrame({"dimension": key, "value": counts.index.astype(str),
                                   "n": counts.to_numpy()}))
    return pd.concat(parts, ignore_index=True)


def dataset_summary(frame, params):
    return pd.DataFrame([{
        "n": len(frame), "first_year": frame["year"].min(), "last_year": frame["year"].max(),
        "roles": frame["role"].nunique(), "cities": frame["city"].nunique(),
        "countries": frame["country"].nunique(),
    }])


def offer_market_band(frame, params):
    cell = filtered(frame, params)
    target = params["target_percentile"]
    row = {"n": len(cell)}
    for measure in ("base_salary", "total_comp"):
        points = np.percentile(cell[measure], [10, 25, 50, 75, 90, target]) if len(cell) else [
            np.nan] * 6
        row.update({f"{measure}_p{p}": v for p, v in zip((10, 25, 50, 75, 90), points, strict=False)})
        row[f"{measure}_at_target"] = points[5]
    for measure in ("base_salary", "bonus", "equity"):
        row[f"mean_{measure}"] = cell[measure].mean()
    return pd.DataFrame([row])


def total_comp_rank(frame, params):
    total = filtered(frame, params)["total_comp"]
    return pd.DataFrame([{"n": len(total), "below": int((total < params["total_comp"]).sum()),
                          "equal": int((total == params["total_comp"]).sum())}])


def metro_of_city(frame, params):
    rows = frame[frame["city"].isin(params["city"])] if params["city"] else frame
    counts = rows["metro"].value_counts()
    counts = counts[counts > 0]
    if counts.empty:
        return pd.DataFrame({"metro": [], "n": []})
    top = counts.reset_index().sort_values(["count", "metro"], ascending=[False, True]).iloc[0]
    return pd.DataFrame([{"metro": top["metro"], "n": top["count"]}])


def pay_by_city(frame, params):
    subset = filtered(frame, params).dropna(subset=["city"])
    grouped = subset.groupby("city", observed=True)
    total = grouped["total_comp"]
    result = pd.DataFrame({"state": grouped["state"].first(), "metro": grouped["metro"].first(),
                           "n": total.size(), "mean_total_comp": total.mean(),
                           "p25": total.quantile(0.25), "median_total_comp": total.median(),
                           "p75": total.quantile(0.75)}).reset_index()
    return result.sort_values(["median_total_comp", "city"], ascending=[False, True])


def pay_by_city_intervals(frame, params):
    wanted = {entry["city"]: entry["ranks"] for entry in params["city_ranks"]}
    subset = filtered(frame, params)
    subset = subset[subset["city"].isin(list(wanted))]
    rows = []
    for city, group in subset.groupby("city", observed=True):
        ordered = np.sort(group["total_comp"].to_numpy(float))
        rows.append({"city": city, "bounds": [ordered[rank - 1] for rank in wanted[city]]})
    return pd.DataFrame(rows, columns=["city", "bounds"])


def percentiles_by_city_and_level(frame, params):
    subset = filtered(frame, params)
    subset = subset[subset["city"].isin(params["cities_compare"])]
    rows = [{"city": city, "level": level, "n": len(group), **_percentile_row(group["total_comp"])}
            for (city, level), group in subset.groupby(["city", "level"], observed=True)]
    return pd.DataFrame(rows)


def total_comp_at_percentile(frame, params):
    total = filtered(frame, params)["total_comp"]
    value = np.percentile(total, params["remote_policy_percentile"]) if len(total) else np.nan
    return pd.DataFrame([{"n": len(total), "total_comp": value}])


def total_comp_records(frame, params):
    subset = filtered(frame, params)[["level", "work_arrangement", "total_comp"]]
    return subset.sort_values(["level", "work_arrangement", "total_comp"]).reset_index(drop=True)


def total_comp_by_level_and_arrangement(frame, params):
    grouped = filtered(frame, params).groupby(["level", "work_arrangement"], observed=True)
    total = grouped["total_comp"]
    return pd.DataFrame({"n": total.size(), "mean": total.mean(), "p25": total.quantile(0.25),
                         "median": total.median(), "p75": total.quantile(0.75)}).reset_index()


REFERENCE: dict[str, Callable[[pd.DataFrame, dict], pd.DataFrame]] = {
    "headline_total_comp": headline_total_comp,
    "pay_percentiles": pay_percentiles,
    "pay_by_city_intervals": pay_by_city_intervals,
    "percentiles_by_level": percentiles_by_level,
    "pay_mix_by_level": pay_mix_by_level,
    "total_comp_by_year": total_comp_by_year,
    "total_comp_distribution": total_comp_distribution,
    "record_count": record_count,
    "filtered_records": filtered_records,
    "filter_options": filter_options,
    "filter_options_scanned": filter_options,
    "dataset_summary": dataset_summary,
    "dataset_summary_scanned": dataset_summary,
    "offer_market_band": offer_market_band,
    "total_comp_rank": total_comp_rank,
    "metro_of_city": metro_of_city,
    "pay_by_city": pay_by_city,
    "percentiles_by_city_and_level": percentiles_by_city_and_level,
    "total_comp_at_percentile": total_comp_at_percentile,
    "total_comp_records": total_comp_records,
    "total_comp_by_level_and_arrangement": total_comp_by_level_and_arrangement,
}


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
