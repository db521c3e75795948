"""Exact quantiles computed from the values (paybench/domain/quantiles.py) equal DuckDB's
quantile_cont to the last bit, for whole-dollar and aged amounts, ties, tiny and empty inputs,
by both selection methods; and the queries computed that way return what their SQL computed
before, bit for bit."""

import math

import duckdb
import numpy as np
import pandas as pd
import pytest

from paybench.domain import city_pay, quantiles, stats
from paybench.query import runner
from paybench.query.filters import Filters
from tests.helpers import MLE, reported

PROBABILITIES = [0.10, 0.25, 0.50, 0.75, 0.90]


def duckdb_quantile_cont(values: np.ndarray, probabilities: list[float]) -> list[float]:
    """DuckDB's own answer, the reference: quantile_cont over the same doubles."""
    with duckdb.connect() as con:
        found = con.execute("select quantile_cont(x, $q) from (select unnest($v) as x)",
                            {"q": probabilities, "v": values.tolist()}).fetchone()[0]
    return [math.nan if value is None else value for value in (found or [None] * len(probabilities))]


def same_bits(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y or (math.isnan(x) and math.isnan(y))
                                    for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(("values", "expected_median"), [
    # n = 1: h = 0, the value itself
    ([150_000.0], 150_000.0),
    # n = 2: h = 0.5, halfway: 100,000 x 0.5 + 200,000 x 0.5
    ([200_000.0, 100_000.0], 150_000.0),
    # ties: 1, 2, 2, 2, 9 -> h = 2, the third smallest, 2
    ([9.0, 2.0, 2.0, 1.0, 2.0], 2.0),
])
def test_small_cases_worked_by_hand(values, expected_median):
    assert quantiles.quantile_cont(np.array(values), [0.5]) == [expected_median]


def test_no_values_give_nan_like_sql_null():
    found = quantiles.quantile_cont(np.array([], dtype=float), PROBABILITIES)
    assert all(math.isnan(value) for value in found)


@pytest.mark.parametrize("kind", ["whole dollars", "round thousands", "aged"])
@pytest.mark.parametrize("n", [2, 3, 7, 57, 1_001, 30_000])
def test_equal_to_duckdbs_quantile_cont_to_the_last_bit(kind, n):
    rng = np.random.default_rng(n)
    if kind == "whole dollars":
        values = rng.integers(20_000, 400_000, n).astype(float)
    elif kind == "round thousands":  # many ties, as base salaries have
        values = (rng.integers(20, 400, n) * 1_000).astype(float)
    else:  # amounts times their year's factor: not whole dollars
        values = rng.integers(20_000, 400_000, n) * rng.choice([1.0, 1.0387, 1.0123456789], n)
    asked = [*PROBABILITIES, *stats.interval_quantiles(n), 0.333, 0.999]
    assert same_bits(quantiles.quantile_cont(values, asked), duckdb_quantile_cont(values, asked))


@pytest.mark.parametrize("share", [0.0, math.inf])
def test_both_selection_methods_find_the_same_order_statistics(monkeypatch, share):
    """Counting whole-dollar buckets (share 0: always) and numpy's introselect (share inf:
    never counting) give the sorted values at every index asked for."""
    monkeypatch.setattr(quantiles, "COUNTING_MIN_VALUES_PER_DOLLAR", share)
    rng = np.random.default_rng(5)
    values = rng.integers(20_000, 60_000, 5_000) * rng.choice([1.0, 1.05], 5_000)
    indexes = [0, 1, 2_499, 2_500, 4_998, 4_999]
    ordered = np.sort(values)
    assert quantiles.order_statistics(values, indexes) == {k: ordered[k] for k in indexes}


def test_the_interpolation_rounds_once_as_duckdb_does():
    """11 values, P21: h = 10 x 0.21 = 2.1000000000000001, d = 0.10000000000000009 between the
    3rd (100,000) and 4th (100,003) smallest. Rounded twice, 100,000 (1 - d) + 100,003 d is
    100000.29999999999; rounded once, as DuckDB's build does, 100000.3."""
    values = np.array([1.0, 2.0, 100_000.0, 100_003.0, *[200_000.0] * 7])
    found = quantiles.quantile_cont(values, [0.21])[0]
    assert found == 100_000.3 == duckdb_quantile_cont(values, [0.21])[0]
    assert found != 100_000.0 * (1 - 0.10000000000000009) + 100_003.0 * 0.10000000000000009


def test_order_statistics_by_group():
    groups = np.array([1, 0, 1, 1, 0, 2])
    values = np.array([30.0, 5.0, 10.0, 20.0, 7.0, 1.0])
    # group 0: 5, 7; group 1: 10, 20, 30; group 2 not asked for; group 3 has no values
    found = quantiles.order_statistics_by_group(groups, values, {0: [2, 1], 1: [1, 3, 4], 3: [1]})
    assert found[0] == [7.0, 5.0]
    assert found[1][:2] == [10.0, 30.0] and math.isnan(found[1][2])
    assert set(found) == {0, 1}


# ---- the computed queries against the SQL they replace --------------------------------------

PAY_PERCENTILES_IN_SQL = """
select count(*) as n,
    quantile_cont(total_comp, $asked) as total_comp,
    quantile_cont(base_salary, $asked) as base_salary,
from filtered_salaries($path, $filters, $aging)
"""

AGED = {"first_year": 2020, "factors": [1.21, 1.17, 1.12, 1.08, 1.05, 1.0187]}


@pytest.mark.parametrize("aging", [None, AGED], ids=["as reported", "aged"])
@pytest.mark.parametrize("filters", [Filters(role=MLE), Filters(role=MLE, level=("Staff",),
                                                                  city=("Seattle",))],
                         ids=["role", "one cell"])
def test_pay_percentiles_equal_quantile_cont_in_duckdb(fixture_dataset, filters, aging):
    params = {**reported(filters), "aging": aging}
    frame = runner.run("pay_percentiles", fixture_dataset, params).frame.set_index("measure")
    n = int(frame.loc["total_comp", "n"])
    asked = [*PROBABILITIES, *stats.interval_quantiles(n)]
    with runner.connection().cursor() as cursor:
        row = cursor.execute(PAY_PERCENTILES_IN_SQL,
                             {**fixture_dataset.params, **params, "asked": asked}).fetchone()
    assert row[0] == n
    for measure, expected in (("total_comp", row[1]), ("base_salary", row[2])):
        found = [*frame.loc[measure, ["p10", "p25", "p50", "p75", "p90"]],
                 *frame.loc[measure, "interval_bounds"]]
        assert same_bits(found, expected), measure


def test_pay_percentiles_of_an_empty_selection(fixture_dataset):
    frame = runner.run("pay_percentiles", fixture_dataset,
                       reported(Filters(role=MLE, city=("Nowhere",)))).frame
    assert list(frame["measure"]) == ["total_comp", "base_salary"]
    assert list(frame["n"]) == [0, 0] and frame["p50"].isna().all()


@pytest.mark.parametrize("aging", [None, AGED], ids=["as reported", "aged"])
def test_city_interval_bounds_are_each_citys_sorted_values_at_its_ranks(
        fixture_dataset, fixture_records, aging):
    filters = Filters(role=MLE)
    by_city = runner.run("pay_by_city", fixture_dataset, {**reported(filters), "aging": aging})
    wanted = city_pay.interval_ranks(by_city.frame)
    wanted.append({"city": "Nowhere", "ranks": [1, 1, 1, 1, 1, 1]})  # no records: no row
    found = runner.run("pay_by_city_intervals", fixture_dataset,
                       {**reported(filters), "aging": aging, "city_ranks": wanted}).frame
    records = fixture_records[(fixture_records["role"] == MLE) & fixture_records["city"].notna()]
    factor = (records["year"].map(lambda year: AGED["factors"][year - AGED["first_year"]])
              if aging else pd.Series(1.0, index=records.index))
    total = records["total_comp"] * factor
    assert list(found["city"]) == sorted(records["city"].unique())
    ranks = {entry["city"]: entry["ranks"] for entry in wanted}
    for city, bounds in zip(found["city"], found["bounds"], strict=True):
        ordered = np.sort(total[records["city"] == city].to_numpy())
        assert list(bounds) == [ordered[rank - 1] for rank in ranks[city]], city


def test_the_measured_variants_give_the_shipped_numbers(fixture_dataset, tmp_path):
    """The percentile variants script checks each variant against the shipped query before it
    times it; here on the fixture, with a re-sorted copy (an error would be raised)."""
    from paybench.tools import percentile_variants

    copy = tmp_path / "fixture.parquet"
    copy.write_bytes(fixture_dataset.path.read_bytes())
    timings = percentile_variants.percentile_table(copy, percentile_variants.resorted_copy(copy), 1)
    assert len(timings) == 5
    listing = percentile_variants.records_listing(copy, 1)
    assert set(listing) == set(percentile_variants.SELECTIONS)
