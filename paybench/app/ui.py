"""The few Streamlit helpers every page shares: the dataset, the global filters, running a
query with its SQL on show, and the rule that a thin cell is not shown as a number."""

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from paybench import sql
from paybench.datasets import sample
from paybench.datasets.dataset import Dataset, open_dataset
from paybench.paths import default_dataset_path
from paybench.present import link_check, tables
from paybench.present.formatting import count, shown
from paybench.query import catalog, runner
from paybench.query.filters import Filters, nearest_sufficient_cell

SESSION_DATASET_KEY = "session_dataset_path"
PROTECTED_URL_KEYS = ("embed", "embed_options")


# ---- the dataset -----------------------------------------------------------------------------

def active_dataset() -> Dataset:
    """The shared dataset, or the one this browser session uploaded (while its file exists)."""
    uploaded = st.session_state.get(SESSION_DATASET_KEY)
    if uploaded and not Path(uploaded).exists():
        st.session_state.pop(SESSION_DATASET_KEY)
        st.toast("Your uploaded data has expired; showing the shared dataset.")
        uploaded = None
    return open_dataset(uploaded or default_dataset_path())


def exploring_upload() -> bool:
    return bool(st.session_state.get(SESSION_DATASET_KEY))


def filter_options(dataset: Dataset) -> dict[str, list[str]]:
    frame = footer_or_scan("filter_options", dataset)
    return {key: catalog.ordered(key, group["value"]) for key, group in frame.groupby("dimension")}


def dataset_summary(dataset: Dataset) -> pd.Series:
    return footer_or_scan("dataset_summary", dataset).iloc[0]


def footer_or_scan(name: str, dataset: Dataset) -> pd.DataFrame:
    """The summary from the file's footer; counted from the records when the file has none
    (a file this app did not write)."""
    frame = runner.run(name, dataset)
    return frame if len(frame) else runner.run(f"{name}_scanned", dataset)


def year_bounds(dataset: Dataset) -> tuple[int, int] | None:
    summary = dataset_summary(dataset)
    return (int(summary["first_year"]), int(summary["last_year"])) if summary["n"] else None


def is_calibrated_sample(summary: pd.Series) -> bool:
    return summary["sources"] == sample.SOURCE


# ---- the global filters --------------------------------------------------------------------

def sidebar_filters(dataset: Dataset, page_keys: tuple[str, ...] = ()) -> Filters:
    """The global filters in the sidebar, each bound to the URL under its catalog key."""
    options = filter_options(dataset)
    years = year_bounds(dataset)
    _report_link_problems(options, years, page_keys)
    with st.sidebar:
        st.header("Filters")
        roles = options.get("role", [])
        if roles:
            default = roles.index(catalog.DEFAULT_ROLE) if catalog.DEFAULT_ROLE in roles else 0
            st.selectbox("Role", roles, index=default, key="role", bind="query-params")
        for key in catalog.MULTI_VALUE_FILTERS:
            _multiselect(key, options.get(key, []))
        if years and years[0] < years[1]:
            st.slider("Years", years[0], years[1], years, key="year", bind="query-params")
    return current_filters()


def _multiselect(key: str, values: list[str]) -> None:
    default = [catalog.DEFAULT_COUNTRY] if key == "country" and catalog.DEFAULT_COUNTRY in values else []
    st.multiselect(catalog.label(key), values, default=default, key=key, bind="query-params",
                   placeholder="All", help=catalog.DIMENSIONS[key].help or None)


def _report_link_problems(options: dict[str, list[str]], years: tuple[int, int] | None,
                          page_keys: tuple[str, ...]) -> None:
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    check = link_check.check_link(raw, options, years, (*page_keys, *PROTECTED_URL_KEYS))
    for key in check.unknown_keys:
        del st.query_params[key]
    show_link_notes(check.notes)


LINK_NOTES_KEY = "link_notes"
LINK_NOTES_SHOWN = 6


def show_link_notes(new_notes: list[str]) -> None:
    """Notes about what a link carried that could not be used. They stay until dismissed:
    the widgets drop the values from the URL at once, so the next run no longer sees them."""
    notes = st.session_state.setdefault(LINK_NOTES_KEY, [])
    notes.extend(note for note in new_notes if note not in notes)
    if not notes:
        return
    for note in notes[:LINK_NOTES_SHOWN]:
        st.sidebar.warning(note, icon=":material/link_off:")
    if len(notes) > LINK_NOTES_SHOWN:
        st.sidebar.caption(f"… and {len(notes) - LINK_NOTES_SHOWN} more values from the link "
                           "were ignored.")
    st.sidebar.button("Dismiss", key="dismiss_link_notes",
                      on_click=lambda: st.session_state.pop(LINK_NOTES_KEY, None))


def current_filters() -> Filters:
    state = st.session_state
    year = state.get("year")
    return Filters(
        role=state.get("role"),
        **{key: tuple(state.get(key) or ()) for key in catalog.MULTI_VALUE_FILTERS},
        year_min=int(year[0]) if year else None,
        year_max=int(year[1]) if year else None,
    )


def apply_filters(filters: Filters) -> None:
    """Callback: put the widgets (and so the URL) on the given filters."""
    for key in catalog.MULTI_VALUE_FILTERS:
        st.session_state[key] = list(getattr(filters, key))
    bounds = year_bounds(active_dataset())
    if bounds and "year" in st.session_state:
        st.session_state["year"] = (filters.year_min or bounds[0], filters.year_max or bounds[1])


# ---- queries and their provenance ------------------------------------------------------------

def run(name: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
    return runner.run(name, active_dataset(), _params(filters, extra))


def _params(filters: Filters | None, extra: dict) -> dict:
    return {**(filters.sql_params() if filters else {}), **extra}


def show_sql(name: str, filters: Filters | None = None, **extra) -> None:
    """An expander with the SQL and the parameters that produced the figure above it. Its
    content is made only once it is opened: a page has many, and drawing every one's code
    delayed a page's first figures by over a second in the browser."""
    dataset = active_dataset()
    expander = st.expander("SQL and parameters", icon=":material/database:", key=f"sql_{name}",
                           on_change="rerun")
    if expander.open:
        with expander:
            st.code(sql.text(name), language="sql")
            st.caption(f"Dataset {dataset.path.name}, version {dataset.version}")
            st.code(json.dumps(_params(filters, extra), indent=1, default=str), language="json")


def record_columns() -> dict:
    """Column labels and money formats for a frame of salary records (st.dataframe config)."""
    config = {key: st.column_config.TextColumn(dimension.label)
              for key, dimension in catalog.DIMENSIONS.items() if key != "year"}
    config["year"] = st.column_config.NumberColumn("Year", format="%d")
    config["record_id"] = st.column_config.NumberColumn("Record", format="%d")
    for key, measure in catalog.MEASURES.items():
        config[key] = st.column_config.NumberColumn(measure.label, format="dollar")
    return config


# ---- thin cells ------------------------------------------------------------------------------

def enough_records(filters: Filters, n: int) -> bool:
    """True when the selection has enough records; else says why and offers a broader cell."""
    if n >= catalog.MIN_CELL_SIZE:
        return True
    st.warning(
        f"{count(n)} for {shown(filters.describe(), limit=None)}. Figures need at least "
        f"{catalog.MIN_CELL_SIZE} records, so none are shown: with fewer, one person's pay "
        "could be read off the page, and the numbers would be noise.",
        icon=":material/visibility_off:",
    )
    nearest = nearest_sufficient_cell(filters, record_count)
    if nearest:
        description, cell, cell_n = nearest
        st.button(f"Show the nearest broader selection: {description} ({count(cell_n)})",
                  on_click=apply_filters, args=(cell,), key="broaden")
    return False


def record_count(filters: Filters) -> int:
    return int(run("record_count", filters)["n"].iloc[0])


def thin_note(hidden: list[str], what: str) -> None:
    if hidden:
        st.caption(f"Not shown, fewer than {catalog.MIN_CELL_SIZE} records: {what} "
                   + ", ".join(shown(label) for label in hidden) + ".")


def page_header(title: str, filters: Filters) -> None:
    st.title(title)
    st.caption(shown(filters.describe(), limit=None))


# ---- page set-up ----------------------------------------------------------------------------

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


# ---- page inputs in the link -------------------------------------------------------------------

def link_notes(notes: list[str]) -> None:
    """What a page ignored from the link, next to the inputs it concerns."""
    for note in notes:
        st.warning(note, icon=":material/link_off:")


def link_values(key: str) -> list[str]:
    return st.query_params.get_all(key)


def dataset_cities() -> list[str]:
    return filter_options(active_dataset()).get("city", [])


def url_text(key: str, default: str) -> str:
    """The text a link carries under key, or the default when it carries none."""
    return st.query_params.get(key, default)


def linked_editor(key: str, rows: pd.DataFrame, to_text: Callable[[pd.DataFrame], str],
                  default: str, **editor_options) -> None:
    """A data editor whose content lives in the link under `key` as text.

    Every edit is written to the URL as text; the editor is rebuilt from the URL. Its widget key
    follows the text, so a new text (an edit, a link, the back button) gives a fresh editor.
    """
    digest = hashlib.sha256(url_text(key, default).encode()).hexdigest()[:12]
    editor_key = f"{key}_editor_{digest}"
    st.data_editor(rows, key=editor_key, on_change=_store_edits, hide_index=True,
                   args=(key, editor_key, rows, to_text, default), **editor_options)


def _store_edits(key: str, editor_key: str, rows: pd.DataFrame,
                 to_text: Callable[[pd.DataFrame], str], default: str) -> None:
    text = to_text(tables.apply_edits(rows, st.session_state[editor_key]))
    if text != default:
        st.query_params[key] = text
    elif key in st.query_params:
        del st.query_params[key]
