"""The global filter state, its SQL parameters, and the broader cells to fall back on."""

from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from paybench.domain import vocabulary
from paybench.query import catalog

FILTERS_PARAMETER = "filters"

# Which filters to drop, most specific first, when a cell is too thin to show.
BROADENING_ORDER = ("city", "metro", "industry", "company_size", "work_arrangement", "years",
                    "level")
# An offer's market cell keeps its location longest after role and level: in this data a city
# moves pay far more (market pay factors 0.59 to 1.29 of San Francisco) than an industry or a
# company size does (0.92 to 1.06). City broadens to its metro area, then to the whole data.
OFFER_BROADENING_ORDER = ("industry", "company_size", "city", "metro", "work_arrangement",
                          "level")
# A salary structure keeps every level, so it broadens as an offer does but never by level.
STRUCTURE_BROADENING_ORDER = tuple(name for name in OFFER_BROADENING_ORDER if name != "level")


@dataclass(frozen=True)
class Filters:
    role: str | None = None
    level: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    metro: tuple[str, ...] = ()
    city: tuple[str, ...] = ()
    work_arrangement: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    company_size: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None

    def sql_params(self) -> dict:
        """The one SQL parameter every filtered query takes: $filters, a struct with a field
        per filter (queries/macros/filtered_salaries.sql reads it)."""
        fields_ = {f.name: getattr(self, f.name) for f in fields(self)}
        return {FILTERS_PARAMETER: {key: list(value) if isinstance(value, tuple) else value
                                    for key, value in fields_.items()}}

    def without(self, name: str) -> "Filters":
        if name == "years":
            return replace(self, year_min=None, year_max=None)
        return replace(self, **{name: None if name == "role" else ()})

    def national(self) -> "Filters":
        """The same selection over every city: the national figure a city is compared with."""
        return replace(self, city=(), metro=())

    def role_and_level(self) -> "Filters":
        """The role and level alone, over the whole dataset: what a city's standing for the role
        and level (the top-paying cities) is judged against, whatever the other filters."""
        return Filters(role=self.role, level=self.level)

    def single_level(self) -> str | None:
        """The level when the filter selects exactly one."""
        return self.level[0] if len(self.level) == 1 else None

    def is_set(self, name: str) -> bool:
        if name == "years":
            return self.year_min is not None or self.year_max is not None
        return bool(getattr(self, name))

    def describe(self) -> str:
        """One line a reader can check: 'Machine Learning Engineer · Senior · Seattle · 2024-2025'."""
        parts = [self.role or "All roles"]
        for key in catalog.MULTI_VALUE_FILTERS:
            values = getattr(self, key)
            if values:
                parts.append(", ".join(values))
        if self.is_set("years"):
            parts.append(f"{self.year_min or '…'}–{self.year_max or '…'}")
        return " · ".join(parts)


def broader_cells(filters: Filters, order: tuple[str, ...] = BROADENING_ORDER,
                  ) -> list[tuple[str, Filters]]:
    """Progressively broader cells: drop the first set filter in `order`, then the next, ...

    Each entry is (what was dropped, in words, the broader filters)."""
    cells, current, dropped = [], filters, []
    for name in order:
        if current.is_set(name):
            current = current.without(name)
            dropped.append("years" if name == "years" else catalog.label(name).lower())
            cells.append(("without " + ", ".join(dropped), current))
    return cells


def nearest_sufficient_cell(
    filters: Filters, count: Callable[[Filters], int], min_n: int = vocabulary.MIN_CELL_SIZE,
    order: tuple[str, ...] = BROADENING_ORDER,
) -> tuple[str, Filters, int] | None:
    """The first broader cell with at least min_n records, or None if even the broadest is thin."""
    for description, cell in broader_cells(filters, order):
        n = count(cell)
        if n >= min_n:
            return description, cell, n
    return None
