"""Initiative profile: deep-linkable with ?init=ID (the initiative filter holding one id)."""

import streamlit as st

from components import downloads, not_found, place_map, share, state
from components.text import isolate, md
from data import initiative, tables

s = state.current()
ini = tables.initiatives()
labels = dict(zip(ini["initiative_id"], ini["short_name"].map(isolate) + " · " + ini["type"], strict=True))
current = s.initiatives[0] if s.initiatives else None

st.title("Initiative profile")
choice = st.selectbox("Initiative (type to search)", options=sorted(labels, key=labels.get), format_func=labels.get,
                      index=sorted(labels, key=labels.get).index(current) if current else None,
                      placeholder="Choose an IPCEI, alliance, partnership or cluster")
if choice and choice != current:
    s, current = state.update(initiatives=(choice,)), choice
if len(s.initiatives) > 1:
    st.caption(f"The initiative filter holds {len(s.initiatives)} initiatives; this page shows the first.")
if not current:
    if not not_found.render("initiative", state.rejected("init"), ("initiative", "participant")):
        st.info("Choose an initiative above, or search for one in the sidebar.", icon=":material/info:")
    st.stop()

p = initiative.profile(current)
head, link = st.columns([4, 1], vertical_alignment="bottom")
head.header(md(p.name))
with link:
    share.render()
st.caption(f"{md(p.type)} · Tier {p.tier} · id {md(p.initiative_id)}")
st.info(p.coverage, icon=":material/groups:")

left, right = st.columns([1, 1])
with left:
    st.subheader("Key facts")
    downloads.table(p.facts, f"{p.initiative_id} facts", key="dl_facts", **downloads.PARTICIPATION, hide_index=True,
                    width="stretch", height=35 * len(p.facts) + 40)
    if p.notes:
        st.caption(f"Source notes: {md(p.notes)}")
with right:
    st.subheader("Countries and their role")
    if p.countries.empty:
        st.info("The sources compiled name no country for this initiative.", icon=":material/info:")
    else:
        downloads.table(p.countries, f"{p.initiative_id} countries", key="dl_countries", **downloads.PARTICIPATION,
                        hide_index=True, column_config={"source_url": st.column_config.LinkColumn("source")})

st.subheader("Where")
place_map.show(place_map.initiative_map(dict(zip(p.countries["code"], p.countries["role"], strict=True)), p.places),
               key="initiative_map")
st.caption("Filled points: places the source ties to the project (sites, partner regions); hollow points: head "
           "offices only. Participants known only by country colour their country, they are not points.")

st.subheader("Named participants")
if p.participants.empty:
    st.info("No participant is named in the sources compiled.", icon=":material/info:")
else:
    downloads.table(p.participants, f"{p.initiative_id} participants", key="dl_participants",
                    **downloads.PARTICIPATION, hide_index=True,
                    column_config={"source": st.column_config.LinkColumn("source")})
st.subheader("Sources")
downloads.table(p.sources, f"{p.initiative_id} sources", key="dl_sources", **downloads.PARTICIPATION,
                hide_index=True, column_config={"url": st.column_config.LinkColumn("url")})
