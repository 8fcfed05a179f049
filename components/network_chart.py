"""The node-link view of the value-chain network (altair), laid out by networkx (data/network.py)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.place_map import EDGE_COLOURS
from data import cache, model, network

HEIGHT = 560
LABELS = 25  # label the places with the highest strength


def edge_frame(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """One row per edge with both ends' layout coordinates and names (for rule marks)."""
    e = edges.copy()
    for end in ("a", "b"):
        pos = nodes.loc[e[end], ["x", "y", "name"]].set_axis([f"x_{end}", f"y_{end}", f"name_{end}"], axis=1)
        e = pd.concat([e.reset_index(drop=True), pos.reset_index(drop=True)], axis=1)
    e["pair"] = e["name_a"] + " – " + e["name_b"]
    return e.drop(columns="initiatives")


def chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
    scale = alt.Scale(domain=list(EDGE_COLOURS), range=list(EDGE_COLOURS.values()))
    e = edge_frame(nodes, edges)
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    lines = alt.Chart(e).mark_rule(opacity=0.45).encode(
        x=alt.X("x_a:Q", axis=axis), y=alt.Y("y_a:Q", axis=axis), x2=alt.X2("x_b:Q"), y2=alt.Y2("y_b:Q"),
        color=alt.Color("tier_class:N", scale=scale, title="Shared initiatives of",
                        legend=alt.Legend(orient="top")),
        strokeWidth=alt.StrokeWidth("weight:Q", scale=alt.Scale(range=[0.6, 6]), title="Shared initiatives"),
        tooltip=[alt.Tooltip("pair:N", title="places"), alt.Tooltip("weight:Q", title="shared"),
                 alt.Tooltip("t1:Q", title="Tier 1"), alt.Tooltip("t2:Q", title="Tier 2")],
    )
    n = nodes.reset_index()
    n["label"] = n["name"].where(n["strength"].rank(ascending=False, method="first") <= LABELS, "")
    points = alt.Chart(n).mark_circle(stroke="#222222", strokeWidth=1, color="#ffffff", opacity=1).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), size=alt.Size("strength:Q", scale=alt.Scale(range=[30, 600]), legend=None),
        tooltip=[alt.Tooltip("name:N"), alt.Tooltip("place:N", title="code"), alt.Tooltip("partners:Q"),
                 alt.Tooltip("strength:Q"), alt.Tooltip("betweenness:Q", format=".3f"),
                 alt.Tooltip("initiatives:Q"), alt.Tooltip("chains:Q", title="value chains")],
    )
    text = alt.Chart(n).mark_text(dy=-12, fontSize=13, color=theme.MUTED_TEXT).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N"))
    return (lines + points + text).properties(height=HEIGHT).configure_view(strokeWidth=0)\
        .configure_legend(labelFontSize=theme.CHART_FONT, titleFontSize=theme.CHART_FONT)


@cache.resource(max_entries=32)
def spec(sel: model.Selection, level: int) -> dict:
    """The chart of the network of (``sel``, ``level``) as a Vega-Lite dict, built once per view
    per process: altair's validation of the ~1 000-link NUTS 2 chart costs ~0.5-1 s per run.
    Treat as read-only (Streamlit serialises it, it does not change it)."""
    net = network.network(sel, level)
    return chart(net.nodes, net.edges).to_dict()
