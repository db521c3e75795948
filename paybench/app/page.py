"""What every page does: start, head the page, and keep thin cells from being shown as
numbers."""

from datetime import date

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from paybench.app import query_display
from paybench.app.session import current_aging, year_bounds
from paybench.app.sidebar import apply_filters
from paybench.datasets import calibration
from paybench.datasets.dataset import Dataset
from paybench.domain.vocabulary import MIN_CELL_SIZE
from paybench.present.aging_text import amounts_note, method
from paybench.present.formatting import count, shown
from paybench.query.filters import Filters, nearest_sufficient_cell
from paybench.query.runner import QueryResult


def start_page() -> None:
    """Call first in every page file.

    Streamlit treats an app with a pages/ folder as a legacy multipage app until the
    entrypoint has called st.navigation once in the process (and AppTest resets that on every
    run). A link straight to a page would then run the page alone, without dashboard.py and its
    filters. Leave the legacy mode and rerun, so the entrypoint runs first and the link works.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_header(title: str, filters: Filters) -> None:
    st.title(title)
    st.caption(f"{shown(filters.describe(), limit=None)} · {amounts()}")


def amounts() -> str:
    """Whether the page's amounts are as reported or aged, for every figure's caption."""
    return amounts_note(current_aging())


def aging_method(dataset: Dataset) -> str:
    """How the page's amounts are aged, with the budgets used."""
    years = year_bounds(dataset)
    return method(current_aging(), years[0] if years else date.today().year,
                  calibration.salary_increase_budgets(), calibration.projected_budget_years())


def figure_caption(text: str = "") -> None:
    """A figure's caption, ending with how its amounts are aged."""
    st.caption(f"{text} {amounts()}".strip())


def enough_records(filters: Filters, n: int, counted_by: QueryResult,
                   offer_broader: bool = True) -> bool:
    """True when the selection has enough records; else says why, shows the SQL that counted
    them (`counted_by`: the page stops here, before the figure it would go under) and, unless
    told not to, offers the nearest broader selection of the sidebar's filters."""
    if n >= MIN_CELL_SIZE:
        return True
    query_display.show_sql(counted_by)
    st.warning(
        f"{count(n)} for {shown(filters.describe(), limit=None)}. Figures need at least "
        f"{MIN_CELL_SIZE} records, so none are shown: with fewer, one person's pay "
        "could be read off the page, and the numbers would be noise.",
        icon=":material/visibility_off:",
    )
    nearest = nearest_sufficient_cell(filters, query_display.count_records) if offer_broader else None
    if nearest:
        description, cell, cell_n = nearest
        st.button(f"Show the nearest broader selection: {description} ({count(cell_n)})",
                  on_click=apply_filters, args=(cell,), key="broaden")
    return False


def thin_note(hidden: list[str], what: str) -> None:
    if hidden:
        st.caption(f"Not shown, fewer than {MIN_CELL_SIZE} records: {what} "
                   + ", ".join(shown(label) for label in hidden) + ".")
