"""Popovers and expanders whose content runs only while they are open.

Streamlit's lazy containers (``on_change="rerun"``): opening one reruns the app once and its
content is drawn then; closed, it costs a run one block. The download menus, the story menu and
the filter bar's "More filters" use them, so a filter change does not rebuild widgets and buttons
nobody opened. Keys start with ``pop_`` (tests open them all: tests/pages/support.open_popovers).
"""

from __future__ import annotations

import streamlit as st


def _check(key: str) -> None:
    if not key.startswith("pop_"):
        raise ValueError(f"lazy container keys start with 'pop_': {key!r}")


def lazy(label: str, key: str, icon: str = ":material/download:"):
    """The open popover (use it as a container), or None while it is closed."""
    _check(key)
    pop = st.popover(label, icon=icon, key=key, on_change="rerun")
    return pop if pop.open else None


def lazy_expander(label: str, key: str, reveal: tuple = (), where=None):
    """The open expander (use it as a container), or None while it is collapsed.

    ``reveal``: the values its content shows. When they change from outside (a shared link, a
    story step) while it is collapsed, it opens, so a filter in force is never hidden; a user who
    collapses it afterwards keeps it collapsed."""
    _check(key)
    seen = f"shown_{key}"  # not a pop_ key: tests open every pop_ key (open_popovers)
    if reveal and st.session_state.get(seen) != reveal:
        st.session_state[key] = True
    st.session_state[seen] = reveal
    exp = (where or st).expander(label, key=key, on_change="rerun")
    return exp if exp.open else None
