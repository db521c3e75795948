"""The Data page's import: upload, map columns, check every row, then explore the result in
this browser session only (or, for an admin, save it as everyone's dataset). The Data page
shows it only to a role that may upload; each checked upload and each publish is written to the
audit log."""

import shutil
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import streamlit as st

from paybench.app import auth
from paybench.app.session import SESSION_DATASET_KEY, UPLOAD_ABOUT_KEY
from paybench.app.sidebar import reset_filters
from paybench.datasets import importer, uploads
from paybench.datasets.audit import Action
from paybench.datasets.dataset import open_dataset, publish
from paybench.datasets.provenance import KIND_IMPORTED, Provenance
from paybench.domain.access import Right
from paybench.paths import default_dataset_path
from paybench.present import import_report
from paybench.present.formatting import shown
from paybench.query import catalog

NOT_IN_FILE = "(not in the file)"
REJECTS_SHOWN = 1_000
DUPLICATE_CHOICES = {"keep-latest": "keep the latest row", "reject-both": "reject them all"}
FIELD_HELP = {
    "employee_id": "finds an employee's repeated rows",
    "location": "a place as written (Seattle, WA; Remote (Austin, TX); NYC), read into city, "
                "state, country and work arrangement",
    "effective_date": "the date a row's pay took effect: of an employee's rows, the latest is "
                      "kept",
    "pay_period": "what the base salary is per: year, month, two weeks, week, day, hour",
    "hourly_rate": "used where the base salary is blank, times the hours of a year",
    "weekly_hours": "an hourly rate's hours a week (else the hours of a year below)",
    "bonus_pct": "bonus as a percentage of the base salary, where no bonus amount is given",
    "grant_value": "an equity grant's total value: equity a year = grant / vesting years",
    "vesting_years": "the years a grant vests over",
}


def render() -> None:
    st.caption(f"CSV or Parquet, up to {uploads.MAX_UPLOAD_MB} MB: your own salary data or an "
               "HRIS or ATS export. Nothing you upload is seen by other users. Columns are "
               "matched to fields by name; check the matches below.")
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
        options.duplicate_ids = st.radio(
            "The same employee id on several rows", list(DUPLICATE_CHOICES), horizontal=True,
            key="import_duplicates", format_func=DUPLICATE_CHOICES.get,
            help="The latest row is the one with the latest effective date; without dates, "
                 "the last in the file.")
        options.hours_per_year = st.number_input(
            "Hours in a full-time year (for hourly pay)", min_value=100, max_value=4_000,
            value=importer.HOURS_PER_YEAR, step=40, key="import_hours_per_year",
            help="40 hours x 52 weeks = 2,080. A day rate is this / 8 days a year.")
    else:
        options.ranges = st.radio(
            "Rows that differ only in salary (a posted range's low and high ends)",
            ["keep", "midpoint"], horizontal=True, key="import_ranges",
            format_func={"keep": "keep both", "midpoint": "one row at the midpoint"}.get)
    options.drop_duplicates = st.checkbox("Drop rows that repeat another row exactly",
                                          key="import_drop_duplicates")
    return options


def _mapping_form(columns: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Every field with the column it comes from (guessed from the names; each guess can be
    changed or set to none), and the pay columns that would be left out."""
    suggested = importer.suggest_mapping(columns)
    choices = [NOT_IN_FILE, *columns]
    mapping: dict[str, str] = {}
    with st.expander("Columns → fields", expanded=True, icon=":material/swap_horiz:"):
        grid = st.columns(3)
        for position, field in enumerate(importer.FIELDS):
            default = suggested.get(field, NOT_IN_FILE)
            with grid[position % 3]:
                chosen = st.selectbox(_field_label(field), choices, index=choices.index(default),
                                      key=f"import_map_{field}", help=FIELD_HELP.get(field))
            mapping[field] = "" if chosen == NOT_IN_FILE else chosen
        st.caption("Required: role, year, and base salary (or total comp, or an hourly rate). "
                   "Without a level column the level is read from the title (Sr., Senior, "
                   "Staff, Lead, Principal, II, ...). Amounts may be written $185,000, 185k, "
                   "90.000,00 EUR, $95/hr or $12,500/mo; without a currency they are US dollars.")
        year = st.text_input("Year for every row, if the file has no year column",
                             key="import_set_year")
    constants = {"year": year.strip()} if year.strip() and not mapping["year"] else {}
    used = {field: column for field, column in mapping.items() if column}
    for use in importer.account_for_columns(columns, used):
        if use.pay_like and not use.fields:
            st.warning(f"Column “{shown(use.column, limit=None)}” looks like pay and is not "
                       "used: map it to a field above if it is part of pay.",
                       icon=":material/warning:")
    return mapping, constants


def _field_label(field: str) -> str:
    if field in catalog.DIMENSIONS:
        return catalog.DIMENSIONS[field].label
    if field in catalog.MEASURES:
        return catalog.MEASURES[field].label
    return import_report.field_label(field).capitalize()


def _check_and_load(source: Path, options: importer.ImportOptions) -> None:
    bar = st.progress(0.0, text="Reading the file")
    target = _session_folder() / "dataset.parquet"
    file_name = st.session_state["data_upload"].name
    options.source = f"upload: {file_name}"
    options.provenance = Provenance(
        name="upload", title=file_name, kind=KIND_IMPORTED,
        source=f"uploaded on the Data page: {file_name}",
        method="Data page upload, checked by the importer (mapping below)",
        made_on=date.today().isoformat())
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
        "summary": import_report.summary_lines(report),
        "warnings": import_report.warning_lines(report),
        "mapping": import_report.mapping_frame(report),
        "rejects": rejects.head(REJECTS_SHOWN), "rejects_csv": rejects.to_csv(index=False),
        "rejected": report.rows_rejected, "dataset": str(target), "version": report.version,
        "about": {"file": file_name,
                  "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                  "read": report.rows_read, "kept": report.rows_kept,
                  "rejected": report.rows_rejected, "duplicates": report.duplicates,
                  "mapping": import_report.mapping_frame(report),
                  "lines": import_report.summary_lines(report)},
    }


def _show_report() -> None:
    report = st.session_state.get("import_report")
    if not report:
        return
    if "failed" in report:
        st.error(f"{shown(report['failed'], limit=None)} Nothing was loaded.",
                 icon=":material/error:")
        return
    for warning in report["warnings"]:
        st.warning(shown(warning, limit=None), icon=":material/warning:")
    about = report["about"]
    st.success(f"Checked. rows kept: {about['kept']:,}, rows rejected: {about['rejected']:,}.",
               icon=":material/task_alt:")
    st.code("\n".join(report["summary"]), language=None, wrap_lines=True)
    st.caption("Every column of the file and what it became:")
    st.dataframe(report["mapping"], hide_index=True, key="import_mapping_table")
    if report["rejected"]:
        st.caption(f"Rejected rows, one line per reason (the first {REJECTS_SHOWN:,} lines "
                   "shown; rows count from 1 after the header):")
        st.dataframe(report["rejects"], hide_index=True)
        auth.download_button("Download every rejected row (CSV)", lambda: report["rejects_csv"],
                             what="rejected rows of an upload (CSV)",
                             dataset=open_dataset(report["dataset"]),
                             file_name="rejected-rows.csv", mime="text/csv",
                             key="import_rejects", icon=":material/download:")
    st.button("Explore this data (only in this browser session)", key="import_explore",
              on_click=use_session_dataset, args=(report["dataset"], about), type="primary")
    if not auth.may(Right.PUBLISH_DATASET):
        auth.refuse("Saving an upload as everyone's dataset", Right.PUBLISH_DATASET,
                    audit_it=False)
    elif importer.is_shipped_sample(default_dataset_path()):
        st.caption("Saving for everyone needs a shared dataset file of its own (PAYBENCH_DATA): "
                   "an upload never replaces the shipped sample.")
    else:
        st.button("Save as the dataset for everyone", key="import_share",
                  on_click=_save_for_everyone, args=(report["dataset"],))


def use_session_dataset(path: str | None, about: dict | None = None) -> None:
    """Callback: explore another dataset in this session; filters start afresh on it."""
    reset_filters()
    if path:
        st.session_state[SESSION_DATASET_KEY] = path
        st.session_state[UPLOAD_ABOUT_KEY] = about
    else:
        st.session_state.pop(SESSION_DATASET_KEY, None)
        st.session_state.pop(UPLOAD_ABOUT_KEY, None)


def _save_for_everyone(path: str) -> None:
    """Callback: the validated session dataset becomes the shared one, atomically (never over
    the shipped sample)."""
    if not auth.may(Right.PUBLISH_DATASET):
        return
    target = default_dataset_path()
    importer.refuse_the_sample(target)
    copy = target.with_name(f".{target.stem}.shared-upload.parquet")
    shutil.copyfile(path, copy)
    version = publish(copy, target)
    auth.record(Action.PUBLISH, "published an upload as everyone's dataset",
                open_dataset(target), version)
    use_session_dataset(None)
    st.toast(f"Saved for everyone as dataset version {version}.")
