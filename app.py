"""Innovation Everywhere: router and shared filters only. Pages live in pages/."""

import contextlib

import streamlit as st

# Streamlit runs any app that has a pages/ folder through its old (v1) multipage wrapper, which
# resolves /divide itself and answers "Page not found" before this router runs. Page files are
# named unlike their URL paths, so such a request still falls back to this script, and the flag
# below (read by Streamlit for every later run) switches the server to plain st.navigation.
with contextlib.suppress(ImportError, AttributeError):
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False

from components import errors, filter_bar, present, state, story_nav, userdata
from data.shared import settle, warm

# An emoji favicon is drawn from a data: URL. Without page_icon Streamlit shows the current page's
# :material/...: icon, which the browser fetches from fonts.gstatic.com (breaks "no CDN").
_present = st.query_params.get("present") == "1"
st.set_page_config(page_title="Innovation Everywhere", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if _present or state.embedded() else "auto")
warm()  # once per process: heavy loading, static files (deploy/serve.py runs it before listening)

PAGES = [
    st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="map", default=True),
    st.Page("pages/divide_view.py", title="Divide", icon=":material/balance:", url_path="divide"),
    st.Page("pages/region_profile.py", title="Region profile", icon=":material/location_on:", url_path="region"),
    st.Page("pages/data_coverage.py", title="Data & coverage", icon=":material/dataset:", url_path="data"),
]

page = st.navigation(PAGES)
degraded = st.empty()  # filled after the page ran: committed tables that are missing or broken
try:
    with errors.guard():
        state.current()
        story_nav.apply_step()  # a story step in the URL sets the view before the filters are drawn
        state.sync_url()  # before the page runs: a page may end early with st.stop()
        present.apply(state.current().present, state.embedded())
        userdata.banner()
        if state.notices():
            st.warning("  \n".join(state.notices()), icon=":material/link:")
        filter_bar.draw_filters()
        page.run()
finally:
    errors.show_degraded(degraded)
    settle()  # long-lived objects out of the post-run garbage collection (data/shared.py)
