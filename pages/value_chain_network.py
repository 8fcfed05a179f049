"""Value-chain network: places that take part in the same initiatives (?chain=…&nlevel=0|1|2)."""

import streamlit as st

from components import downloads, filter_bar, network_chart, place_map, share, state
from data import network, tables

filter_bar.state_widget(st.sidebar.select_slider, "nlevel", "w_nlevel", label="Network of",
                        options=list(state.NETWORK_LEVELS), format_func={0: "Countries", 1: "NUTS 1", 2: "NUTS 2"}.get)
s = state.current()
net = network.network(s.selection(), s.nlevel)
MAX_MAP_EDGES = 400

head, link = st.columns([4, 1], vertical_alignment="bottom")
head.title("Who builds value chains together")
with link:
    share.render()
st.caption("Filtered value chains and tiers (sidebar). Two places are linked when they take part in the same "
           "initiative; the weight is the number of initiatives they share. Participation lists are partial.")
if net.edges.empty:
    st.info("No two places share an initiative under the current filters. Widen the value chains or tiers, "
            "or choose countries instead of regions.", icon=":material/info:")
    st.stop()
st.markdown(network.summary(net))

on_map, graph = st.tabs(["Map", "Network graph"])
with on_map:
    place_map.show(place_map.network_map(net.nodes, net.edges, MAX_MAP_EDGES), key="network_map", height=560)
    if len(net.edges) > MAX_MAP_EDGES:
        st.caption(f"The map draws the {MAX_MAP_EDGES} strongest of {len(net.edges)} links; the graph draws all.")
    st.caption("Lines: blue = shared Tier 1 initiatives, orange = Tier 2, green = both; wider = more shared.")
with graph:
    st.vega_lite_chart(network_chart.spec(s.selection(), s.nlevel), width="stretch")
    st.caption("Force-directed layout (networkx spring layout, fixed seed): places sharing many initiatives sit "
               "close; node size is strength. Line colour: the tiers of the shared initiatives.")

st.subheader("Cross-border pairs, most shared initiatives first")
downloads.table(network.pairs(net, tables.initiatives(), limit=100), "network pairs", key="dl_pairs",
                **downloads.PARTICIPATION, hide_index=True, height=360)
st.subheader("Places: connections and the value chains and ecosystems they bridge")
downloads.table(network.places_table(net), "network places", key="dl_places", **downloads.PARTICIPATION,
                hide_index=True, height=420,
             column_config={k: st.column_config.Column(help=v) for k, v in network.CENTRALITY_DEFINITIONS.items()})
with st.expander("How the measures are defined", expanded=False):
    st.markdown("\n".join(f"- **{k.replace('_', ' ')}**: {v}" for k, v in network.CENTRALITY_DEFINITIONS.items()))
