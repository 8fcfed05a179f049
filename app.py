"""Innovation Everywhere: router and shared filters only. Pages live in pages/."""

import streamlit as st

# The first request after a server start goes through Streamlit's v1 pages/ wrapper; the files
# pages/<url_path>.py send it here (components/deeplink.py). st.navigation switches to v2 for good.
from components import deeplink, errors, filter_bar, state
from components.map import ensure_leaflet_static

# An emoji favicon is drawn from a data: URL. Without page_icon Streamlit shows the current page's
# :material/...: icon, which the browser fetches from fonts.gstatic.com (breaks "no CDN").
st.set_page_config(page_title="Innovation Everywhere", page_icon="🗺️", layout="wide")
ensure_leaflet_static()

PAGES = [
    # / shows the map explorer; Streamlit serves a default page only at /, so the map's own page
    # (linked in the sidebar) is /map and the default is a hidden page running the same script
    st.Page(deeplink.map_page, title="Map explorer", icon=":material/map:", url_path="home", default=True,
            visibility="hidden"),
    st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="map"),
    st.Page("pages/divide_view.py", title="Divide", icon=":material/balance:", url_path="divide"),
    st.Page("pages/region_profile.py", title="Region profile", icon=":material/location_on:", url_path="region"),
    st.Page("pages/data_coverage.py", title="Data & coverage", icon=":material/dataset:", url_path="data"),
]

page = st.navigation(PAGES)
degraded = st.empty()  # filled after the page ran: committed tables that are missing or broken
try:
    with errors.guard():
        state.current()
        state.sync_url()  # before the page runs: a page may end early with st.stop()
        if state.notices():
            st.warning("  \n".join(state.notices()), icon=":material/link:")
        filter_bar.draw_filters()
        page.run()
finally:
    errors.show_degraded(degraded)
