"""The joined model: NUTS 2021 regions x initiative participation x innovation scores.

Pure functions over the curated tables (data/), the score tables and the NUTS registry.
Participation links are classified per (region, initiative) by the strongest link:

* ``direct``   - a participation row placed in the region or inside it (a site in one of
  its NUTS 2 regions, a partnership naming it or one of its NUTS 3 units);
* ``parent``   - a row placed at a larger region that contains it (e.g. a partnership naming
  the NUTS 1 region Wallonia covers each of its NUTS 2 provinces);
* ``national`` - a country-level row (an IPCEI member state, a cluster known only by country).

At NUTS 0 every row of the country is direct. Unknown stays NaN: a region with no recorded
link has 0 links (a compiled fact, with the compilation's gaps), but a region without a score
has NaN, never 0.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from data import geodata, tables
from data import scores as sc
from geo import correspondence

LINK_ORDER = {"direct": 0, "parent": 1, "national": 2}
PROFILE_CLASSES = (
    "Both tiers",
    "Tier 1 only",
    "Tier 2 only",
    "National-level only",
    "No link recorded",
)


@dataclass(frozen=True)
class Selection:
    """What to count and which regions to show. Empty tuple = no restriction."""

    countries: tuple[str, ...] = ()
    chains: tuple[str, ...] = ()  # value-chain slugs
    ecosystems: tuple[str, ...] = ()
    tiers: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    initiatives: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # RIS 2023 performance groups (region filter)

    def is_default(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))


def selected_initiatives(ini: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    m = pd.Series(True, index=ini.index)
    if sel.chains:
        m &= ini["chain_id"].isin(sel.chains)
    if sel.ecosystems:
        m &= ini["ecosystem_list"].map(lambda es: bool(set(es) & set(sel.ecosystems)))
    if sel.tiers:
        m &= ini["tier"].isin(sel.tiers)
    if sel.types:
        m &= ini["type"].isin(sel.types)
    if sel.initiatives:
        m &= ini["initiative_id"].isin(sel.initiatives)
    return ini[m]


def link_table(par: pd.DataFrame, targets: pd.Index, level: int) -> pd.DataFrame:
    """(target, initiative_id, tier, link) for every participation row with a place.

    ``targets`` are the NUTS 2021 codes at ``level``. Rows whose place is not a NUTS 2021
    code are left out here (the data check reports them).
    """
    p = par.loc[par["place_code"].notna(), ["initiative_id", "tier", "place_code", "place_level"]]
    tgt = pd.DataFrame({"target": targets})
    out = []
    # place at or below the target level -> its ancestor at the level, direct
    fine = p[p["place_level"] >= level].copy()
    fine["target"] = fine["place_code"].str.slice(0, level + 2)
    fine["link"] = "direct"
    out.append(fine)
    # place above the target level -> every target inside it
    for plev in range(level):
        coarse = p[p["place_level"] == plev]
        if coarse.empty:
            continue
        tgt["key"] = tgt["target"].str.slice(0, plev + 2)
        m = coarse.merge(tgt, left_on="place_code", right_on="key")
        m["link"] = "national" if plev == 0 else "parent"
        out.append(m.drop(columns="key"))
    links = pd.concat(out, ignore_index=True)
    links = links[links["target"].isin(targets)]
    links["rank"] = links["link"].map(LINK_ORDER)
    links = links.sort_values("rank").drop_duplicates(["target", "initiative_id"])
    return links[["target", "initiative_id", "tier", "link"]].reset_index(drop=True)


@functools.cache
def _links(level: int) -> pd.DataFrame:
    return link_table(tables.participation(), pd.Index(geodata.codes_at(level)), level)


def participation_counts(links: pd.DataFrame, targets: pd.Index) -> pd.DataFrame:
    """Counts of distinct initiatives per target, by tier and link kind, plus the profile."""
    cols = [f"t{t}_{k}" for t in (1, 2) for k in LINK_ORDER]
    if links.empty:
        counts = pd.DataFrame(0, index=targets, columns=cols)
    else:
        counts = (links.assign(col="t" + links["tier"].astype(str) + "_" + links["link"])
                  .groupby(["target", "col"]).size().unstack(fill_value=0)
                  .reindex(index=targets, columns=cols, fill_value=0))
    counts = counts.fillna(0).astype(int)
    for t in (1, 2):
        counts[f"t{t}_regional"] = counts[f"t{t}_direct"] + counts[f"t{t}_parent"]
        counts[f"t{t}_any"] = counts[f"t{t}_regional"] + counts[f"t{t}_national"]
    counts["profile"] = profile(counts)
    counts.index.name = "code"
    return counts


def profile(counts: pd.DataFrame) -> pd.Series:
    r1, r2 = counts["t1_regional"] > 0, counts["t2_regional"] > 0
    nat = (counts["t1_national"] + counts["t2_national"]) > 0
    out = np.select(
        [r1 & r2, r1, r2, nat],
        PROFILE_CLASSES[:4],
        default=PROFILE_CLASSES[4],
    )
    return pd.Series(pd.Categorical(out, categories=PROFILE_CLASSES), index=counts.index)


@functools.cache
def resolved_score(key: str, level: int, year: int | None = None) -> pd.DataFrame:
    """Score ``key`` on every NUTS 2021 region of ``level``: value, group, year, value_code, basis."""
    vals = sc.values(key, year)
    return nuts_resolve(vals, level)


def nuts_resolve(vals: pd.DataFrame, level: int) -> pd.DataFrame:
    from geo.hierarchy import resolve

    return resolve(vals, geodata.codes_at(level), geodata.all_codes(), correspondence.successors())


def regions_frame(level: int, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    reg = geodata.registry()
    sel = reg[reg["level"] == level]
    if countries:
        sel = sel[sel["country"].isin(countries)]
    return sel[["name", "country", "level"]]


def region_table(level: int, sel: Selection = Selection(), metric: str = "profile",
                 year: int | None = None, user=None) -> pd.DataFrame:
    """One row per NUTS 2021 region of ``level`` passing the selection's region filters.

    Columns: name, country, level, participation counts (see :func:`participation_counts`),
    ``profile``, the RIS 2023 group (``ris_group`` with ``ris_group_basis``) and, for a score
    metric, ``value``, ``value_year``, ``value_code``, ``basis`` (region / same territory /
    parent region / country / predecessor code).

    ``user`` (a :class:`data.upload.UserData`, this session's upload) adds its participation
    rows and initiatives; metric ``yours`` shows its scores; ``your_data`` marks the regions
    whose figures include uploaded rows.
    """
    regs = regions_frame(level, sel.countries)
    ini = tables.initiatives()
    has_par = user is not None and not user.participation.empty
    if has_par and not user.initiatives.empty:
        ini = pd.concat([ini, user.initiatives.drop(columns="your_data", errors="ignore")], ignore_index=True)
    ini = selected_initiatives(ini, sel)
    links = _links(level)
    yours = pd.Index([])
    if has_par:
        ul = link_table(user.participation, pd.Index(geodata.codes_at(level)), level)
        ul = ul[ul["initiative_id"].isin(ini["initiative_id"]) & ul["target"].isin(regs.index)]
        yours = pd.Index(ul["target"].unique())
        links = pd.concat([links, ul], ignore_index=True)
        links = (links.assign(rank=links["link"].map(LINK_ORDER)).sort_values("rank", kind="stable")
                 .drop_duplicates(["target", "initiative_id"]).drop(columns="rank"))
    links = links[links["initiative_id"].isin(ini["initiative_id"]) & links["target"].isin(regs.index)]
    out = regs.join(participation_counts(links, regs.index))
    out["your_data"] = out.index.isin(yours)
    grp = resolved_score("rii_group", level)
    out["ris_group"] = grp["value"].reindex(out.index)
    out["ris_group_basis"] = grp["basis"].reindex(out.index)
    if sel.groups:
        out = out[out["ris_group"].isin(sel.groups)]
    if metric == "yours":
        s = nuts_resolve(user.scores, level) if user is not None and not user.scores.empty else None
        cols = ("value", "year", "value_code", "basis")
        for c, src in zip(("value", "value_year", "value_code", "basis"), cols, strict=True):
            out[c] = s[src].reindex(out.index) if s is not None else pd.Series(
                np.nan if c == "value" else None, index=out.index, dtype=float if c == "value" else object)
        out["your_data"] = out["your_data"] | out["value"].notna()
    elif metric in sc.SCORES:
        s = resolved_score(metric, level, year)
        out["value"] = s["value"].reindex(out.index)
        out["value_year"] = s["year"].reindex(out.index)
        out["value_code"] = s["value_code"].reindex(out.index)
        out["basis"] = s["basis"].reindex(out.index)
    return out


def initiatives_for(code: str, sel: Selection = Selection()) -> pd.DataFrame:
    """Initiatives linked to one region (any level), with the link kind and the source rows."""
    level = len(code) - 2
    ini = selected_initiatives(tables.initiatives(), sel)
    links = _links(level)
    links = links[(links["target"] == code) & links["initiative_id"].isin(ini["initiative_id"])]
    cols = ["initiative_id", "short_name", "type", "tier", "value_chain", "source_url"]
    return links.merge(ini[cols], on=["initiative_id", "tier"]).sort_values(["tier", "link", "short_name"])


def coverage(table: pd.DataFrame) -> dict[str, int]:
    """How the shown values were obtained: counts per basis, plus regions with no data."""
    if "basis" not in table:
        return {}
    basis = table["basis"].fillna("no data")
    basis = basis.where(table["value"].notna(), "no data")
    return basis.value_counts().to_dict()
