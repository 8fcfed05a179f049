"""Map explorer: choropleth of the filtered view, legend, region details, stories and downloads."""

import streamlit as st

from components import downloads, filter_bar, legend, present, region_panel, share, state, story_nav, theme, userdata
from components import map as map_ui
from data.check import summary_line

filter_bar.draw_view_settings()
s = state.current()
embed = state.embedded()
# shared by every session unless this one uploaded data or presents (components/present.py)
view, layer = present.map_view_and_layer(s, userdata.current())

if not (s.present and story_nav.active()):  # a presented story shows its own heading instead
    with st.container(key="ie-head"):
        head, tools = st.columns([3, 2], vertical_alignment="center")
        (head.subheader if s.present else head.title)("Where EU industrial innovation support lands")
        with tools, st.container(horizontal=True, horizontal_alignment="right", wrap=True):  # never clipped
            share.render()
            story_nav.render_menu()
            downloads.map_downloads(view, s.level, share.current_url())
story_nav.render_bar(view)
with st.container(key="ie-intro"):
    st.caption("Tier 1: IPCEIs and European Industrial Alliances · Tier 2: Euroclusters, cluster "
               "partnerships and S3 partnerships. Participation is a compilation of public sources; "
               "member lists are partial, so “no link recorded” is not proof of absence.")
message = st.empty()  # always there, so the map keeps its place (and its frame) in the page
if view.message:
    message.info(view.message, icon=":material/info:")

with st.container(key="ie-body"):
    left, right = st.columns([3, 1.25] if not s.present else [3, 1.1])
    with left:
        height = theme.PRESENT_MAP_HEIGHT if s.present or embed else map_ui.MAP_HEIGHT
        clicked = map_ui.render(layer, s.level, tiles=s.tiles, height=height)
        # one caption (each line is a paragraph): what counts as a link, the attribution, coverage
        notes = [view.rule if not embed else "", map_ui.ATTRIBUTION, summary_line() if not (s.present or embed) else ""]
        st.caption("\n\n".join(n for n in notes if n))
    if clicked and clicked != s.region:
        s = state.update(region=clicked)
    with right:
        legend.render(view)
        if not s.present and not embed:
            st.divider()
            region_panel.render(s.region, view)
