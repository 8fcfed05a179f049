"""Altair charts for the Divide page, readable on a projector.

Fonts are 14 px or more, colours come from the Okabe-Ito palette (colour-blind safe), every
mark has a tooltip. The functions take the frames built by :mod:`data.divide` and return
charts; they compute nothing that a caption would need.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from data import divide as D
from data import scores as sc

FONT = theme.CHART_FONT
TITLE = theme.CHART_TITLE
GROUP_LABELS = list(D.GROUP_ROWS)


def style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Projector-readable fonts for every axis, legend, title and header."""
    return (chart
            .configure_axis(labelFontSize=FONT, titleFontSize=FONT + 1, labelLimit=320, titleFontWeight="normal")
            .configure_legend(labelFontSize=FONT, titleFontSize=FONT, labelLimit=320, orient="bottom",
                              direction="horizontal")
            .configure_title(fontSize=TITLE, anchor="start", fontWeight="bold", subtitleFontSize=FONT)
            .configure_header(labelFontSize=FONT, titleFontSize=FONT)
            .configure_view(strokeWidth=0))


def _pct_axis(title: str) -> alt.Axis:
    return alt.Axis(format="%", title=title, tickCount=5, grid=True)


# --- 1. performance groups --------------------------------------------------------------------


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
    order = [g for g in GROUP_LABELS if g in set(df["group"])]
    tiers = [t for t in theme.TIER_COLOURS if t in set(df["tier"])]
    base = alt.Chart(df).encode(
        y=alt.Y("group:N", sort=order, title=None),
        yOffset=alt.YOffset("tier:N", sort=tiers),
        x=alt.X("share:Q", scale=alt.Scale(domain=[0, 1]), axis=_pct_axis(f"share of {unit} in the group")),
        tooltip=[alt.Tooltip("group:N", title="group"), alt.Tooltip("tier:N", title="tier"),
                 alt.Tooltip("count:Q", title=f"{unit} with ≥ 1 link"), alt.Tooltip("n:Q", title=f"{unit} in group"),
                 alt.Tooltip("share:Q", title="share", format=".1%"),
                 alt.Tooltip("inherited:Q", title="group taken from a larger region")],
    )
    bars = base.mark_bar().encode(color=alt.Color(
        "tier:N", scale=alt.Scale(domain=tiers, range=[theme.TIER_COLOURS[t] for t in tiers]),
        legend=alt.Legend(title=None)))
    text = base.mark_text(align="left", dx=4, fontSize=FONT - 1).encode(text="label:N")
    return (bars + text).properties(title=alt.TitleParams(title, subtitle=subtitle or alt.Undefined),
                                    height=alt.Step(26), width="container")


def group_profile_chart(shares: pd.DataFrame, title: str, subtitle: str = "", unit: str = "regions") -> alt.Chart:
    """100 % stacked bars: both tiers / Tier 1 only / Tier 2 only / neither, per group."""
    cols = dict(zip(D.PROFILE, ("both", "t1_only", "t2_only", "none"), strict=True))
    rows = []
    for _, r in shares[shares["n"] > 0].iterrows():
        for i, (label, col) in enumerate(cols.items()):
            if pd.isna(r[col]):
                continue
            rows.append({"group": r["group"], "profile": label, "order": i, "share": r[f"{col}_share"],
                         "count": int(r[col]), "n": int(r["n"])})
    df = pd.DataFrame(rows, columns=["group", "profile", "order", "share", "count", "n"])
    order = [g for g in GROUP_LABELS if g in set(df["group"])]
    profiles = [p for p in D.PROFILE if p in set(df["profile"])]
    base = alt.Chart(df).encode(
        y=alt.Y("group:N", sort=order, title=None),
        x=alt.X("share:Q", stack="zero", scale=alt.Scale(domain=[0, 1]),
                axis=_pct_axis(f"share of {unit} in the group")),
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


# --- 2. country divide ------------------------------------------------------------------------


def label_positions(x: pd.Series, y: pd.Series, near: float = 0.06) -> list[str]:
    """'above' or 'below' per point: a label goes below when the previous point (by x) on
    nearly the same height is closer than ``near`` of the x range, so neighbours don't overlap."""
    xr = float(x.max() - x.min()) or 1.0
    yr = float(y.max() - y.min()) or 1.0
    pos = pd.Series("above", index=x.index)
    last: list[tuple[float, float, str]] = []
    for i in x.sort_values(kind="stable").index:
        xi, yi = float(x[i]), float(y[i])
        clash = [p for (xj, yj, p) in last if abs(xi - xj) < near * xr and abs(yi - yj) < 0.08 * yr]
        if clash and clash[-1] == "above":
            pos[i] = "below"
        last.append((xi, yi, pos[i]))
    return list(pos)


def divide_scatter(table: pd.DataFrame, x: str, y: str, fit: D.Fit, x_title: str, y_title: str,
                   title: str) -> alt.LayerChart:
    """Countries as labelled points coloured by EIS group, with the least-squares line."""
    df = table.reset_index().rename(columns={"index": "country"})
    df = df[df[x].notna() & df[y].notna()].copy()
    df["selected"] = df["selected"].map({True: "selected", False: "other"})
    groups = [g for g in sc.GROUPS if g in set(df["eis_group"])]
    tip = [alt.Tooltip("name:N", title="country"), alt.Tooltip("country:N", title="code"),
           alt.Tooltip(f"{x}:Q", title=x_title, format=",.2f" if x == "sii" else ",.0f"),
           alt.Tooltip(f"{y}:Q", title=y_title, format=",.2f" if y == "sii" else ",.0f"),
           alt.Tooltip("eis_group:N", title="EIS 2023 group")]
    def axis(col: str) -> alt.Axis:
        return alt.Axis(format="d", tickMinStep=1) if col != "sii" else alt.Axis()

    base = alt.Chart(df).encode(
        x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(zero=x != "sii", nice=True), axis=axis(x)),
        y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(zero=y != "sii", nice=True), axis=axis(y)),
        tooltip=tip,
    )
    points = base.mark_circle(opacity=0.9, stroke="#222", strokeWidth=0.8).encode(
        color=alt.Color("eis_group:N", sort=groups,
                        scale=alt.Scale(domain=groups, range=[theme.GROUP_COLOURS[g] for g in groups]),
                        legend=alt.Legend(title="EIS 2023 group")),
        size=alt.Size("selected:N", scale=alt.Scale(domain=["other", "selected"], range=[140, 420]), legend=None),
    )
    # one label per position: countries on the same point share it ("CY, LV")
    lab = (df.groupby([x, y], sort=False)
           .agg(label=("country", ", ".join), selected=("selected", lambda v: "selected" if (v == "selected").any()
                                                        else "other"))
           .reset_index())
    lab["label_pos"] = label_positions(lab[x], lab[y]) if len(lab) else []
    lab_base = alt.Chart(lab).encode(x=f"{x}:Q", y=f"{y}:Q", tooltip=[alt.Tooltip("label:N", title="countries")])
    labels = [lab_base.transform_filter((alt.datum.selected == sel) & (alt.datum.label_pos == pos)).mark_text(
        align="left", dx=9 if sel == "other" else 12, dy=dy, fontSize=FONT - 1 if sel == "other" else FONT + 2,
        fontWeight="normal" if sel == "other" else "bold").encode(text="label:N")
        for sel in ("other", "selected") for pos, dy in (("above", -7), ("below", 12))]
    layers = [points, *labels]
    if pd.notna(fit.slope) and len(df):
        lo, hi = float(df[x].min()), float(df[x].max())
        line = pd.DataFrame({x: [lo, hi], y: [fit.intercept + fit.slope * lo, fit.intercept + fit.slope * hi],
                             "fit": [f"y = {fit.slope:.3g}·x + {fit.intercept:.3g} ({fit.text()})"] * 2})
        layers.insert(0, alt.Chart(line).mark_line(color="#555", strokeDash=[6, 4], strokeWidth=2).encode(
            x=f"{x}:Q", y=f"{y}:Q", tooltip=[alt.Tooltip("fit:N", title="least-squares line")]))
    return alt.layer(*layers).properties(
        title=alt.TitleParams(title, subtitle=[f"Pearson {fit.text()}" + (f", p = {fit.p:.2g}" if pd.notna(fit.p)
                                                                          else "")]),
        height=420, width="container")


# --- 3. concentration -------------------------------------------------------------------------


def lorenz_chart(cons: list[D.Concentration], unit: str) -> alt.LayerChart:
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
        x="units_share:Q", y="value_share:Q", tooltip=[alt.Tooltip("what:N", title="line")])
    curves = alt.Chart(df).mark_line(strokeWidth=3).encode(
        x=alt.X("units_share:Q", axis=_pct_axis(f"cumulative share of {unit}, fewest links first"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("value_share:Q", axis=_pct_axis("cumulative share of links"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("tier:N", sort=names, scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("tier:N", title="tier"),
                 alt.Tooltip("units_share:Q", title=f"share of {unit}", format=".1%"),
                 alt.Tooltip("value_share:Q", title="share of links", format=".1%")],
    )
    return alt.layer(diag, curves).properties(title="Lorenz curves of links per unit", height=380,
                                              width="container")


# --- 5. peers ---------------------------------------------------------------------------------

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
            x=alt.X("x:Q", title=short_unit), text="value_text:N",
            color=alt.condition("isValid(datum.value)", alt.value("#222"), alt.value("#777")))
        panels.append(alt.layer(bars, text).properties(
            title=alt.TitleParams(D.PEER_SHORT.get(measure, measure), fontSize=FONT + 1),
            width=panel_width, height=alt.Step(36)))
    return alt.hconcat(*panels, spacing=46)


def peer_participation_chart(long: pd.DataFrame) -> alt.Chart:
    """Grouped bars: Tier 1 / Tier 2 initiatives per peer, regional vs national-only links."""
    cols = [c for c in theme.PARTICIPATION_COLOURS if D.PEER_MEASURES[c][0] in set(long["measure"])]
    labels = [D.PEER_MEASURES[c][0] for c in cols]
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
    text = base.mark_text(align="left", dx=3, fontSize=FONT - 1).encode(text="value_text:N")
    return (bars + text).properties(title="Initiatives linked (filters applied)", height=alt.Step(19),
                                    width="container")
