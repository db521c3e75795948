"""Aging pay to an effective date, as compensation teams age survey data: each record is taken
as its pay on 1 July of the year it reports (the middle of that year), and moved to the
effective date with the US salary-increase budget of each year in between, month by month:

    factor(year) = product over the calendar years y the span touches of
                   (1 + budget[y]) ** (months of the span in y / 12)

So a 2024 record aged to 1 January 2026 is multiplied by (1 + b2024) ** 0.5 x (1 + b2025), and a
2025 record by (1 + b2025) ** 0.5. "As reported" leaves every amount as it was reported.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

REPORTED = "as reported"
AGED_PREFIX = "aged to "
MID_YEAR_MONTH = 7  # records are taken as pay on 1 July of their year


@dataclass(frozen=True)
class Aging:
    """How amounts are shown: as reported (effective is None) or aged to an effective date."""

    effective: date | None = None

    @property
    def choice(self) -> str:
        """The choice as the link carries it: 'as reported' or 'aged to 2026-01-01'."""
        return REPORTED if self.effective is None else AGED_PREFIX + self.effective.isoformat()

    @classmethod
    def from_choice(cls, text: str) -> "Aging":
        if text == REPORTED:
            return cls()
        if not text.startswith(AGED_PREFIX):
            raise ValueError(f"not an aging choice: {text!r}")
        return cls(date.fromisoformat(text.removeprefix(AGED_PREFIX)))


def choices(first_year: int, last_year: int, today: date, budgets: Mapping[int, float],
            ) -> list[Aging]:
    """As reported, then aged to 1 January of each year from this one back to the year after
    the data's first, where the budgets cover every year between the data and the date."""
    def covered(year: int) -> bool:
        return all(y in budgets for y in range(min(first_year, year), max(last_year, year) + 1)
                   if y < max(last_year + 1, year))

    aged = [Aging(date(year, 1, 1)) for year in range(today.year, first_year, -1)
            if covered(year)]
    return [Aging(), *aged]


def months_by_year(start: date, end: date) -> dict[int, int]:
    """How many months of the span from the first of `start`'s month to the first of `end`'s
    fall in each calendar year (negative when `end` comes first)."""
    sign = 1 if (end.year, end.month) >= (start.year, start.month) else -1
    low, high = sorted([(start.year, start.month), (end.year, end.month)])
    months: dict[int, int] = {}
    year, month = low
    while (year, month) < high:
        months[year] = months.get(year, 0) + sign
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def factor(record_year: int, aging: Aging, budgets: Mapping[int, float]) -> float:
    """What a record of `record_year` is multiplied by."""
    if aging.effective is None:
        return 1.0
    result = 1.0
    start = date(record_year, MID_YEAR_MONTH, 1)
    for year, months in months_by_year(start, aging.effective).items():
        result *= (1 + budgets[year]) ** (months / 12)
    return result


def factors(first_year: int, last_year: int, aging: Aging,
            budgets: Mapping[int, float]) -> dict[int, float]:
    """The factor of every year of the data."""
    return {year: factor(year, aging, budgets) for year in range(first_year, last_year + 1)}


def sql_parameter(first_year: int, last_year: int, aging: Aging,
                  budgets: Mapping[int, float]) -> dict | None:
    """The $aging parameter of the queries (queries/macros/filtered_salaries.sql): None as
    reported; else the first year and the factor of each year from it, in order."""
    if aging.effective is None:
        return None
    by_year = factors(first_year, last_year, aging, budgets)
    return {"first_year": first_year, "factors": [by_year[y] for y in sorted(by_year)]}


def budget_years(first_year: int, aging: Aging) -> list[int]:
    """The years whose budgets an aging uses (for its caption)."""
    if aging.effective is None:
        return []
    return sorted(months_by_year(date(first_year, MID_YEAR_MONTH, 1), aging.effective))
