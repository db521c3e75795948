"""Salary benchmarks: the entrypoint. Page config, the global filters (bound to the URL, so
every view is a link), and navigation over pages/."""

import streamlit as st

from paybench.app import import_flow, ui
from paybench.present.formatting import count
from paybench.query import catalog

st.set_page_config(page_title="Salary benchmarks", page_icon=":material/payments:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/insights:", default=True),
    st.Page("pages/cities.py", title="Cities", icon=":material/location_city:", url_path="cities"),
    st.Page("pages/remote.py", title="Remote", icon=":material/home_work:", url_path="remote"),
    st.Page("pages/offer.py", title="Offer calculator", icon=":material/calculate:",
            url_path="offer"),
    st.Page("pages/data.py", title="Data", icon=":material/table:", url_path="data"),
]

page = st.navigation(PAGES)
dataset = ui.active_dataset()
summary = ui.dataset_summary(dataset)
with st.sidebar:
    if ui.exploring_upload():
        st.warning("**Exploring your upload.** Only this browser session sees it.",
                   icon=":material/upload_file:")
        st.button("Back to the shared dataset", key="leave_upload",
                  on_click=import_flow.use_session_dataset, args=(None,))
    elif ui.is_calibrated_sample(summary):
        st.info("**Calibrated sample data.** Generated to match published figures, not real "
                "people's pay. The Data page says how it was made.", icon=":material/science:")
ui.sidebar_filters(dataset, catalog.PAGE_URL_KEYS.get(page.url_path, ()))
st.sidebar.caption(f"Dataset version {dataset.version} · {count(int(summary['n']))}")
page.run()
