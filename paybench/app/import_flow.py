"""The Data page's import: upload, map columns, check every row, then explore the result in
this browser session only (or, for an admin, save it as everyone's dataset). The Data page
shows it only to a role that may upload; each checked upload and each publish is written to the
audit log."""

import shutil
import uuid
from pathlib import Path

import streamlit as st

from paybench.app import auth
from paybench.app.session import SESSION_DATASET_KEY
from paybench.app.sidebar import reset_filters
from paybench.datasets import importer, uploads
from paybench.datasets.audit import Action
from paybench.datasets.dataset import open_dataset, publish
from paybench.domain.access import Right
from paybench.paths import default_dataset_path
from paybench.present.formatting import shown
from paybench.query import catalog

NOT_IN_FILE = "(not in the file)"
REJECTS_SHOWN = 1_000
MAPPED_FIELDS = [f for f in importer.FIELDS if f != "currency"] + ["currency"]


def render() -> None:
    st.caption(f"CSV or Parquet, up to {uploads.MAX_UPLOAD_MB} MB. Nothing you upload is seen by "
               "other users. Columns are matched to fields by name; check the matches below.")
    upload = st.file_uploader("Salary file", type=["csv", "parquet"], key="data_upload",
                              max_upload_size=uploads.MAX_UPLOAD_MB)
    if upload is None:
        return
    source = _saved_upload(upload)
    try:
        columns = importer.read_columns(source)
    except importer.ImportFailed as problem:
        st.error(f"{shown(upload.name)}: {problem}", icon=":material/error:")
        return
    options = _options_form(columns)
    if st.button("Check every row and load", type="primary", key="import_check"):
        _check_and_load(source, options)
    _show_report()


def _session_folder() -> Path:
    token = st.session_state.setdefault("import_token", uuid.uuid4().hex)
    uploads.remove_stale()
    return uploads.session_folder(token)


def _saved_upload(upload) -> Path:
    """The upload on disk; written once per uploaded file."""
    if st.session_state.get("import_file_id") != upload.file_id:
        st.session_state["import_file_id"] = upload.file_id
        st.session_state.pop("import_report", None)
        st.session_state["import_source"] = str(
            uploads.save_upload(upload, upload.name, _session_folder()))
    return Path(st.session_state["import_source"])


def _options_form(columns: list[str]) -> importer.ImportOptions:
    detected = importer.detect_format(columns)
    formats = ["aijobs", "generic"]
    file_format = st.radio("Format", formats, index=formats.index(detected), horizontal=True,
                           key="import_format", format_func={
                               "aijobs": "aijobs.net salaries file",
                               "generic": "my own columns"}.get)
    options = importer.ImportOptions(format=file_format)
    if file_format == "generic":
        options.mapping, options.constants = _mapping_form(columns)
    else:
        options.ranges = st.radio(
            "Rows that differ only in salary (a posted range's low and high ends)",
            ["keep", "midpoint"], horizontal=True, key="import_ranges",
            format_func={"keep": "keep both", "midpoint": "one row at the midpoint"}.get)
    options.drop_duplicates = st.checkbox("Drop rows that repeat another row exactly",
                                          key="import_drop_duplicates")
    return options


def _mapping_form(columns: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    suggested = importer.suggest_mapping(columns)
    choices = [NOT_IN_FILE, *columns]
    mapping: dict[str, str] = {}
    with st.expander("Columns → fields", expanded=True, icon=":material/swap_horiz:"):
        grid = st.columns(3)
        for position, field in enumerate(MAPPED_FIELDS):
            default = suggested.get(field, NOT_IN_FILE)
            with grid[position % 3]:
                chosen = st.selectbox(_field_label(field), choices, index=choices.index(default),
                                      key=f"import_map_{field}")
            if chosen != NOT_IN_FILE:
                mapping[field] = chosen
        st.caption("Required: role, year, and base salary or total comp. Without a level column "
                   "the level is read from the title (Junior, Sr., Senior, Staff, Lead, "
                   "Principal). Amounts may be written $185,000, 185k or 185000.00; without a "
                   "currency column they are taken as US dollars.")
        year = st.text_input("Year for every row, if the file has no year column",
                             key="import_set_year")
    constants = {"year": year.strip()} if year.strip() and "year" not in mapping else {}
    return mapping, constants


def _field_label(field: str) -> str:
    if field in catalog.DIMENSIONS:
        return catalog.DIMENSIONS[field].label
    if field in catalog.MEASURES:
        return catalog.MEASURES[field].label
    return field.replace("_", " ").capitalize()


def _check_and_load(source: Path, options: importer.ImportOptions) -> None:
    bar = st.progress(0.0, text="Reading the file")
    target = _session_folder() / "dataset.parquet"
    options.source = f"upload: {st.session_state['data_upload'].name}"
    try:
        report = importer.import_file(source, target, options,
                                      progress=lambda done, text: bar.progress(done, text=text))
    except importer.ImportFailed as problem:
        bar.empty()
        st.session_state["import_report"] = {"failed": str(problem)}
        return
    bar.empty()
    auth.record(Action.UPLOAD, "upload checked and loaded for this session",
                version=report.version)
    rejects = report.rejects_frame()
    st.session_state["import_report"] = {
        "summary": report.summary(), "rejects": rejects.head(REJECTS_SHOWN),
        "rejects_csv": rejects.to_csv(index=False), "rejected": len(rejects),
        "dataset": str(target), "version": report.version,
    }


def _show_report() -> None:
    report = st.session_state.get("import_report")
    if not report:
        return
    if "failed" in report:
        st.error(f"{shown(report['failed'], limit=None)} Nothing was loaded.",
                 icon=":material/error:")
        return
    st.success("Checked. " + shown(report["summary"][1], limit=None) + ", "
               + shown(report["summary"][2], limit=None) + ".", icon=":material/task_alt:")
    st.code("\n".join(report["summary"]), language=None)
    if report["rejected"]:
        st.caption(f"Rejected rows (the first {REJECTS_SHOWN:,} shown; rows count from 1 after "
                   "the header):")
        st.dataframe(report["rejects"], hide_index=True)
        auth.download_button("Download every rejected row (CSV)", lambda: report["rejects_csv"],
                             what="rejected rows of an upload (CSV)",
                             dataset=open_dataset(report["dataset"]),
                             file_name="rejected-rows.csv", mime="text/csv",
                             key="import_rejects", icon=":material/download:")
    st.button("Explore this data (only in this browser session)", key="import_explore",
              on_click=use_session_dataset, args=(report["dataset"],), type="primary")
    if auth.may(Right.PUBLISH_DATASET):
        st.button("Save as the dataset for everyone", key="import_share",
                  on_click=_save_for_everyone, args=(report["dataset"],))
    else:
        auth.refuse("Saving an upload as everyone's dataset", Right.PUBLISH_DATASET,
                    audit_it=False)


def use_session_dataset(path: str | None) -> None:
    """Callback: explore another dataset in this session; filters start afresh on it."""
    reset_filters()
    if path:
        st.session_state[SESSION_DATASET_KEY] = path
    else:
        st.session_state.pop(SESSION_DATASET_KEY, None)


def _save_for_everyone(path: str) -> None:
    """Callback: the validated session dataset becomes the shared one, atomically."""
    if not auth.may(Right.PUBLISH_DATASET):
        return
    target = default_dataset_path()
    copy = target.with_name(f".{target.stem}.shared-upload.parquet")
    shutil.copyfile(path, copy)
    version = publish(copy, target)
    auth.record(Action.PUBLISH, "published an upload as everyone's dataset",
                open_dataset(target), version)
    use_session_dataset(None)
    st.toast(f"Saved for everyone as dataset version {version}.")
