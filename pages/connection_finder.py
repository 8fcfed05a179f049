"""Connection finder (Tier 2 -> Tier 1) for one region: ?region=CODE."""

import streamlit as st

from components import downloads, initiative_links, profile_sections, share
from components.text import isolate, md
from data import connections, geodata

s = profile_sections.choose_region(
    "Tier 1 connection points for a region",
    "Choose a region above (or click one on the map) to see which Tier 1 initiatives share value chains "
    "with its Tier 2 memberships.", suggest=True)
if s is None:
    st.stop()

c = connections.connections(s.region)
head, link = st.columns([4, 1], vertical_alignment="bottom")
reg = geodata.registry()
head.header(md(f"{isolate(reg.at[s.region, 'name'])} ({s.region})"))
with link:
    share.render()
url, prof = st.column_config.LinkColumn, {"profile": initiative_links.PROFILE_COLUMN, "initiative_id": None}
st.subheader("1 · Its Tier 2 memberships")
if c.memberships.empty:
    st.info("No Tier 2 membership is recorded in or around this region (the compilation is partial).",
            icon=":material/info:")
    st.stop()
name, P = f"connections {s.region}", downloads.PARTICIPATION
downloads.table(initiative_links.with_profile(c.memberships), f"{name} tier2", key="dl_t2", export=c.memberships, **P,
                hide_index=True, column_config={"source_url": url("source"), **prof})
st.subheader("2 · Tier 1 initiatives in the same value chains")
if c.tier1.empty:
    st.info("No Tier 1 initiative works on the value chains of these memberships.", icon=":material/info:")
    st.stop()
downloads.table(initiative_links.with_profile(c.tier1), f"{name} tier1", key="dl_t1", export=c.tier1, **P,
                hide_index=True, column_config={"source": url("source"), **prof})
st.subheader("3 · Their named participants nearest to this region")
downloads.table(c.nearest, f"{name} nearest", key="dl_near", **P, hide_index=True,
                column_config={"source": url("source"),
                               "distance_km": st.column_config.NumberColumn("distance (km)", format="%d")})
st.caption(f"Same country first, then distance between GISCO label points; at most "
           f"{connections.NEAREST_PER_INITIATIVE} per initiative. “country only”: the source gives the state, "
           "not the place, so the distance is to the country's label point.")
st.subheader("4 · Tier 2 partners already in those Tier 1 initiatives")
if c.partners.empty:
    st.info("None of this region's Tier 2 partner regions hosts a located participant of these Tier 1 "
            "initiatives (in the data compiled).", icon=":material/info:")
else:
    downloads.table(c.partners, f"{name} partners", key="dl_partners", **P, hide_index=True,
                    column_config={"Tier 2 source": url(), "Tier 1 source": url()})
