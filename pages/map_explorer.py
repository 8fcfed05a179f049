"""Map explorer: choropleth of the filtered view, legend, region details."""

import streamlit as st

from components import filter_bar, legend, region_panel, share, state
from components import map as map_ui
from data import shared
from data.check import summary_line

filter_bar.draw_view_settings()
s = state.current()
view_args = (s.level, s.selection(), s.metric, s.year, s.scheme, s.k)
view = shared.map_view(*view_args)  # computed once per view, shared by all sessions

head, link = st.columns([4, 1], vertical_alignment="bottom")
head.title("Where EU industrial innovation support lands")
with link:
    share.render()
st.caption("Tier 1: IPCEIs and European Industrial Alliances · Tier 2: Euroclusters, cluster "
           "partnerships and S3 partnerships. Participation is a compilation of public sources; "
           "member lists are partial, so “no link recorded” is not proof of absence.")
if view.message:
    st.info(view.message, icon=":material/info:")

left, right = st.columns([3, 1.25])
with left:
    clicked = map_ui.render(shared.map_layer(*view_args), s.level, tiles=s.tiles)
    if view.rule:
        st.caption(view.rule)
    st.caption(map_ui.ATTRIBUTION)
    st.caption(summary_line())
if clicked and clicked != s.region:
    s = state.update(region=clicked)
with right:
    legend.render(view)
    st.divider()
    region_panel.render(s.region, view)
