"""The Divide page's sections: each reads the page context, calls data/ and renders.

Every caption is computed in :mod:`data.divide_captions` and doubles as the chart's alt text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import charts, downloads, filter_bar, initiative_links, profile_sections, share, state
from components.charts import barriers as barrier_charts
from components.charts import concentration as conc_charts
from components.charts import groups as group_charts
from components.charts import peers as peer_charts
from components.charts import scatter as scatter_charts
from components.text import isolate, md
from data import cache, divide, gaps, geodata, links, model, peers
from data import divide_figures as figures
from data.fmt import unit_name
from data.views import PARTICIPATION_EDITION

NO_INITIATIVE = "No initiative passes these filters (tier, type, value chain, ecosystem, initiative). Widen them."
INFO = ":material/info:"
# what every Divide table download names as its edition and source
EDITION = f"Participation: {PARTICIPATION_EDITION}. Scores: RIS 2023 (regions), EIS 2023 (countries)."
SOURCE = charts.CHART_SOURCE


@dataclass(frozen=True)
class Page:
    view: state.ViewState
    sel: model.Selection
    level: int
    unit: str
    tiers: tuple[int, ...]
    table: pd.DataFrame  # regions in scope (metric rii)
    excluded: pd.Series  # out-of-scope regions per country
    rule: str
    empty_text: str

    @property
    def both_tiers(self) -> bool:
        return set(self.tiers) == {1, 2}


def page_context() -> Page:
    filter_bar.draw_level()
    s = state.current()
    sel = s.selection()
    level = s.level
    table, excluded = figures.scope_table(level, sel)
    unit = unit_name(level)
    empty = (f"No {unit} in scope match these filters. Widen the country or performance-group filter."
             + (" Non-EU countries are outside the scope: include them with the sidebar control."
                if excluded.sum() else ""))
    return Page(s, sel, level, unit, divide.counted_tiers(sel), table, excluded, s.dlinks, empty)


def intro(p: Page) -> Page:
    head, link = st.columns([4, 1], vertical_alignment="bottom")
    head.title("The innovation divide")
    with link:
        share.render()
    st.markdown(
        "Tests four claims against the data: **Tier 1** (IPCEIs, industrial alliances) concentrates in innovation "
        "leaders; **Tier 2** (clusters, S3 partnerships) is more place-based; the least innovative regions are "
        "absent from both; the two tiers are disconnected. Every chart follows the filters in the sidebar.")
    filter_bar.state_widget(st.toggle, "dlinks", "w_dlinks", lambda v: v == "any",
                            lambda on: "any" if on else "regional", label="Count national membership too",
                            help=links.rule_text("any"))
    s = state.current()
    p = Page(s, p.sel, p.level, p.unit, p.tiers, p.table, p.excluded, s.dlinks, p.empty_text)
    st.caption(f"**{links.rule_text(p.rule)}** " + figures.scope_caption(p.level, p.sel))
    return p


def _chart_key(*parts) -> tuple:
    """What a Divide chart shows: its name and the whole view (every URL parameter), so its
    Vega-Lite spec is built once per view and process (:func:`components.charts.render`)."""
    return ("divide", *parts, tuple(sorted(state.encode(state.current()).items())))


def _guard(p: Page, need_both: bool = False) -> bool:
    if p.table.empty:
        st.info(p.empty_text, icon=INFO)
        return False
    if not p.tiers:
        st.info(NO_INITIATIVE, icon=INFO)
        return False
    if need_both and not p.both_tiers:
        st.info("This section compares both tiers; the filters select initiatives of one tier only.", icon=INFO)
        return False
    return True


def by_group(p: Page) -> None:
    st.header("1 · Who is linked, by innovation performance group")
    filter_bar.state_widget(st.radio, "dgroup", "w_dgroup", label="Group regions by", options=list(state.DIVIDE_GROUPS),
                            format_func=state.DIVIDE_GROUPS.get, horizontal=True)
    s = state.current()
    if not _guard(p):
        return
    fig = figures.group_figures(p.level, p.sel, s.dgroup, p.rule)
    shares, cap = fig.shares, fig.caption
    if p.level == 0 and s.dgroup == "ris":
        st.info("At country level RIS 2023 gives a group only to the countries it publishes as one region. "
                "Choose “EIS 2023 national group”, or a NUTS level in the sidebar.", icon=INFO)
    left, right = st.columns(2)
    label = state.DIVIDE_LINKS[p.rule]
    with left:
        charts.render(lambda: group_charts.group_tier_chart(
            shares, f"{p.unit[0].upper()}{p.unit[1:]} with at least one link", label, p.unit), cap,
            key=_chart_key("group tiers"))
    with right:
        if p.both_tiers:
            charts.render(lambda: group_charts.group_profile_chart(shares, "Tier profile of each group", label, p.unit),
                          cap, key=_chart_key("group profile"))
        else:
            st.info("The filters select initiatives of one tier only, so the profile (both / one / neither) "
                    "is not computed.", icon=INFO)
    st.caption(cap)
    with st.expander("Table: counts and shares by group"):
        downloads.table(shares, f"divide shares by {s.dgroup} group", key="dl_shares", edition=EDITION,
                        source=SOURCE, hide_index=True, column_config={
                            c: st.column_config.NumberColumn(format="percent") for c in shares if c.endswith("_share")})


def by_context(p: Page) -> None:
    """The same shares by GDP per head band and by Horizon Europe widening status."""
    st.subheader("The same shares by GDP per head and by Horizon Europe widening status")
    if not _guard(p):
        return
    try:
        panels = figures.context_figures(p.level, p.sel, p.rule)
    except (OSError, ValueError) as exc:
        st.info(f"The context tables could not be loaded: {exc}", icon=INFO)
        return
    cols = st.columns(2)
    for col, panel in zip(cols, panels, strict=True):
        with col:
            if panel.shares is None:
                st.info(f"{panel.title}: not known for any of the {p.unit} shown"
                        + (" (GDP per head is given for NUTS 2 regions only)." if panel.column == "gdp_band" else "."),
                        icon=INFO)
                st.caption(panel.caption)
                continue
            full = f"{panel.caption} {links.rule_text(p.rule)}"
            charts.render(lambda panel=panel: group_charts.group_tier_chart(
                panel.shares, panel.title, state.DIVIDE_LINKS[p.rule], p.unit), full,
                key=_chart_key("context", panel.column))
            st.caption(panel.caption)


def countries(p: Page) -> None:
    st.header("2 · Country divide: IPCEI membership and national innovation performance")
    fig = figures.country_figures(p.sel)
    t, cap = fig.divide.table, fig.caption
    main, side = st.columns([3, 1])
    with main:
        tabs = st.tabs(["IPCEIs vs innovation score", "Tier 2 vs innovation score", "IPCEIs vs Tier 2"])
        sii = "EIS 2023 Summary Innovation Index"
        specs = [("sii", "n_ipcei", sii, "IPCEIs as member state", "IPCEI memberships by national innovation score"),
                 ("sii", "n_tier2", sii, "Tier 2 initiatives present", "Tier 2 presence by national innovation score"),
                 ("n_ipcei", "n_tier2", "IPCEIs as member state", "Tier 2 initiatives present",
                  "Tier 1 (IPCEIs) vs Tier 2, per member state")]
        for tab, (x, y, xt, yt, title) in zip(tabs, specs, strict=True):
            with tab:
                if t[x].isna().all() or t[y].isna().all():
                    st.info("The filters leave out the instruments this chart needs (IPCEIs or Tier 2 initiatives).",
                            icon=INFO)
                    continue
                charts.render(lambda x=x, y=y, xt=xt, yt=yt, title=title: scatter_charts.divide_scatter(
                    t, x, y, divide.fit(t[x], t[y]), xt, yt, title), cap, key=_chart_key("country", x, y))
    with side:
        st.markdown("**Member states in no IPCEI**")
        st.markdown(fig.no_ipcei)
    st.caption(cap)


def regions(p: Page) -> None:
    st.header("3 · Regions: innovation score against links")
    if not _guard(p):
        return
    cols = st.columns(2)
    for col, tier in zip(cols, (1, 2), strict=True):
        with col:
            if tier not in p.tiers:
                st.info(f"No Tier {tier} initiative passes the filters.", icon=INFO)
                continue
            sc, cap = figures.region_figures(p.level, p.sel, tier, p.rule)
            if pd.isna(sc.fit.r):
                st.info(f"Too few regions with a score and varying Tier {tier} links for a fit ({sc.fit.n}).",
                        icon=INFO)
            else:
                charts.render(lambda sc=sc, tier=tier: scatter_charts.region_scatter_chart(
                    sc, "Regional Innovation Index 2023 (RIS 2023)", f"Tier {tier} initiatives linked",
                    f"Tier {tier} links by regional innovation score"), cap, key=_chart_key("regions", tier))
            st.caption(cap)


def concentrated(p: Page) -> None:
    st.header("4 · How concentrated is each tier?")
    if not _guard(p):
        return
    cons, cap = figures.concentration_figures(p.level, p.sel, p.rule)
    if not any(c.total for c in cons):
        st.info("No participation is recorded at this level for this selection, so there is nothing to concentrate.",
                icon=INFO)
        st.caption(cap)
        return
    left, right = st.columns([3, 2])
    with left:
        charts.render(lambda: conc_charts.lorenz_chart(cons, p.unit), cap, key=_chart_key("lorenz"))
    with right:
        for c in cons:
            st.markdown(f"**Tier {c.tier}** · {state.DIVIDE_LINKS[p.rule].lower()}")
            a, b = st.columns(2)
            a.metric("Gini", "no data" if c.total == 0 else f"{c.gini:.2f}")
            b.metric(f"Top 5 {p.unit} hold", "no data" if c.total == 0 else f"{c.top5:.0%}")
    st.caption(cap)


GAP_CONFIG = {
    "profile": st.column_config.LinkColumn("profile", display_text="open", help="Open the region profile"),
    "rii": st.column_config.NumberColumn("RII 2023", format="%.2f"),
    "rii_source": "RII from", "group": "RIS 2023 group", "group_source": "group from",
    "tier1_links": st.column_config.NumberColumn("Tier 1 links"),
    "tier2_links": st.column_config.NumberColumn("Tier 2 links"),
    "tier2_in_region": st.column_config.NumberColumn("Tier 2 in the region"),
    "tier2_via_parent": st.column_config.NumberColumn("Tier 2 via parent region"),
    "Tier 1 connections": initiative_links.CONNECT_COLUMN,
}


def gap_lists(p: Page) -> gaps.GapLists:
    st.header("5 · Gaps: bridging candidates and regions left out")
    fig = figures.gap_figures(p.level, p.sel, p.rule)
    g = fig.lists
    if not _guard(p, need_both=True):
        return g
    cap_b, cap_l = fig.captions
    head_b, head_l = fig.headings
    for title, df, cap, name in ((head_b, g.bridging, cap_b, "bridging"), (head_l, g.left_out, cap_l, "left_out")):
        st.subheader(title)
        if df.empty:
            st.info(f"No {p.unit} in this list for the current filters.", icon=INFO)
        else:
            shown = _gap_table(p.view, p.level, p.sel, p.rule, name)
            downloads.table(shown, f"divide {name} {p.rule} nuts{p.level}", key=f"dl_{name}", export=df,
                            edition=EDITION, source=SOURCE, hide_index=True, column_config=GAP_CONFIG,
                            height=min(38 + 35 * len(df), 380))
        st.caption(cap)
    return g


@cache.resource(max_entries=figures.MAX_VIEWS)
def _gap_table(view: state.ViewState, level: int, sel: model.Selection, rule: str, name: str) -> pd.DataFrame:
    """A gap list as shown: each row links to its region profile with this view's filters, and a
    bridging candidate to where it could connect to Tier 1. Once per view (a link per row)."""
    df = getattr(figures.gap_figures(level, sel, rule).lists, name)
    shown = gaps.with_profile_links(df, lambda c: state.query_string(view.replace(region=c)))
    return initiative_links.with_connections(shown, "code", view) if name == "bridging" else shown


def barrier_divide(p: Page) -> None:
    st.header("6 · Barriers: which indicators separate the regions")
    if not _guard(p):
        return
    if profile_sections.indicators_or_notice() is None:
        return
    for pair in figures.barrier_figures(p.level, p.sel, p.rule):
        with st.container():
            if pair.table is None:
                st.info("No Tier 1 initiative passes the filters.", icon=INFO)
                continue
            if pair.table["effect"].notna().any():
                charts.render(lambda pair=pair: barrier_charts.separation_chart(pair.table, pair.a, pair.b, pair.title),
                              pair.caption, key=_chart_key("barriers", pair.a))
            else:
                st.info(f"Too few RIS units on each side for this selection ({pair.n_a} and {pair.n_b}).", icon=INFO)
            st.caption(pair.caption)


def peer_comparison(p: Page, g: gaps.GapLists) -> None:
    st.header("7 · Peer comparison")
    sug = figures.peer_suggestion(p.level, p.sel, p.rule, p.view.region)
    focus, why, suggested = sug.focus, sug.why, list(sug.suggested)
    names = geodata.registry()["name"]
    options = list(dict.fromkeys([*sug.options, *p.view.peers]))
    filter_bar.state_widget(st.multiselect, "peers", "w_peers", lambda v: list(v) if v else suggested, tuple,
                            label=f"Regions to compare (up to {state.MAX_PEERS})", options=options,
                            max_selections=state.MAX_PEERS, format_func=lambda c: f"{isolate(names.get(c, c))} ({c})",
                            placeholder="Type a region name")
    s = state.current()
    chosen = list(s.peers) or suggested
    if s.peers:
        st.caption("Your choice (kept in the link). Clear it to see suggested peers again.")
    elif focus:
        st.caption(f"Suggested from {why}, {md(names.get(focus, focus))} ({focus}): same RIS 2023 group first, "
                   "then the same country, closest RII 2023 first.")
    if not chosen:
        st.info("Choose up to five regions to compare: no region matches the filters to suggest peers from.",
                icon=INFO)
        return
    fig = figures.peer_figures(tuple(chosen), p.level, p.sel)
    table, long, cap = fig.table, fig.long, fig.caption
    if table.empty:
        st.info("None of the chosen regions is known at this level.", icon=INFO)
        return
    measures = [peers.PEER_MEASURES[k][0] for k in ("rii", "sii", "gerd")]
    charts.render(lambda: peer_charts.peer_scores_chart(long, measures), cap, width="content",
                  key=_chart_key("peer scores", *chosen))
    charts.render(lambda: peer_charts.peer_participation_chart(long), cap, key=_chart_key("peer links", *chosen))
    st.caption(cap)
    with st.expander("Table: peers side by side"):
        downloads.table(table, "divide peers", key="dl_peers", edition=EDITION, source=SOURCE, hide_index=True)
