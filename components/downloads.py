"""Download buttons for exactly what a view shows: CSV, XLSX, map PNG and SVG.

Files are built when the button is clicked (deferred data), so a rerun never pays for them.
"""

from __future__ import annotations

import functools

import streamlit as st

from components import popover
from components import state as S
from data import exports as E
from data.views import PARTICIPATION_EDITION

PARTICIPATION_SOURCE = "Innovation Everywhere participation compilation: the public page cited on every row"
# edition and source of a participation table, for :func:`table`
PARTICIPATION = {"edition": PARTICIPATION_EDITION, "source": PARTICIPATION_SOURCE}

MAP_SOURCE = "Boundaries: Eurostat GISCO, NUTS 2021"


def map_source(view) -> str:
    return f"{view.edition}. {MAP_SOURCE}."


def _notes(view, params: dict[str, str], link: str) -> dict[str, str]:
    return {"view": view.title, "unit": view.unit, "edition": view.edition, "source": map_source(view),
            "coverage": view.coverage, "filters": E.filter_text(params),
            "link": link, "attribution": E.ATTRIBUTION}


def map_downloads(view, level: int, link: str = "") -> None:
    """A "Download" popover with the map view's table (CSV, XLSX) and image (PNG, SVG)."""
    params = S.encode(S.current())
    name = f"map {view.title} {theme_level(level)}"
    table = functools.partial(E.map_table, view, params, map_source(view), link)

    @functools.cache
    def figure():
        return E.map_figure(view, level, source=map_source(view))

    pop = popover.lazy("Download", "pop_dl_map")
    if pop is None:
        return
    with pop:
        st.caption("Exactly this view: its regions, values, classes, filters, edition and source.")
        _table_buttons(table, name, params, "dl", "map", _notes(view, params, link))
        st.download_button("Map image (PNG)", lambda: E.figure_bytes(figure(), "png"),
                           E.filename(name, params, "png"), "image/png", key="dl_png", on_click="ignore",
                           icon=":material/image:")
        st.download_button("Map image (SVG)", lambda: E.figure_bytes(figure(), "svg"),
                           E.filename(name, params, "svg"), "image/svg+xml", key="dl_svg", on_click="ignore",
                           icon=":material/draw:")


def theme_level(level: int) -> str:
    return {0: "nuts0", 1: "nuts1", 2: "nuts2", 3: "nuts3"}[level]


def chart_downloads(spec: dict, name: str, source: str, identity: str = "") -> None:
    """PNG and SVG of a chart's Vega-Lite ``spec``, with its source line (built by vl-convert on
    click). ``identity`` (the chart's caption) and ``name`` (its title) key the popover."""
    import hashlib

    key = "dl_chart_" + hashlib.sha1(f"{name}\n{identity}".encode()).hexdigest()[:12]
    pop = popover.lazy("Chart image", f"pop_{key}")
    if pop is None:
        return
    params = S.encode(S.current())
    with pop:
        st.download_button("PNG", lambda: E.chart_image(spec, "png", source), E.filename(name, params, "png"),
                           "image/png", key=f"{key}_png", on_click="ignore")
        st.download_button("SVG", lambda: E.chart_image(spec, "svg", source), E.filename(name, params, "svg"),
                           "image/svg+xml", key=f"{key}_svg", on_click="ignore")


def table(df, name: str, *, key: str, edition: str, source: str, export=None, **dataframe_args) -> None:
    """Show a table (``st.dataframe``) with a "Download table" popover: CSV and XLSX of the same rows
    (or of ``export``, e.g. the rows without their link columns) plus edition, source, filters and
    the view's link. The files are built only when a button is clicked."""
    st.dataframe(df, **dataframe_args)
    table_downloads(df if export is None else export, name, key=key, edition=edition, source=source)


def table_downloads(df, name: str, *, key: str, edition: str, source: str) -> None:
    """CSV and XLSX of a table view, with its provenance columns (:func:`data.exports.table_export`)."""
    from components import share

    pop = popover.lazy(f"Download table ({len(df)} rows)", f"pop_{key}")
    if pop is None:
        return
    params = S.encode(S.current())
    link = share.current_url()

    @functools.cache
    def frame():
        return E.table_export(df, edition=edition, source=source, params=params, link=link)

    notes = {"view": name, "edition": edition, "source": source, "filters": E.filter_text(params), "link": link}
    with pop:
        st.caption("These rows and columns, with the filters, edition and source of the view.")
        _table_buttons(frame, name, params, key, "table", notes)


def _table_buttons(frame, name: str, params: dict[str, str], key: str, sheet: str, notes: dict[str, str]) -> None:
    """"Table (CSV)" and "Table (Excel)" of ``frame()`` (built on click), keys ``<key>_csv`` / ``_xlsx``."""
    st.download_button("Table (CSV)", lambda: E.to_csv(frame()), E.filename(name, params, "csv"), "text/csv",
                       key=f"{key}_csv", on_click="ignore", icon=":material/table:")
    st.download_button("Table (Excel)", lambda: E.to_xlsx(frame(), sheet, notes), E.filename(name, params, "xlsx"),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", on_click="ignore", icon=":material/grid_on:")
