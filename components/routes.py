"""The router's pages: the one list of routes (file, title, icon, URL path) that app.py hands to
``st.navigation``.

Built once per process (st.Page looks its file up on disk each time it is made) and copied for
every run: st.navigation marks the chosen copy runnable, so sessions never share that flag.
Each URL path has its first-request shim pages/<url_path>.py (components/deeplink.py).
"""

from __future__ import annotations

import copy

import streamlit as st

from data import cache


@cache.resource
def _built() -> tuple[st.Page, ...]:
    return (
        st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="home", default=True),
        st.Page("pages/divide_view.py", title="Divide", icon=":material/balance:", url_path="divide"),
        st.Page("pages/region_profile.py", title="Region profile", icon=":material/location_on:", url_path="region"),
        st.Page("pages/initiative_profile.py", title="Initiative profile", icon=":material/hub:",
                url_path="initiative"),
        st.Page("pages/value_chain_network.py", title="Value-chain network", icon=":material/share:",
                url_path="network"),
        st.Page("pages/connection_finder.py", title="Tier 1 connections", icon=":material/conversion_path:",
                url_path="connections"),
        st.Page("pages/data_coverage.py", title="Data & coverage", icon=":material/dataset:", url_path="data"),
        # The default page is served at "/" only (Streamlit ignores its url_path), so "/map" links, which
        # the README and shared views use, would answer "Page not found": a hidden page keeps them working.
        st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:", url_path="map",
                visibility="hidden"),
    )


def pages() -> list[st.Page]:
    """This run's pages (copies of the built ones), default page first."""
    return [copy.copy(p) for p in _built()]
