"""The dataset a browser session reads, and the summary its file carries: the shared dataset,
or the one this session uploaded (while its file exists)."""

from pathlib import Path

import pandas as pd
import streamlit as st

from paybench.datasets import sample
from paybench.datasets.dataset import Dataset, open_dataset
from paybench.domain import vocabulary
from paybench.paths import default_dataset_path
from paybench.query import catalog, runner

SESSION_DATASET_KEY = "session_dataset_path"
UPLOAD_ABOUT_KEY = "session_upload_about"  # the upload's file, time, counts and mapping


def active_dataset() -> Dataset:
    """The shared dataset, or the one this browser session uploaded (while its file exists)."""
    uploaded = st.session_state.get(SESSION_DATASET_KEY)
    if uploaded and not Path(uploaded).exists():
        st.session_state.pop(SESSION_DATASET_KEY)
        st.session_state.pop(UPLOAD_ABOUT_KEY, None)
        st.toast("Your uploaded data has expired; showing the shared dataset.")
        uploaded = None
    return open_dataset(uploaded or default_dataset_path())


def exploring_upload() -> bool:
    return bool(st.session_state.get(SESSION_DATASET_KEY))


def upload_about() -> dict | None:
    """What the explored upload is: file name, when, rows read, kept, rejected, mapping."""
    return st.session_state.get(UPLOAD_ABOUT_KEY) if exploring_upload() else None


def default_role(dataset: Dataset) -> str | None:
    """The role the sidebar starts on: Machine Learning Engineer in a shared dataset that has
    it; in an upload, the role it holds most records of (so the first view is not a thin
    cell), Machine Learning Engineer first among equals."""
    frame = summary_or_scan("filter_options", dataset)
    roles = frame[frame["dimension"] == "role"]
    if roles.empty:
        return None
    if not exploring_upload() and vocabulary.DEFAULT_ROLE in set(roles["value"]):
        return vocabulary.DEFAULT_ROLE
    ranked = roles.assign(preferred=roles["value"] != vocabulary.DEFAULT_ROLE).sort_values(
        ["n", "preferred", "value"], ascending=[False, True, True])
    return str(ranked["value"].iloc[0])


def filter_options(dataset: Dataset) -> dict[str, list[str]]:
    frame = summary_or_scan("filter_options", dataset)
    return {key: catalog.ordered(key, group["value"]) for key, group in frame.groupby("dimension")}


def dataset_summary(dataset: Dataset) -> pd.Series:
    return summary_or_scan("dataset_summary", dataset).iloc[0]


def summary_or_scan(name: str, dataset: Dataset) -> pd.DataFrame:
    """The summary from the file's footer; counted from the records when the file has none
    (a file this app did not write)."""
    frame = runner.run(name, dataset).frame
    return frame if len(frame) else runner.run(f"{name}_scanned", dataset).frame


def year_bounds(dataset: Dataset) -> tuple[int, int] | None:
    summary = dataset_summary(dataset)
    return (int(summary["first_year"]), int(summary["last_year"])) if summary["n"] else None


def is_calibrated_sample(summary: pd.Series) -> bool:
    return summary["sources"] == sample.SOURCE


def dataset_cities() -> list[str]:
    return filter_options(active_dataset()).get("city", [])


def dataset_levels() -> list[str]:
    return filter_options(active_dataset()).get("level", [])
