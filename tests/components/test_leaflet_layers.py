"""components/leaflet_layers.py: GeoJsonLayer writes its data once, styles deduplicated, script-safe."""

from __future__ import annotations

import json

import folium

from components.leaflet_layers import GeoJsonLayer

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]})


def _layer(**kw) -> tuple[GeoJsonLayer, str]:
    feats = [("A1", {"tip": "<b>Alpha</b>", "k": "x"}, SQUARE), ("B2", {"tip": "</script><script>alert(1)", "k": "y"},
                                                                  SQUARE),
             ("C3", {"tip": "Gamma", "k": "x"}, SQUARE)]
    layer = GeoJsonLayer(feats, lambda f: {"fillColor": "#111" if f["properties"]["k"] == "x" else "#222"}, **kw)
    m = folium.Map(tiles=None)
    layer.add_to(m)
    return layer, m.get_root().render()


def test_each_distinct_style_is_written_once_and_features_point_to_it():
    layer, _ = _layer()
    assert json.loads(layer.styles_js) == [{"fillColor": "#111"}, {"fillColor": "#222"}]
    assert [f["s"] for f in json.loads(layer.data_js)["features"]] == [0, 1, 0]
    assert [f["id"] for f in json.loads(layer.data_js)["features"]] == ["A1", "B2", "C3"]


def test_data_cannot_close_the_script_and_has_no_cdn():
    _, html = _layer(tooltip="tip")
    assert "</script><script>alert(1)" not in html  # a name cannot end the script element
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html  # it is there, escaped
    assert 'layer.feature.properties["tip"]' in html and '"className": "foliumtooltip"' in html


def test_options_reach_the_script():
    layer, html = _layer(highlight={"weight": 3}, interactive=False, bounds=[[1, 2], [3, 4]])
    assert "interactive: false" in html and 'setStyle({"weight":3})' in html
    assert layer._get_self_bounds() == [[1, 2], [3, 4]]
    plain, html2 = _layer()
    assert "bindTooltip" not in html2 and "onEachFeature" not in html2
    assert plain._get_self_bounds() == [[None, None], [None, None]]  # never walks the coordinates
