"""The sidebar: the dataset picker and the global filters, each bound to the URL, and the
notes on what a link carried that could not be used."""

import streamlit as st

from paybench.app import session
from paybench.app.session import active_dataset, default_role, filter_options, year_bounds
from paybench.datasets import registry
from paybench.datasets.dataset import Dataset
from paybench.datasets.provenance import KIND_PUBLIC, KIND_SAMPLE, KIND_UNKNOWN
from paybench.present import link_check
from paybench.present.formatting import shown
from paybench.present.page_keys import AGING, DATASET, DATASET_VERSION, PRICED_PAGES
from paybench.query import catalog
from paybench.query.filters import Filters

PROTECTED_URL_KEYS = ("embed", "embed_options")
FILTER_KEYS = ("role", "year", *catalog.MULTI_VALUE_FILTERS)


def dataset_picker() -> Dataset:
    """The dataset picker, bound to ?dataset=, and the version pin: every view's link carries
    ?dataset_version=, so a copied link shows the numbers its sender saw while that version is
    kept. Returns the dataset the session reads."""
    listing = session.datasets()
    link_name = st.query_params.get_all(DATASET)
    notes = link_check.check_choices("dataset", link_name, listing.names(), most=1)
    # No format_func: a bound selectbox writes the formatted option to the URL, and the link
    # must carry the dataset's name.
    st.sidebar.selectbox("Dataset", listing.names(), key=DATASET, bind="query-params",
                         on_change=_dataset_changed,
                         help="Which records every page shows: "
                              + "; ".join(f"{d.name}: {_title(d)}" for d in listing.datasets)
                              + ". The Data page says where each comes from.")
    chosen = session.chosen_dataset(listing)
    active = session.active_dataset()
    if not session.exploring_upload():
        link_version = st.query_params.get(DATASET_VERSION)
        kept = link_version is not None and registry.pinned(chosen, link_version) is not None
        note = link_check.pinned_version_note(link_version, chosen.version, kept)
        if note and not kept:
            notes.append(note)
        elif note:
            st.sidebar.info(note, icon=":material/history:")
            st.sidebar.button("Show the current version", key="unpin_version",
                              on_click=_pin_version, args=(chosen.version,))
        if not kept:
            st.query_params[DATASET_VERSION] = chosen.version
    add_link_notes(notes)
    return active


def aging_control(dataset: Dataset, page_path: str) -> None:
    """Amounts as reported or aged to an effective date, bound to ?aging=. A page that prices
    a decision starts aged to 1 January of this year, an exploring page as reported; a page
    visit starts at its own default unless the link names a choice."""
    choices = [choice.choice for choice in session.aging_choices(dataset)]
    default = choices[1] if page_path in PRICED_PAGES and len(choices) > 1 else choices[0]
    if st.session_state.get(AGING_PAGE_KEY) != page_path:
        st.session_state[AGING_PAGE_KEY] = page_path
        if AGING not in st.query_params:
            st.session_state.pop(AGING, None)
    add_link_notes(link_check.check_choices("aging", st.query_params.get_all(AGING), choices,
                                            most=1))
    st.sidebar.selectbox(
        "Amounts", choices, index=choices.index(default), key=AGING, bind="query-params",
        help="As reported: each record's pay in its own year. Aged: moved to 1 January of a "
             "year with US salary-increase budgets, as compensation teams age survey data. "
             "The Offer and Pay ranges pages start aged to this year; the others as reported.")


def _title(dataset: Dataset) -> str:
    return dataset.provenance.title if dataset.provenance else dataset.name


def _dataset_changed() -> None:
    """Callback: another dataset starts with its own current version and fresh filters (the
    values of one dataset's filters may not exist in another)."""
    reset_filters()
    st.query_params.pop(DATASET_VERSION, None)


def switch_dataset(name: str) -> None:
    """Callback: show another dataset, as choosing it in the picker does (a page that needs
    other data offers this)."""
    st.session_state[DATASET] = name
    _dataset_changed()


def _pin_version(version: str) -> None:
    st.query_params[DATASET_VERSION] = version


def reset_filters() -> None:
    """Callback: every global filter back to its default, in the widgets and in the URL."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
        st.query_params.pop(key, None)


def kind_note(dataset: Dataset) -> None:
    """What kind of records the dataset holds, in the sidebar: the first thing a reader of a
    number needs to know."""
    described = dataset.provenance
    if described is None or described.kind == KIND_UNKNOWN:
        st.sidebar.info("**Records of unknown origin.** This file carries no provenance.",
                        icon=":material/help:")
    elif described.kind == KIND_SAMPLE:
        st.sidebar.info("**Calibrated sample data.** Generated to match published figures, "
                        "not real people's pay. The Data page says how it was made.",
                        icon=":material/science:")
    elif described.kind == KIND_PUBLIC:
        st.sidebar.info(f"**Real public records:** {shown(described.title, limit=None)} "
                        f"({shown(described.licence, limit=None)}). People's own reports of "
                        "their pay; the Data page says how they were imported.",
                        icon=":material/public:")
    else:
        st.sidebar.info(f"**Imported records:** {shown(described.title, limit=None)}. The Data "
                        "page says where they come from.", icon=":material/upload_file:")
LINK_NOTES_KEY = "link_notes"
AGING_PAGE_KEY = "aging_page"  # the page the aging choice was last made on
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
    check = link_check.check_link(raw, options, years,
                                  (*page_keys, *PROTECTED_URL_KEYS, DATASET, DATASET_VERSION,
                                   AGING))
    for key in check.unknown_keys:
        del st.query_params[key]
    add_link_notes(check.notes)
    show_link_notes()


def add_link_notes(new_notes: list[str]) -> None:
    """Notes about what a link carried that could not be used. They stay until dismissed:
    the widgets drop the values from the URL at once, so the next run no longer sees them."""
    notes = st.session_state.setdefault(LINK_NOTES_KEY, [])
    notes.extend(note for note in new_notes if note not in notes)


def show_link_notes() -> None:
    notes = st.session_state.get(LINK_NOTES_KEY, [])
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
