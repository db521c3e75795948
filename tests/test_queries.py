"""The SQL registry: every query runs on the fixture, returns what its page reads, binds every
value, and agrees with an independent computation."""

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from paybench import sql
from paybench.datasets.dataset import open_dataset, to_arrow
from paybench.domain import city_pay, stats
from paybench.query import runner
from paybench.query.filters import Filters
from tests.helpers import EXTRA_PARAMETERS, MLE, reported

# The columns each page reads from each query.
EXPECTED_COLUMNS = {
    "dataset_summary": {"n", "first_year", "last_year", "roles", "cities", "countries", "sources"},
    "dataset_summary_scanned": {"n", "first_year", "last_year", "roles", "cities", "countries",
                                "sources"},
    "filter_options": {"dimension", "value", "n"},
    "filter_options_scanned": {"dimension", "value", "n"},
    "filtered_records": {"record_id", "role", "level", "city", "state", "metro", "country",
                         "work_arrangement", "industry", "company_size", "year", "base_salary",
                         "bonus", "equity", "total_comp", "source"},
    "headline_total_comp": {"n", "mean_total_comp", "median_total_comp"},
    "metro_of_city": {"metro", "n"},
    "offer_market_band": {"n", "base_salary_p10", "base_salary_p25", "base_salary_p50",
                          "base_salary_p75", "base_salary_p90", "total_comp_p10",
                          "total_comp_p25", "total_comp_p50", "total_comp_p75",
                          "total_comp_p90", "base_salary_at_target", "total_comp_at_target",
                          "mean_base_salary", "mean_bonus", "mean_equity",
                          "base_salary_interval_bounds", "total_comp_interval_bounds"},
    "pay_by_city": {"city", "state", "metro", "n", "mean_total_comp", "p25", "median_total_comp",
                    "p75"},
    "pay_by_city_intervals": {"city", "bounds"},
    "pay_mix_by_level": {"level", "n", "base_salary", "bonus", "equity", "total_comp"},
    "pay_percentiles": {"measure", "n", "p10", "p25", "p50", "p75", "p90", "interval_bounds"},
    "percentiles_by_city_and_level": {"city", "level", "n", "p10", "p25", "p50", "p75", "p90"},
    "percentiles_by_level": {"level", "n", "p10", "p25", "p50", "p75", "p90"},
    "record_count": {"n"},
    "total_comp_at_percentile": {"n", "total_comp"},
    "total_comp_by_year": {"year", "n", "p25", "median", "p75"},
    "total_comp_distribution": {"bin_start", "n"},
    "total_comp_rank": {"n", "below", "equal"},
    "total_comp_records": {"level", "work_arrangement", "total_comp"},
    "total_comp_by_level_and_arrangement": {"level", "work_arrangement", "n", "mean", "p25",
                                            "median", "p75"},
    "records_by_country": {"country", "n"},
    "country_cell_counts": {"country", "role", "level", "work_arrangement", "city", "n"},
    "pay_by_country": {"key", "country", "n", "p25", "median", "p75", "order_statistics"},
    "structure_market_by_level": {"level", "n", "base_salary_p25", "base_salary_p50",
                                  "base_salary_p75", "base_salary_at_midpoint"},
    "record_count_by_level": {"level", "n"},
}


def params_for(name: str, filters: Filters) -> dict:
    wanted = sql.parameters(name)
    candidates = {**filters.sql_params(), **EXTRA_PARAMETERS}
    return {key: value for key, value in candidates.items() if key in wanted}


def test_every_query_file_is_registered():
    assert set(sql.names()) == set(EXPECTED_COLUMNS)


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_query_runs_and_returns_its_columns(name, fixture_dataset):
    frame = runner.run(name, fixture_dataset, params_for(name, Filters(role=MLE))).frame
    assert EXPECTED_COLUMNS[name] <= set(frame.columns)
    assert len(frame) > 0


@pytest.mark.parametrize("name", sql.names())
def test_header_names_every_parameter(name):
    header = sql.header(name)
    assert header.startswith(f"{name}:")
    for parameter in sql.parameters(name):
        assert f"${parameter}" in header, f"{name} header does not name ${parameter}"


def test_wrong_parameters_are_refused(fixture_dataset):
    with pytest.raises(runner.QueryParameterError):
        runner.run("headline_total_comp", fixture_dataset, {"role": MLE})
    with pytest.raises(runner.QueryParameterError):
        runner.run("record_count", fixture_dataset, {**reported(Filters()), "extra": 1})


def ordered_values_at_interval_ranks(values: pd.Series) -> list[float]:
    """The k-th smallest values at each interval's ranks, straight from the sorted values."""
    ordered = np.sort(values.to_numpy(float))
    found = []
    for percentile in stats.INTERVAL_PERCENTILES:
        ranks = stats.order_statistic_ranks(len(ordered), percentile / 100)
        found += [ordered[ranks.lower - 1], ordered[ranks.upper - 1]]
    return found


def test_percentiles_and_their_intervals_equal_numpys(fixture_dataset, fixture_records):
    filters = Filters(role=MLE, level=("Senior", "Staff"), work_arrangement=("Onsite",))
    subset = fixture_records[(fixture_records["role"] == MLE)
                             & fixture_records["level"].isin(["Senior", "Staff"])
                             & (fixture_records["work_arrangement"] == "Onsite")]
    result = runner.run("pay_percentiles", fixture_dataset, reported(filters))
    frame = result.frame.set_index("measure")
    for measure in ("base_salary", "total_comp"):
        expected = np.percentile(subset[measure], [10, 25, 50, 75, 90])
        actual = frame.loc[measure, ["p10", "p25", "p50", "p75", "p90"]].to_numpy(dtype=float)
        np.testing.assert_allclose(actual, expected, rtol=0, atol=1e-6)
        assert frame.loc[measure, "n"] == len(subset)
        np.testing.assert_allclose(list(frame.loc[measure, "interval_bounds"]),
                                   ordered_values_at_interval_ranks(subset[measure]), atol=1e-6)


def test_headline_equals_pandas(fixture_dataset, fixture_records):
    filters = Filters(role="Data Scientist", city=("Seattle", "Austin"), year_min=2024)
    row = runner.run("headline_total_comp", fixture_dataset, reported(filters)).frame.iloc[0]
    subset = fixture_records[(fixture_records["role"] == "Data Scientist")
                             & fixture_records["city"].isin(["Seattle", "Austin"])
                             & (fixture_records["year"] >= 2024)]
    assert row["n"] == len(subset)
    assert row["mean_total_comp"] == pytest.approx(subset["total_comp"].mean())
    assert row["median_total_comp"] == pytest.approx(subset["total_comp"].median())


def test_groups_by_level_and_year_equal_pandas(fixture_dataset, fixture_records):
    filters = Filters(role=MLE, industry=("Technology", "Finance"))
    subset = fixture_records[(fixture_records["role"] == MLE)
                             & fixture_records["industry"].isin(["Technology", "Finance"])]
    mix = runner.run("pay_mix_by_level", fixture_dataset, reported(filters)).frame.set_index("level")
    expected = subset.groupby("level")[["base_salary", "bonus", "equity"]].mean()
    np.testing.assert_allclose(mix.loc[expected.index, expected.columns], expected)
    by_year = runner.run("total_comp_by_year", fixture_dataset, reported(filters))
    years = by_year.frame.set_index("year")
    assert years["n"].to_dict() == subset.groupby("year").size().to_dict()


def test_distribution_bins_add_up(fixture_dataset, fixture_records):
    params = {**reported(Filters(role=MLE)), "bin_width": 25_000}
    bins = runner.run("total_comp_distribution", fixture_dataset, params).frame
    assert bins["n"].sum() == (fixture_records["role"] == MLE).sum()
    assert (bins["bin_start"] % 25_000 == 0).all()


def test_empty_list_means_all_and_no_match_means_no_rows(fixture_dataset, fixture_records):
    everything = runner.run("record_count", fixture_dataset, reported(Filters())).frame
    assert everything["n"].iloc[0] == len(fixture_records)
    nothing = runner.run("record_count", fixture_dataset, reported(Filters(city=("Atlantis",)))).frame
    assert nothing["n"].iloc[0] == 0


@pytest.mark.parametrize("hostile", [
    "'; drop table salaries; --", "x' or '1'='1", "Seattle') or (1=1", "<script>alert(1)</script>",
    "\u0000", "𝕊𝕖𝕒𝕥𝕥𝕝𝕖", "a" * 10_000,
])
def test_hostile_values_are_bound_not_executed(fixture_dataset, hostile):
    def count(filters: Filters) -> int:
        return int(runner.run("record_count", fixture_dataset, reported(filters)).frame["n"].iloc[0])

    assert count(Filters(role=hostile)) == 0
    assert count(Filters(city=(hostile,))) == 0
    assert count(Filters(level=(hostile, "Mid"))) == count(Filters(level=("Mid",))) > 0


def test_results_are_cached_on_version_and_parameters(fixture_dataset, monkeypatch):
    calls = []
    real_execute = runner.execute

    def counting_execute(name, bound):
        calls.append(name)
        return real_execute(name, bound)

    monkeypatch.setattr(runner, "execute", counting_execute)
    params = reported(Filters(role=MLE))
    first = runner.run("headline_total_comp", fixture_dataset, params).frame
    first.loc[0, "n"] = -1  # a caller changing its copy must not change the cache
    second = runner.run("headline_total_comp", fixture_dataset, params).frame
    assert calls == ["headline_total_comp"] and second.loc[0, "n"] > 0
    runner.run("headline_total_comp", fixture_dataset, reported(Filters(role="Data Scientist")))
    assert len(calls) == 2


def test_offer_band_and_rank_equal_numpys(fixture_dataset, fixture_records):
    filters = Filters(role=MLE, level=("Senior",), work_arrangement=("Onsite",))
    subset = fixture_records[(fixture_records["role"] == MLE)
                             & (fixture_records["level"] == "Senior")
                             & (fixture_records["work_arrangement"] == "Onsite")]
    band = runner.run("offer_market_band", fixture_dataset, reported(
        filters, target_percentile=60.0,
        interval_quantiles=stats.interval_quantiles(len(subset)))).frame.iloc[0]
    assert band["n"] == len(subset)
    np.testing.assert_allclose(list(band["total_comp_interval_bounds"]),
                               ordered_values_at_interval_ranks(subset["total_comp"]), atol=1e-6)
    for measure in ("base_salary", "total_comp"):
        columns = [f"{measure}_p{p}" for p in (10, 25, 50, 75, 90)]
        expected = np.percentile(subset[measure], [10, 25, 50, 75, 90])
        np.testing.assert_allclose(band[columns].to_numpy(dtype=float), expected, atol=1e-6)
        assert band[f"{measure}_at_target"] == pytest.approx(np.percentile(subset[measure], 60))
    assert band["mean_bonus"] == pytest.approx(subset["bonus"].mean())
    assert band["mean_equity"] == pytest.approx(subset["equity"].mean())

    offer_total_comp = float(subset["total_comp"].iloc[len(subset) // 2])  # a record's own value
    rank = runner.run("total_comp_rank", fixture_dataset,
                  {**reported(filters), "total_comp": offer_total_comp}).frame.iloc[0]
    assert rank["below"] == (subset["total_comp"] < offer_total_comp).sum()
    assert rank["equal"] == (subset["total_comp"] == offer_total_comp).sum() >= 1
    assert rank["n"] == len(subset)


def test_metro_of_city_is_the_datas_own(fixture_dataset, fixture_records):
    row = runner.run("metro_of_city", fixture_dataset, {"city": ["Mountain View"]}).frame.iloc[0]
    records = fixture_records[fixture_records["city"] == "Mountain View"]
    assert row["metro"] == records["metro"].mode()[0] == "San Jose-Sunnyvale-Santa Clara, CA"
    assert row["n"] == len(records)
    assert runner.run("metro_of_city", fixture_dataset, {"city": ["Atlantis"]}).frame.empty


def mle_subset(records, **conditions):
    subset = records[records["role"] == MLE]
    for column, values in conditions.items():
        subset = subset[subset[column].isin(values)]
    return subset


def test_pay_by_city_equals_pandas(fixture_dataset, fixture_records):
    filters = Filters(role=MLE, level=("Senior", "Staff"))
    frame = runner.run("pay_by_city", fixture_dataset, reported(filters)).frame.set_index("city")
    subset = mle_subset(fixture_records, level=["Senior", "Staff"])
    grouped = subset.groupby("city")["total_comp"]
    assert frame["n"].to_dict() == grouped.size().to_dict()
    np.testing.assert_allclose(frame["median_total_comp"], grouped.median()[frame.index])
    np.testing.assert_allclose(frame["mean_total_comp"], grouped.mean()[frame.index])
    np.testing.assert_allclose(frame["p25"], grouped.quantile(0.25)[frame.index])
    np.testing.assert_allclose(frame["p75"], grouped.quantile(0.75)[frame.index])
    assert list(frame["median_total_comp"]) == sorted(frame["median_total_comp"], reverse=True)
    states = subset.groupby("city")["state"].first()
    assert frame["state"].to_dict() == states[frame.index].to_dict()


def test_city_intervals_are_each_citys_ordered_values_at_its_ranks(fixture_dataset,
                                                                   fixture_records):
    filters = Filters(role=MLE, level=("Senior", "Staff"))
    by_city = runner.run("pay_by_city", fixture_dataset, reported(filters)).frame
    shown = by_city[by_city["n"] >= 30]
    intervals = runner.run("pay_by_city_intervals", fixture_dataset, reported(
        filters, city_ranks=city_pay.interval_ranks(shown))).frame.set_index("city")
    subset = mle_subset(fixture_records, level=["Senior", "Staff"])
    assert set(intervals.index) == set(shown["city"])
    for city in shown["city"]:
        expected = ordered_values_at_interval_ranks(subset.loc[subset["city"] == city,
                                                               "total_comp"])
        np.testing.assert_allclose(list(intervals.loc[city, "bounds"]), expected)


def test_city_percentiles_cover_only_the_compared_cities(fixture_dataset, fixture_records):
    params = {**reported(Filters(role=MLE)), "cities_compare": ["Seattle", "Austin"]}
    frame = runner.run("percentiles_by_city_and_level", fixture_dataset, params).frame
    subset = mle_subset(fixture_records, city=["Seattle", "Austin"])
    assert set(frame["city"]) == {"Seattle", "Austin"}
    expected = subset.groupby(["city", "level"])["total_comp"]
    indexed = frame.set_index(["city", "level"])
    assert indexed["n"].to_dict() == expected.size().to_dict()
    np.testing.assert_allclose(indexed["p10"], expected.quantile(0.10)[indexed.index])
    np.testing.assert_allclose(indexed["p90"], expected.quantile(0.90)[indexed.index])


@pytest.mark.parametrize("percentile", [5, 50, 75, 95])
def test_total_comp_at_percentile_equals_numpys(fixture_dataset, fixture_records, percentile):
    filters = Filters(role=MLE, level=("Mid",))
    params = {**reported(filters), "remote_policy_percentile": percentile}
    row = runner.run("total_comp_at_percentile", fixture_dataset, params).frame.iloc[0]
    subset = mle_subset(fixture_records, level=["Mid"])
    assert row["n"] == len(subset)
    assert row["total_comp"] == pytest.approx(np.percentile(subset["total_comp"], percentile))


def test_total_comp_records_are_the_filtered_records(fixture_dataset, fixture_records):
    filters = Filters(role=MLE, industry=("Finance",))
    frame = runner.run("total_comp_records", fixture_dataset, reported(filters)).frame
    subset = mle_subset(fixture_records, industry=["Finance"])
    assert sorted(frame["total_comp"]) == sorted(subset["total_comp"])
    counts = frame.groupby(["level", "work_arrangement"]).size()
    assert counts.to_dict() == subset.groupby(["level", "work_arrangement"]).size().to_dict()


def test_the_footer_summary_equals_a_count_of_the_records(fixture_dataset, fixture_records):
    for name in ("filter_options", "dataset_summary"):
        from_footer = runner.run(name, fixture_dataset).frame
        counted = runner.run(f"{name}_scanned", fixture_dataset).frame
        pd.testing.assert_frame_equal(from_footer, counted, check_dtype=False)
    summary = runner.run("dataset_summary", fixture_dataset).frame.iloc[0]
    assert summary["n"] == len(fixture_records)
    options = runner.run("filter_options", fixture_dataset).frame
    roles = options[options["dimension"] == "role"].set_index("value")["n"]
    assert roles.to_dict() == fixture_records["role"].value_counts().to_dict()


def test_a_file_without_the_footer_has_no_footer_rows(tmp_path, fixture_records):
    plain = tmp_path / "plain.parquet"
    pq.write_table(to_arrow(fixture_records), plain)
    dataset = open_dataset(plain)
    assert runner.run("filter_options", dataset).frame.empty
    assert runner.run("dataset_summary", dataset).frame.empty
    assert runner.run("dataset_summary_scanned", dataset).frame["n"].iloc[0] == len(fixture_records)


def test_structure_market_by_level_equals_numpys(fixture_dataset, fixture_records):
    filters = Filters(role=MLE, city=("Seattle", "Austin"))
    subset = fixture_records[(fixture_records["role"] == MLE)
                             & fixture_records["city"].isin(["Seattle", "Austin"])]
    params = reported(filters, midpoint_percentile=60.0)
    frame = runner.run("structure_market_by_level", fixture_dataset, params).frame.set_index("level")
    counts = runner.run("record_count_by_level", fixture_dataset,
                        reported(filters)).frame.set_index("level")["n"]
    assert counts.to_dict() == subset.groupby("level").size().to_dict()
    for level, group in subset.groupby("level"):
        row = frame.loc[level]
        assert row["n"] == len(group)
        expected = np.percentile(group["base_salary"], [25, 50, 75, 60])
        actual = row[[f"base_salary_p{p}" for p in (25, 50, 75)]
                     + ["base_salary_at_midpoint"]].to_numpy(dtype=float)
        np.testing.assert_allclose(actual, expected, atol=1e-6)
