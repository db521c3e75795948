"""Data: the records behind the filters, where the numbers come from, and importing your own;
for admins, managing datasets and the audit log. What a role may not see is not sent: its tab
says so instead."""

from datetime import date

import streamlit as st

from paybench.app import admin, auth, import_flow
from paybench.app.page import aging_method, enough_records, figure_caption, start_page
from paybench.app.query_display import run, show_sql
from paybench.app.session import (
    active_dataset,
    current_aging,
    dataset_summary,
    datasets,
    is_calibrated_sample,
    upload_about,
)
from paybench.app.sidebar import current_filters
from paybench.app.widgets import record_columns
from paybench.datasets import calibration
from paybench.domain import privacy
from paybench.domain.access import Right
from paybench.present import export_stamp, tables
from paybench.present.formatting import count, money, shown
from paybench.present.page_keys import DATA_TAB

start_page()

RECORDS_SHOWN = 1_000
# Tabs only some roles see, with the right each needs and what a refusal calls it.
ADMIN_TABS = {"Manage datasets": (Right.MANAGE_DATASETS, "Managing datasets"),
              "Audit log": (Right.READ_AUDIT_LOG, "The audit log")}

dataset = active_dataset()
upload = upload_about()
filters = current_filters()
st.title("Data")
asked_for = st.query_params.get(DATA_TAB)
if asked_for in ADMIN_TABS and not auth.may(ADMIN_TABS[asked_for][0]):
    auth.refuse(ADMIN_TABS[asked_for][1], ADMIN_TABS[asked_for][0], dataset)
admin_tabs = [name for name, (right, _) in ADMIN_TABS.items() if auth.may(right)]
records_tab, about_tab, import_tab, *more_tabs = st.tabs(
    ["Records", "About this data", "Import your data", *admin_tabs], key=DATA_TAB,
    bind="query-params")

with records_tab:
    st.caption(shown(filters.describe(), limit=None))
    if not auth.may_list_records(dataset):
        auth.refuse("Listing the records of a real dataset", Right.LIST_REAL_RECORDS, dataset,
                    audit_it=bool(records_tab.open))
        st.caption("Every other page shows this dataset's figures.")
    else:
        counted = run("record_count", filters)
        n = int(counted.row["n"])
        # An upload's own rows are listed whatever their number: records, not aggregates.
        if upload or enough_records(filters, n, counted):
            records = run("filtered_records", filters, limit=RECORDS_SHOWN)
            rounding = privacy.listing_rounding(auth.current().privacy, auth.is_real(dataset))
            listed = privacy.rounded_amounts(records.frame, rounding)
            figure_caption(f"{count(n)}; showing {len(listed):,}, highest total comp first. "
                           "Click a column's name to sort."
                           + (f" Amounts rounded to the nearest {money(rounding)}, each by "
                              "itself (a privacy setting for real data)." if rounding else ""))
            show_sql(counted)
            st.dataframe(listed, hide_index=True, column_config=record_columns())
            export = export_stamp.stamp(dataset, current_aging(), date.today())
            auth.download_button(
                "Download these records (CSV)",
                lambda: export_stamp.records_csv(listed, export),
                what=f"records CSV: {filters.describe()}", dataset=dataset,
                file_name=f"salary-records-{dataset.version}.csv", mime="text/csv",
                key="records_download", icon=":material/download:")
            show_sql(records)

with about_tab:
    if upload:
        st.header("Your upload")
        st.markdown(f"**{shown(upload['file'], limit=None)}**, checked and loaded "
                    f"{upload['when']}: {upload['read']:,} rows read, {upload['kept']:,} kept, "
                    f"{upload['rejected']:,} rejected, {upload['duplicates']:,} duplicates "
                    "dropped. Only this browser session sees it.")
        st.code("\n".join(upload["lines"]), language=None, wrap_lines=True)
        st.caption("The mapping used: every column of the file and what it became.")
        st.dataframe(upload["mapping"], hide_index=True, key="upload_mapping_table")
    # The summary the file carries in its footer; counted from the records if it has none.
    summary_results = [run("dataset_summary")]
    if summary_results[0].frame.empty:
        summary_results.append(run("dataset_summary_scanned"))
    summary = summary_results[-1].row
    version_col, rows_col, years_col = st.columns(3)
    version_col.metric("Dataset version", dataset.version, border=True,
                       help="A hash of the file's contents: a change to the data changes it")
    rows_col.metric("Records", f"{int(summary['n']):,}", border=True)
    years_col.metric("Years", f"{summary['first_year']}–{summary['last_year']}", border=True)
    st.caption(f"File {shown(dataset.path.name)} · {summary['roles']} roles · "
               f"{summary['cities']} cities · {summary['countries']} countries · "
               f"source: {shown(summary['sources'], limit=None)}")
    for result in summary_results:
        show_sql(result)
    if dataset.provenance is not None:
        st.header("Where this dataset comes from")
        st.table(tables.provenance(dataset.provenance).set_index("Field"))
    st.header("How amounts are aged")
    st.markdown(aging_method(dataset) + " Choose with “Amounts” in the sidebar: the exploring "
                "pages start as reported, the Offer and Pay ranges pages aged to 1 January of this "
                "year.")
    st.header("Datasets in this app")
    st.caption("Choose one with “Dataset” in the sidebar; a link carries the choice and the "
               "version it shows.")
    listing = datasets()
    st.dataframe(tables.dataset_list(listing.datasets,
                                     [dataset_summary(each) for each in listing.datasets]),
                 hide_index=True)
    if is_calibrated_sample(dataset):
        st.header("This is a calibrated sample")
        st.markdown(calibration.methodology_markdown())
    if upload:
        st.caption("Amounts in other currencies were converted with data/calibration/"
                   "fx_rates.csv; cities were matched to metros with metro_factors.csv.")
    else:
        st.header("Sources")
        st.dataframe(calibration.source_list(), hide_index=True)
        st.header("Calibration figures and assumptions")
        st.caption("Rows whose basis starts with “assumption” have no public source.")
        st.dataframe(calibration.sources(), hide_index=True)

with import_tab:
    if auth.may(Right.EXPLORE_UPLOAD):
        import_flow.render()
    else:
        auth.refuse("Uploading data", Right.EXPLORE_UPLOAD, audit_it=bool(import_tab.open))

for name, tab in zip(admin_tabs, more_tabs, strict=True):
    with tab:
        if name == "Manage datasets":
            admin.manage_datasets(dataset)
        else:
            admin.audit_log()
