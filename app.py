"""Innovation Everywhere: router and shared filters only. Pages live in pages/."""

import streamlit as st

from components import errors, filter_bar, state
from components.map import ensure_leaflet_static

st.set_page_config(page_title="Innovation Everywhere", layout="wide")
ensure_leaflet_static()

PAGES = [
    st.Page("pages/map.py", title="Map explorer", icon=":material/map:", url_path="map", default=True),
    st.Page("pages/divide.py", title="Divide", icon=":material/balance:", url_path="divide"),
    st.Page("pages/region.py", title="Region profile", icon=":material/location_on:", url_path="region"),
    st.Page("pages/data.py", title="Data & coverage", icon=":material/dataset:", url_path="data"),
]

with errors.guard():
    page = st.navigation(PAGES)
    state.current()
    for notice in state.notices():
        st.warning(notice, icon=":material/link:")
    filter_bar.draw_filters()
    page.run()
    state.sync_url()
