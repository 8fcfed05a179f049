"""components/map.py: the folium map is the same for every view of a level; the view travels
as a small lookup; no CDN anywhere; clicks are read from last_active_drawing."""

from __future__ import annotations

import json

import pytest
import streamlit_folium

from components import map as map_ui
from data import shared
from data.model import Selection

pytestmark = pytest.mark.filterwarnings("ignore:Not enough unique values:UserWarning")


def script(level: int = 2) -> str:
    return streamlit_folium._get_map_string(map_ui.build(level))


def test_map_script_is_the_same_for_every_view_of_a_level(mirror):
    """streamlit-folium keys the iframe on this script: equal scripts keep the map, its fetched
    geometry and the user's pan/zoom across filter changes."""
    a, b = script(2), script(2)
    assert streamlit_folium.generate_js_hash(a, "map") == streamlit_folium.generate_js_hash(b, "map")
    assert "IEMap.init(" in a
    assert streamlit_folium.generate_js_hash(script(3), "map") != streamlit_folium.generate_js_hash(a, "map")
    assert len(a) < 5_000  # no geometry inside the script


def test_map_loads_only_local_files(mirror):
    m = map_ui.build(2)
    links = [src for _, src in m.default_js] + [href for _, href in m.default_css]
    assert links and all(u.startswith("../../app/static/") for u in links), links
    after = script(2).split("IEMap.init(", 1)[1].split(", ", 1)[1]
    config, _ = json.JSONDecoder().raw_decode(after)
    assert config["geometry"].startswith("../../app/static/geo/nuts2_20M.")
    assert config["context"].startswith("../../app/static/geo/nuts0_60M.")


def test_attribution_is_on_the_map(mirror):
    s = script(2)
    assert json.dumps(map_ui.ATTRIBUTION) in s or json.dumps(map_ui.ATTRIBUTION, ensure_ascii=False) in s


def test_view_lookup_is_the_feature_group_script(mirror):
    lookup = shared.map_layer(2, Selection(countries=("PL",)), "profile")
    m = map_ui.build(2)
    fg_script = streamlit_folium._get_feature_group_string(map_ui.view_group(lookup), m)
    assert f"IEMap.apply({lookup});" in fg_script
    assert len(fg_script) < 5_000  # a country view: a few KB per filter change


@pytest.mark.parametrize("level", [2, 3])
def test_prepared_arguments_are_what_st_folium_would_send(mirror, monkeypatch, level):
    """The once-per-process arguments (components.map.prepared) equal st_folium's own for the same
    map and view, up to folium's random element ids: a streamlit-folium upgrade that changes what
    st_folium sends fails here."""
    import re

    lookup = shared.map_layer(level, Selection(countries=("PL",)), "profile")
    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))
    streamlit_folium.st_folium(map_ui.build(level, tiles=False), key="map", height=map_ui.MAP_HEIGHT,
                               use_container_width=True, returned_objects=map_ui.RETURNED,
                               feature_group_to_add=map_ui.view_group(lookup))
    ours = map_ui.component_args(lookup, level, tiles=False)
    assert set(sent) - {"on_change"} == set(ours)

    def plain(v):
        return re.sub(r"(_[a-z0-9]+)", "", v) if isinstance(v, str) else v

    for k, v in ours.items():
        assert plain(v) == plain(sent[k]), k
    assert ours["key"] == sent["key"]  # the same component identity: the iframe is kept
    assert f"IEMap.apply({lookup});" in ours["feature_group"]
    assert map_ui.prepared(level, False) is map_ui.prepared(level, False)  # built once per process


@pytest.mark.parametrize(("result", "want"), [
    (None, None),
    ({"last_active_drawing": None}, None),
    ({"last_active_drawing": {"type": "Feature", "properties": {"code": "PL91", "name": "x"}}}, "PL91"),
    ({"last_active_drawing": {"type": "Feature", "id": "DE1", "properties": {}}}, "DE1"),
    ({"last_active_drawing": {"properties": {"code": 5}}}, None),
])
def test_clicked_code(result, want):
    assert map_ui.clicked_code(result) == want
