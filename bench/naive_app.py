"""The naive baseline for bench_map.py: what a first version of the map page would do.

Every run re-reads the GISCO NUTS 2 GeoJSON and the RIS 2023 CSV, builds a default folium map
with folium.Choropleth (Leaflet, jQuery, Bootstrap and d3 from CDNs) and shows it with st_folium
WITHOUT returned_objects, so every pan and zoom reruns the script too.

    .venv/bin/python -m streamlit run bench/naive_app.py
"""

import sys
from pathlib import Path

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from data import sources  # only to find the files: cache -> mirror

st.set_page_config(page_title="Naive map", layout="wide")
st.title("Naive map")

regions = gpd.read_file(sources.fetch("nuts_rg_20m_l2"))
ris = __import__("data.scores", fromlist=["x"]).ris2023().rename_axis("ris_code").reset_index()
countries = st.sidebar.multiselect("Countries", sorted(regions["CNTR_CODE"].unique()), key="country")
chain = st.sidebar.selectbox("Value chain", ["all", "hydrogen", "batteries", "microelectronics"], key="chain")
if countries:
    regions = regions[regions["CNTR_CODE"].isin(countries)]

m = folium.Map(location=[52, 12], zoom_start=4)
folium.Choropleth(
    geo_data=regions,
    data=ris,
    columns=["ris_code", "rii"],
    key_on="feature.properties.NUTS_ID",
    fill_color="YlGnBu",
    nan_fill_color="#cccccc",
    legend_name=f"Regional Innovation Index 2023 ({chain})",
).add_to(m)
st_folium(m, width=900, height=600)
