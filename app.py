"""Innovation Everywhere: router and shared filters only. Pages live in pages/."""

import streamlit as st

from components import errors, filter_bar, state
from components.map import ensure_leaflet_static

# An emoji favicon is drawn from a data: URL. Without page_icon Streamlit shows the current page's
# :material/...: icon, which the browser fetches from fonts.gstatic.com (breaks "no CDN").
st.set_page_config(page_title="Innovation Everywhere", page_icon="🗺️", layout="wide")
ensure_leaflet_static()

# Streamlit runs any app with a pages/ folder through its old multipage wrapper until
# st.navigation has run once on the server, so the first request for /divide could run the page
# file without this router. Page files are therefore named unlike their URL paths: such a
# request falls back to this script, which routes it.
PAGES = [
    st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="map", default=True),
    st.Page("pages/divide_view.py", title="Divide", icon=":material/balance:", url_path="divide"),
    st.Page("pages/region_profile.py", title="Region profile", icon=":material/location_on:", url_path="region"),
    st.Page("pages/data_coverage.py", title="Data & coverage", icon=":material/dataset:", url_path="data"),
]

with errors.guard():
    page = st.navigation(PAGES)
    state.current()
    if state.notices():
        st.warning("  \n".join(state.notices()), icon=":material/link:")
    filter_bar.draw_filters()
    page.run()
    state.sync_url()
