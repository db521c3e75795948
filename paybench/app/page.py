"""What every page does: start, head the page, show a chart, and keep thin cells from being
shown as numbers."""

from datetime import date

import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from paybench.app import auth, query_display
from paybench.app.session import active_dataset, current_aging, year_bounds
from paybench.app.sidebar import apply_filters
from paybench.datasets import calibration
from paybench.datasets.dataset import Dataset
from paybench.domain import privacy
from paybench.paths import STATIC_DIR, TOPOJSON_DIR
from paybench.present.aging_text import amounts_note, method
from paybench.present.charts import alt_text
from paybench.present.formatting import count, shown
from paybench.query.filters import Filters, nearest_sufficient_cell
from paybench.query.runner import QueryResult


def start_page() -> None:
    """Call first in every page file.

    Streamlit treats an app with a pages/ folder as a legacy multipage app until the
    entrypoint has called st.navigation once in the process (and AppTest resets that on every
    run). A link straight to a page would then run the page alone, without dashboard.py: without
    its filters and, with sign-in configured, without the sign-in check. Leave the legacy mode
    and rerun, so the entrypoint runs first. It must be the first statement of every page
    (tests/test_structure.py checks; a browser test opens each page first on a fresh server).
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def min_cell_size() -> int:
    """The fewest records a figure of the session's dataset may come from: 5 for the
    calibrated sample, the privacy setting (5 or more) for a real dataset."""
    dataset = active_dataset()
    return privacy.min_cell_size(auth.current().privacy, dataset.name, auth.is_real(dataset))


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


def show_chart(figure: go.Figure, key: str) -> None:
    """A chart whose accessible name says what it shows (charts.alt_text: Streamlit makes the
    chart a role="figure" with it as aria-label), drawing any map on base maps from the app's
    own server (static/topojson/), never from plotly.js's CDN."""
    st.plotly_chart(figure, key=key, alt=alt_text(figure),
                    config={"topojsonURL": static_url(TOPOJSON_DIR)})


def static_url(folder) -> str:
    """Where Streamlit serves a folder of static/ (enableStaticServing), under any base path."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    path = folder.relative_to(STATIC_DIR).as_posix()
    return f"/{base}/app/static/{path}/" if base else f"/app/static/{path}/"


def enough_records(filters: Filters, n: int, counted_by: QueryResult,
                   offer_broader: bool = True) -> bool:
    """True when the selection has enough records; else says why, shows the SQL that counted
    them (`counted_by`: the page stops here, before the figure it would go under) and, unless
    told not to, offers the nearest broader selection of the sidebar's filters."""
    least = min_cell_size()
    if n >= least:
        return True
    query_display.show_sql(counted_by)
    st.warning(
        f"{count(n)} for {shown(filters.describe(), limit=None)}. Figures need at least "
        f"{least} records, so none are shown: with fewer, one person's pay "
        "could be read off the page, and the numbers would be noise.",
        icon=":material/visibility_off:",
    )
    nearest = (nearest_sufficient_cell(filters, query_display.count_records, least)
               if offer_broader else None)
    if nearest:
        description, cell, cell_n = nearest
        st.button(f"Show the nearest broader selection: {description} ({count(cell_n)})",
                  on_click=apply_filters, args=(cell,), key="broaden")
    return False


def thin_note(hidden: list[str], what: str) -> None:
    if hidden:
        st.caption(f"Not shown, fewer than {min_cell_size()} records: {what} "
                   + ", ".join(shown(label) for label in hidden) + ".")
