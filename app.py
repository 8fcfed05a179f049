"""Innovation Everywhere: router and shared filters only. Pages live in pages/."""

import streamlit as st

# The first request after a server start goes through Streamlit's v1 pages/ wrapper; the files
# pages/<url_path>.py hand it to this router (components/deeplink.py). st.navigation then
# switches the process to v2 routing for good.
from components import errors, filter_bar, present, search_box, state, story_nav, userdata
from components.text import md
from data.shared import settle, warm

# An emoji favicon is drawn from a data: URL. Without page_icon Streamlit shows the current page's
# :material/...: icon, which the browser fetches from fonts.gstatic.com (breaks "no CDN").
_present = st.query_params.get("present") == "1"
st.set_page_config(page_title="Innovation Everywhere", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if _present or state.embedded() else "auto")
warm()  # once per process: heavy loading, static files (deploy/serve.py runs it before listening)

PAGES = [
    st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="home", default=True),
    st.Page("pages/divide_view.py", title="Divide", icon=":material/balance:", url_path="divide"),
    st.Page("pages/region_profile.py", title="Region profile", icon=":material/location_on:", url_path="region"),
    st.Page("pages/initiative_profile.py", title="Initiative profile", icon=":material/hub:", url_path="initiative"),
    st.Page("pages/value_chain_network.py", title="Value-chain network", icon=":material/share:",
            url_path="network"),
    st.Page("pages/connection_finder.py", title="Tier 1 connections", icon=":material/conversion_path:",
            url_path="connections"),
    st.Page("pages/data_coverage.py", title="Data & coverage", icon=":material/dataset:", url_path="data"),
]

# The default page is served at "/" only (Streamlit ignores its url_path), so "/map" links, which the
# README and shared views use, would answer "Page not found": a hidden page keeps them working.
MAP_ALIAS = st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="map",
                    visibility="hidden")

page = st.navigation([*PAGES, MAP_ALIAS])
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
