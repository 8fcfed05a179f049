"""Peer comparison charts: scores side by side and links per peer."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts import FONT
from data import peers


def _peer_tooltip(unit: str) -> list[alt.Tooltip]:
    return [alt.Tooltip("region:N", title="region"), alt.Tooltip("measure:N", title="measure"),
            alt.Tooltip("value_text:N", title=unit), alt.Tooltip("basis:N", title="value from")]


def peer_scores_chart(long: pd.DataFrame, measures: list[str], panel_width: int = 200) -> alt.HConcatChart:
    """The peers' scores side by side, one panel per score (own scale), region names once.

    A missing value is written "no data" at 0, never drawn as a bar."""
    regions = list(dict.fromkeys(long["region"]))
    panels = []
    for i, measure in enumerate(measures):
        sub = long[long["measure"] == measure].copy()
        unit = sub["unit"].iloc[0] if len(sub) else ""
        short_unit = unit.split(",")[0].split(" (")[0]
        sub["x"] = sub["value"].fillna(0.0)
        y = alt.Y("region:N", sort=regions, title=None,
                  axis=alt.Axis(labelLimit=260) if i == 0 else None)
        base = alt.Chart(sub).encode(y=y, tooltip=_peer_tooltip(unit))
        bars = base.transform_filter("isValid(datum.value)").mark_bar(color=theme.SCORE_BAR).encode(
            x=alt.X("value:Q", title=short_unit, axis=alt.Axis(tickCount=3)))
        text = base.mark_text(align="left", dx=4, fontSize=FONT).encode(
            x=alt.X("x:Q", title=short_unit), text=alt.Text("value_text:N"),
            color=alt.condition("isValid(datum.value)", alt.value("#222"), alt.value("#777")))
        panels.append(alt.layer(bars, text).properties(
            title=alt.TitleParams(peers.PEER_SHORT.get(measure, measure), fontSize=FONT + 1),
            width=panel_width, height=alt.Step(36)))
    return alt.hconcat(*panels, spacing=46)


def peer_participation_chart(long: pd.DataFrame) -> alt.Chart:
    """Grouped bars: Tier 1 / Tier 2 initiatives per peer, regional vs national-only links."""
    cols = [c for c in theme.PARTICIPATION_COLOURS if peers.PEER_MEASURES[c][0] in set(long["measure"])]
    labels = [peers.PEER_MEASURES[c][0] for c in cols]
    sub = long[long["measure"].isin(labels)]
    regions = list(dict.fromkeys(sub["region"]))
    base = alt.Chart(sub).encode(
        y=alt.Y("region:N", sort=regions, title=None),
        yOffset=alt.YOffset("measure:N", sort=labels),
        x=alt.X("value:Q", title="initiatives", axis=alt.Axis(tickMinStep=1)),
        tooltip=_peer_tooltip("initiatives"),
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "measure:N", sort=labels, scale=alt.Scale(domain=labels, range=[theme.PARTICIPATION_COLOURS[c] for c in cols]),
        legend=alt.Legend(title=None, columns=2)))
    text = base.mark_text(align="left", dx=3, fontSize=FONT - 1).encode(text=alt.Text("value_text:N"))
    return (bars + text).properties(title="Initiatives linked (filters applied)", height=alt.Step(19),
                                    width="container")
