"""The dataset a browser session reads, and the summary its file carries: the dataset the
link names (?dataset=, at the version ?dataset_version= pins if that version is kept), or the
one this session uploaded (while its file exists)."""

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from paybench.datasets import calibration, registry
from paybench.datasets.dataset import Dataset, open_dataset
from paybench.datasets.provenance import KIND_SAMPLE
from paybench.datasets.registry import Listing
from paybench.domain import aging, vocabulary
from paybench.domain.aging import Aging
from paybench.present.link_check import is_dataset_version
from paybench.present.page_keys import AGING, DATASET, DATASET_VERSION
from paybench.query import catalog, runner

SESSION_DATASET_KEY = "session_dataset_path"
UPLOAD_ABOUT_KEY = "session_upload_about"  # the upload's file, time, counts and mapping


def datasets() -> Listing:
    return registry.listing()


def chosen_dataset(listing: Listing) -> Dataset:
    """The current version of the dataset the picker (or, before it is drawn, the link) names;
    the default when it names none of the list."""
    name = st.session_state.get(DATASET) or st.query_params.get(DATASET)
    return listing.find(name) or listing.default


def active_dataset() -> Dataset:
    """The dataset this session reads: its upload (while the file exists), else the chosen
    dataset at the version the link pins when that version is kept, else its current one."""
    uploaded = st.session_state.get(SESSION_DATASET_KEY)
    if uploaded and not Path(uploaded).exists():
        st.session_state.pop(SESSION_DATASET_KEY)
        st.session_state.pop(UPLOAD_ABOUT_KEY, None)
        st.toast("Your uploaded data has expired; showing the shared dataset.")
        uploaded = None
    if uploaded:
        return open_dataset(uploaded)
    chosen = chosen_dataset(datasets())
    version = st.query_params.get(DATASET_VERSION)
    if version and version != chosen.version and is_dataset_version(version):
        return registry.pinned(chosen, version) or chosen
    return chosen


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


def is_calibrated_sample(dataset: Dataset) -> bool:
    return dataset.provenance is not None and dataset.provenance.kind == KIND_SAMPLE


def dataset_cities() -> list[str]:
    return filter_options(active_dataset()).get("city", [])


def dataset_cities_by_records() -> list[str]:
    """The dataset's cities, most records first (ties by name): the order that gives each city
    its colour in charts (charts.city_colors), the same in every view of this dataset."""
    frame = summary_or_scan("filter_options", active_dataset())
    cities = frame[frame["dimension"] == "city"]
    return cities.sort_values(["n", "value"], ascending=[False, True])["value"].tolist()


def dataset_levels() -> list[str]:
    return filter_options(active_dataset()).get("level", [])


# ---- aging ---------------------------------------------------------------------------------------

def aging_choices(dataset: Dataset) -> list[Aging]:
    years = year_bounds(dataset)
    if years is None:
        return [Aging()]
    return aging.choices(years[0], years[1], date.today(), calibration.salary_increase_budgets())


def current_aging() -> Aging:
    """How the view shows amounts: the sidebar's choice (as reported until it is drawn)."""
    choice = st.session_state.get(AGING)
    return Aging.from_choice(choice) if choice else Aging()


def aging_parameter(dataset: Dataset) -> dict | None:
    """The queries' $aging for the dataset's years and the view's choice."""
    years = year_bounds(dataset)
    if years is None:
        return None
    return aging.sql_parameter(years[0], years[1], current_aging(),
                               calibration.salary_increase_budgets())
