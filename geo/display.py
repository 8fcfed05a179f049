"""Light geometries for web maps: simplified, coordinates rounded, as GeoJSON-ready dicts.

Built once per process per (level, scale) and shared read-only: the map payload for all EU
NUTS 2 regions stays around 250 KB instead of the 400 KB raw GISCO file.
"""

from __future__ import annotations

import functools

import shapely
from shapely.geometry import mapping

from geo import nuts

TOLERANCE = 0.005  # degrees (~500 m), invisible at the zoom levels the app uses
GRID = 0.001  # coordinate precision in degrees (~100 m)
# Mainland Europe and nearby islands: outermost regions (Canaries, Azores, French overseas
# departments) are drawn but do not stretch the initial view.
EUROPE_BOX = (-25.0, 34.0, 45.0, 71.5)


@functools.cache
def geometries(level: int, scale: str = "20M") -> dict[str, dict]:
    """NUTS code -> GeoJSON geometry dict (simplified, rounded)."""
    g = nuts.regions(level, scale)
    simple = g.geometry.simplify(TOLERANCE, preserve_topology=True)
    simple = shapely.set_precision(simple.values, GRID)
    return {code: mapping(geom) for code, geom in zip(g["code"], simple, strict=True)}


@functools.cache
def bounds(level: int, scale: str = "20M") -> dict[str, tuple[float, float, float, float]]:
    g = nuts.regions(level, scale)
    return dict(zip(g["code"], map(tuple, g.geometry.bounds.values), strict=True))


def view_bounds(codes: list[str], level: int, scale: str = "20M") -> list[list[float]]:
    """[[south, west], [north, east]] around the regions, ignoring far-away outermost parts."""
    west, south, east, north = EUROPE_BOX
    pts = nuts.registry()[["lon", "lat"]].reindex(list(codes))  # unknown codes -> NaN -> left out
    keep = (pts["lon"].between(west, east) & pts["lat"].between(south, north)).to_numpy()
    inside = [c for c, k in zip(codes, keep, strict=True) if k]
    b = bounds(level, scale)
    boxes = [b[c] for c in inside if c in b]
    if not boxes:
        return [[south, west], [north, east]]
    w = max(min(x[0] for x in boxes), west)
    s = max(min(x[1] for x in boxes), south)
    e = min(max(x[2] for x in boxes), east)
    n = min(max(x[3] for x in boxes), north)
    return [[s, w], [n, e]]
