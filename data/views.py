"""What a map view shows, computed from the joined model: values, classes, captions.

Pure and UI-free: a page passes the view settings and renders the returned :class:`MapView`
with the map and legend components.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from components import theme
from data import classify, model
from data import links as lk
from data import scope as scope_mod
from data import scores as sc

COUNT_METRICS = {
    "tier1": ("t1_regional", "Tier 1 initiatives with a regional link (site or partnership)"),
    "tier1_all": ("t1_any", "Tier 1 initiatives incl. national membership"),
    "tier2": ("t2_regional", "Tier 2 initiatives with a regional link"),
    "tier2_all": ("t2_any", "Tier 2 initiatives incl. country-level partners"),
}
PARTICIPATION_EDITION = ("Project compilation of public sources, first pass 2026-11-21, second pass 2026-12-01 "
                         "(partial member lists)")
YOUR_DATA = "your data"
YOUR_EDITION = "Your data, uploaded this session (not checked against the project's sources)"


@dataclass(frozen=True)
class MapView:
    table: pd.DataFrame  # index code; name, country, value_text, cls, colour, tip, counts...
    classes: classify.Classes
    title: str
    unit: str
    edition: str
    coverage: str
    eu_reference: float | None
    message: str | None  # set when the filters leave nothing to show
    rule: str = ""  # the link rule behind the counts, in one sentence (data.links)
    frame: tuple[str, ...] = ()  # codes the initial view frames (the regions in scope)


def _value_text(v: object, unit: str) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return "no data"
    if isinstance(v, str):
        return v
    return f"{v:,.0f}" if float(v).is_integer() and "initiative" in unit else f"{v:,.2f}"


def basis_text(basis: object, value_code: object) -> str:
    """" (parent region AT1)" when a value comes from another unit than the region, else ""."""
    if not isinstance(basis, str) or basis == "region":
        return ""
    return f" ({basis} {value_code})"


def _basis_suffix(row: pd.Series) -> str:
    return basis_text(row.get("basis"), row.get("value_code"))


def coverage_text(table: pd.DataFrame, level: int) -> str:
    cov = model.coverage(table)
    n = len(table)
    if not cov:
        return f"{n} {theme.LEVEL_NAMES[level]} shown."
    parts = [f"{cnt} {basis}" for basis, cnt in sorted(cov.items(), key=lambda kv: -kv[1])]
    return f"{n} {theme.LEVEL_NAMES[level]} shown: " + ", ".join(parts) + "."


def tooltip(row: pd.Series, value_label: str) -> str:
    """HTML for a region's tooltip; every text from data is escaped."""
    e = html.escape
    lines = [f"<b>{e(str(row['name']))}</b> ({e(str(row.name))})",
             f"{e(value_label)}: {e(str(row['value_text']))}{e(_basis_suffix(row))}",
             e(lk.tooltip_counts(row))]
    if not bool(row.get("in_scope", True)):
        lines.append(f"{e(scope_mod.OUTSIDE)}: not counted in the analysis")
    if isinstance(row.get("ris_group"), str):
        lines.append(f"RIS 2023 group: {e(row['ris_group'])}")
    if row.get("your_data") in (True,):
        lines.append(f"<i>Includes {YOUR_DATA} (uploaded this session)</i>")
    return "<br>".join(lines)


class _Row(dict):
    """A table row as a plain dict with the index value as ``.name`` (what :func:`tooltip` reads
    from a Series), ~20x cheaper to make than the Series ``DataFrame.iterrows`` builds."""

    def __init__(self, name: object, values: dict):
        super().__init__(values)
        self.name = name


_TIP_COLUMNS = ("name", "value_text", "basis", "value_code", "ris_group", "in_scope", "your_data",
                *(f"t{t}_{k}" for t in (1, 2) for k in lk.KINDS))


def tooltips(table: pd.DataFrame, value_label: str) -> list[str]:
    """:func:`tooltip` for every row of a view's table (the map builds the same text in the
    browser from the view's lookup, see data/shared.py and static/js/ie_map.js)."""
    cols = [c for c in _TIP_COLUMNS if c in table.columns]
    records = table[cols].to_dict("records")
    return [tooltip(_Row(code, rec), value_label) for code, rec in zip(table.index, records, strict=True)]


def _outside(classes: classify.Classes, in_scope: pd.Series) -> classify.Classes:
    """Regions outside the analysis scope get their own neutral class (not counted)."""
    if in_scope.all():
        return classes
    assigned = classes.assigned.where(in_scope.reindex(classes.assigned.index, fill_value=True),
                                      scope_mod.OUTSIDE)
    labels, colours = list(classes.labels), list(classes.colours)
    if scope_mod.OUTSIDE not in labels:
        labels.append(scope_mod.OUTSIDE)
        colours.append(theme.OUTSIDE_SCOPE_COLOUR)
    if classify.NO_DATA in labels and not (assigned == classify.NO_DATA).any():
        i = labels.index(classify.NO_DATA)
        del labels[i], colours[i]
    counts = tuple(int((assigned == lab).sum()) for lab in labels)
    return classify.Classes(tuple(labels), tuple(colours), assigned, counts, classes.note)


def map_view(level: int, sel: model.Selection, metric: str, year: int | None = None,
             scheme: str = "quantiles", k: int = 5, user=None) -> MapView:
    """``user``: this session's uploaded data (:class:`data.upload.UserData`) or None."""
    table = model.region_table(level, sel, metric, year, user=user).copy()
    scoped = table["in_scope"] if "in_scope" in table else pd.Series(True, index=table.index)
    if metric == "yours":
        values = table["value"]
        classes = classify.numeric(values.where(scoped), scheme, k)
        has = user is not None and not user.scores.empty
        title = f"{user.indicator} ({YOUR_DATA})" if has else f"Uploaded indicator ({YOUR_DATA})"
        unit = user.unit if has else "as uploaded"
        edition, eu_ref = YOUR_EDITION, None
    elif metric == "profile":
        values = table["profile"].astype(object)
        classes = classify.categorical(values, theme.PROFILE_COLOURS)
        title, unit, edition = "Tier profile", "category", PARTICIPATION_EDITION
        eu_ref = None
    elif metric in COUNT_METRICS:
        col, title = COUNT_METRICS[metric]
        values = table[col]
        classes = classify.numeric(values.where(scoped), scheme, k, integer=True, zero_class="0 (none recorded)")
        unit, edition, eu_ref = "initiatives (count)", PARTICIPATION_EDITION, None
    else:
        s = sc.SCORES[metric]
        values = table["value"] if "value" in table else pd.Series(dtype=float)
        if s.kind == "categorical":
            classes = classify.categorical(values.where(scoped), theme.GROUP_COLOURS)
        else:
            classes = classify.numeric(values.where(scoped), scheme, k)
        y = year if year in s.years else s.default_year
        title, unit, edition = s.title(y), s.unit, s.edition
        eu_ref = sc.eu_reference(metric, y)
    if metric in ("profile", *COUNT_METRICS) and user is not None and not user.participation.empty:
        edition = f"{edition}; with {YOUR_EDITION[0].lower()}{YOUR_EDITION[1:]}"
        title = f"{title} (incl. {YOUR_DATA})"
    classes = _outside(classes, scoped)
    table["value"] = values
    table["value_text"] = [_value_text(v, unit) for v in values]
    table["cls"] = classes.assigned.reindex(table.index)
    table["colour"] = classes.colour_of().reindex(table.index)
    message = None
    if metric == "yours" and (user is None or user.scores.empty):
        message = "No uploaded values in this session: upload a score table on the Data & coverage page."
    elif table.empty:
        message = "No region matches these filters. Widen the country or performance-group filter."
    elif metric != "profile" and metric not in COUNT_METRICS and table["value"].isna().all():
        message = f"No {title} values for the regions shown."
    elif not sel.is_default() and (table["t1_any"] + table["t2_any"]).sum() == 0 and metric in (
            "profile", *COUNT_METRICS):
        message = "No participation recorded for this selection (countries × value chains × tiers)."
    rule = lk.rule_text("any" if metric.endswith("_all") else "regional") if (
        metric == "profile" or metric in COUNT_METRICS) else ""
    if not scoped.all():
        out = table.loc[~scoped, "country"].value_counts().sort_index()
        rule = (rule + " " if rule else "") + (
            f"{int((~scoped).sum())} regions of non-EU countries ({', '.join(out.index)}) are drawn as "
            f"“{scope_mod.OUTSIDE}” and not counted; include them with the scope control.")
    frame = tuple(table.index[scoped]) if scoped.any() else tuple(table.index)
    return MapView(table, classes, title, unit, edition, coverage_text(table, level), eu_ref, message, rule, frame)
