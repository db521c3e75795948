"""The Data page's admin tabs: managing datasets (making a kept version current again) and
reading the audit log. The page shows them only to a role with the right."""

from dataclasses import asdict
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from paybench.app import auth, session
from paybench.datasets import audit, registry
from paybench.datasets.audit import Action
from paybench.datasets.dataset import Dataset, archived_path
from paybench.domain.access import Right
from paybench.present.formatting import shown

AUDIT_ROWS_SHOWN = 1_000


def manage_datasets(dataset: Dataset) -> None:
    if session.exploring_upload():
        st.info("You are exploring your upload: go back to the shared dataset (sidebar) to "
                "manage shared datasets.", icon=":material/upload_file:")
        return
    st.caption(f"**{shown(dataset.name)}**, the dataset chosen in the sidebar, is at version "
               f"{dataset.version}. Every import, publish and change keeps the version it "
               "replaces in versions/ beside the file, so a change can be undone; each change "
               "is written to the audit log.")
    kept = [version for version in registry.kept_versions(dataset) if version != dataset.version]
    if not kept:
        st.info("No earlier version of this dataset is kept.", icon=":material/history:")
        return
    st.dataframe(pd.DataFrame({
        "version": kept,
        "kept since (UTC)": [_kept_since(dataset, version) for version in kept],
    }), hide_index=True)
    version = st.selectbox("Kept version", kept, key="manage_version")
    st.button(f"Make version {version} current", key="manage_make_current",
              on_click=_make_current, args=(dataset, version), icon=":material/restore:")


def _kept_since(dataset: Dataset, version: str) -> str:
    modified = archived_path(dataset.path, version).stat().st_mtime
    return datetime.fromtimestamp(modified, UTC).strftime("%Y-%m-%d %H:%M")


def _make_current(dataset: Dataset, version: str) -> None:
    """Callback: the kept version becomes the dataset's current one, for everyone."""
    if not auth.may(Right.MANAGE_DATASETS):
        return
    current = registry.make_current(dataset, version)
    auth.record(Action.DATASET_CHANGE, f"made kept version {version} current (was "
                f"{dataset.version})", dataset, current)
    st.toast(f"{dataset.name} is at version {current} again, for everyone.")


def audit_log() -> None:
    reading = audit.read(newest=AUDIT_ROWS_SHOWN)
    st.caption(f"{audit.log_path()} · {reading.total:,} entries"
               + (f", the newest {len(reading.entries):,} shown" if reading.total > len(
                   reading.entries) else "")
               + ". Who did what, when, on which dataset and version; never amounts. The app "
               "only appends to this file.")
    if reading.unreadable:
        st.warning(f"{reading.unreadable:,} lines of the file are not entries (a torn write or "
                   "an edit by hand).", icon=":material/warning:")
    if not reading.entries:
        st.info("No entries yet.", icon=":material/history:")
        return
    st.dataframe(pd.DataFrame([asdict(entry) for entry in reading.entries]), hide_index=True)
