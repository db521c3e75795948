"""The calibrated sample reproduces the published figures, and the shipped file is what the
generator makes now."""

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from paybench.datasets import calibration, dataset, sample
from paybench.datasets.schema import (
    ARROW_SCHEMA,
    COMPRESSION,
    ROW_GROUP_SIZE,
    SORT_ORDER,
)
from paybench.domain import vocabulary
from paybench.domain.vocabulary import MAX_TOTAL_COMP, MIN_BASE_SALARY, REST_OF_US
from paybench.paths import CALIBRATION_DIR, SHIPPED_DATASET
from tests.helpers import MLE


@pytest.fixture(scope="module")
def mle(shipped_records) -> pd.DataFrame:
    return shipped_records[(shipped_records["role"] == MLE) & (shipped_records["country"] == "US")]


def test_shipped_file_equals_what_the_generator_makes_now(shipped_records):
    fresh = sample.generate()
    pd.testing.assert_frame_equal(
        shipped_records, dataset.to_arrow(fresh).to_pandas(), check_dtype=True)


def test_generator_is_deterministic_and_seed_dependent():
    first, second = sample.generate(3_000, seed=11), sample.generate(3_000, seed=11)
    pd.testing.assert_frame_equal(first, second)
    assert not first["total_comp"].equals(sample.generate(3_000, seed=12)["total_comp"])


def test_size_and_coverage(shipped_records):
    assert len(shipped_records) == sample.SAMPLE_SIZE
    assert set(shipped_records["role"]) == set(calibration.role_factors())
    assert set(shipped_records["level"]) == set(vocabulary.LEVELS)
    assert set(shipped_records["city"].dropna()) == set(calibration.metros()["city"])
    assert set(shipped_records.loc[shipped_records["city"].isna(), "metro"]) == {REST_OF_US}
    assert set(shipped_records["work_arrangement"]) == set(vocabulary.WORK_ARRANGEMENTS)
    assert set(shipped_records["company_size"]) == set(vocabulary.COMPANY_SIZES)
    assert set(shipped_records["year"]) == {2022, 2023, 2024, 2025}
    industries = set(calibration.sample_assumptions()["industry_share"])
    assert set(shipped_records["industry"]) == industries and "Technology" in industries
    assert shipped_records["record_id"].is_unique


def test_us_ml_engineer_mean_is_the_guides_figure(mle):
    assert round(mle["total_comp"].mean()) == calibration.us_average_total_comp() == 167_627


def test_top_five_cities_by_mean_are_the_guides(mle):
    top_five = mle.groupby("city")["total_comp"].mean().nlargest(5).index
    assert set(top_five) == calibration.top_paying_cities() == {
        "Mountain View", "San Francisco", "New York", "Seattle", "San Jose"}


def test_top_five_cities_by_median_are_the_guides_too(mle):
    top_five = mle.groupby("city")["total_comp"].median().nlargest(5).index
    assert set(top_five) == calibration.top_paying_cities()


def test_remote_share_is_twelve_percent(mle):
    share = (mle["work_arrangement"] == "Remote").mean()
    assert abs(share - 0.12) <= 0.01


@pytest.mark.parametrize("level", vocabulary.LEVELS)
def test_remote_gap_by_level_within_three_points(mle, level):
    in_level = mle[mle["level"] == level]
    remote = in_level.loc[in_level["work_arrangement"] == "Remote", "total_comp"].median()
    onsite = in_level.loc[in_level["work_arrangement"] == "Onsite", "total_comp"].median()
    assert abs(remote / onsite - calibration.remote_gaps()[level]) <= 0.03


def test_level_medians_follow_base_ratios(mle):
    medians = mle.groupby("level")["total_comp"].median()
    by_factor = sorted(calibration.base_ratios(), key=calibration.base_ratios().get)
    assert list(medians[by_factor]) == sorted(medians)
    assert medians[by_factor].is_monotonic_increasing and medians[by_factor].is_unique


def test_role_medians_follow_role_factors(shipped_records):
    medians = shipped_records.groupby("role")["total_comp"].median()
    factors = calibration.role_factors()
    by_factor = sorted(factors, key=factors.get)
    assert medians[by_factor].is_monotonic_increasing and medians[by_factor].is_unique
    for role, factor in factors.items():
        assert medians[role] / medians[MLE] == pytest.approx(factor, abs=0.005)


def test_components_add_up_and_amounts_are_plausible(shipped_records):
    parts = shipped_records[["base_salary", "bonus", "equity"]].sum(axis=1)
    assert (parts == shipped_records["total_comp"]).all()
    assert (shipped_records[["bonus", "equity"]] >= 0).all().all()
    assert shipped_records["base_salary"].min() >= MIN_BASE_SALARY
    assert shipped_records["total_comp"].max() <= MAX_TOTAL_COMP


def test_bonus_and_equity_shares_and_base_rise_with_level(mle):
    by_level = mle.groupby("level")[["base_salary", "bonus", "equity", "total_comp"]].sum()
    by_level = by_level.loc[list(vocabulary.LEVELS)]
    assert (by_level["bonus"] / by_level["total_comp"]).is_monotonic_increasing
    assert (by_level["equity"] / by_level["total_comp"]).is_monotonic_increasing
    median_base = mle.groupby("level")["base_salary"].median().loc[list(vocabulary.LEVELS)]
    assert median_base.is_monotonic_increasing and median_base.is_unique


def test_geography_matches_the_metro_table(shipped_records):
    metros = calibration.metros().set_index("city")
    in_city = shipped_records.dropna(subset=["city"])
    assert (in_city["metro"] == in_city["city"].map(metros["metro"])).all()
    assert (in_city["state"] == in_city["city"].map(metros["state"])).all()
    assert (shipped_records["country"] == "US").all()


def test_rest_of_us_records_have_no_city_and_the_stated_share_and_state_mix(shipped_records):
    rest = shipped_records[shipped_records["metro"] == REST_OF_US]
    assert rest["city"].isna().all() and len(rest) == shipped_records["city"].isna().sum()
    share = calibration.sample_assumptions()["location_share"][REST_OF_US]
    for role, records in shipped_records.groupby("role"):
        assert (records["metro"] == REST_OF_US).mean() == pytest.approx(share, abs=0.001), role
    # The state mix is the file's employment weights, to within one record a state.
    weights = pd.read_csv(CALIBRATION_DIR / "rest_of_us_states.csv", keep_default_na=False)
    expected = weights.set_index("state")["employment_15_0000"] / weights[
        "employment_15_0000"].sum() * len(rest)
    counts = rest["state"].value_counts().reindex(expected.index, fill_value=0)
    assert (counts - expected).abs().max() <= 1


def test_parquet_is_sorted_and_typed():
    table = pq.read_table(SHIPPED_DATASET)
    assert [(f.name, f.type) for f in table.schema] == [(f.name, f.type) for f in ARROW_SCHEMA]
    frame = table.select(list(SORT_ORDER)).to_pandas()
    assert frame.equals(frame.sort_values(list(SORT_ORDER), kind="stable"))


def test_row_groups_are_about_a_hundred_thousand_rows(tmp_path):
    path = tmp_path / "larger.parquet"
    dataset.write_parquet_atomic(dataset.to_arrow(sample.generate(250_000, seed=3)), path)
    metadata = pq.ParquetFile(path).metadata
    sizes = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
    assert sizes == [ROW_GROUP_SIZE, ROW_GROUP_SIZE, 50_000]
    codecs = {metadata.row_group(i).column(j).compression
              for i in range(metadata.num_row_groups) for j in range(metadata.num_columns)}
    assert codecs == {COMPRESSION.upper()}


def test_exact_allocation_hits_every_count():
    labels = sample.exact_allocation(101, {"a": 0.5, "b": 0.3, "c": 0.2})
    counts = pd.Series(labels).value_counts()
    assert counts.sum() == 101 and counts["a"] == 51 and counts["b"] == 30 and counts["c"] == 20
    assert np.array_equal(labels, sample.exact_allocation(101, {"a": 0.5, "b": 0.3, "c": 0.2}))
