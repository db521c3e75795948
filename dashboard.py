"""Salary benchmarks: the entrypoint. Page config, the global filters (bound to the URL, so
every view is a link), and navigation over pages/."""

import streamlit as st

from paybench.app import import_flow, navigation, session
from paybench.app.sidebar import aging_control, dataset_picker, kind_note, sidebar_filters
from paybench.present.formatting import count
from paybench.present.page_keys import PAGE_URL_KEYS

st.set_page_config(page_title="Salary benchmarks", page_icon=":material/payments:", layout="wide")

page = st.navigation([
    st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path or None,
            default=not spec.url_path)
    for spec in navigation.PAGES
])
dataset = dataset_picker()
summary = session.dataset_summary(dataset)
with st.sidebar:
    if session.exploring_upload():
        st.warning("**Exploring your upload.** Only this browser session sees it.",
                   icon=":material/upload_file:")
        st.button("Back to the shared dataset", key="leave_upload",
                  on_click=import_flow.use_session_dataset, args=(None,))
    else:
        kind_note(dataset)
aging_control(dataset, page.url_path)
sidebar_filters(dataset, PAGE_URL_KEYS.get(page.url_path, ()))
st.sidebar.caption(f"Dataset version {dataset.version} · {count(int(summary['n']))}")
page.run()
