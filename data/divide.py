"""The innovation divide: do EU industrial-policy instruments follow innovation performance?

Pure metrics behind the Divide page (no Streamlit, no captions; those are in
:mod:`data.divide_captions`). They test four claims with the data:

1. Tier 1 concentrates in innovation leaders -> :func:`group_shares`, :func:`country_divide`,
   :func:`region_scatter` + :func:`fit`;
2. Tier 2 is more place-based -> the same, plus :mod:`data.concentration`;
3. the least innovative regions are absent from both -> :mod:`data.gaps` ("left out");
4. the tiers are disconnected -> the "both" column of :func:`group_shares` and the bridging list.

Inputs are :func:`data.model.region_table` frames. What counts as a link is decided by
:mod:`data.links` (``rule``: ``regional`` or ``any``). Unknown stays NaN, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import links, model, scope, tables
from data import scores as score_tables

NO_GROUP = "No group (not covered)"
GROUP_ROWS = (*score_tables.GROUPS, NO_GROUP)
GROUPINGS = {
    "ris": ("ris_group", "official RIS 2023 regional performance group"),
    "eis": ("eis_group", "EIS 2023 national performance group of the region's country"),
}
PROFILE = ("Both tiers", "Tier 1 only", "Tier 2 only", "Neither tier")
INHERITED = ("parent region", "country")  # bases where a region carries a larger unit's value
RII_EDITION = "RIS 2023"
EIS_EDITION = "EIS 2023"
ALL = model.Selection()  # no filter


def eu27() -> tuple[str, ...]:
    return scope.EU27


def counted_tiers(sel: model.Selection = ALL) -> tuple[int, ...]:
    """Tiers with at least one initiative passing the initiative filters (tier, type, chain, ...).

    A tier outside this is not counted at all: its link counts are "not computed", not 0."""
    ini = model.selected_initiatives(tables.initiatives(), sel)
    return tuple(sorted(int(t) for t in ini["tier"].unique()))


def with_eis_group(table: pd.DataFrame, country_groups: pd.Series) -> pd.DataFrame:
    """Add ``eis_group``: the EIS 2023 national group of each region's country (NaN if none)."""
    out = table.copy()
    out["eis_group"] = out["country"].map(country_groups)
    return out


# --- 1. shares by group ------------------------------------------------------------------------


def group_shares(table: pd.DataFrame, group_col: str = "ris_group", rule: str = "regional",
                 tiers: Iterable[int] = (1, 2), basis_col: str | None = None,
                 groups: Iterable[str] = score_tables.GROUPS, no_group: str = NO_GROUP) -> pd.DataFrame:
    """Per group: regions, and how many have Tier 1 / Tier 2 / both / no links under ``rule``.

    ``tiers`` are the tiers the filters count; a tier left out gives NaN columns (not 0).
    Rows: ``groups`` in order, then ``no_group`` for regions without one (always present).
    Columns: ``group``, ``n``, ``n_inherited`` (group taken from a larger region or the
    country, per ``basis_col``, default ``ris_group_basis`` for ``ris_group``), and for each of
    ``t1``, ``t2``, ``both``, ``t1_only``, ``t2_only``, ``none`` the count and ``<col>_share``.
    """
    groups = list(groups)
    tiers = set(tiers)
    if basis_col is None and group_col == "ris_group":
        basis_col = "ris_group_basis"
    if len(table):
        g = table[group_col].where(table[group_col].isin(groups), no_group)
        t1, t2 = links.has_link(table, 1, rule), links.has_link(table, 2, rule)
    else:
        g, t1, t2 = (pd.Series([], dtype=object), pd.Series([], dtype=bool), pd.Series([], dtype=bool))
    flags = pd.DataFrame({"group": g, "t1": t1, "t2": t2, "both": t1 & t2, "t1_only": t1 & ~t2,
                          "t2_only": t2 & ~t1, "none": ~t1 & ~t2})
    flags["inherited"] = table[basis_col].isin(INHERITED) if basis_col and basis_col in table else False
    cols = ("t1", "t2", "both", "t1_only", "t2_only", "none")
    counts = flags.groupby("group").agg(n=("t1", "size"), n_inherited=("inherited", "sum"),
                                        **{c: (c, "sum") for c in cols})
    counts = counts.reindex([*groups, no_group]).fillna(0).astype(int)
    out = counts.reset_index().rename(columns={"index": "group"})
    out = out.astype({c: "float64" for c in cols})
    if 1 not in tiers:
        out[["t1", "both", "t1_only", "t2_only", "none"]] = np.nan
    if 2 not in tiers:
        out[["t2", "both", "t1_only", "t2_only", "none"]] = np.nan
    n = out["n"].where(out["n"] > 0)
    for c in cols:
        out[f"{c}_share"] = out[c] / n
    return out


# --- 2. fits ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    slope: float
    intercept: float
    r: float
    n: int
    p: float

    def text(self) -> str:
        if pd.isna(self.r):
            return f"no fit (n = {self.n})"
        return f"r = {self.r:.2f}, n = {self.n}"

    def full(self) -> str:
        return self.text() + (f", p = {self.p:.2g}" if pd.notna(self.p) else "")


def fit(x: Iterable[float], y: Iterable[float]) -> Fit:
    """Least-squares line y = slope·x + intercept, Pearson r, two-sided p and n.

    Pairs with a NaN are left out. With fewer than 3 pairs, or a constant x or y, the fit is
    undefined and every statistic is NaN (n is still given).
    """
    from scipy import stats

    x = pd.to_numeric(pd.Series(list(x), dtype="float64"), errors="coerce").reset_index(drop=True)
    y = pd.to_numeric(pd.Series(list(y), dtype="float64"), errors="coerce").reset_index(drop=True)
    ok = x.notna() & y.notna()
    x, y = x[ok].to_numpy(), y[ok].to_numpy()
    n = len(x)
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return Fit(np.nan, np.nan, np.nan, n, np.nan)
    res = stats.linregress(x, y)
    return Fit(float(res.slope), float(res.intercept), float(res.rvalue), n, float(res.pvalue))


@dataclass(frozen=True)
class CountryDivide:
    table: pd.DataFrame  # index country: name, n_ipcei, n_tier2, sii, eis_group, selected
    no_ipcei: tuple[str, ...]  # EU27 member states in none of the selected IPCEIs
    non_eu: dict[str, tuple[str, ...]]  # non-EU IPCEI member states -> IPCEI short names
    ipceis: int  # IPCEIs passing the initiative filters
    tier2: int  # Tier 2 initiatives passing the initiative filters


def country_divide(sel: model.Selection = ALL) -> CountryDivide:
    """Per EU27 member state: IPCEIs as member state, Tier 2 initiatives present, EIS 2023 SII.

    * ``n_ipcei``: distinct IPCEIs with a ``member_state`` row (:func:`data.links.ipcei_member_states`;
      associated, indirect-partner and EEA roles never count);
    * ``n_tier2``: distinct Tier 2 initiatives with a (non-associated) participation row in the country;
    * ``sii``: EIS 2023 Summary Innovation Index 2023 (EU27 in 2016 = 100).

    Counts respect the initiative filters; a count whose instrument the filters exclude
    entirely is NaN, not 0. Selected countries are flagged in ``selected`` (the fit needs all).
    """
    ini = model.selected_initiatives(tables.initiatives(), sel)
    par = tables.participation()
    ipcei = ini[ini["type"] == "IPCEI"]
    t2 = ini[ini["tier"] == 2]
    rows2 = par[par["initiative_id"].isin(t2["initiative_id"]) & par["country_code"].notna()
                & ~links.is_associated(par)]
    eis = score_tables.eis2023()
    countries = list(scope.EU27)
    out = pd.DataFrame(index=pd.Index(countries, name="country"))
    out["name"] = eis["country_name"].reindex(countries)
    n_ipcei = links.ipcei_member_states(par, ipcei["initiative_id"])
    n_t2 = rows2.groupby("country_code")["initiative_id"].nunique()
    out["n_ipcei"] = n_ipcei.reindex(countries, fill_value=0).astype("float64") if len(ipcei) else np.nan
    out["n_tier2"] = n_t2.reindex(countries, fill_value=0).astype("float64") if len(t2) else np.nan
    out["sii"] = pd.to_numeric(eis["sii_2023"].reindex(countries), errors="coerce")
    out["eis_group"] = eis["performance_group"].reindex(countries)
    out["selected"] = out.index.isin(sel.countries)
    no_ipcei = tuple(out.index[out["n_ipcei"] == 0]) if len(ipcei) else ()
    names = ipcei.set_index("initiative_id")["short_name"]
    ms = par[(par["role"] == "member_state") & par["initiative_id"].isin(ipcei["initiative_id"])]
    non_eu = {c: tuple(sorted(names[g["initiative_id"].unique()]))
              for c, g in ms[~ms["country_code"].isin(countries)].groupby("country_code")}
    return CountryDivide(out, no_ipcei, non_eu, len(ipcei), len(t2))


# --- region-level scatter ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionScatter:
    tier: int
    frame: pd.DataFrame  # code, name, country, group, x, y, residual, outlier
    fit: Fit


def region_scatter(table: pd.DataFrame, tier: int, rule: str = "regional", x_col: str = "value",
                   n_labels: int = 6) -> RegionScatter:
    """Score (``x_col``, default the metric value) against the tier's link count per region.

    Regions without a score are left out (n says how many remain). The ``n_labels`` regions
    farthest from the least-squares line (largest absolute residual) are flagged ``outlier``.
    """
    col = links.columns(rule)[tier - 1]
    cols = ["code", "name", "country", "group", "x", "y", "residual", "outlier"]
    if table.empty or x_col not in table:
        return RegionScatter(tier, pd.DataFrame(columns=cols), fit([], []))
    df = pd.DataFrame({"code": table.index.astype(str), "name": table["name"].to_numpy(),
                       "country": table["country"].to_numpy(),
                       "group": table["ris_group"].where(table["ris_group"].notna(), NO_GROUP).to_numpy(),
                       "x": pd.to_numeric(table[x_col], errors="coerce").to_numpy(),
                       "y": table[col].astype("float64").to_numpy()})
    df = df[df["x"].notna()].reset_index(drop=True)
    f = fit(df["x"], df["y"])
    df["residual"] = df["y"] - (f.intercept + f.slope * df["x"]) if pd.notna(f.slope) else np.nan
    df["outlier"] = False
    if pd.notna(f.slope) and len(df):
        top = df["residual"].abs().sort_values(ascending=False, kind="stable").head(n_labels).index
        df.loc[top, "outlier"] = True
    return RegionScatter(tier, df[cols], f)


# --- context groupings ----------------------------------------------------------------------------


def band_of(values: pd.Series, edges: Iterable[float], labels: Iterable[str]) -> pd.Series:
    """Bands of a numeric column (NaN stays NaN): ``edges`` are the inner cut points."""
    edges = list(edges)
    return pd.cut(pd.to_numeric(values, errors="coerce"), [-np.inf, *edges, np.inf], labels=list(labels),
                  right=False).astype(object).where(values.notna())
