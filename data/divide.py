"""The innovation divide: do EU industrial-policy instruments follow innovation performance?

Pure functions behind the Divide page (no Streamlit). They test four claims with the data:

1. Tier 1 (IPCEIs, industrial alliances) concentrates in innovation leaders
   -> :func:`group_shares` by performance group, :func:`country_divide` + :func:`fit`;
2. Tier 2 (clusters, S3 partnerships) is more place-based -> the same, plus :func:`lorenz`,
   :func:`gini` and :func:`top_share`;
3. the least innovative regions are absent from both -> :func:`gap_lists` ("left out");
4. the tiers are disconnected -> the "both" column of :func:`group_shares`, the Tier 1 vs
   Tier 2 fit of :func:`country_divide` and the "bridging candidates" of :func:`gap_lists`.

Inputs are :func:`data.model.region_table` frames (one row per NUTS region) and the curated
tables. Unknown stays NaN, never 0: a share over zero regions, a score a region lacks, or a
tier the filters leave out is NaN. Every caption is computed from the data by a
``caption_*`` function, so no claim in the UI is hard-coded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import model, tables
from data import scores as sc
from data.views import PARTICIPATION_EDITION

NO_GROUP = "No group (not covered)"
GROUP_ROWS = (*sc.GROUPS, NO_GROUP)
# links -> (Tier 1 column, Tier 2 column, wording for captions)
LINKS = {
    "any": ("t1_any", "t2_any", "regional or national links (an IPCEI member state or a country-level "
                                "partner counts for every region of its country)"),
    "regional": ("t1_regional", "t2_regional", "regional links only (a site or partnership in the region "
                                               "or in a larger region containing it; national membership "
                                               "not counted)"),
}
GROUPINGS = {
    "ris": ("ris_group", "official RIS 2023 regional performance group"),
    "eis": ("eis_group", "EIS 2023 national performance group of the region's country"),
}
PROFILE = ("Both tiers", "Tier 1 only", "Tier 2 only", "Neither tier")
INHERITED = ("parent region", "country")  # bases where a region carries a larger unit's value
RII_EDITION = "RIS 2023"
ALL = model.Selection()  # no filter
EIS_EDITION = "EIS 2023"


def _num(v) -> float:
    return float(v) if v is not None and not pd.isna(v) else float("nan")


def _pct(v: float, digits: int = 0) -> str:
    return "no data" if pd.isna(v) else f"{100 * v:.{digits}f}%"


def _join(items: Sequence[str], limit: int = 12) -> str:
    items = list(items)
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def unit_name(level: int, n: int | None = None) -> str:
    """'countries' at level 0, else 'NUTS 2 regions' (with the count when given)."""
    name = "countries" if level == 0 else f"NUTS {level} regions"
    return f"{n} {name}" if n is not None else name


# --- scope ------------------------------------------------------------------------------------


def eu27() -> tuple[str, ...]:
    """The 27 EU member states (NUTS country codes), as listed by the EIS 2023 database."""
    e = sc.eis2023()
    return tuple(sorted(c for c in e.index[e["zone"] == "EU"] if c != "EU27"))


def scope_eu27(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Keep the regions of EU member states; also return the left-out count per country.

    Tier 1 instruments are EU state aid and EU alliances, so the divide is measured on the
    EU27. The left-out regions are returned so a caption can name them (never dropped silently).
    """
    eu = table["country"].isin(eu27())
    return table[eu], table.loc[~eu, "country"].value_counts().sort_index()


def caption_scope(excluded: pd.Series, level: int, n_kept: int) -> str:
    text = f"Scope: {unit_name(level, n_kept)} of the 27 EU member states."
    if excluded.sum():
        parts = [f"{c} {n}" for c, n in excluded.items()]
        text += (f" Not counted here: {int(excluded.sum())} non-EU {unit_name(level)} passing the filters "
                 f"({_join(parts)}); the map shows them.")
    return text


def counted_tiers(sel: model.Selection = ALL) -> tuple[int, ...]:
    """Tiers with at least one initiative passing the initiative filters (tier, type, chain, ...).

    A tier outside this is not counted at all: its link counts are "not computed", not 0."""
    ini = model.selected_initiatives(tables.initiatives(), sel)
    return tuple(sorted(int(t) for t in ini["tier"].unique()))


def with_eis_group(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``eis_group``: the EIS 2023 national group of each region's country (NaN if none)."""
    out = table.copy()
    out["eis_group"] = out["country"].map(sc.country_groups())
    return out


# --- 1. shares by performance group -------------------------------------------------------------


def group_shares(table: pd.DataFrame, group_col: str = "ris_group", links: str = "any",
                 tiers: Iterable[int] = (1, 2), basis_col: str | None = None) -> pd.DataFrame:
    """Per performance group: regions, and how many have Tier 1 / Tier 2 / both / no links.

    ``links`` picks the counts (``any``: regional or national, ``regional``: regional only).
    ``tiers`` are the tiers the filters count; a tier left out gives NaN columns (not 0).
    Rows: the four groups in scoreboard order, then ``NO_GROUP`` for regions without a group
    (always present). Columns: ``group``, ``n``, ``n_inherited`` (group taken from a larger
    region or the country, per ``basis_col``, default ``ris_group_basis`` for ``ris_group``),
    and for each of ``t1``, ``t2``, ``both``, ``t1_only``, ``t2_only``, ``none`` the count and
    ``<col>_share`` (count / n, NaN when n = 0).
    """
    t1c, t2c = LINKS[links][:2]
    tiers = set(tiers)
    if basis_col is None and group_col == "ris_group":
        basis_col = "ris_group_basis"
    g = table[group_col].where(table[group_col].isin(sc.GROUPS), NO_GROUP) if len(table) else \
        pd.Series([], dtype=object)
    t1 = table[t1c] > 0 if len(table) else pd.Series([], dtype=bool)
    t2 = table[t2c] > 0 if len(table) else pd.Series([], dtype=bool)
    flags = pd.DataFrame({"group": g, "t1": t1, "t2": t2, "both": t1 & t2, "t1_only": t1 & ~t2,
                          "t2_only": t2 & ~t1, "none": ~t1 & ~t2})
    flags["inherited"] = table[basis_col].isin(INHERITED) if basis_col and basis_col in table else False
    counts = flags.groupby("group").agg(
        n=("t1", "size"), n_inherited=("inherited", "sum"),
        **{c: (c, "sum") for c in ("t1", "t2", "both", "t1_only", "t2_only", "none")})
    counts = counts.reindex(list(GROUP_ROWS)).fillna(0).astype(int)
    out = counts.reset_index().rename(columns={"index": "group"})
    out = out.astype({c: "float64" for c in ("t1", "t2", "both", "t1_only", "t2_only", "none")})
    if 1 not in tiers:
        out[["t1", "both", "t1_only", "t2_only", "none"]] = np.nan
    if 2 not in tiers:
        out[["t2", "both", "t1_only", "t2_only", "none"]] = np.nan
    n = out["n"].where(out["n"] > 0)
    for c in ("t1", "t2", "both", "t1_only", "t2_only", "none"):
        out[f"{c}_share"] = out[c] / n
    return out


def caption_group_shares(table: pd.DataFrame, shares: pd.DataFrame, grouping: str, links: str,
                         level: int, tiers: Iterable[int] = (1, 2)) -> str:
    """Which grouping and links are shown, and where groups come from (computed from the basis)."""
    col, label = GROUPINGS[grouping]
    n = int(shares["n"].sum())
    parts = [f"{unit_name(level, n)} grouped by the {label}; links counted: {LINKS[links][2]}."]
    if grouping == "ris" and n:
        basis = table["ris_group_basis"]
        inh = table[basis.isin(INHERITED)]
        if len(inh):
            by = inh.groupby("country").size()
            parts.append(f"{len(inh)} regions take the group of a larger region or their country "
                         f"(RIS publishes {_join(list(by.index))} only at that level).")
        same = int((basis == "same territory").sum())
        if same:
            parts.append(f"{same} take the group of the same territory coded at another NUTS level.")
    elif grouping == "eis" and n:
        parts.append("A national group is the same for every region of a country: this is not a regional score.")
    ng = shares.loc[shares["group"] == NO_GROUP, "n"]
    n_none = int(ng.iloc[0]) if len(ng) else 0
    if n_none:
        missing = table[~table[col].isin(sc.GROUPS)] if col in table else table
        parts.append(f"{n_none} {unit_name(level)} have no {label.split(' (')[0]} "
                     f"({_join(sorted(missing['country'].unique()))}): shown as “{NO_GROUP}”.")
        if grouping == "ris":
            ris_codes = list(sc.ris2023().index)
            finer = [c for c in missing.index if any(r != c and r.startswith(c) for r in ris_codes)]
            if finer:
                parts.append(f"{len(finer)} of them are published by RIS only as smaller regions; "
                             f"a group is never aggregated (choose a finer NUTS level).")
    tiers = set(tiers)
    if tiers != {1, 2}:
        gone = "Tier 2" if 2 not in tiers else "Tier 1"
        parts.append(f"The filters leave out {gone} (no {gone} initiative selected): its columns are not computed.")
    parts.append(f"Participation: {PARTICIPATION_EDITION}.")
    return " ".join(parts)


# --- 2. country divide --------------------------------------------------------------------------


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

    * ``n_ipcei``: distinct IPCEIs with a ``member_state`` row for the country;
    * ``n_tier2``: distinct Tier 2 initiatives with any participation row in the country;
    * ``sii``: EIS 2023 Summary Innovation Index 2023 (EU27 in 2016 = 100).

    Both counts respect the initiative filters (value chain, ecosystem, tier, type,
    initiative). A count whose instrument the filters exclude entirely is NaN, not 0. The
    country and group filters do not remove member states: selected countries are flagged in
    ``selected`` (the fit needs all of them). Non-EU IPCEI member states (e.g. the UK in an
    early IPCEI) are not in the table; they are listed in ``non_eu``.
    """
    ini = model.selected_initiatives(tables.initiatives(), sel)
    par = tables.participation()
    ipcei = ini[ini["type"] == "IPCEI"]
    t2 = ini[ini["tier"] == 2]
    ms = par[(par["role"] == "member_state") & par["initiative_id"].isin(ipcei["initiative_id"])]
    rows2 = par[par["initiative_id"].isin(t2["initiative_id"]) & par["country_code"].notna()]
    eis = sc.eis2023()
    countries = list(eu27())
    out = pd.DataFrame(index=pd.Index(countries, name="country"))
    out["name"] = eis["country_name"].reindex(countries)
    n_ipcei = ms.groupby("country_code")["initiative_id"].nunique()
    n_t2 = rows2.groupby("country_code")["initiative_id"].nunique()
    out["n_ipcei"] = n_ipcei.reindex(countries, fill_value=0).astype("float64") if len(ipcei) else np.nan
    out["n_tier2"] = n_t2.reindex(countries, fill_value=0).astype("float64") if len(t2) else np.nan
    out["sii"] = pd.to_numeric(eis["sii_2023"].reindex(countries), errors="coerce")
    out["eis_group"] = eis["performance_group"].reindex(countries)
    out["selected"] = out.index.isin(sel.countries)
    no_ipcei = tuple(out.index[out["n_ipcei"] == 0]) if len(ipcei) else ()
    names = ipcei.set_index("initiative_id")["short_name"]
    non_eu = {c: tuple(sorted(names[g["initiative_id"].unique()]))
              for c, g in ms[~ms["country_code"].isin(countries)].groupby("country_code")}
    return CountryDivide(out, no_ipcei, non_eu, len(ipcei), len(t2))


def caption_country_divide(cd: CountryDivide, sel: model.Selection = ALL) -> str:
    t = cd.table
    parts = [f"{len(t)} EU member states. IPCEIs: {cd.ipceis} pass the filters (member-state lists are "
             f"complete for all IPCEIs). Tier 2: {cd.tier2} initiatives pass the filters; a country counts "
             f"an initiative when any participation row lies in it (member lists are partial). "
             f"Innovation score: {EIS_EDITION} Summary Innovation Index 2023 (EU27 in 2016 = 100; "
             f"{int(t['sii'].notna().sum())} of {len(t)} with a value)."]
    if cd.non_eu:
        parts.append("Non-EU IPCEI member states not shown: "
                     + "; ".join(f"{c} ({', '.join(v)})" for c, v in cd.non_eu.items()) + ".")
    if sel.countries:
        parts.append(f"The country filter highlights {', '.join(sel.countries)}; the fit uses all member states.")
    if sel.groups:
        parts.append("The regional performance-group filter does not apply to countries.")
    return " ".join(parts)


def caption_no_ipcei(cd: CountryDivide) -> str:
    if not cd.ipceis:
        return "No IPCEI passes the current filters, so IPCEI membership is not computed."
    if not cd.no_ipcei:
        return f"Every EU member state is a member state of at least one of the {cd.ipceis} IPCEIs selected."
    names = cd.table.loc[list(cd.no_ipcei), "name"]
    return (f"{len(cd.no_ipcei)} of {len(cd.table)} EU member states are in none of the {cd.ipceis} IPCEIs "
            f"selected: " + ", ".join(f"{n} ({c})" for c, n in names.items()) + ".")


# --- 3. concentration ----------------------------------------------------------------------------


def _clean(values: Iterable[float]) -> np.ndarray:
    v = pd.to_numeric(pd.Series(list(values), dtype="float64"), errors="coerce").dropna().to_numpy()
    if (v < 0).any():
        raise ValueError("concentration measures need non-negative values")
    return v


def lorenz(values: Iterable[float]) -> pd.DataFrame:
    """Lorenz curve: units sorted ascending; cumulative share of units and of the total.

    Columns ``units_share`` and ``value_share``, from (0, 0) to (1, 1), one row per unit plus
    the origin. NaN values are left out. Empty, or a total of 0 (no curve exists), gives an
    empty frame.
    """
    v = np.sort(_clean(values))
    if len(v) == 0 or v.sum() == 0:
        return pd.DataFrame({"units_share": [], "value_share": []}, dtype="float64")
    return pd.DataFrame({
        "units_share": np.arange(len(v) + 1) / len(v),
        "value_share": np.concatenate([[0.0], np.cumsum(v) / v.sum()]),
    })


def gini(values: Iterable[float]) -> float:
    """Gini coefficient, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄).

    This is the standard (population) definition, equal to 1 − 2 × the area under the
    Lorenz curve built by :func:`lorenz`. It is 0 when every unit has the same value and at
    most (n − 1) / n when one unit holds everything: [1, 1, 1, 1] -> 0, [0, 0, 0, 1] -> 0.75.
    NaN values are left out; empty or an all-zero total gives NaN.
    """
    v = np.sort(_clean(values))
    n = len(v)
    if n == 0 or v.sum() == 0:
        return float("nan")
    i = np.arange(1, n + 1)
    # sorted form of the double sum: Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x)
    return float(((2 * i - n - 1) * v).sum() / (n * v.sum()))


def top_share(values: Iterable[float], n: int = 5) -> float:
    """Share of the total held by the ``n`` largest units (NaN when the total is 0 or empty)."""
    v = np.sort(_clean(values))[::-1]
    if len(v) == 0 or v.sum() == 0:
        return float("nan")
    return float(v[:n].sum() / v.sum())


@dataclass(frozen=True)
class Concentration:
    tier: int
    column: str
    units: int  # units counted (zeros included)
    with_link: int  # units with at least one link
    total: int  # region-initiative links
    gini: float
    top5: float
    top5_units: tuple[str, ...]  # "Name (code)" of the five largest
    curve: pd.DataFrame


def concentration(table: pd.DataFrame, links: str = "any", tiers: Iterable[int] = (1, 2)) -> list[Concentration]:
    """Gini, top-5 share and Lorenz curve of the link counts per unit, for each counted tier."""
    out = []
    for tier, col in zip((1, 2), LINKS[links][:2], strict=True):
        if tier not in set(tiers) or table.empty:
            continue
        v = table[col].astype("float64")
        ranked = v.sort_index().sort_values(ascending=False, kind="stable")
        top = ranked.head(5)
        top = top[top > 0]
        names = [f"{table.at[c, 'name']} ({c})" for c in top.index]
        if len(ranked) > 5 and len(top) == 5 and ranked.iloc[5] == ranked.iloc[4]:
            tied = int((ranked == ranked.iloc[4]).sum())
            names.append(f"… {tied} tied at {ranked.iloc[4]:.0f} for 5th place, first by code shown")
        out.append(Concentration(
            tier, col, len(v), int((v > 0).sum()), int(v.sum()), gini(v), top_share(v, 5),
            tuple(names), lorenz(v)))
    return out


def caption_concentration(cons: list[Concentration], links: str, level: int) -> str:
    if not cons:
        return ""
    unit = unit_name(level)
    parts = [f"Unit: {unit_name(level, cons[0].units)} (those with no link included, as 0). Value: the number of "
             f"initiatives of the tier linked to each unit, {LINKS[links][2].split(' (')[0]}. "
             f"Gini: 0 = links spread evenly over the {unit}, (n − 1)/n ≈ 1 = all in one."]
    for c in cons:
        if c.total == 0:
            parts.append(f"Tier {c.tier}: no link recorded, so no concentration is computed.")
            continue
        parts.append(f"Tier {c.tier}: {c.total} links in {c.with_link} of {c.units} {unit}; "
                     f"Gini {c.gini:.2f}; the top 5 ({'; '.join(c.top5_units)}) hold {_pct(c.top5)}.")
    return " ".join(parts)


# --- 4. gap lists ------------------------------------------------------------------------------


GAP_COLUMNS = ["code", "name", "country", "rii", "rii_basis", "group", "group_basis",
               "t1_any", "t2_regional", "t2_any"]


@dataclass(frozen=True)
class GapLists:
    bridging: pd.DataFrame  # active in Tier 2 (regional link), no Tier 1 link at all
    left_out: pd.DataFrame  # no Tier 1 and no Tier 2 link, regional or national


def _basis_text(basis: object, code: object, has_value: bool) -> str:
    if not has_value:
        return "no data"
    if not isinstance(basis, str) or basis == "region":
        return "own value"
    return f"{basis} {code}" if isinstance(code, str) else basis


def _gap_frame(t: pd.DataFrame) -> pd.DataFrame:
    has = t["value"].notna() if "value" in t else pd.Series(False, index=t.index)
    out = pd.DataFrame({
        "code": t.index.astype(str),
        "name": t["name"],
        "country": t["country"],
        "rii": t["value"] if "value" in t else np.nan,
        "rii_basis": [_basis_text(b, c, h) for b, c, h in zip(
            t.get("basis", pd.Series(index=t.index, dtype=object)),
            t.get("value_code", pd.Series(index=t.index, dtype=object)), has, strict=True)],
        "group": t["ris_group"].where(t["ris_group"].notna(), NO_GROUP),
        "group_basis": t["ris_group_basis"].fillna("no data"),
        "t1_any": t["t1_any"], "t2_regional": t["t2_regional"], "t2_any": t["t2_any"],
    }, index=t.index)
    return out[GAP_COLUMNS].reset_index(drop=True)


def gap_lists(table: pd.DataFrame) -> GapLists:
    """Bridging candidates and left-out regions of a ``region_table(..., metric="rii")`` frame.

    * bridging candidates: ``t2_regional > 0`` (active in Tier 2 in the region) and
      ``t1_any == 0`` (no Tier 1 link, neither regional nor national); sorted by Tier 2
      links, most first, then RII, highest first;
    * left out: ``t1_any == 0`` and ``t2_any == 0``; sorted by RII, lowest first (no value last).

    ``rii`` is the RIS 2023 value (NaN where RIS has none) with ``rii_basis`` saying where it
    comes from; ``group`` is the RIS 2023 group.
    """
    if table.empty:
        empty = pd.DataFrame(columns=GAP_COLUMNS)
        return GapLists(empty, empty.copy())
    b = table[(table["t2_regional"] > 0) & (table["t1_any"] == 0)]
    lo = table[(table["t1_any"] == 0) & (table["t2_any"] == 0)]
    bridging = _gap_frame(b).sort_values(["t2_regional", "rii"], ascending=[False, False],
                                         na_position="last", kind="stable").reset_index(drop=True)
    left = _gap_frame(lo).sort_values(["rii", "code"], na_position="last", kind="stable").reset_index(drop=True)
    return GapLists(bridging, left)


def caption_gaps(gaps: GapLists, table: pd.DataFrame, level: int) -> tuple[str, str]:
    """(bridging caption, left-out caption), with the group mix and the RII coverage."""
    n = len(table)

    def mix(df: pd.DataFrame) -> str:
        if df.empty:
            return ""
        vc = df["group"].value_counts()
        return "By RIS 2023 group: " + ", ".join(f"{g} {vc[g]}" for g in GROUP_ROWS if g in vc) + "."

    def rii_cov(df: pd.DataFrame) -> str:
        if df.empty:
            return ""
        own = int((df["rii_basis"] == "own value").sum())
        nodata = int((df["rii_basis"] == "no data").sum())
        inh = len(df) - own - nodata
        return (f"RII: {RII_EDITION} (2023 value); {own} own value, {inh} from a larger region or the same "
                f"territory, {nodata} no data.")

    b = (f"{len(gaps.bridging)} of {unit_name(level, n)} take part in a Tier 2 initiative in the region but have "
         f"no Tier 1 link (not even through national IPCEI membership). {mix(gaps.bridging)} "
         f"{rii_cov(gaps.bridging)}").strip()
    lo = (f"{len(gaps.left_out)} of {unit_name(level, n)} have no recorded link to either tier, regional or "
          f"national. {mix(gaps.left_out)} {rii_cov(gaps.left_out)} Member lists are partial: "
          f"“no link recorded” is not proof of absence.").strip()
    return b, lo


# --- 5. peers ----------------------------------------------------------------------------------


PEER_MEASURES = {  # column -> (label, unit)
    "rii": ("Regional Innovation Index 2023 (RIS 2023)", "index, EU27 2016 = 100"),
    "sii": ("Summary Innovation Index 2023, national (EIS 2023)", "index, EU27 2016 = 100"),
    "gerd": ("R&D expenditure, GERD (Eurostat, 2020 extract)", "% of GDP"),
    "t1_regional": ("Tier 1 initiatives, regional links", "initiatives"),
    "t1_national": ("Tier 1 initiatives, national only", "initiatives"),
    "t2_regional": ("Tier 2 initiatives, regional links", "initiatives"),
    "t2_national": ("Tier 2 initiatives, national only", "initiatives"),
}


PEER_SHORT = {  # measure label -> short chart title
    PEER_MEASURES["rii"][0]: "RII 2023 (RIS 2023)",
    PEER_MEASURES["sii"][0]: "SII 2023, national (EIS 2023)",
    PEER_MEASURES["gerd"][0]: "GERD (Eurostat, 2020 extract)",
}
PEER_UNITS = {"rii": "index", "sii": "index", "gerd": "% of GDP"}


def peer_focus(region: str | None, pool: pd.DataFrame, gaps: GapLists,
               table: pd.DataFrame) -> tuple[str | None, str]:
    """The region to suggest peers for, and why: the selected region if it is in ``pool``,
    else the first bridging candidate, else the first left-out region, else the region of
    ``table`` (the filtered regions) with the lowest RII 2023. (None, "") if there is none."""
    if region is not None and region in pool.index:
        return region, "the selected region"
    for df, why in ((gaps.bridging, "the first bridging candidate"), (gaps.left_out, "the first left-out region")):
        if len(df) and df["code"].iloc[0] in pool.index:
            return df["code"].iloc[0], why
    if "value" in table and table["value"].notna().any():
        code = table["value"].idxmin()
        if code in pool.index:
            return code, "the region with the lowest RII 2023 among those shown"
    return None, ""


def peers_table(codes: Sequence[str], level: int, sel: model.Selection = ALL) -> pd.DataFrame:
    """Side-by-side scores and participation counts of ``codes`` (in the given order).

    Scores: RII 2023 (RIS 2023, with ``rii_basis``), the national SII 2023 (EIS 2023) and
    GERD (% of GDP, latest year of the 2020 Eurostat extract, with ``gerd_year`` and
    ``gerd_basis``). Counts follow the initiative filters of ``sel``; its country and group
    filters are ignored so a chosen peer is never hidden. Codes are usually at ``level``;
    a code at another NUTS level is computed at its own level. Unknown codes are skipped.
    """
    sel = model.Selection(chains=sel.chains, ecosystems=sel.ecosystems, tiers=sel.tiers,
                          types=sel.types, initiatives=sel.initiatives)
    rows = []
    for code in codes:
        lev = len(code) - 2 if 2 <= len(code) <= 5 else level
        t = model.region_table(lev, sel, "rii")
        if code not in t.index:
            continue
        r = t.loc[code]
        sii = model.resolved_score("sii", lev, 2023)
        gerd = model.resolved_score("gerd", lev)
        has_g = code in gerd.index and pd.notna(gerd.at[code, "value"])
        rows.append({
            "code": code, "name": r["name"], "country": r["country"],
            "group": r["ris_group"] if isinstance(r["ris_group"], str) else NO_GROUP,
            "rii": _num(r["value"]),
            "rii_basis": _basis_text(r["basis"], r["value_code"], pd.notna(r["value"])),
            "sii": _num(sii["value"].get(code)),
            "gerd": _num(gerd["value"].get(code)) if has_g else np.nan,
            "gerd_year": _num(gerd["year"].get(code)) if has_g else np.nan,
            "gerd_basis": _basis_text(gerd.at[code, "basis"], gerd.at[code, "value_code"], True)
            if has_g else "no data",
            **{c: int(r[c]) for c in ("t1_regional", "t1_national", "t2_regional", "t2_national")},
        })
    cols = ["code", "name", "country", "group", "rii", "rii_basis", "sii", "gerd", "gerd_year", "gerd_basis",
            "t1_regional", "t1_national", "t2_regional", "t2_national"]
    return pd.DataFrame(rows, columns=cols)


def peers_long(peers: pd.DataFrame) -> pd.DataFrame:
    """Long form for a bar comparison: one row per (region, measure) with a value (NaN kept)."""
    rows = []
    for _, r in peers.iterrows():
        for col, (label, unit) in PEER_MEASURES.items():
            v = r[col]
            basis = {"rii": r["rii_basis"], "gerd": r["gerd_basis"]}.get(col, "")
            text = "no data" if pd.isna(v) else (f"{v:,.0f}" if unit == "initiatives" else f"{v:,.2f}")
            if pd.notna(v) and basis not in ("", "own value"):
                text += " *"  # a value of another unit (larger region, same territory, older code)
            rows.append({"region": f"{r['name']} ({r['code']})", "code": r["code"], "measure": label,
                         "unit": unit, "value": v, "basis": basis, "value_text": text})
    return pd.DataFrame(rows, columns=["region", "code", "measure", "unit", "value", "basis", "value_text"])


def suggest_peers(code: str, table: pd.DataFrame, n: int = 5) -> list[str]:
    """``code`` first, then up to ``n - 1`` peers from ``table`` (a region table with RII).

    Peers come from the same RIS 2023 group first, then from the same country. Within each,
    regions carrying a different score from ``code`` (another ``value_code``) come before
    those that share it (siblings showing the same NUTS 1 value), then the closest RII first,
    then the code. A code not in the table gets no suggestion.
    """
    if code not in table.index:
        return []
    me = table.loc[code]
    others = table.drop(index=code)
    same_group = others["ris_group"].eq(me["ris_group"]) & others["ris_group"].notna()
    same_country = others["country"].eq(me["country"])
    cand = others[same_group | same_country].copy()
    cand["_tier"] = np.where(same_group[cand.index], 0, 1)
    if "value_code" in cand and isinstance(me.get("value_code"), str):
        cand["_twin"] = cand["value_code"].eq(me["value_code"]).astype(int)
    else:
        cand["_twin"] = 0
    if "value" in cand and pd.notna(me.get("value")):
        cand["_dist"] = (cand["value"] - me["value"]).abs()
    else:
        cand["_dist"] = np.nan
    cand["_code"] = cand.index
    cand = cand.sort_values(["_tier", "_twin", "_dist", "_code"], na_position="last", kind="stable")
    return [code, *list(cand.index[: max(n - 1, 0)])]


def caption_peers(peers: pd.DataFrame) -> str:
    if peers.empty:
        return ""
    own = int((peers["rii_basis"] == "own value").sum())
    nod = int((peers["rii_basis"] == "no data").sum())
    gy = peers["gerd_year"].dropna()
    gyears = (f"{int(gy.min())}" if gy.min() == gy.max() else f"{int(gy.min())}–{int(gy.max())}") if len(gy) else ""
    parts = [f"RII: {RII_EDITION}, 2023 value ({own} of {len(peers)} regions own value, "
             f"{len(peers) - own - nod} from a larger region or the same territory, {nod} no data). "
             f"SII: {EIS_EDITION}, national value (the same for every region of a country). "
             f"GERD: Eurostat 2020 extract, % of GDP"
             + (f", years {gyears}" if gyears else "")
             + f" ({int(peers['gerd'].isna().sum())} no data)."]
    if ((peers["rii_basis"] != "own value") & peers["rii"].notna()).any() or \
            ((peers["gerd_basis"] != "own value") & peers["gerd"].notna()).any():
        borrowed = [f"{r['code']} {m.upper()} from {r[m + '_basis']}" for _, r in peers.iterrows()
                    for m in ("rii", "gerd") if pd.notna(r[m]) and r[m + "_basis"] != "own value"]
        parts.append("* = value of another unit: " + "; ".join(borrowed) + ".")
    parts.append("Counts: distinct initiatives passing the initiative filters (country and group filters do not "
                 "hide a chosen peer). “National only” = linked only through national membership.")
    return " ".join(parts)


# --- score coverage -------------------------------------------------------------------------------


def ris_source_coverage() -> tuple[int, tuple[str, ...]]:
    """(regions in the RIS 2023 database, countries it publishes only at country level)."""
    r = sc.ris2023()
    lev = r["nuts_level"]
    return int((lev > 0).sum()), tuple(sorted(r.index[lev == 0]))


def caption_scores(table: pd.DataFrame, level: int) -> str:
    """E.g. 'RII: RIS 2023 (239 regions; CY, EE, ... at country level). Of 242 NUTS 2 regions:
    192 own value, 80 use a NUTS 1 value (AT, BE, ...), ...' computed from the basis columns."""
    n_src, ctry = ris_source_coverage()
    parts = [f"RII: {RII_EDITION} ({n_src} regions; {', '.join(ctry)} at country level)."]
    if "basis" not in table or table.empty:
        return parts[0]
    has = table["value"].notna()
    basis = table["basis"].where(has, "no data")
    own = int((basis == "region").sum())
    seg = [f"{own} own value"]
    par = table[basis.isin(INHERITED)]
    if len(par):
        lv = par["value_code"].str.len().sub(2)
        for lev, grp in par.groupby(lv):
            what = "country" if lev == 0 else f"NUTS {lev}"
            seg.append(f"{len(grp)} use a {what} value ({_join(sorted(grp['country'].unique()))})")
    same = int((basis == "same territory").sum())
    if same:
        seg.append(f"{same} the value of the same territory at another level")
    other = basis[~basis.isin(["region", "same territory", "no data", *INHERITED])]
    if len(other):
        seg.append(f"{len(other)} via an older code")
    nod = int((basis == "no data").sum())
    if nod:
        seg.append(f"{nod} no data ({_join(sorted(table.loc[basis == 'no data', 'country'].unique()))})")
    parts.append(f"Of {unit_name(level, len(table))}: " + ", ".join(seg) + ".")
    return " ".join(parts)
