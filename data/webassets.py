"""Files the browser loads from ``static/`` (Streamlit's ``server.enableStaticServing``).

* Leaflet's JS, CSS and images, copied from the PyPI package ``django-js-lib-leaflet`` into
  ``static/vendor/leaflet`` (folium would load them from a CDN, which fails offline).
* The map's client script ``static/js/ie_map.js`` (committed), addressed with a content hash
  (``?v=<hash>``) so a browser never runs a stale copy.
* One GeoJSON file per NUTS level and scale, ``static/geo/nuts<level>_<scale>.<hash>.geojson``
  (plus a ``.gz`` twin for nginx ``gzip_static``): the simplified GISCO polygons, written at
  server start from the GISCO files (cache -> mirror -> download, via data.geodata)
  and never committed (older versions stay until static/geo is deleted: another process, e.g.
  a replica on another mirror, may still serve them). The content hash in the name makes it
  safe to cache for a year; the
  browser fetches it once and the map styles it from a few-KB per-view lookup.

Everything here is computed once per process (``st.cache_resource``: read-only, shared by all
sessions, never copied).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from data import cache, geodata
from geo import display

REPO_ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = REPO_ROOT / "static"
LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet"
GEO_DIR = STATIC_DIR / "geo"
CLIENT_JS = STATIC_DIR / "js" / "ie_map.js"
# What the browser asks for, relative to Streamlit's static route: <base>/app/static/<path>.
STATIC_ROUTE = "app/static"
CONTEXT_LEVEL, CONTEXT_SCALE = 0, "60M"  # the grey Europe drawn behind a country view


@dataclass(frozen=True)
class GeometryAsset:
    """A written geometry file: its path under static/, the regions it holds, its sizes."""

    relpath: str  # e.g. "geo/nuts2_20M.0123abcd4567.geojson"
    codes: frozenset[str]
    size: int
    gzip_size: int


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@cache.resource
def leaflet_dir() -> Path:
    """Copy Leaflet (JS, CSS, images) from the installed registry package into static/."""
    if (LEAFLET_DIR / "leaflet.js").is_file():
        return LEAFLET_DIR
    import js_lib_leaflet

    src = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
    LEAFLET_DIR.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=LEAFLET_DIR.parent, prefix=".leaflet."))
    shutil.copytree(src, tmp / "leaflet", ignore=shutil.ignore_patterns("*.map", "*.esm.js", "leaflet-src.js"))
    try:
        os.rename(tmp / "leaflet", LEAFLET_DIR)  # another replica may have won the race: fine
    except OSError:
        pass
    shutil.rmtree(tmp, ignore_errors=True)
    return LEAFLET_DIR


@cache.resource
def client_js_version() -> str:
    """Content hash of static/js/ie_map.js (the ``?v=`` of its URL)."""
    return hashlib.sha256(CLIENT_JS.read_bytes()).hexdigest()[:12]


def feature_collection(level: int, scale: str) -> dict:
    """The level's regions as a GeoJSON FeatureCollection: id and properties code, name (the
    registry's name, as in the region panel and the tables)."""
    g = geodata.regions(level, scale)
    geoms = display.geometries(g)  # not geodata.geometries: nothing keeps these dicts in memory
    names = geodata.registry()["name"].to_dict()
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": code, "properties": {"code": code, "name": names.get(code, name)},
         "geometry": geoms[code]}
        for code, name in zip(g["code"], g["name"], strict=True)]}


@cache.resource
def geometry_asset(level: int, scale: str = "20M") -> GeometryAsset:
    """Write (once per process, if absent) the level's geometry file and its .gz twin."""
    fc = feature_collection(level, scale)
    data = json.dumps(fc, separators=(",", ":"), ensure_ascii=False).encode()
    digest = hashlib.sha256(data).hexdigest()[:12]
    stem = f"nuts{level}_{scale}"
    path = GEO_DIR / f"{stem}.{digest}.geojson"
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    if not path.is_file() or path.stat().st_size != len(data):
        _write_atomic(path.with_name(path.name + ".gz"), packed)
        _write_atomic(path, data)
    codes = frozenset(f["id"] for f in fc["features"])
    return GeometryAsset(f"geo/{path.name}", codes, len(data), len(packed))


def view_bounds(codes, level: int, scale: str = "20M") -> list[list[float]]:
    """The map's initial view around ``codes`` (geo.display.view_bounds on the level's boxes)."""
    return geodata.view_bounds(list(codes), level, scale)


def clear() -> None:
    """Forget the per-process results (tests that swap the data folders)."""
    cache.clear()
