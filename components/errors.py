"""Turn failures the user can fix into clear messages instead of tracebacks."""

from __future__ import annotations

import contextlib

import streamlit as st

from data import sources
from geo.nuts import GeoStructureError


@contextlib.contextmanager
def guard():
    """Show missing-data and broken-file errors as a message naming the file and the fix; what
    comes after the failing block (the page's other parts, other pages) keeps working."""
    bar = None

    def progress(name: str, done: int, total: int | None) -> None:
        nonlocal bar
        if bar is None:
            bar = st.progress(0.0, text=f"Downloading {name} (first run only)…")
        frac = min(done / total, 1.0) if total else 0.0
        bar.progress(frac, text=f"Downloading {name}: {done / 1e6:.1f} MB")

    token = sources.progress_hook.set(progress)
    try:
        yield
    except sources.DataUnavailable as exc:
        st.error("**A data file is missing.**\n\n" + str(exc).replace("\n", "  \n"), icon=":material/warning:")
    except GeoStructureError as exc:
        st.error(f"**A geometry file is not the expected GISCO NUTS 2021 file.** {exc}", icon=":material/warning:")
    finally:
        sources.progress_hook.reset(token)
        if bar is not None:
            bar.empty()


def show_degraded(slot) -> None:
    """Fill ``slot`` (an st.empty made above the page) with one notice listing every committed
    table that is missing or broken: the rest of the app keeps working without it."""
    from data.tables import degraded_notices

    lines = degraded_notices()
    if lines:
        slot.warning("**Part of the data is switched off.**  \n" + "  \n".join(lines), icon=":material/warning:")
