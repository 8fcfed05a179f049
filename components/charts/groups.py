"""Bars of link shares by group (performance group, GDP band, widening status)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts import FONT, pct_axis
from data import divide

GROUP_LABELS = list(divide.GROUP_ROWS)


def group_tier_chart(shares: pd.DataFrame, title: str, subtitle: str = "", unit: str = "regions") -> alt.Chart:
    """Grouped bars: share of regions with ≥ 1 Tier 1 link and with ≥ 1 Tier 2 link, per group."""
    rows = []
    for _, r in shares[shares["n"] > 0].iterrows():
        for tier, col in (("Tier 1", "t1"), ("Tier 2", "t2")):
            if pd.isna(r[col]):
                continue
            rows.append({"group": r["group"], "tier": tier, "share": r[f"{col}_share"], "count": int(r[col]),
                         "n": int(r["n"]), "inherited": int(r["n_inherited"]), "label": f"{r[f'{col}_share']:.0%}"})
    df = pd.DataFrame(rows, columns=["group", "tier", "share", "count", "n", "inherited", "label"])
    order = list(dict.fromkeys(df["group"]))
    tiers = [t for t in theme.TIER_COLOURS if t in set(df["tier"])]
    base = alt.Chart(df).encode(
        y=alt.Y("group:N", sort=order, title=None),
        yOffset=alt.YOffset("tier:N", sort=tiers),
        x=alt.X("share:Q", scale=alt.Scale(domain=[0, 1]), axis=pct_axis(f"share of {unit} in the group")),
        tooltip=[alt.Tooltip("group:N", title="group"), alt.Tooltip("tier:N", title="tier"),
                 alt.Tooltip("count:Q", title=f"{unit} with ≥ 1 link"), alt.Tooltip("n:Q", title=f"{unit} in group"),
                 alt.Tooltip("share:Q", title="share", format=".1%"),
                 alt.Tooltip("inherited:Q", title="group taken from a larger region")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "tier:N", scale=alt.Scale(domain=tiers, range=[theme.TIER_COLOURS[t] for t in tiers]),
        legend=alt.Legend(title=None)))
    text = base.mark_text(align="left", dx=4, fontSize=FONT - 1).encode(text=alt.Text("label:N"))
    return (bars + text).properties(title=alt.TitleParams(title, subtitle=subtitle or alt.Undefined),
                                    height=alt.Step(26), width="container")


def group_profile_chart(shares: pd.DataFrame, title: str, subtitle: str = "", unit: str = "regions") -> alt.Chart:
    """100 % stacked bars: both tiers / Tier 1 only / Tier 2 only / neither, per group."""
    cols = dict(zip(divide.PROFILE, ("both", "t1_only", "t2_only", "none"), strict=True))
    rows = []
    for _, r in shares[shares["n"] > 0].iterrows():
        for i, (label, col) in enumerate(cols.items()):
            if pd.isna(r[col]):
                continue
            rows.append({"group": r["group"], "profile": label, "order": i, "share": r[f"{col}_share"],
                         "count": int(r[col]), "n": int(r["n"])})
    df = pd.DataFrame(rows, columns=["group", "profile", "order", "share", "count", "n"])
    order = list(dict.fromkeys(df["group"]))
    profiles = [p for p in divide.PROFILE if p in set(df["profile"])]
    base = alt.Chart(df).encode(
        y=alt.Y("group:N", sort=order, title=None),
        x=alt.X("share:Q", stack="zero", scale=alt.Scale(domain=[0, 1]),
                axis=pct_axis(f"share of {unit} in the group")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("group:N", title="group"), alt.Tooltip("profile:N", title="links"),
                 alt.Tooltip("count:Q", title=unit), alt.Tooltip("n:Q", title=f"{unit} in group"),
                 alt.Tooltip("share:Q", title="share", format=".1%")],
    )
    bars = base.mark_bar(stroke="white", strokeWidth=1).encode(color=alt.Color(
        "profile:N", sort=profiles,
        scale=alt.Scale(domain=profiles, range=[theme.DIVIDE_PROFILE_COLOURS[p] for p in profiles]),
        legend=alt.Legend(title=None, columns=2)))
    return bars.properties(title=alt.TitleParams(title, subtitle=subtitle or alt.Undefined),
                           height=alt.Step(44), width="container")
