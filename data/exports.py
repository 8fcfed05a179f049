"""Downloads of exactly what a view shows: tables as CSV / XLSX, the map as PNG / SVG.

Pure functions (no Streamlit). A table export is the frame behind the view plus the columns a
reader needs to trust it (filters as a link, edition, source, coverage, "your data" flag); text
cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection: a leading
``= + - @``, tab or carriage return gets a leading apostrophe). The static map follows
Eurostat's layout rules for statistical maps: title, legend with units and the no-data class,
source line and "© EuroGeographics for the administrative boundaries", drawn server-side with
matplotlib from the same NUTS 2021 geometry the web map uses, in the ETRS89-LAEA projection
(EPSG:3035) Eurostat uses for European maps.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd

from data.classify import NO_DATA

ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# what a map export carries, in order (present columns only)
MAP_COLUMNS = {
    "name": "region_name", "country": "country", "value": "value", "value_text": "value_shown",
    "cls": "map_class", "basis": "value_basis", "value_code": "value_from_code", "value_year": "value_year",
    "t1_regional": "tier1_regional", "t1_national": "tier1_national",
    "t2_regional": "tier2_regional", "t2_national": "tier2_national",
    # link kinds of data.links: in the region, via a parent region, associated (never membership)
    "t1_direct": "tier1_in_region", "t1_parent": "tier1_via_parent", "t1_associated": "tier1_associated",
    "t2_direct": "tier2_in_region", "t2_parent": "tier2_via_parent", "t2_associated": "tier2_associated",
    "in_scope": "in_scope", "profile": "tier_profile",
    "ris_group": "ris2023_group", "your_data": "your_data",
}
# Europe in EPSG:3035 (x min, x max, y min, y max): mainland, Iceland, Cyprus, Canaries in an inset
EUROPE_3035 = (2_500_000, 7_400_000, 1_350_000, 5_450_000)


def safe_cell(v: object) -> object:
    """A spreadsheet-safe value: text starting with = + - @ tab or CR is prefixed with an apostrophe."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [safe_cell(str(c)) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(safe_cell)
    return out


def slugify(text: str, n: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return s[:n].strip("-") or "view"


def filename(view_name: str, params: Mapping[str, str], ext: str) -> str:
    """File name after the view: ``<view>_<param-value>...<ext>``, e.g. ``map-tier-profile_country-pl.csv``."""
    parts = [slugify(view_name)]
    for k, v in sorted(params.items()):
        if k in ("present", "story", "step", "links", "embed", "embed_options"):
            continue
        parts.append(slugify(f"{k}-{v}", 30))
    base = "_".join(parts)[:120].rstrip("_-")
    return f"{base}.{ext.lstrip('.')}"


def map_table(view, params: Mapping[str, str], source: str, link: str = "") -> pd.DataFrame:
    """The frame behind a map view, one row per region shown, with provenance columns."""
    t = view.table
    cols = {c: new for c, new in MAP_COLUMNS.items() if c in t.columns}
    out = t[list(cols)].rename(columns=cols).copy()
    out.insert(0, "nuts_code", t.index.astype(str))
    out = out.reset_index(drop=True)
    if "map_class" in out:
        out["map_class"] = out["map_class"].astype(object)
    if "tier_profile" in out:
        out["tier_profile"] = out["tier_profile"].astype(object)
    if "your_data" not in out:
        out["your_data"] = False
    out["indicator"] = view.title
    out["unit"] = view.unit
    out["edition"] = view.edition
    out["source"] = source
    out["coverage"] = view.coverage
    if getattr(view, "rule", ""):
        out["link_rule"] = view.rule
    out["filters"] = filter_text(params)
    if link:
        out["view_link"] = link
    return out


def filter_text(params: Mapping[str, str]) -> str:
    """The view's URL parameters as one cell, ``country=PL&chain=hydrogen`` (``(none)`` for the default)."""
    return "&".join(f"{k}={v}" for k, v in sorted(params.items())) or "(none)"


def table_export(df: pd.DataFrame, *, edition: str, source: str, params: Mapping[str, str],
                 link: str = "") -> pd.DataFrame:
    """A table view as downloaded: its rows and columns (a labelled index becomes a column) plus
    ``edition``, ``source``, ``filters`` and ``view_link``. A table that already has a column of that
    name (e.g. a per-row edition or source URL) keeps it; the view's value goes to ``view_<name>``."""
    out = df.copy()
    if not isinstance(out.index, pd.RangeIndex) or out.index.name is not None:
        out = out.reset_index()
    out = out.reset_index(drop=True)
    out.columns = [str(c) for c in out.columns]
    for col, value in (("edition", edition), ("source", source), ("filters", filter_text(params)),
                       ("view_link", link)):
        if value:
            out[col if col not in out.columns else f"view_{col}"] = value
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens it with the right accents), formula-safe."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str = "view", notes: Mapping[str, str] | None = None) -> bytes:
    """One sheet with the table (header frozen), optionally a second sheet ``about`` with notes.

    openpyxl writes every string as a literal string cell (never a formula), and the cells are
    neutralised as for CSV too, so a copy-paste from the sheet stays inert.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\[\]:*?/\\]", "", sheet)[:31] or "view"
    safe = safe_frame(df)
    ws.append([str(c) for c in safe.columns])
    for row in safe.itertuples(index=False):
        ws.append([_xl(v) for v in row])
    for cell in ws[1]:
        cell.data_type = "s"
    ws.freeze_panes = "A2"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never "f", whatever the text
    if notes:
        about = wb.create_sheet("about")
        for k, v in notes.items():
            about.append([safe_cell(str(k)), safe_cell(str(v))])
            for cell in about[about.max_row]:
                cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xl(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return None
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    if isinstance(v, (int, float, str, bool)):
        return v
    return str(v)


# --- the map as an image ------------------------------------------------------------------------


def _plain(text: object) -> str:
    """Text for matplotlib, drawn as typed: no mathtext (``$...$``)."""
    return str(text).replace("$", r"\$")


def map_figure(view, level: int, *, source: str, subtitle: str = "", palette: Mapping[str, str] | None = None):
    """A matplotlib Figure of the view: the choropleth (EPSG:3035), title, legend with unit and
    no data, source line and EuroGeographics attribution. ``palette`` overrides class colours."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from data import geodata as nuts

    t = view.table
    geo = nuts.regions(level, "20M")[["code", "geometry"]]
    shown = geo[geo["code"].isin(t.index)].copy()
    colours = t["colour"].astype(object) if "colour" in t else pd.Series(dtype=object)
    if palette:
        colours = t["cls"].astype(object).map(lambda c: palette.get(c)).fillna(colours)
    shown["colour"] = shown["code"].map(colours).fillna("#c8c8c8")
    shown["nodata"] = shown["code"].map(t["cls"].astype(object) == NO_DATA).fillna(True)
    shown = shown.to_crs(3035)
    ctx = nuts.regions(0, "60M")[["code", "geometry"]].to_crs(3035)

    fig = Figure(figsize=(10, 8.6), dpi=110)
    ax = fig.add_axes((0.01, 0.09, 0.70, 0.80))
    ax.set_axis_off()
    ctx.plot(ax=ax, color="#ececec", edgecolor="#b0b0b0", linewidth=0.3)
    if len(shown):
        data = shown[~shown["nodata"]]
        nod = shown[shown["nodata"]]
        if len(data):
            data.plot(ax=ax, color=data["colour"], edgecolor="#4d4d4d", linewidth=0.25)
        if len(nod):
            nod.plot(ax=ax, color=nod["colour"], edgecolor="#777777", linewidth=0.25, hatch="///")
        x0, y0, x1, y1 = shown.total_bounds
    else:
        x0, y0, x1, y1 = EUROPE_3035[0], EUROPE_3035[2], EUROPE_3035[1], EUROPE_3035[3]
    ex = EUROPE_3035
    x0, x1 = max(x0, ex[0]), min(x1, ex[1])
    y0, y1 = max(y0, ex[2]), min(y1, ex[3])
    pad = 0.03 * max(x1 - x0, y1 - y0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect("equal")

    fig.text(0.02, 0.965, _plain(view.title), fontsize=17, fontweight="bold", va="top")
    if subtitle:
        fig.text(0.02, 0.925, _plain(subtitle), fontsize=11, va="top", color="#333333")
    c = view.classes
    handles = []
    for label, colour, n in zip(c.labels, c.colours, c.counts, strict=True):
        col = palette.get(label, colour) if palette else colour
        handles.append(Patch(facecolor=col, edgecolor="#555555", hatch="///" if label == NO_DATA else None,
                             label=_plain(f"{label} ({n})")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.72, 0.88), frameon=False,
               title=_plain(f"{view.unit}\n(regions per class)"), fontsize=10, title_fontsize=10,
               alignment="left")
    fig.text(0.02, 0.055, _plain(f"Source: {source}"), fontsize=8.5, va="top", wrap=True)
    fig.text(0.02, 0.028, f"Coverage: {view.coverage}", fontsize=8.5, va="top", wrap=True)
    fig.text(0.98, 0.012, ATTRIBUTION, fontsize=8.5, ha="right", va="bottom", color="#333333")
    return fig


def figure_bytes(fig, fmt: str) -> bytes:
    """PNG or SVG bytes of a figure; SVG keeps text as text (searchable, editable)."""
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format=fmt, metadata=None if fmt == "png" else {"Date": None})
    return buf.getvalue()


def figure_texts(fig) -> list[str]:
    """Every text drawn on a figure (titles, legend entries, source, attribution)."""
    out = [t.get_text() for t in fig.texts]
    for leg in fig.legends:
        out.append(leg.get_title().get_text())
        out += [t.get_text() for t in leg.get_texts()]
    return out


def chart_image(spec: dict, fmt: str, source: str, scale: float = 2.0) -> bytes:
    """An altair/Vega-Lite chart as PNG or SVG with its source line, via vl-convert (no browser)."""
    import vl_convert as vlc

    spec = dict(spec)
    title = spec.get("title")
    footer = f"Source: {source}"
    if isinstance(title, dict):
        sub = title.get("subtitle") or []
        sub = [sub] if isinstance(sub, str) else list(sub)
        spec["title"] = {**title, "subtitle": [*sub, footer]}
    elif title:
        spec["title"] = {"text": title, "subtitle": footer}
    else:
        spec["title"] = {"text": "", "subtitle": footer}
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    return vlc.vegalite_to_png(spec, scale=scale)
