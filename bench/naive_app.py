"""The naive baseline for the benchmarks: what a first version of the map page would do.

Every run re-reads the GISCO NUTS 2 GeoJSON (and the RIS 2023 table), builds a folium map with a
folium.GeoJson layer (style function, tooltip with names) and shows it with st_folium WITHOUT
returned_objects, so every pan and zoom reruns the script too. Leaflet is served locally like
the app's (``static/vendor/leaflet`` through ``bench/static``, a link the benchmark creates), so
the baseline draws offline and the comparison is about the server, not a CDN.

    .venv/bin/python -m streamlit run bench/naive_app.py
"""

import sys
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from data import sources  # only to find the files: cache -> mirror

LEAFLET = "../../app/static/vendor/leaflet"

st.set_page_config(page_title="Naive map", layout="wide")
st.title("Naive map")

regions = gpd.read_file(sources.fetch("nuts_rg_20m_l2"))
ris = __import__("data.scores", fromlist=["x"]).ris2023().rename_axis("ris_code").reset_index()
countries = st.sidebar.multiselect("Countries", sorted(regions["CNTR_CODE"].unique()), key="country")
chain = st.sidebar.selectbox("Value chain", ["all", "hydrogen", "batteries", "microelectronics"], key="chain")
if countries:
    regions = regions[regions["CNTR_CODE"].isin(countries)]
values = dict(zip(ris["ris_code"], ris["rii"], strict=False))
lo, hi = min(values.values()), max(values.values())
ramp = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]


def style(feature):
    v = values.get(feature["properties"]["NUTS_ID"])
    colour = "#cccccc" if v is None or pd.isna(v) else ramp[min(4, int((v - lo) / (hi - lo + 1e-9) * 5))]
    return {"fillColor": colour, "fillOpacity": 0.8, "color": "#444", "weight": 0.6}


m = folium.Map(location=[52, 12], zoom_start=4, tiles=None)
m.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
m.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]
folium.GeoJson(regions, style_function=style,
               tooltip=folium.GeoJsonTooltip(["NUTS_ID", "NAME_LATN"])).add_to(m)
st.caption(f"Regional Innovation Index 2023 ({chain})")
st_folium(m, width=900, height=600)
