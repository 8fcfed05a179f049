"""Popovers whose content runs only while they are open.

Streamlit's lazy popover (``on_change="rerun"``): opening one reruns the app once and its content
is drawn then; closed, it costs a run one button. The download menus and the story menu use it,
so a filter change does not rebuild a dozen buttons nobody opened. Keys start with ``pop_``.
"""

from __future__ import annotations

import streamlit as st


def lazy(label: str, key: str, icon: str = ":material/download:"):
    """The open popover (use it as a container), or None while it is closed."""
    if not key.startswith("pop_"):
        raise ValueError(f"popover keys start with 'pop_': {key!r}")
    pop = st.popover(label, icon=icon, key=key, on_change="rerun")
    return pop if pop.open else None
