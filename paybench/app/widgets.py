"""Page inputs that live in the link: notes on what a link carried that an input cannot take,
the link's raw values, and data editors whose content is carried in the link as text."""

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from paybench.present.link_tables import apply_edits
from paybench.query import catalog


def link_notes(notes: list[str]) -> None:
    """What a page ignored from the link, next to the inputs it concerns."""
    for note in notes:
        st.warning(note, icon=":material/link_off:")


def link_values(key: str) -> list[str]:
    return st.query_params.get_all(key)


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
    text = to_text(apply_edits(rows, st.session_state[editor_key]))
    if text != default:
        st.query_params[key] = text
    elif key in st.query_params:
        del st.query_params[key]


def record_columns() -> dict:
    """Column labels and money formats for a frame of salary records (st.dataframe config)."""
    config = {key: st.column_config.TextColumn(dimension.label)
              for key, dimension in catalog.DIMENSIONS.items() if key != "year"}
    config["year"] = st.column_config.NumberColumn("Year", format="%d")
    config["record_id"] = st.column_config.NumberColumn("Record", format="%d")
    for key, measure in catalog.MEASURES.items():
        config[key] = st.column_config.NumberColumn(measure.label, format="dollar")
    return config
