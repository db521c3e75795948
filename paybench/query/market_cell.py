"""The market cell an offer (or a pay range) is priced from: the records of its role, level,
location, arrangement, company size and industry, or, when that cell is too thin to show, the
nearest broader cell."""

from collections.abc import Callable
from dataclasses import dataclass

from paybench.domain.offer import OfferInputs
from paybench.domain.vocabulary import ANY, MIN_CELL_SIZE
from paybench.query.filters import OFFER_BROADENING_ORDER, Filters, nearest_sufficient_cell


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


def market_filters(inputs: OfferInputs, metro: str | None) -> Filters:
    """The offer's own cell: role, level, city and its metro, arrangement, size, industry."""
    def narrowing(value: str) -> tuple[str, ...]:
        return () if value == ANY else (value,)

    return Filters(
        role=inputs.role, level=(inputs.level,), city=narrowing(inputs.city),
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
