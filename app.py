"""Innovation Everywhere: router and shared filters only. Pages live in pages/."""

import streamlit as st

# The first request after a server start goes through Streamlit's v1 pages/ wrapper; the files
# pages/<url_path>.py hand it to this router (components/deeplink.py). st.navigation then
# switches the process to v2 routing for good.
from components import errors, filter_bar, present, routes, search_box, state, story_nav, userdata
from components.text import md
from data.shared import settle, warm
from deploy.tcp import nodelay_this_server

# An emoji favicon is drawn from a data: URL. Without page_icon Streamlit shows the current page's
# :material/...: icon, which the browser fetches from fonts.gstatic.com (breaks "no CDN").
_present = st.query_params.get("present") == "1"
st.set_page_config(page_title="Innovation Everywhere", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if _present or state.embedded() else "auto")
warm()  # once per process: heavy loading, static files (deploy/serve.py runs it before listening)
nodelay_this_server()  # once per process: Nagle off for the connections that follow (deploy/tcp.py)
page = st.navigation(routes.pages())
degraded = st.empty()  # filled after the page ran: committed tables that are missing or broken
try:
    with errors.guard():
        state.current()
        story_nav.apply_step()  # a story step in the URL sets the view before the filters are drawn
        state.sync_url()  # before the page runs: a page may end early with st.stop()
        present.apply(state.current().present, state.embedded())
        userdata.banner()
        if state.notices():
            st.warning("  \n".join(md(n) for n in state.notices()), icon=":material/link:")
        search_box.render()
        filter_bar.draw_filters()
        page.run()
finally:
    errors.show_degraded(degraded)
    settle()  # long-lived objects out of the post-run garbage collection (data/shared.py)
