"""data/shared.py (per-view lookup shared across sessions) and data/webassets.py (static files)."""

from __future__ import annotations

import gzip
import hashlib
import json

import pandas as pd
import pytest

from data import classify, links, shared, views, webassets
from data.model import Selection

pytestmark = pytest.mark.filterwarnings("ignore:Not enough unique values:UserWarning")


def hand_view(names=("Mazowieckie", "<b>Evil</b>")) -> views.MapView:
    """A two-region view built by hand: one classified, one without data."""
    table = pd.DataFrame(
        {"name": list(names), "value_text": ["103.18", "no data"], "cls": ["90 – 110", classify.NO_DATA],
         "basis": ["parent region", None], "value_code": ["PL9", None],
         "t1_direct": [2, 0], "t1_national": [7, 1], "t2_parent": [1, 0], "t2_national": [0, 3],
         "in_scope": [True, False], "ris_group": ["Strong Innovator", float("nan")]},
        index=pd.Index(["PL91", "PL92"], name="code"))
    classes = classify.Classes(("90 – 110", classify.NO_DATA), ("#123456", "#c8c8c8"), table["cls"], (1, 1))
    return views.MapView(table, classes, "RII </script>", "index", "RIS 2023", "2 regions", None, None)


def test_layer_lookup_carries_class_index_and_tooltip_fields():
    look = shared.layer_lookup(hand_view(), [[50.0, 14.0], [55.0, 24.0]], context=True)
    assert look["classes"] == [{"fill": "#123456", "nodata": False}, {"fill": "#c8c8c8", "nodata": True}]
    kinds = list(links.KINDS)
    counts = [0] * (2 * len(kinds))
    counts[kinds.index("direct")], counts[kinds.index("national")] = 2, 7
    counts[len(kinds) + kinds.index("parent")] = 1
    assert look["regions"]["PL91"] == [0, "103.18", " (parent region PL9)", 0, 1, *counts]
    pl92 = look["regions"]["PL92"]
    assert pl92[:5] == [1, "no data", "", -1, 0]  # no group -> -1; outside the scope -> 0
    assert look["groups"] == ["Strong Innovator"]
    assert look["kinds"] == [links.KIND_LABELS[k].split(" (")[0] for k in kinds]
    assert look["bounds"] == [[50.0, 14.0], [55.0, 24.0]] and look["context"] is True
    assert look["title"] == "RII </script>"  # texts unescaped: the client escapes them


def test_layer_lookup_of_an_empty_view():
    v = hand_view()
    empty = views.MapView(v.table.iloc[:0], v.classes, v.title, v.unit, v.edition, v.coverage, None, "none")
    assert shared.layer_lookup(empty, [[0, 0], [1, 1]], False)["regions"] == {}


def test_script_json_cannot_close_the_script_tag():
    text = shared._script_json(shared.layer_lookup(hand_view(), [[0, 0], [1, 1]], False))
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["title"] == "RII </script>"


def test_map_layer_is_computed_once_and_shared(mirror):
    a = shared.map_layer(2, Selection(countries=("PL",)), "rii", None, "natural", 4)
    b = shared.map_layer(2, Selection(countries=("PL",)), "rii", None, "natural", 4)
    assert a is b  # the same object for every session, no copy
    look = json.loads(a)
    view = shared.map_view(2, Selection(countries=("PL",)), "rii", None, "natural", 4)
    assert set(look["regions"]) == set(view.table.index)
    assert look["context"] is True  # a country view draws grey Europe behind it
    assert all(0 <= r[0] < len(look["classes"]) for r in look["regions"].values())
    (south, west), (north, east) = look["bounds"]
    assert 48 < south < north < 56 and 13 < west < east < 25  # around Poland


def test_default_view_has_no_context_layer(mirror):
    assert json.loads(shared.map_layer(2, Selection(), "profile"))["context"] is False


def test_geometry_asset_is_content_addressed_and_complete(mirror):
    from data import geodata

    asset = webassets.geometry_asset(2)
    path = webassets.STATIC_DIR / asset.relpath
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest()[:12] in path.name
    assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data
    fc = json.loads(data)
    assert {f["id"] for f in fc["features"]} == asset.codes == set(geodata.regions(2)["code"])
    names = geodata.registry()["name"]
    assert all(f["properties"]["code"] == f["id"] and f["properties"]["name"] == names[f["id"]]
               for f in fc["features"])
    assert asset.size == len(data) and asset.gzip_size < asset.size / 2


def test_leaflet_is_vendored_from_the_registry_package():
    d = webassets.leaflet_dir()
    assert (d / "leaflet.js").is_file() and (d / "leaflet.css").is_file()


def test_warm_reports_every_step(mirror):
    took = shared.warm(levels=(2,))
    assert took is not None and {"classifier", "geometry L2", "default view L2"} <= set(took)
