"""Scatter plots: countries (IPCEIs vs SII) and regions (score vs links), with the fit."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components import theme
from components.charts import FONT
from data import divide
from data import scores as score_tables


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


def divide_scatter(table: pd.DataFrame, x: str, y: str, fit: divide.Fit, x_title: str, y_title: str,
                   title: str) -> alt.LayerChart:
    """Countries as labelled points coloured by EIS group, with the least-squares line."""
    df = table.reset_index().rename(columns={"index": "country"})
    df = df[df[x].notna() & df[y].notna()].copy()
    df["selected"] = df["selected"].map({True: "selected", False: "other"})
    groups = [g for g in score_tables.GROUPS if g in set(df["eis_group"])]
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
    lab_base = alt.Chart(lab).encode(x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"),
                                     tooltip=[alt.Tooltip("label:N", title="countries")])
    labels = [lab_base.transform_filter((alt.datum.selected == sel) & (alt.datum.label_pos == pos)).mark_text(
        align="left", dx=9 if sel == "other" else 12, dy=dy, fontSize=FONT - 1 if sel == "other" else FONT + 2,
        fontWeight="normal" if sel == "other" else "bold").encode(text=alt.Text("label:N"))
        for sel in ("other", "selected") for pos, dy in (("above", -7), ("below", 12))]
    layers = [points, *labels]
    if pd.notna(fit.slope) and len(df):
        lo, hi = float(df[x].min()), float(df[x].max())
        line = pd.DataFrame({x: [lo, hi], y: [fit.intercept + fit.slope * lo, fit.intercept + fit.slope * hi],
                             "fit": [f"y = {fit.slope:.3g}·x + {fit.intercept:.3g} ({fit.text()})"] * 2})
        layers.insert(0, alt.Chart(line).mark_line(color="#555", strokeDash=[6, 4], strokeWidth=2).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), tooltip=[alt.Tooltip("fit:N", title="least-squares line")]))
    return alt.layer(*layers).properties(
        title=alt.TitleParams(title, subtitle=[f"Pearson {fit.text()}" + (f", p = {fit.p:.2g}" if pd.notna(fit.p)
                                                                          else "")]),
        height=420, width="container")


def region_scatter_chart(sc: divide.RegionScatter, x_title: str, y_title: str, title: str) -> alt.LayerChart:
    """Regions as points coloured by RIS 2023 group, least-squares line, outliers labelled."""
    df = sc.frame.copy()
    groups = [g for g in (*score_tables.GROUPS, divide.NO_GROUP) if g in set(df["group"])]
    colours = {**theme.GROUP_COLOURS, divide.NO_GROUP: theme.NO_DATA_COLOUR}
    tip = [alt.Tooltip("name:N", title="region"), alt.Tooltip("code:N", title="code"),
           alt.Tooltip("x:Q", title=x_title, format=",.2f"), alt.Tooltip("y:Q", title=y_title, format=",.0f"),
           alt.Tooltip("group:N", title="RIS 2023 group")]
    base = alt.Chart(df).encode(
        x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, nice=True)),
        y=alt.Y("y:Q", title=y_title, axis=alt.Axis(format="d", tickMinStep=1)), tooltip=tip)
    points = base.mark_circle(size=110, opacity=0.85, stroke="#222", strokeWidth=0.6).encode(
        color=alt.Color("group:N", sort=groups, scale=alt.Scale(domain=groups, range=[colours[g] for g in groups]),
                        legend=alt.Legend(title="RIS 2023 group", columns=2)))
    # outliers on the same spot share one label ("BE32, BE33"); neighbours go above / below
    lab = (df[df["outlier"]].groupby(["x", "y"], sort=False)["code"].agg(", ".join).reset_index()
           .rename(columns={"code": "label"}))
    lab["pos"] = label_positions(lab["x"], lab["y"]) if len(lab) else []
    labels = [alt.Chart(lab).transform_filter(alt.datum.pos == pos).mark_text(
        align="left", dx=8, dy=dy, fontSize=FONT - 1).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N"))
        for pos, dy in (("above", -8), ("below", 12))]
    layers = [points, *labels]
    f = sc.fit
    if pd.notna(f.slope) and len(df):
        lo, hi = float(df["x"].min()), float(df["x"].max())
        line = pd.DataFrame({"x": [lo, hi], "y": [f.intercept + f.slope * lo, f.intercept + f.slope * hi],
                             "fit": [f"y = {f.slope:.3g}·x + {f.intercept:.3g} ({f.text()})"] * 2})
        layers.insert(0, alt.Chart(line).mark_line(color="#555", strokeDash=[6, 4], strokeWidth=2).encode(
            x=alt.X("x:Q"), y=alt.Y("y:Q"), tooltip=[alt.Tooltip("fit:N", title="least-squares line")]))
    return alt.layer(*layers).properties(title=alt.TitleParams(title, subtitle=[f"Pearson {f.full()}"]),
                                         height=380, width="container")
