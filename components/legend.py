"""The map legend, drawn by Streamlit/Altair outside the map (a legend change never rebuilds
the map). Each class is a swatch with its label and the number of regions in it; "No data"
has its own grey swatch, and the EU reference value is stated where the source has one."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from data.views import MapView

FONT = 15


def legend_frame(view: MapView) -> pd.DataFrame:
    c = view.classes
    return pd.DataFrame({"class": c.labels, "colour": c.colours, "regions": c.counts,
                         "order": range(len(c.labels))})


def chart(view: MapView) -> alt.Chart:
    df = legend_frame(view)
    base = alt.Chart(df).encode(
        y=alt.Y("class:N", sort=list(df["class"]), title=None,
                axis=alt.Axis(labelFontSize=FONT, labelLimit=260)),
        tooltip=[alt.Tooltip("class:N", title=view.unit), alt.Tooltip("regions:Q", title="regions")],
    )
    swatch = base.mark_bar(stroke="#555", strokeWidth=0.6).encode(
        x=alt.X("regions:Q", title="regions", axis=alt.Axis(labelFontSize=FONT - 2, titleFontSize=FONT - 2)),
        color=alt.Color("class:N", scale=alt.Scale(domain=list(df["class"]), range=list(df["colour"])),
                        legend=None),
    )
    text = base.mark_text(align="left", dx=4, fontSize=FONT - 1).encode(x="regions:Q", text="regions:Q")
    return (swatch + text).properties(height=34 * len(df), title=alt.TitleParams(
        view.unit, fontSize=FONT - 1, anchor="start", fontWeight="normal"))


def render(view: MapView) -> None:
    st.markdown(f"**{view.title}**")
    st.altair_chart(chart(view), width="stretch")
    if view.eu_reference is not None:
        st.caption(f"EU reference: **{view.eu_reference:,.2f}** ({view.edition}).")
    if view.classes.note:
        st.caption(view.classes.note)
    st.caption(f"Source: {view.edition}. Coverage: {view.coverage}")
