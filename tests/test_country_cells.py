"""Each country's market cell on the Hire anywhere page: the cell asked for, or the nearest
broader one (related roles, all levels, both), never one under the minimum; and the query that
returns every cell's quartiles and interval ends, checked against the records themselves."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from paybench.datasets.dataset import open_dataset
from paybench.domain.stats import order_statistic_ranks
from paybench.paths import DATA_DIR
from paybench.query import country_cells, runner
from paybench.query.country_cells import US_HIRE, Cell
from paybench.query.filters import Filters
from tests.helpers import MLE, reported

AI = "AI Engineer"  # in the ML engineer's family
ANALYST = "Data Analyst"  # in no family

# Hand-made counts: country, role, level, work arrangement, city, n.
COUNTS = pd.DataFrame([
    ("DE", MLE, "Senior", "Remote", None, 3), ("DE", AI, "Senior", "Remote", None, 3),
    ("DE", MLE, "Mid", "Onsite", None, 2),
    ("FR", MLE, "Mid", "Remote", None, 4), ("FR", MLE, "Entry", "Remote", None, 2),
    ("PL", AI, "Mid", "Remote", None, 2), ("PL", ANALYST, "Senior", "Remote", None, 40),
    ("US", MLE, "Senior", "Onsite", "Seattle", 3), ("US", MLE, "Senior", "Onsite", None, 30),
], columns=["country", "role", "level", "work_arrangement", "city", "n"])


def chosen(role=MLE, levels=("Senior",), arrangements=(), min_n=5, hire=None):
    hire = hire or Cell(US_HIRE, "US", (role,), levels, ("Onsite",), ("Seattle",))
    return country_cells.choose_cells(COUNTS, role, levels, arrangements, hire, min_n)


def by_key(result):
    return {cell.key: cell for cell in result.cells}


def test_a_cell_with_enough_records_is_used_as_asked_else_the_nearest_broader_one():
    cells = by_key(chosen())
    # US Senior ML engineers: 3 + 30 = 33, as asked.
    assert (cells["US"].n, cells["US"].pooled) == (33, ())
    # DE Senior ML engineers: 3, thin; with related roles at the same level: 3 + 3 = 6.
    assert (cells["DE"].n, cells["DE"].pooled) == (6, ("related roles",))
    assert AI in cells["DE"].roles and cells["DE"].levels == ("Senior",)
    # FR has no Senior ML engineer, no related role at Senior; ML engineers at all levels: 6.
    assert (cells["FR"].n, cells["FR"].pooled) == (6, ("all levels",))
    assert cells["FR"].roles == (MLE,) and cells["FR"].levels == ()


def test_a_country_thin_even_when_pooled_is_left_out_not_shown():
    result = chosen()
    # PL: 2 related-role records at any level; its 40 analysts are no relation.
    assert "PL" not in by_key(result) and result.left_out == ["PL"]


def test_the_minimum_is_the_pages_but_never_under_five():
    assert chosen(min_n=1).left_out == ["PL"]  # still 5: PL's 2 are not shown
    cells = by_key(chosen(min_n=7))
    # DE needs 7: related roles at every level: 3 + 3 + 2 = 8.
    assert (cells["DE"].n, cells["DE"].pooled) == (8, ("related roles, all levels",))
    assert "FR" not in cells


def test_the_us_hire_keeps_its_arrangement_and_drops_its_city_first():
    hire = by_key(chosen())[US_HIRE]
    # Seattle on-site has 3; every US city on-site Senior: 33.
    assert (hire.n, hire.pooled, hire.city) == (33, ("every US city",), ())
    assert hire.work_arrangement == ("Onsite",)


def test_a_role_without_relations_pools_levels_only():
    steps = country_cells.candidates(Cell("PL", "PL", (ANALYST,), ("Mid",)))
    assert [step.pooled for step in steps] == [(), ("all levels",)]


@pytest.mark.parametrize("n", [5, 6, 20, 250])
def test_ranks_are_those_of_the_distribution_free_intervals(n):
    found = country_cells.ranks(n)
    for position, p in enumerate((0.25, 0.5, 0.75)):
        interval = order_statistic_ranks(n, p)
        expected = [interval.lower, interval.upper] if interval else [0, 0]
        assert found[2 * position: 2 * position + 2] == expected


# ---- the query, on the real records --------------------------------------------------------

AIJOBS = DATA_DIR / "aijobs.parquet"


@pytest.fixture(scope="module")
def aijobs():
    if not AIJOBS.is_file():
        pytest.skip("data/aijobs.parquet is not here")
    return open_dataset(Path(AIJOBS)), pd.read_parquet(AIJOBS)


def test_pay_by_country_equals_the_records_order_statistics(aijobs):
    """Every chosen cell's n, quartiles and interval ends, against numpy on the records
    picked with pandas: the interval ends are the sorted values at the ranks."""
    dataset, records = aijobs
    shared = country_cells.probe_filters(Filters(role=MLE))
    counts = runner.run("country_cell_counts", dataset, reported(shared)).frame
    hire = Cell(US_HIRE, "US", (MLE,), ("Senior",), ("Remote",), ("Seattle",))
    result = country_cells.choose_cells(counts, MLE, ["Senior"], [], hire, 5)
    params = reported(shared, **country_cells.cell_parameters(result.cells))
    table = country_cells.pay_table(runner.run("pay_by_country", dataset, params).frame,
                                    result.cells).set_index("key")
    assert set(table.index) == {cell.key for cell in result.cells}
    for cell in result.cells:
        keep = records["country"] == cell.country
        for column, values in (("role", cell.roles), ("level", cell.levels),
                               ("work_arrangement", cell.work_arrangement)):
            if values:
                keep &= records[column].isin(values)
        values = np.sort(records.loc[keep, "total_comp"].to_numpy(float))
        row = table.loc[cell.key]
        assert row["n"] == len(values) == cell.n
        np.testing.assert_allclose(row[["p25", "median", "p75"]].to_numpy(float),
                                   np.percentile(values, [25, 50, 75]))
        expected = [values[rank - 1] if rank else np.nan for rank in country_cells.ranks(len(values))]
        found = row[["p25_low", "p25_high", "median_low", "median_high", "p75_low", "p75_high"]]
        np.testing.assert_array_equal(found.to_numpy(float), expected)
