"""Share link: the full URL of the current view, with a copy button."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from components import popover
from components import state as S


def current_url(page_path: str | None = None, state: S.ViewState | None = None) -> str:
    """Absolute URL of this view, or of ``state`` (falls back to a relative link when the host is unknown)."""
    qs = S.query_string(state or S.current())
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:
        parts = urlsplit("")
    path = parts.path
    if page_path is not None:
        base = path.rsplit("/", 1)[0] if path.count("/") > 1 else ""
        path = f"{base}/{page_path}"
    if not parts.netloc:
        return f"{path or '/'}{qs}"
    return urlunsplit((parts.scheme, parts.netloc, path or "/", qs.lstrip("?"), ""))  # host/?q, not host?q


def render(label: str = "Link") -> None:
    """A "Link" popover with this view's URL, drawn when it is opened (components/popover.py)."""
    pop = popover.lazy(label, "pop_share", icon=":material/link:")
    if pop is not None:
        with pop:
            st.caption("Anyone opening this link sees exactly this view.")
            st.code(current_url(), language=None, wrap_lines=True)
