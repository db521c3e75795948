"""How amounts are aged, in words: the short note every figure's caption and export carries,
and the method with its figures."""

from collections.abc import Collection, Mapping

from paybench.domain import aging
from paybench.domain.aging import Aging


def amounts_note(chosen: Aging) -> str:
    """'Amounts as reported.' or 'Amounts aged to 1 January 2026.'"""
    if chosen.effective is None:
        return "Amounts as reported."
    return f"Amounts aged to {chosen.effective.day} {chosen.effective:%B %Y}."


def method(chosen: Aging, first_year: int, budgets: Mapping[int, float],
           projected: Collection[int]) -> str:
    """How the amounts were aged, with the budgets used."""
    if chosen.effective is None:
        return ("Amounts as reported: each record's pay in the year it reports, not adjusted "
                "for pay growth since.")
    used = aging.budget_years(first_year, chosen)
    rates = ", ".join(f"{year} {100 * budgets[year]:.1f}%"
                      + (" (projected)" if year in projected else "") for year in used)
    return (f"Amounts aged to {chosen.effective.isoformat()}: each record is taken as its pay "
            f"on 1 July of its year and moved to that date with the US salary-increase budget "
            f"of each year in between, month by month (WorldatWork: {rates}; "
            "data/calibration/salary_increase_budgets.csv).")
