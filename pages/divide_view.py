"""Divide: does EU industrial-innovation support follow innovation performance?

Thin page: reads the shared state, calls :mod:`data.divide`, renders with
:mod:`components.charts`. Every caption is computed from the data.
"""

import streamlit as st

from components import charts, filter_bar, share, state
from data import divide as D
from data import geodata, model

filter_bar.draw_level()
s = state.current()
sel = s.selection()
tiers = D.counted_tiers(sel)  # tiers with at least one initiative passing the filters
both_tiers = set(tiers) == {1, 2}
level = s.level
unit = D.unit_name(level)

head, link = st.columns([4, 1], vertical_alignment="bottom")
head.title("The innovation divide")
with link:
    share.render()
st.markdown(
    "Tests four claims against the data: **Tier 1** (IPCEIs, industrial alliances) concentrates in innovation "
    "leaders; **Tier 2** (clusters, S3 partnerships) is more place-based; the least innovative regions are "
    "absent from both; the two tiers are disconnected. Every chart follows the filters in the sidebar.")

table_all = model.region_table(level, sel, "rii")
table, excluded = D.scope_eu27(table_all)
st.caption(D.caption_scope(excluded, level, len(table)) + " " + D.caption_scores(table, level))
EMPTY = (f"No {unit} of an EU member state match these filters. Widen the country or performance-group filter."
         + (" This page covers the EU27; the map shows the other countries." if excluded.sum() else ""))

NO_INITIATIVE = "No initiative passes these filters (tier, type, value chain, ecosystem, initiative). Widen them."


def chart(c, width: str = "stretch") -> None:
    st.altair_chart(charts.style(c), width=width)


# --- 1. by performance group -----------------------------------------------------------------

st.header("1 · Who is linked, by innovation performance group")
opt_group, opt_links = st.columns(2)
with opt_group:
    filter_bar.bind(st.radio, "dgroup", "w_dgroup", label="Group regions by", options=list(state.DIVIDE_GROUPS),
                    format_func=state.DIVIDE_GROUPS.get, horizontal=True)
with opt_links:
    filter_bar.bind(st.toggle, "dlinks", "w_dlinks", lambda v: v == "any", lambda on: "any" if on else "regional",
                    label="Count national membership too",
                    help="On: an IPCEI member state or a country-level partner counts for every region of its "
                         "country. Off: only sites and partnerships placed in the region (or a larger region "
                         "containing it).")
s = state.current()
group_col, group_label = D.GROUPINGS[s.dgroup]
links_label = state.DIVIDE_LINKS[s.dlinks]
if table.empty:
    st.info(EMPTY, icon=":material/info:")
elif not tiers:
    st.info(NO_INITIATIVE, icon=":material/info:")
else:
    grouped = D.with_eis_group(table) if s.dgroup == "eis" else table
    shares = D.group_shares(grouped, group_col, s.dlinks, tiers)
    if level == 0 and s.dgroup == "ris":
        st.info("At country level RIS 2023 gives a group only to the countries it publishes as one region. "
                "Choose “EIS 2023 national group”, or a NUTS level in the sidebar.", icon=":material/info:")
    left, right = st.columns(2)
    with left:
        chart(charts.group_tier_chart(shares, f"{unit[0].upper()}{unit[1:]} with at least one link", links_label,
                                      unit))
    with right:
        if both_tiers:
            chart(charts.group_profile_chart(shares, "Tier profile of each group", links_label, unit))
        else:
            st.info("The filters select initiatives of one tier only, so the profile (both / one / neither) "
                    "is not computed.",
                    icon=":material/info:")
    st.caption(D.caption_group_shares(grouped, shares, s.dgroup, s.dlinks, level, tiers))
    with st.expander("Table: counts and shares by group"):
        st.dataframe(shares, hide_index=True, column_config={
            c: st.column_config.NumberColumn(format="percent") for c in shares if c.endswith("_share")})

# --- 2. country divide -----------------------------------------------------------------------

st.header("2 · Country divide: IPCEI membership and national innovation performance")
cd = D.country_divide(sel)
t = cd.table
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
                        icon=":material/info:")
                continue
            chart(charts.divide_scatter(t, x, y, D.fit(t[x], t[y]), xt, yt, title))
with side:
    st.markdown("**Member states in no IPCEI**")
    st.markdown(D.caption_no_ipcei(cd))
st.caption(D.caption_country_divide(cd, sel))

# --- 3. concentration ------------------------------------------------------------------------

st.header("3 · How concentrated is each tier?")
cons = D.concentration(table, s.dlinks, tiers)
if table.empty:
    st.info(EMPTY, icon=":material/info:")
elif not any(c.total for c in cons):
    st.info("No participation is recorded for this selection, so there is nothing to concentrate.",
            icon=":material/info:")
else:
    left, right = st.columns([3, 2])
    with left:
        chart(charts.lorenz_chart(cons, unit))
    with right:
        for c in cons:
            st.markdown(f"**Tier {c.tier}** · {links_label.lower()}")
            a, b = st.columns(2)
            a.metric("Gini", "no data" if c.total == 0 else f"{c.gini:.2f}")
            b.metric(f"Top 5 {unit} hold", "no data" if c.total == 0 else f"{c.top5:.0%}")
    st.caption(D.caption_concentration(cons, s.dlinks, level))

# --- 4. gap lists ----------------------------------------------------------------------------

st.header("4 · Gaps: bridging candidates and regions left out")
gaps = D.gap_lists(table)
if table.empty:
    st.info(EMPTY, icon=":material/info:")
elif not both_tiers:
    st.info("Gap lists compare both tiers; the filters select initiatives of one tier only. Choose “Both tiers” "
            "and initiative types of both tiers.",
            icon=":material/info:")
else:
    cap_b, cap_l = D.caption_gaps(gaps, table, level)
    cfg = {"rii": st.column_config.NumberColumn("RII 2023", format="%.2f"),
           "rii_basis": "RII from", "group": "RIS 2023 group", "group_basis": "group from",
           "t1_any": st.column_config.NumberColumn("Tier 1 (any)"),
           "t2_regional": st.column_config.NumberColumn("Tier 2 (regional)"),
           "t2_any": st.column_config.NumberColumn("Tier 2 (any)")}
    for title, df, cap, name in (
            ("Bridging candidates: active in Tier 2, no Tier 1 link", gaps.bridging, cap_b, "bridging"),
            ("Left out: no link to either tier", gaps.left_out, cap_l, "left_out")):
        st.subheader(title)
        if df.empty:
            st.info(f"No {unit} in this list for the current filters.", icon=":material/info:")
        else:
            st.dataframe(df, hide_index=True, column_config=cfg, height=min(38 + 35 * len(df), 380))
            st.download_button(f"Download CSV ({len(df)} rows)", df.to_csv(index=False).encode("utf-8"),
                               file_name=f"divide_{name}_nuts{level}.csv", mime="text/csv", key=f"dl_{name}",
                               icon=":material/download:")
        st.caption(cap)

# --- 5. peers --------------------------------------------------------------------------------

st.header("5 · Peer comparison")
peer_sel = model.Selection(chains=sel.chains, ecosystems=sel.ecosystems, tiers=sel.tiers, types=sel.types,
                           initiatives=sel.initiatives)
pool, _ = D.scope_eu27(model.region_table(level, peer_sel, "rii"))
focus, why = D.peer_focus(s.region, pool, gaps, table)
suggested = D.suggest_peers(focus, pool) if focus else []
names = geodata.registry()["name"]
options = list(dict.fromkeys([*pool.index, *s.peers]))
filter_bar.bind(st.multiselect, "peers", "w_peers", lambda v: list(v) if v else suggested, tuple,
                label=f"Regions to compare (up to {state.MAX_PEERS})", options=options,
                max_selections=state.MAX_PEERS, format_func=lambda c: f"{names.get(c, c)} ({c})",
                placeholder="Type a region name")
s = state.current()
chosen = list(s.peers) or suggested
if s.peers:
    st.caption("Your choice (kept in the link). Clear it to see suggested peers again.")
elif focus:
    st.caption(f"Suggested from {why}, {names.get(focus, focus)} ({focus}): same RIS 2023 group first, "
               "then the same country, closest RII 2023 first.")
if not chosen:
    st.info("Choose up to five regions to compare: no region matches the filters to suggest peers from.",
            icon=":material/info:")
else:
    peers = D.peers_table(chosen, level, sel)
    if peers.empty:
        st.info("None of the chosen regions is known at this level.", icon=":material/info:")
    else:
        long = D.peers_long(peers)
        chart(charts.peer_scores_chart(long, [D.PEER_MEASURES[k][0] for k in ("rii", "sii", "gerd")]),
              width="content")
        chart(charts.peer_participation_chart(long))
        st.caption(D.caption_peers(peers))
        with st.expander("Table: peers side by side"):
            st.dataframe(peers, hide_index=True)
