"""A friendly "not found" for an unknown id or code in a deep link, with close matches."""

from __future__ import annotations

import streamlit as st

from components import search_box
from components.text import md
from data import search


def render(what: str, raw: tuple[str, ...], kinds: tuple[str, ...]) -> bool:
    """Say which values of the link matched nothing and offer the nearest entries; True if any."""
    for value in raw:
        st.warning(f"No {what} “{md(value)}” in the data.", icon=":material/search_off:")  # URL text: literal
        near = search.close_matches(search.default_index(), value, kinds=kinds)
        if len(near):
            st.markdown("Did you mean:")
            search_box.links(near)
    return bool(raw)
