"""The Divide page's figures, computed once per view and process and shared by every session.

A workshop room opens the Divide page together: without this, every visitor's run recomputed
every table of the page (region scope, group shares, scatters, concentration, gaps, barriers,
peers; ~0.75 s of server CPU per visitor in a room of 20, py-spy). Each function here is one
section's figures and captions, keyed by the view settings it depends on (level, the frozen
:class:`data.model.Selection`, the link rule, ...), all hashable. Like :mod:`data.shared`, what
they return is read-only: a caller that changes a frame copies it first.

A table that cannot be loaded raises (OSError / ValueError) and is not cached: the page says
why, and the next run tries again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import barriers, cache, concentration, divide, gaps, links, model, peers, scope, shared
from data import context as context_tables
from data import context_groups as cgroups
from data import divide_captions as captions
from data import scores as score_tables

MAX_VIEWS = shared.MAX_VIEWS  # distinct views kept per process and function


@cache.resource(max_entries=MAX_VIEWS)
def scope_table(level: int, sel: model.Selection) -> tuple[pd.DataFrame, pd.Series]:
    """(regions in scope with RII 2023, out-of-scope regions per country)."""
    return scope.split(model.region_table(level, sel, "rii"))


@cache.resource(max_entries=MAX_VIEWS)
def scope_caption(level: int, sel: model.Selection) -> str:
    """What the page covers: the regions in scope and where their RIS 2023 values come from."""
    table, excluded = scope_table(level, sel)
    n_src, ctry = captions.ris_source_coverage(score_tables.ris2023())
    return (captions.caption_scope(excluded, level, len(table), sel.scope) + " "
            + captions.caption_scores(table, level, n_src, ctry))


@dataclass(frozen=True)
class Shares:
    shares: pd.DataFrame
    caption: str


@cache.resource(max_entries=MAX_VIEWS)
def group_figures(level: int, sel: model.Selection, grouping: str, rule: str) -> Shares:
    """Section 1: counts and shares of linked regions by performance group."""
    table = scope_table(level, sel)[0]
    grouped = divide.with_eis_group(table, score_tables.country_groups()) if grouping == "eis" else table
    tiers = divide.counted_tiers(sel)
    shares = divide.group_shares(grouped, divide.GROUPINGS[grouping][0], rule, tiers)
    cap = captions.caption_group_shares(grouped, shares, grouping, rule, level, tiers,
                                        list(score_tables.ris2023().index))
    return Shares(shares, cap)


@dataclass(frozen=True)
class ContextPanel:
    column: str
    title: str
    caption: str
    shares: pd.DataFrame | None  # None: the grouping is known for none of the regions shown


@cache.resource(max_entries=MAX_VIEWS)
def context_figures(level: int, sel: model.Selection, rule: str) -> tuple[ContextPanel, ContextPanel]:
    """The same shares by GDP per head band and by Horizon Europe widening status."""
    gdp, wid = context_tables.gdp_pps(), context_tables.widening()
    t = scope_table(level, sel)[0].copy()
    t["gdp_band"] = cgroups.gdp_band(t, gdp)
    t["widening"] = cgroups.widening_status(t, wid)
    specs = [("gdp_band", cgroups.GDP_BANDS, cgroups.GDP_UNKNOWN, "By GDP per head (PPS)",
              cgroups.caption_gdp(t, t["gdp_band"], gdp)),
             ("widening", cgroups.WIDENING, cgroups.WIDENING_UNKNOWN, "By widening status",
              cgroups.caption_widening(wid))]
    tiers = divide.counted_tiers(sel)
    out = []
    for col, groups, unknown, title, cap in specs:
        known = t[col].notna().sum() > 0
        shares = divide.group_shares(t, col, rule, tiers, groups=groups, no_group=unknown) if known else None
        out.append(ContextPanel(col, title, cap, shares))
    return out[0], out[1]


@dataclass(frozen=True)
class Countries:
    divide: divide.CountryDivide
    caption: str
    no_ipcei: str


@cache.resource(max_entries=MAX_VIEWS)
def country_figures(sel: model.Selection) -> Countries:
    """Section 2: IPCEI membership and Tier 2 presence against national innovation scores."""
    cd = divide.country_divide(sel)
    return Countries(cd, captions.caption_country_divide(cd, sel.countries, sel.groups), captions.caption_no_ipcei(cd))


@cache.resource(max_entries=MAX_VIEWS)
def region_figures(level: int, sel: model.Selection, tier: int, rule: str) -> tuple[divide.RegionScatter, str]:
    """Section 3: one tier's links against the regional innovation score, and its caption."""
    table = scope_table(level, sel)[0]
    sc = divide.region_scatter(table, tier, rule)
    return sc, captions.caption_region_scatter(sc, len(table), rule, level, "RII 2023")


@cache.resource(max_entries=MAX_VIEWS)
def concentration_figures(level: int, sel: model.Selection, rule: str) -> tuple[list, str]:
    """Section 4: Gini and top-5 share of each counted tier, and the caption."""
    cons = concentration.concentration(scope_table(level, sel)[0], rule, divide.counted_tiers(sel))
    return cons, captions.caption_concentration(cons, rule, level)


@dataclass(frozen=True)
class Gaps:
    lists: gaps.GapLists
    captions: tuple[str, str]  # bridging, left out
    headings: tuple[str, str]


@cache.resource(max_entries=MAX_VIEWS)
def gap_figures(level: int, sel: model.Selection, rule: str) -> Gaps:
    """Section 5: bridging candidates and regions left out."""
    table = scope_table(level, sel)[0]
    g = gaps.gap_lists(table, rule)
    return Gaps(g, captions.caption_gaps(g, table, level), captions.gap_headings(g, level))


@dataclass(frozen=True)
class Separation:
    a: str
    b: str
    title: str
    n_a: int
    n_b: int
    table: pd.DataFrame | None  # None: no Tier 1 initiative passes the filters (the "with Tier 1" pair)
    caption: str


@cache.resource(max_entries=MAX_VIEWS)
def barrier_figures(level: int, sel: model.Selection, rule: str) -> tuple[Separation, Separation]:
    """Section 6: which RIS 2023 indicators separate leaders from emerging regions, and regions with
    Tier 1 links from those without."""
    ind = barriers.indicators()
    edition = str(ind["edition"].iloc[0])
    leader, emerging = score_tables.GROUPS[0], score_tables.GROUPS[3]
    t = scope_table(level, sel)[0]
    tier1 = 1 in divide.counted_tiers(sel)
    pairs = [
        ("Innovation Leaders", "Emerging Innovators",
         barriers.units_by(t, t["ris_group"] == leader), barriers.units_by(t, t["ris_group"] == emerging),
         "Leader vs Emerging regions",
         "RIS units of the regions shown (a unit shared by several regions counts once).", True),
        ("with Tier 1 links", "without", barriers.own_units_by(t, links.has_link(t, 1, rule)),
         barriers.own_units_by(t, ~links.has_link(t, 1, rule)), "Regions with and without Tier 1 links",
         "Regions with their own RIS value only (a value shared with a parent region is left out, so no unit "
         "sits on both sides). " + links.rule_text(rule), tier1),
    ]
    out = []
    for a, b, ua, ub, title, note, counted in pairs:
        sep = barriers.separation(ind, ua, ub) if counted else None
        cap = barriers.caption_separation(sep, a, b, edition) + " " + note if counted else ""
        out.append(Separation(a, b, title, len(ua), len(ub), sep, cap))
    return out[0], out[1]


def peer_selection(sel: model.Selection) -> model.Selection:
    """The selection a peer is chosen from: the initiative filters, no country or group filter."""
    return model.Selection(chains=sel.chains, ecosystems=sel.ecosystems, tiers=sel.tiers, types=sel.types,
                           initiatives=sel.initiatives, scope=sel.scope)


@dataclass(frozen=True)
class PeerSuggestion:
    options: tuple[str, ...]  # every region that can be chosen
    focus: str | None
    why: str
    suggested: tuple[str, ...]


@cache.resource(max_entries=MAX_VIEWS)
def peer_suggestion(level: int, sel: model.Selection, rule: str, region: str | None) -> PeerSuggestion:
    """Section 7: the region to suggest peers for (the selected one, else a gap region, else the
    lowest RII) and its suggested peers."""
    pool = scope.split(model.region_table(level, peer_selection(sel), "rii"))[0]
    focus, why = peers.peer_focus(region, pool, gap_figures(level, sel, rule).lists, scope_table(level, sel)[0])
    suggested = tuple(peers.suggest_peers(focus, pool)) if focus else ()
    return PeerSuggestion(tuple(pool.index), focus, why, suggested)


@dataclass(frozen=True)
class Peers:
    table: pd.DataFrame
    long: pd.DataFrame
    caption: str


@cache.resource(max_entries=MAX_VIEWS)
def peer_figures(codes: tuple[str, ...], level: int, sel: model.Selection) -> Peers:
    """The chosen peers side by side (wide and long), and the caption."""
    table = peers.peers_table(list(codes), level, sel)
    return Peers(table, peers.peers_long(table), peers.caption_peers(table))
