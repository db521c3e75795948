"""The market cell an offer (or a pay range) is priced from: the records of its role, level,
location, arrangement, company size and industry, or, when that cell is too thin to show, the
nearest broader cell."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from paybench.domain.offer import OfferInputs
from paybench.domain.vocabulary import ANY, LEVELS, MIN_CELL_SIZE, in_order
from paybench.query.catalog import DEFAULT_COUNTRY
from paybench.query.filters import (
    OFFER_BROADENING_ORDER,
    STRUCTURE_BROADENING_ORDER,
    Filters,
    broader_cells,
    nearest_sufficient_cell,
)


@dataclass(frozen=True)
class MarketCell:
    """The cell the band comes from: the offer's own cell if it has enough records, else the
    nearest broader one (`broadened` says what was dropped)."""

    filters: Filters
    n: int
    exact: Filters
    exact_n: int
    broadened: str = ""
    min_n: int = MIN_CELL_SIZE  # the fewest records a cell may have: the dataset's minimum


# An offer is priced against US pay: its prevailing-wage floor, aging budgets and cost rate are
# US figures, so a dataset with other countries (aijobs.net) lends it only its US records.
OFFER_COUNTRY = DEFAULT_COUNTRY


def market_filters(inputs: OfferInputs, metro: str | None) -> Filters:
    """The offer's own cell: US records of its role, level, city and its metro, arrangement,
    size, industry. Broadening never drops the country."""
    def narrowing(value: str) -> tuple[str, ...]:
        return () if value == ANY else (value,)

    return Filters(
        role=inputs.role, level=(inputs.level,), country=(OFFER_COUNTRY,),
        city=narrowing(inputs.city),
        metro=(metro,) if metro else (), work_arrangement=(inputs.work_arrangement,),
        company_size=narrowing(inputs.company_size), industry=narrowing(inputs.industry),
    )


def choose_market_cell(exact: Filters, count: Callable[[Filters], int],
                       min_n: int = MIN_CELL_SIZE) -> MarketCell | None:
    """The narrowest cell with at least min_n records, broadening in OFFER_BROADENING_ORDER;
    None when even the role alone is thin."""
    exact_n = count(exact)
    if exact_n >= min_n:
        return MarketCell(exact, exact_n, exact, exact_n, min_n=min_n)
    nearest = nearest_sufficient_cell(exact, count, min_n, OFFER_BROADENING_ORDER)
    if nearest is None:
        return None
    description, cell, n = nearest
    return MarketCell(cell, n, exact, exact_n, description, min_n)



# ---- a salary structure's market: every level from one cell ---------------------------------

@dataclass(frozen=True)
class StructureCell:
    """The cell a salary structure comes from: the structure's own market if every level it can
    show has enough records there, else the nearest broader market where they all do.

    `levels` are the levels with at least min_n records in the broadest cell (the others are
    thin even there); `counts` and `exact_counts` are records per level."""

    filters: Filters
    counts: Mapping[str, int]
    exact: Filters
    exact_counts: Mapping[str, int]
    levels: tuple[str, ...]
    broadened: str = ""
    min_n: int = MIN_CELL_SIZE  # the dataset's smallest cell shown

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def thin_in_exact(self) -> list[str]:
        """The levels that made the structure broaden."""
        return [level for level in self.levels if self.exact_counts.get(level, 0) < self.min_n]


def structure_filters(filters: Filters) -> Filters:
    """A structure's market: the selection at every level."""
    return replace(filters, level=())


def choose_structure_cell(exact: Filters, count_by_level: Callable[[Filters], Mapping[str, int]],
                          min_n: int = MIN_CELL_SIZE,
                          order: tuple[str, ...] = STRUCTURE_BROADENING_ORDER,
                          ) -> StructureCell | None:
    """The narrowest cell, broadening in `order`, where every level that has at least min_n
    records in the broadest cell has at least min_n. A structure takes all its levels from one
    market, so that the progression between levels compares like with like. None when no level
    has enough records even in the broadest cell."""
    cells = [("", exact), *broader_cells(exact, order)]
    broadest_description, broadest = cells[-1]
    broadest_counts = count_by_level(broadest)
    levels = tuple(in_order((level for level, n in broadest_counts.items() if n >= min_n), LEVELS))
    if not levels:
        return None
    exact_counts = broadest_counts if len(cells) == 1 else count_by_level(exact)
    for position, (description, cell) in enumerate(cells[:-1]):
        counts = exact_counts if position == 0 else count_by_level(cell)
        if all(counts.get(level, 0) >= min_n for level in levels):
            return StructureCell(cell, counts, exact, exact_counts, levels, description, min_n)
    return StructureCell(broadest, broadest_counts, exact, exact_counts, levels,
                         broadest_description, min_n)
