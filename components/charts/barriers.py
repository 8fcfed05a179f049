"""Barrier charts: a region's indicator scores against its references; indicators that
separate two sets of regions."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts import FONT

REFERENCES = {  # column -> (legend label, colour, mark)
    "region": ("this region", "#111111"),
    "group": ("group median", theme.OKABE_ITO["orange"]),
    "country": ("country median", theme.OKABE_ITO["blue"]),
    "eu": ("EU", "#888888"),
}


def profile_chart(table: pd.DataFrame, title: str) -> alt.LayerChart:
    """One row per indicator (weakest relative to the group at the top): the region's score as a
    dot, the group median, country median and EU as ticks, on the EU27 2016 = 100 scale."""
    order = list(table.sort_values(["vs_group", "indicator"], na_position="last")["indicator"])
    long = table.melt(id_vars=["indicator", "vs_group"], value_vars=list(REFERENCES), var_name="ref",
                      value_name="score").dropna(subset=["score"])
    long["reference"] = long["ref"].map({k: v[0] for k, v in REFERENCES.items()})
    refs = [v[0] for v in REFERENCES.values()]
    scale = alt.Scale(domain=refs, range=[v[1] for v in REFERENCES.values()])
    colour = alt.Color("reference:N", sort=refs, scale=scale, legend=alt.Legend(title=None))
    base = alt.Chart(long).encode(
        y=alt.Y("indicator:N", sort=order, title=None, axis=alt.Axis(labelLimit=380)),
        x=alt.X("score:Q", title="score (EU27 in 2016 = 100)", scale=alt.Scale(zero=False, nice=True)),
        tooltip=[alt.Tooltip("indicator:N"), alt.Tooltip("reference:N"), alt.Tooltip("score:Q", format=".1f"),
                 alt.Tooltip("vs_group:Q", title="region minus group median", format="+.1f")])
    rule = alt.Chart(pd.DataFrame({"x": [100.0]})).mark_rule(color="#bbbbbb", strokeDash=[3, 3]).encode(x=alt.X("x:Q"))
    ticks = base.transform_filter(alt.datum.ref != "region").mark_tick(thickness=3, size=18).encode(color=colour)
    dots = base.transform_filter(alt.datum.ref == "region").mark_circle(size=150, opacity=1).encode(color=colour)
    return alt.layer(rule, ticks, dots).properties(title=title, height=alt.Step(24), width="container")


def separation_chart(sep: pd.DataFrame, a: str, b: str, title: str, n: int = 10) -> alt.Chart:
    """Bars of the standardised difference (Cohen's d) for the ``n`` most separating indicators."""
    top = sep.dropna(subset=["effect"]).head(n).copy()
    top["higher in"] = top["effect"].map(lambda d: a if d > 0 else b)
    order = list(top["indicator"])
    dom = [a, b]
    return alt.Chart(top).mark_bar().encode(
        y=alt.Y("indicator:N", sort=order, title=None, axis=alt.Axis(labelLimit=300)),
        x=alt.X("effect:Q", title=f"Cohen's d ({a} minus {b})"),
        color=alt.Color("higher in:N", scale=alt.Scale(domain=dom, range=[theme.OKABE_ITO["blue"],
                                                                          theme.OKABE_ITO["vermillion"]]),
                        legend=alt.Legend(title="higher in")),
        tooltip=[alt.Tooltip("indicator:N"), alt.Tooltip("median_a:Q", title=f"median, {a}", format=".1f"),
                 alt.Tooltip("median_b:Q", title=f"median, {b}", format=".1f"),
                 alt.Tooltip("n_a:Q", title=f"units, {a}"), alt.Tooltip("n_b:Q", title=f"units, {b}"),
                 alt.Tooltip("effect:Q", title="Cohen's d", format=".2f")],
    ).properties(title=alt.TitleParams(title, fontSize=FONT + 2), height=alt.Step(26), width="container")
