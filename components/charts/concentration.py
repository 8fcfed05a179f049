"""Lorenz curves of links per unit."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts import pct_axis
from data.concentration import Concentration


def lorenz_chart(cons: list[Concentration], unit: str) -> alt.LayerChart:
    """Lorenz curve per tier with the equality diagonal."""
    frames = []
    for c in cons:
        if c.curve.empty:
            continue
        f = c.curve.copy()
        f["tier"] = f"Tier {c.tier} (Gini {c.gini:.2f})"
        f["tier_key"] = f"Tier {c.tier}"
        frames.append(f)
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["units_share", "value_share", "tier", "tier_key"])
    names = list(dict.fromkeys(df["tier"]))
    colours = [theme.TIER_COLOURS[k] for k in dict.fromkeys(df["tier_key"])]
    diag = alt.Chart(pd.DataFrame({"units_share": [0.0, 1.0], "value_share": [0.0, 1.0],
                                   "what": ["perfect equality"] * 2})).mark_line(
        color="#777", strokeDash=[4, 4], strokeWidth=1.5).encode(
        x=alt.X("units_share:Q"), y=alt.Y("value_share:Q"), tooltip=[alt.Tooltip("what:N", title="line")])
    curves = alt.Chart(df).mark_line(strokeWidth=3).encode(
        x=alt.X("units_share:Q", axis=pct_axis(f"cumulative share of {unit}, fewest links first"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("value_share:Q", axis=pct_axis("cumulative share of links"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("tier:N", sort=names, scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("tier:N", title="tier"),
                 alt.Tooltip("units_share:Q", title=f"share of {unit}", format=".1%"),
                 alt.Tooltip("value_share:Q", title="share of links", format=".1%")],
    )
    return alt.layer(diag, curves).properties(title="Lorenz curves of links per unit", height=380,
                                              width="container")
