"""Light geometries for web maps and the map's initial view: pure functions, no I/O, no cache.

The caller (data/webassets.py) loads the GISCO polygons, passes them in and caches the result.
Simplified and rounded, all EU NUTS 2 regions weigh ~250 KB of GeoJSON instead of the 400 KB
raw GISCO file (~60 KB gzipped).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

TOLERANCE = 0.005  # degrees (~500 m), invisible at the zoom levels the app uses
GRID = 0.001  # coordinate precision in degrees (~100 m)
# Mainland Europe and nearby islands: outermost regions (Canaries, Azores, French overseas
# departments) are drawn but do not stretch the initial view.
EUROPE_BOX = (-25.0, 34.0, 45.0, 71.5)

Box = tuple[float, float, float, float]  # west, south, east, north


def web_geometries(codes: Iterable[str], geometries) -> dict[str, dict]:
    """NUTS code -> GeoJSON geometry dict (simplified, coordinates on a 0.001° grid)."""
    simple = shapely.simplify(np.asarray(geometries, dtype=object), TOLERANCE, preserve_topology=True)
    simple = shapely.set_precision(simple, GRID)
    return {code: mapping(geom) for code, geom in zip(codes, simple, strict=True)}


def boxes(codes: Iterable[str], geometries) -> dict[str, Box]:
    """NUTS code -> (west, south, east, north) of its polygons."""
    return dict(zip(codes, map(tuple, shapely.bounds(np.asarray(geometries, dtype=object)).tolist()), strict=True))


def view_bounds(codes: Iterable[str], region_boxes: Mapping[str, Box],
                points: pd.DataFrame) -> list[list[float]]:
    """[[south, west], [north, east]] around the regions, ignoring far-away outermost parts.

    ``points`` has a label point per code (columns lon, lat); a region whose label point lies
    outside :data:`EUROPE_BOX` does not stretch the view. No region left: the Europe box.
    """
    codes = list(codes)
    west, south, east, north = EUROPE_BOX
    pts = points[["lon", "lat"]].reindex(codes)  # unknown codes -> NaN -> left out
    keep = (pts["lon"].between(west, east) & pts["lat"].between(south, north)).to_numpy()
    inside = [c for c, k in zip(codes, keep, strict=True) if k]
    found = [region_boxes[c] for c in inside if c in region_boxes]
    if not found:
        return [[south, west], [north, east]]
    w = max(min(x[0] for x in found), west)
    s = max(min(x[1] for x in found), south)
    e = min(max(x[2] for x in found), east)
    n = min(max(x[3] for x in found), north)
    return [[s, w], [n, e]]
