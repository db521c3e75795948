"""The market cells of the Hire anywhere page: each country's, and the US hire's it is
compared with. A cell is the role and levels asked for in a country; where that cell has
fewer records than the minimum, the nearest broader one: the related roles (the role's family
in the catalog), then every level of the role, then both (as the Offer page keeps the level
longest). A cell under the minimum is never used: the country is left out and named.

The counts come from one probe (queries/country_cell_counts.sql: records per country, role,
level, work arrangement and city); the figure is one query over every chosen cell
(queries/pay_by_country.sql), which also returns the order statistics that bound each
percentile's distribution-free 95% interval, at ranks computed here from each cell's n
(domain/stats.py) and fetched with quantile_disc.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from paybench.domain.stats import order_statistic_ranks, rank_quantile
from paybench.domain.vocabulary import MIN_CELL_SIZE
from paybench.query import catalog
from paybench.query.filters import Filters

US = "US"
US_HIRE = "US hire"  # the key of the US comparison cell (a country cell's key is its code)
QUARTILES = (("p25", 0.25), ("median", 0.5), ("p75", 0.75))
RELATED_ROLES = "related roles"
ALL_LEVELS = "all levels"
NATIONAL = "every US city"
COUNT_COLUMNS = ("role", "level", "work_arrangement", "city", "n")  # the probe's, after country


@dataclass(frozen=True)
class Cell:
    """Which records a figure comes from. Empty tuples mean every value."""

    key: str
    country: str
    roles: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    work_arrangement: tuple[str, ...] = ()
    city: tuple[str, ...] = ()
    n: int = 0
    pooled: tuple[str, ...] = ()  # what it pools beyond the cell asked for, in words

    def count(self, rows: Sequence[tuple]) -> int:
        """Its records, from its country's rows of the probe: (role, level,
        work_arrangement, city, n) each. Plain Python: a page asks this a few hundred times,
        and a pandas filter costs a millisecond each."""
        wanted = [(position, set(values)) for position, values in
                  enumerate((self.roles, self.levels, self.work_arrangement, self.city)) if values]
        return sum(row[4] for row in rows
                   if all(row[position] in values for position, values in wanted))


def probe_filters(filters: Filters) -> Filters:
    """The global filters every cell shares: industry, company size and years. Role, level,
    country, location and arrangement are each cell's own."""
    return replace(filters, role=None, level=(), country=(), city=(), metro=(),
                   work_arrangement=())


def candidates(asked: Cell) -> list[Cell]:
    """The cell asked for, then broader ones, nearest first: without its city, with related
    roles, with all levels of the role, with both. Repeats are dropped (a role without
    related roles, a request for every level)."""
    national = replace(asked, city=(), pooled=(NATIONAL,)) if asked.city else asked
    family = catalog.role_family(asked.roles[0]) if len(asked.roles) == 1 else None
    related = family[1] if family else asked.roles
    steps = [asked, national,
             _pooled(national, RELATED_ROLES, roles=related),
             _pooled(national, ALL_LEVELS, levels=()),
             _pooled(national, f"{RELATED_ROLES}, {ALL_LEVELS}", roles=related, levels=())]
    unique, seen = [], set()
    for step in steps:
        shape = (step.roles, step.levels, step.city)
        if shape not in seen:
            seen.add(shape)
            unique.append(step)
    return unique


def _pooled(cell: Cell, what: str, **changes) -> Cell:
    return replace(cell, **changes, pooled=(*cell.pooled, what))


def nearest_sufficient(asked: Cell, rows: Sequence[tuple], min_n: int) -> Cell | None:
    """The first candidate with at least min_n records (never fewer than MIN_CELL_SIZE),
    with its n; None when even the broadest is thinner. rows: its country's counts."""
    least = max(min_n, MIN_CELL_SIZE)
    for cell in candidates(asked):
        n = cell.count(rows)
        if n >= least:
            return replace(cell, n=n)
    return None


@dataclass(frozen=True)
class CountryCells:
    cells: list[Cell]  # a cell per country with enough records, then the US hire's if any
    left_out: list[str]  # countries with records, none of whose cells reach the minimum
    us_hire: Cell | None


def choose_cells(counts: pd.DataFrame, role: str | None, levels: Sequence[str],
                 work_arrangement: Sequence[str], us_hire: Cell, min_n: int) -> CountryCells:
    """Each country's cell for the role and levels (and the sidebar's work arrangements), and
    the US hire's (its own arrangement and city)."""
    roles = (role,) if role else ()
    by_country: dict[str, list[tuple]] = {}
    for row in counts[["country", *COUNT_COLUMNS]].itertuples(index=False, name=None):
        by_country.setdefault(row[0], []).append(row[1:])
    by_country = dict(sorted(by_country.items()))
    chosen, left_out = [], []
    for country, rows in by_country.items():
        asked = Cell(country, country, roles, tuple(levels), tuple(work_arrangement))
        cell = nearest_sufficient(asked, rows, min_n)
        if cell is None:
            left_out.append(country)
        else:
            chosen.append(cell)
    hire = nearest_sufficient(us_hire, by_country.get(us_hire.country, []), min_n)
    return CountryCells(chosen + ([hire] if hire else []), left_out, hire)


def ranks(n: int) -> list[int]:
    """The 1-based ranks of the lower and upper ends of the 95% interval of P25, the median
    and P75 among n values; 0 where n is too small for that interval."""
    found = []
    for _, p in QUARTILES:
        interval = order_statistic_ranks(n, p)
        found += [interval.lower, interval.upper] if interval else [0, 0]
    return found


def cell_parameters(cells: Sequence[Cell]) -> dict:
    """pay_by_country's $cells (one struct per cell) and $probabilities: the probabilities
    at which quantile_disc returns each cell's order statistics (rank_quantile, for the
    cell's n), every cell's in one sorted list, which each cell picks from by position."""
    wanted = {cell.key: ranks(cell.n) for cell in cells}
    probabilities = sorted({rank_quantile(rank, cell.n) for cell in cells
                            for rank in wanted[cell.key] if rank})
    position = {p: index for index, p in enumerate(probabilities, start=1)}
    structs = [{"key": cell.key, "country": cell.country, "roles": list(cell.roles),
                "levels": list(cell.levels), "work_arrangements": list(cell.work_arrangement),
                "cities": list(cell.city),
                "picks": [position[rank_quantile(rank, cell.n)] if rank else 0
                          for rank in wanted[cell.key]]}
               for cell in cells]
    # quantile_disc needs at least one probability, even when no cell has an interval
    return {"cells": structs, "probabilities": probabilities or [0.5]}


def with_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    """pay_by_country's rows with the order statistics spread into columns: p25_low,
    p25_high, median_low, median_high, p75_low, p75_high (NaN without an interval)."""
    table = frame.drop(columns=["order_statistics"]).reset_index(drop=True)
    # DuckDB returns a list with nulls as a numpy masked array: nulls become NaN
    values = np.array([np.ma.filled(np.ma.asarray(row, dtype=float), np.nan)
                       for row in frame["order_statistics"]], dtype=float).reshape(len(frame), 6)
    for position, (name, _) in enumerate(QUARTILES):
        table[f"{name}_low"] = values[:, 2 * position]
        table[f"{name}_high"] = values[:, 2 * position + 1]
    return table


def pay_table(frame: pd.DataFrame, cells: Sequence[Cell]) -> pd.DataFrame:
    """pay_by_country's result with its intervals (with_intervals) and what each cell pools,
    in words ("" for the cell asked for). An interval whose ranks were computed for another n
    than the query found (the data changed between the probe and the figure) is dropped."""
    table = with_intervals(frame)
    by_key = {cell.key: cell for cell in cells}
    table["pooled"] = [", ".join(by_key[key].pooled) if key in by_key else ""
                       for key in table["key"]]
    stale = [key not in by_key or by_key[key].n != n for key, n in zip(table["key"], table["n"],
                                                                        strict=True)]
    for name, _ in QUARTILES:
        table.loc[stale, [f"{name}_low", f"{name}_high"]] = np.nan
    return table
