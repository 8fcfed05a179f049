"""components/place_map.py: offline Leaflet only, escaped names, sites distinct from head offices."""

from __future__ import annotations

import pandas as pd
import pytest

from components import place_map

pytestmark = pytest.mark.usefixtures("mirror")  # country outlines come from the GISCO files
EVIL = '<img src=x onerror="alert(1)">'


def _html(m) -> str:
    return m.get_root().render()


def test_initiative_map_escapes_names_and_styles_kinds_apart():
    places = pd.DataFrame([
        {"code": "DE11", "name": EVIL, "lon": 9.6, "lat": 49.0, "kind": "site", "label": EVIL, "n": 1},
        {"code": "DE12", "name": "Karlsruhe", "lon": 8.7, "lat": 49.0, "kind": "hq", "label": "HQ Co", "n": 1},
    ])
    out = _html(place_map.initiative_map({"DE": "member state <b>"}, places))
    assert EVIL not in out and "<img" not in out
    assert "\\u0026lt;img src=x onerror=\\u0026quot;alert(1)\\u0026quot;\\u0026gt;" in out  # escaped, then JSON
    # the country layer's data is JSON inside <script>: escaped HTML, then JSON-escaped
    assert "member state <b>" not in out and "member state \\u0026lt;b\\u0026gt;" in out
    assert '"fill":true,"fillColor"' in out and '"fill":false}' in out  # filled site, hollow head office
    assert "head office only (not a project site)" in out
    assert "cdn" not in out.lower() and "unpkg" not in out.lower()
    assert "EuroGeographics for the administrative boundaries" in out  # (© is JSON-escaped)


def test_network_map_escapes_names_and_draws_each_link_once():
    nodes = pd.DataFrame({"name": [EVIL, "B"], "lon": [10.0, 20.0], "lat": [50.0, 50.0], "strength": [1, 1],
                          "partners": [1, 1], "initiatives": [1, 1]}, index=pd.Index(["AA", "BB"]))
    edges = pd.DataFrame({"a": ["AA"], "b": ["BB"], "weight": [2], "t1": [1], "t2": [1],
                          "tier_class": ["Both tiers"], "cross_border": [True], "initiatives": [("I1", "I2")]})
    out = _html(place_map.network_map(nodes, edges, max_edges=10))
    assert EVIL not in out
    assert out.count('"LineString"') == 1
    assert place_map.EDGE_COLOURS["Both tiers"] in out
    assert "2 shared (Tier 1: 1, Tier 2: 1)" in out
