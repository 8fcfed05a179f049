"""The floor for "first map in Chromium": the least a Streamlit page that shows this map can do.

A title and the app's own map, nothing else: the same default view, the same component arguments
(components/map.py), the same geometry asset and client (static/), served from this checkout's
static/ like the naive app (``bench/static`` is a link to it). No filters, legend, panel or
captions. ``?shell=1`` draws only the title: Streamlit's own page shell with nothing after it.
bench/bench_workshop.py (part b) visits it in the same rounds as the app and the naive baseline, so
the first-map figure can be read against what the stack itself needs on this machine.

    .venv/bin/python -m streamlit run bench/floor_app.py
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from components import map as map_ui
from components import present, state
from data.shared import warm

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
if st.query_params.get("shell") != "1":
    warm()  # once per process, as in app.py
    s = state.current()
    _, layer = present.map_view_and_layer(s, None)
    map_ui.render(layer, s.level, tiles=False)
