"""Salary benchmarks: the entrypoint. Page config, sign-in (before any page or data), the
global filters (bound to the URL, so every view is a link), and navigation over pages/."""

import streamlit as st

from paybench.app import auth, import_flow, navigation, session
from paybench.app.sidebar import aging_control, dataset_picker, kind_note, sidebar_filters
from paybench.domain.access import Right
from paybench.paths import PAGE_ICON
from paybench.present.formatting import count
from paybench.present.page_keys import PAGE_URL_KEYS

st.set_page_config(page_title="Salary benchmarks", page_icon=PAGE_ICON, layout="wide")

pages = [
    st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path or None,
            default=not spec.url_path)
    for spec in navigation.PAGES
]
# Who is asking, before st.navigation: the menu shows only to those allowed in. The gate runs
# after it, which resolves the page a link names (the link to come back to after sign-in).
access = auth.check_access()
page = st.navigation(pages, position="sidebar" if access.allowed else "hidden")
auth.require_sign_in(access, page, pages)
if session.exploring_upload() and not auth.may(Right.EXPLORE_UPLOAD):
    import_flow.use_session_dataset(None)  # the right was taken away in the roles file
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
