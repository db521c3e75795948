"""Data: the records behind the filters, where the numbers come from, and importing your own."""

import streamlit as st

from paybench.app import import_flow, ui
from paybench.datasets import calibration
from paybench.present import tables
from paybench.present.formatting import count, shown

ui.start_page()

RECORDS_SHOWN = 1_000

dataset = ui.active_dataset()
summary = ui.dataset_summary(dataset)
filters = ui.current_filters()
st.title("Data")
records_tab, about_tab, import_tab = st.tabs(
    ["Records", "About this data", "Import your data"], key="data_tab", bind="query-params")

with records_tab:
    st.caption(shown(filters.describe(), limit=None))
    n = int(ui.run("record_count", filters)["n"].iloc[0])
    if ui.enough_records(filters, n):
        records = ui.run("filtered_records", filters, limit=RECORDS_SHOWN)
        st.caption(f"{count(n)}; showing {len(records):,}, highest total comp first. "
                   "Click a column's name to sort.")
        st.dataframe(records, hide_index=True, column_config=ui.record_columns())
        st.download_button("Download these records (CSV)", tables.csv_bytes(records),
                           file_name=f"salary-records-{dataset.version}.csv", mime="text/csv",
                           key="records_download", on_click="ignore", icon=":material/download:")
        ui.show_sql("filtered_records", filters, limit=RECORDS_SHOWN)

with about_tab:
    version_col, rows_col, years_col = st.columns(3)
    version_col.metric("Dataset version", dataset.version, border=True,
                       help="A hash of the file's contents: a change to the data changes it")
    rows_col.metric("Records", f"{int(summary['n']):,}", border=True)
    years_col.metric("Years", f"{summary['first_year']}–{summary['last_year']}", border=True)
    st.caption(f"File {shown(dataset.path.name)} · {summary['roles']} roles · "
               f"{summary['cities']} cities · {summary['countries']} countries · "
               f"source: {shown(summary['sources'], limit=None)}")
    ui.show_sql("dataset_summary")
    if ui.is_calibrated_sample(summary):
        st.subheader("This is a calibrated sample")
        st.markdown(calibration.methodology_markdown())
    st.subheader("Sources")
    st.dataframe(calibration.source_list(), hide_index=True)
    st.subheader("Calibration figures and assumptions")
    st.caption("Rows whose basis starts with “assumption” have no public source.")
    st.dataframe(calibration.sources(), hide_index=True)

with import_tab:
    import_flow.render()
