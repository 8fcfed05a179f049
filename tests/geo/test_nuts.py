"""geo/nuts.py: the real GISCO NUTS 2021 files (through the mirror) and the structure checks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest

from data import cache, geodata
from geo import nuts
from geo.nuts import GeoStructureError, clean_name

EXPECTED_PER_LEVEL = {0: 37, 1: 125, 2: 334, 3: 1514}


def clear_geo_caches() -> None:
    cache.clear()


@pytest.fixture
def fresh_geo_caches() -> Iterator[None]:
    """Empty the per-process geometry caches before and after (other tests reload lazily)."""
    clear_geo_caches()
    yield
    clear_geo_caches()


# --------------------------------------------------------------------------- real files

def test_registry_counts_per_level(mirror):
    reg = geodata.registry()
    assert reg["level"].value_counts().sort_index().to_dict() == EXPECTED_PER_LEVEL
    assert reg.index.is_unique
    assert {lv: len(geodata.codes_at(lv)) for lv in nuts.LEVELS} == EXPECTED_PER_LEVEL


def test_registry_codes_are_consistent(mirror):
    reg = geodata.registry()
    assert (reg.index.str.len() - 2 == reg["level"]).all()
    assert (reg.index.str[:2] == reg["country"]).all()
    assert "EL" in reg.index and "UK" in reg.index and "GR" not in reg.index


def test_registry_every_parent_exists(mirror):
    reg = geodata.registry()
    assert reg.loc[reg["level"] == 0, "parent"].isna().all()
    parents = reg.loc[reg["level"] > 0, "parent"]
    assert parents.notna().all()
    assert parents.isin(reg.index).all(), sorted(set(parents) - set(reg.index))[:5]


def test_registry_names_are_clean(mirror):
    reg = geodata.registry()
    assert reg.loc["NO0B", "name"] == "Jan Mayen and Svalbard"
    for col in ("name", "name_national"):
        names = reg[col]
        assert (names.str.len() > 0).all()
        assert (names == names.str.strip()).all()
        assert not names.str.contains(r"[\n\r\t\xa0]|  ", regex=True).any()


def test_registry_has_label_coordinates(mirror):
    reg = geodata.registry()
    assert reg[["lon", "lat"]].notna().all().all()
    # Warszawski stołeczny lies around 21°E 52°N
    assert 20 < reg.loc["PL91", "lon"] < 22.5 and 51.5 < reg.loc["PL91", "lat"] < 53


@pytest.mark.parametrize(("scale", "n", "has_no0b"), [("20M", 333, False), ("60M", 334, True)])
def test_nuts2_polygons_per_scale(mirror, scale, n, has_no0b):
    g = geodata.regions(2, scale)
    assert len(g) == n
    assert ("NO0B" in set(g["code"])) is has_no0b
    assert g.crs.to_epsg() == 4326
    assert list(g.columns) == [*nuts.COLUMNS, "geometry"]
    assert set(g["code"]) <= set(geodata.codes_at(2))
    assert g.geometry.notna().all() and g.geometry.is_valid.mean() > 0.95


def test_label_points_crs_and_levels(mirror):
    for lv in nuts.LEVELS:
        lb = geodata.label_points(lv)
        assert lb.crs.to_epsg() == 4326
        assert set(lb["level"]) == {lv}
        assert (lb.geom_type == "Point").all()


def test_regions_rejects_unknown_level_or_scale(mirror):
    with pytest.raises(ValueError, match="no NUTS file"):
        geodata.regions(4)
    with pytest.raises(ValueError, match="no NUTS file"):
        geodata.regions(2, "10M")


def test_country_names(mirror):
    names = geodata.country_names()
    assert len(names) == 37
    assert names["PL"] == "Polska"


def test_geoparquet_cache_written_then_used(mirror, tmp_path, monkeypatch, fresh_geo_caches):
    monkeypatch.setenv("INNOV_CACHE", str(tmp_path))
    first = geodata.regions(0, "60M")
    derived = list((tmp_path / "derived").glob("nuts_rg_60m_l0-*.parquet"))
    assert len(derived) == 1, "GeoParquet copy not written on first load"
    assert gpd.read_parquet(derived[0])["code"].tolist() == first["code"].tolist()

    geodata.regions.clear()

    def no_geojson(*a: object, **k: object) -> None:
        raise AssertionError("GeoJSON re-read although a GeoParquet copy exists")

    monkeypatch.setattr(geodata.gpd, "read_file", no_geojson)
    second = geodata.regions(0, "60M")
    assert second["code"].tolist() == first["code"].tolist()
    assert second.crs.to_epsg() == 4326
    assert second.geom_equals(first).all()


# --------------------------------------------------------------------------- broken files

def feature(code: str, level: int) -> dict:
    x = float(len(code))
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [[[x, 50], [x + 1, 50], [x + 1, 51], [x, 50]]]},
        "properties": {"NUTS_ID": code, "LEVL_CODE": level, "CNTR_CODE": code[:2],
                       "NAME_LATN": f"Name {code} \n", "NUTS_NAME": f"Nom {code}"},
    }


@pytest.fixture
def fake_mirror(tmp_path, monkeypatch, fresh_geo_caches) -> Path:
    """An empty mirror and cache, offline; returns the folder for the 60M NUTS 2 file."""
    monkeypatch.setenv("INNOV_MIRROR", str(tmp_path / "mirror"))
    monkeypatch.setenv("INNOV_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("INNOV_OFFLINE", "1")
    d = tmp_path / "mirror" / "geo" / "gisco"
    d.mkdir(parents=True)
    return d


FILE = "NUTS_RG_60M_2021_4326_LEVL_2.geojson"


def write(folder: Path, features: list[dict]) -> Path:
    p = folder / FILE
    p.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return p


def test_a_wellformed_small_file_loads_and_names_are_cleaned(fake_mirror):
    write(fake_mirror, [feature("PL91", 2), feature("PL92", 2)])
    g = geodata.regions(2, "60M")
    assert g["code"].tolist() == ["PL91", "PL92"]
    assert g["name"].tolist() == ["Name PL91", "Name PL92"]


def test_wrong_level_file_raises_geo_structure_error(fake_mirror):
    path = write(fake_mirror, [feature("PL9", 1), feature("PL8", 1)])  # a NUTS 1 file under a NUTS 2 name
    with pytest.raises(GeoStructureError) as info:
        geodata.regions(2, "60M")
    msg = str(info.value)
    assert FILE in msg and str(path.parent) in msg
    assert "LEVL_CODE is not 2 everywhere" in msg
    assert "ids not of level 2" in msg and "PL9" in msg


def test_duplicate_ids_raise(fake_mirror):
    write(fake_mirror, [feature("PL91", 2), feature("PL91", 2)])
    with pytest.raises(GeoStructureError, match="duplicate NUTS_ID"):
        geodata.regions(2, "60M")


def test_missing_properties_raise(fake_mirror):
    f = feature("PL91", 2)
    del f["properties"]["NAME_LATN"]
    write(fake_mirror, [f])
    with pytest.raises(GeoStructureError, match="missing properties NAME_LATN"):
        geodata.regions(2, "60M")


TRUNCATED = b'{"type": "FeatureCollection", "features": [{"type": "Feat'


@pytest.mark.parametrize("content", [TRUNCATED, b"\x00\x01 not json"])
def test_corrupt_file_raises_geo_structure_error(fake_mirror, content):
    (fake_mirror / FILE).write_bytes(content)
    with pytest.raises(GeoStructureError) as info:
        geodata.regions(2, "60M")
    msg = str(info.value)
    assert FILE in msg and "cannot be read as GeoJSON" in msg and "replace it" in msg


def test_failed_check_writes_no_cache_copy(fake_mirror, tmp_path):
    write(fake_mirror, [feature("PL9", 1)])
    with pytest.raises(GeoStructureError):
        geodata.regions(2, "60M")
    assert not list((tmp_path / "cache").rglob("*.parquet"))


@pytest.mark.parametrize(("raw", "want"), [
    ("Jan Mayen and Svalbard \n", "Jan Mayen and Svalbard"),
    ("Prov.\xa0Brabant  Wallon", "Prov. Brabant Wallon"),
    ("  Łódzkie\r\n", "Łódzkie"),
    (None, ""),
    (float("nan"), ""),
])
def test_clean_name(raw, want):
    assert clean_name(raw) == want
