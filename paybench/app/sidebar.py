"""The global filters in the sidebar, each bound to the URL under its catalog key, and the
notes on what a link carried that could not be used."""

import streamlit as st

from paybench.app.session import active_dataset, default_role, filter_options, year_bounds
from paybench.datasets.dataset import Dataset
from paybench.present import link_check
from paybench.query import catalog
from paybench.query.filters import Filters

PROTECTED_URL_KEYS = ("embed", "embed_options")
LINK_NOTES_KEY = "link_notes"
LINK_NOTES_SHOWN = 6


def sidebar_filters(dataset: Dataset, page_keys: tuple[str, ...] = ()) -> Filters:
    """The global filters in the sidebar, each bound to the URL under its catalog key."""
    options = filter_options(dataset)
    years = year_bounds(dataset)
    _report_link_problems(options, years, page_keys)
    with st.sidebar:
        st.header("Filters")
        roles = options.get("role", [])
        if roles:
            default = default_role(dataset)
            st.selectbox("Role", roles, index=roles.index(default) if default in roles else 0,
                         key="role", bind="query-params")
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
