"""The joined model: NUTS 2021 regions x initiative participation x innovation scores.

Pure functions over the curated tables (data/), the score tables and the NUTS registry. What
counts as a link (direct / via parent region / national / associated) is decided by
:mod:`data.links`, the one place that rule lives. Unknown stays NaN: a region with no recorded
link has 0 links (a compiled fact, with the compilation's gaps), but a region without a score
has NaN, never 0. Regions outside the analysis scope (:mod:`data.scope`) keep their counts but
get the profile "Outside the scope" and ``in_scope`` False.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from data import cache, geodata, tables
from data import links as link_rule
from data import scope as scope_mod
from data import scores as score_tables

LINK_ORDER = link_rule.KIND_ORDER
PROFILE_CLASSES = (
    "Both tiers",
    "Tier 1 only",
    "Tier 2 only",
    "Via parent region only",
    "National-level only",
    "Associated only",
    "No link recorded",
    scope_mod.OUTSIDE,
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
    scope: str = "eu"  # data.scope.SCOPES: countries analysed (others drawn "Outside the scope")

    def is_default(self) -> bool:
        return all(getattr(self, f.name) == f.default for f in fields(self))


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
    """(target, initiative_id, tier, link) per region and initiative: see :func:`data.links.link_table`."""
    return link_rule.link_table(par, targets, level)


@cache.resource
def _links(level: int) -> pd.DataFrame:
    return link_table(tables.participation(), pd.Index(geodata.codes_at(level)), level)


def participation_counts(link_rows: pd.DataFrame, targets: pd.Index) -> pd.DataFrame:
    """Counts of distinct initiatives per target by tier and link kind (:func:`data.links.counts`),
    plus the tier profile."""
    counts = link_rule.counts(link_rows, targets)
    counts["profile"] = profile(counts)
    return counts


def profile(counts: pd.DataFrame) -> pd.Series:
    """Tier profile from regional links; a region linked only via a parent region, only
    nationally or only through associated roles gets a class of its own."""
    r1, r2 = counts["t1_regional"] > 0, counts["t2_regional"] > 0
    via_parent = link_rule.parent_only(counts)
    nat = (counts["t1_national"] + counts["t2_national"]) > 0
    assoc = (counts.get("t1_associated", 0) + counts.get("t2_associated", 0)) > 0
    out = np.select(
        [via_parent, r1 & r2, r1, r2, nat, assoc],
        [PROFILE_CLASSES[3], *PROFILE_CLASSES[:3], PROFILE_CLASSES[4], PROFILE_CLASSES[5]],
        default=PROFILE_CLASSES[6],
    )
    return pd.Series(pd.Categorical(out, categories=PROFILE_CLASSES), index=counts.index)


@cache.resource
def resolved_score(key: str, level: int, year: int | None = None) -> pd.DataFrame:
    """Score ``key`` on every NUTS 2021 region of ``level``: value, group, year, value_code, basis."""
    vals = score_tables.values(key, year)
    return nuts_resolve(vals, level)


def nuts_resolve(vals: pd.DataFrame, level: int) -> pd.DataFrame:
    from geo.hierarchy import resolve

    return resolve(vals, geodata.codes_at(level), geodata.all_codes(), geodata.successors())


def regions_frame(level: int, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    reg = geodata.registry()
    sel = reg[reg["level"] == level]
    if countries:
        sel = sel[sel["country"].isin(countries)]
    return sel[["name", "country", "level"]]


MAX_TABLES = 128  # distinct region tables kept per process (0.1-0.6 MB each)


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

    Without ``user`` the table is computed once per arguments and process and shared by every
    caller and session (:mod:`data.cache`): read-only, copy it before changing it. A Divide run
    asks for the same tables up to seven times (its scope, the peer pool, each peer).
    """
    if user is None:
        return _shared_region_table(level, sel, metric, year)
    return _region_table(level, sel, metric, year, user)


@cache.resource(max_entries=MAX_TABLES)
def _shared_region_table(level: int, sel: Selection, metric: str, year: int | None) -> pd.DataFrame:
    return _region_table(level, sel, metric, year, None)


def _region_table(level: int, sel: Selection, metric: str, year: int | None, user) -> pd.DataFrame:
    regs = regions_frame(level, sel.countries)
    ini = tables.initiatives()
    has_par = user is not None and not user.participation.empty
    if has_par and not user.initiatives.empty:
        ini = pd.concat([ini, user.initiatives.drop(columns="your_data", errors="ignore")], ignore_index=True)
    ini = selected_initiatives(ini, sel)
    rows = _links(level)
    yours = pd.Index([])
    if has_par:
        ul = link_table(user.participation, pd.Index(geodata.codes_at(level)), level)
        ul = ul[ul["initiative_id"].isin(ini["initiative_id"]) & ul["target"].isin(regs.index)]
        yours = pd.Index(ul["target"].unique())
        rows = pd.concat([rows, ul], ignore_index=True)
        rows = (rows.assign(rank=rows["link"].map(LINK_ORDER)).sort_values("rank", kind="stable")
                 .drop_duplicates(["target", "initiative_id"]).drop(columns="rank"))
    rows = rows[rows["initiative_id"].isin(ini["initiative_id"]) & rows["target"].isin(regs.index)]
    out = regs.join(participation_counts(rows, regs.index))
    out["your_data"] = out.index.isin(yours)
    out["in_scope"] = scope_mod.in_scope(out["country"], sel.scope)
    out["profile"] = out["profile"].where(out["in_scope"], scope_mod.OUTSIDE)
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
    elif metric in score_tables.SCORES:
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
    rows = _links(level)
    rows = rows[(rows["target"] == code) & rows["initiative_id"].isin(ini["initiative_id"])]
    cols = ["initiative_id", "short_name", "type", "tier", "value_chain", "source_url"]
    return rows.merge(ini[cols], on=["initiative_id", "tier"]).sort_values(["tier", "link", "short_name"])


def coverage(table: pd.DataFrame) -> dict[str, int]:
    """How the shown values were obtained: counts per basis, plus regions with no data."""
    if "basis" not in table:
        return {}
    basis = table["basis"].fillna("no data")
    basis = basis.where(table["value"].notna(), "no data")
    return basis.value_counts().to_dict()
