"""Data: where the numbers come from, how the sample was made, and what is in the dataset."""

import streamlit as st

from paybench import calibration, ui
from paybench.formatting import shown

ui.start_page()

dataset = ui.active_dataset()
summary = ui.dataset_summary(dataset)
st.title("Data")

version_col, rows_col, years_col = st.columns(3)
version_col.metric("Dataset version", dataset.version, border=True,
                   help="A hash of the file's contents: a change to the data changes it")
rows_col.metric("Records", f"{int(summary['n']):,}", border=True)
years_col.metric("Years", f"{summary['first_year']}–{summary['last_year']}", border=True)
st.caption(f"File {shown(dataset.path.name)} · {summary['roles']} roles · "
           f"{summary['cities']} cities · {summary['countries']} countries · "
           f"source: {shown(summary['sources'])}")
ui.show_sql("dataset_summary")

if ui.is_calibrated_sample(summary):
    st.subheader("This is a calibrated sample")
    st.markdown(calibration.methodology_markdown())

st.subheader("Sources")
st.dataframe(calibration.source_list(), hide_index=True)

st.subheader("Calibration figures and assumptions")
st.caption("Rows whose basis starts with “assumption” have no public source.")
st.dataframe(calibration.sources(), hide_index=True)
