"""Region profile: deep-linkable with ?region=CODE."""

import altair as alt
import streamlit as st

from components import share, state
from data import geodata, model, profile

s = state.current()
reg = geodata.registry()
labels = {c: f"{reg.at[c, 'name']} ({c})" for c in reg.index}

st.title("Region profile")
choice = st.selectbox("Region (type to search)", options=list(labels), format_func=labels.get,
                      index=list(labels).index(s.region) if s.region in labels else None,
                      placeholder="Choose a region or country")
if choice != s.region:
    s = state.update(region=choice)
if not s.region:
    st.info("Choose a region above, or click one on the map.", icon=":material/info:")
    st.stop()

h = profile.header(s.region)
head, link = st.columns([4, 1], vertical_alignment="bottom")
head.header(f"{h['name']} ({h['code']})")
with link:
    share.render()
st.caption(f"NUTS level {h['level']}" + (f" · within {h['within']}" if h["within"] else ""))
st.page_link("pages/map_explorer.py", label="Back to the map", icon=":material/map:", query_params=state.encode(s))

st.subheader("Innovation scores")
scores_table = profile.score_rows(s.region)
st.dataframe(scores_table, hide_index=True, height=36 * (len(scores_table) + 1) + 4,
             column_order=["indicator", "value", "basis", "year", "edition", "unit"])
st.caption("“parent region”, “same territory”, “country” and “predecessor code” mark values "
           "published for a larger or older unit; “no data” is unknown, not zero.")
left, right = st.columns([1, 1])
with left:
    st.subheader("Regional Innovation Index 2016–2023")
    series = profile.rii_series(s.region)
    if series.empty:
        st.info("RIS 2023 has no value for this region or any unit containing it.")
    else:
        chart = alt.Chart(series).mark_line(point=True).encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y("RII:Q", scale=alt.Scale(zero=False)),
            tooltip=["year", alt.Tooltip("RII:Q", format=".2f"), "from"],
        ).properties(height=260).configure_axis(labelFontSize=14, titleFontSize=14)
        st.altair_chart(chart, width="stretch")
        st.caption(f"RIS 2023 database, index EU27 2016 = 100; values of {', '.join(sorted(set(series['from'])))}.")

with right:
    st.subheader("Initiatives linked to this region")
    links = model.initiatives_for(s.region, s.selection())
    if links.empty:
        st.info("No participation recorded for this region under the current filters "
                "(the compilation is partial: absence here is not proof of absence).")
    else:
        st.dataframe(links[["short_name", "tier", "link", "type", "value_chain", "source_url"]], hide_index=True,
                     column_config={"source_url": st.column_config.LinkColumn("source")})
        st.caption("link: direct = placed in the region; parent = placed in a larger region containing "
                   "it; national = the country is a member (e.g. IPCEI member state).")
named = profile.participants_in(s.region, s.selection())
if len(named):
    st.subheader("Named participants and partners located here")
    st.dataframe(named, hide_index=True, column_config={"source_url": st.column_config.LinkColumn("source")})
