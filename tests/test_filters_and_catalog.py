"""The catalog's order, the filter state's SQL parameters, and broader cells for thin ones."""

import pytest

from paybench.domain import vocabulary
from paybench.query import catalog
from paybench.query.filters import (
    OFFER_BROADENING_ORDER,
    Filters,
    broader_cells,
    nearest_sufficient_cell,
)


def test_levels_follow_the_catalog_not_the_alphabet():
    assert catalog.ordered("level", ["Staff", "Entry", "Principal", "Mid", "Senior"]) == list(
        vocabulary.LEVELS)


def test_values_outside_a_fixed_order_come_last_by_name():
    assert catalog.ordered("level", ["Senior", "Lead", "Entry", "Intern"]) == [
        "Entry", "Senior", "Intern", "Lead"]
    assert catalog.ordered("city", ["Seattle", "Austin"]) == ["Austin", "Seattle"]


def test_every_filter_key_has_a_label_and_every_measure_too():
    for key in (*catalog.MULTI_VALUE_FILTERS, "role", "year"):
        assert catalog.label(key)
    assert catalog.label("total_comp") == "Total comp"


def test_sql_params_are_lists_and_match_the_query_vocabulary():
    params = Filters(role="AI Engineer", city=("Seattle",), year_min=2023).sql_params()["filters"]
    assert params["city"] == ["Seattle"] and params["level"] == []
    assert params["role"] == "AI Engineer" and params["year_min"] == 2023
    assert params["year_max"] is None
    assert set(params) == {"role", "year_min", "year_max", *catalog.MULTI_VALUE_FILTERS}


def test_describe_reads_as_one_line():
    filters = Filters(role="AI Engineer", level=("Senior",), city=("Seattle", "Austin"),
                      year_min=2024, year_max=2025)
    assert filters.describe() == "AI Engineer · Senior · Seattle, Austin · 2024–2025"
    assert Filters().describe() == "All roles"


def test_broader_cells_drop_the_most_specific_filter_first():
    filters = Filters(role="AI Engineer", level=("Staff",), city=("Madison",),
                      industry=("Finance",), year_min=2025, year_max=2025)
    cells = broader_cells(filters)
    assert [description for description, _ in cells] == [
        "without city",
        "without city, industry",
        "without city, industry, years",
        "without city, industry, years, level",
    ]
    assert cells[0][1] == Filters(role="AI Engineer", level=("Staff",), industry=("Finance",),
                                  year_min=2025, year_max=2025)
    assert cells[-1][1] == Filters(role="AI Engineer")


@pytest.mark.parametrize(("counts", "expected"), [
    ({"without city": 7}, "without city"),
    ({"without city": 3, "without city, industry": 12}, "without city, industry"),
    ({}, None),
])
def test_nearest_sufficient_cell_is_the_first_broad_enough(counts, expected):
    filters = Filters(role="AI Engineer", level=("Staff",), city=("Madison",), industry=("Finance",))
    described = {description: cell for description, cell in broader_cells(filters)}

    def count(cell: Filters) -> int:
        return next((counts.get(d, 0) for d, c in described.items() if c == cell), 0)

    found = nearest_sufficient_cell(filters, count)
    assert (found[0] if found else None) == expected
    if found:
        assert found[2] == counts[expected]


def test_an_offer_cell_keeps_its_location_longer_than_industry_and_size():
    filters = Filters(role="AI Engineer", level=("Staff",), city=("Madison",),
                      metro=("Madison, WI",), industry=("Finance",), company_size=("Small",))
    cells = broader_cells(filters, OFFER_BROADENING_ORDER)
    assert [description for description, _ in cells] == [
        "without industry",
        "without industry, company size",
        "without industry, company size, city",
        "without industry, company size, city, metro area",
        "without industry, company size, city, metro area, level",
    ]
    assert cells[2][1] == Filters(role="AI Engineer", level=("Staff",), metro=("Madison, WI",))
