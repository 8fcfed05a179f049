"""The map legend, drawn by Streamlit outside the map, so a legend change never rebuilds the
map. Each class is a swatch with its label and the number of regions in it. "No data" has its
own grey, dashed swatch. The EU reference value is stated where the source has one."""

from __future__ import annotations

import html

import streamlit as st

from components import theme
from data.classify import NO_DATA
from data.views import MapView


def legend_html(view: MapView) -> str:
    c = view.classes
    rows = []
    for label, colour, n in zip(c.labels, c.colours, c.counts, strict=True):
        border = theme.LEGEND_BORDER_NO_DATA if label == NO_DATA else theme.LEGEND_BORDER
        rows.append(
            '<div class="ie-legend-row" style="display:flex;align-items:center;gap:.5rem;margin:.15rem 0">'
            f'<span style="display:inline-block;width:1.6rem;height:1.1rem;background:{colour};border:{border}"></span>'
            f'<span style="flex:1">{html.escape(label)}</span>'
            f'<span style="color:{theme.MUTED_TEXT};font-variant-numeric:tabular-nums">{n}</span></div>'
        )
    unit = html.escape(view.unit)
    return (f'<div class="ie-legend" style="font-size:1rem;line-height:1.35">'
            f'<div style="color:{theme.MUTED_TEXT};font-size:.85rem;margin-bottom:.2rem">{unit} · regions</div>'
            + "".join(rows) + "</div>")


def render(view: MapView) -> None:
    # one element: the title (escaped, uploaded names stay text) and the classes
    st.html(f'<div class="ie-legend-title"><b>{html.escape(view.title)}</b></div>' + legend_html(view))
    if view.eu_reference is not None:
        st.caption(f"EU reference: **{view.eu_reference:,.2f}** ({view.edition}).")
    if view.classes.note:
        st.caption(view.classes.note)
    if NO_DATA in view.classes.labels:
        st.caption("No data: the source publishes no value for this unit or any unit containing it. "
                   "Values of smaller units are never averaged up.")
    st.caption(f"Source: {view.edition}. Coverage: {view.coverage}")
