"""Light geometries for web maps: simplified, coordinates rounded, as GeoJSON-ready dicts.

Pure functions on frames; :mod:`data.geodata` calls them once per process per (level, scale)
and shares the result read-only: the map payload for all EU
NUTS 2 regions stays around 250 KB instead of the 400 KB raw GISCO file.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping

TOLERANCE = 0.005  # degrees (~500 m), invisible at the zoom levels the app uses
GRID = 0.001  # coordinate precision in degrees (~100 m)
# Mainland Europe and nearby islands: outermost regions (Canaries, Azores, French overseas
# departments) are drawn but do not stretch the initial view.
EUROPE_BOX = (-25.0, 34.0, 45.0, 71.5)


def geometries(g: gpd.GeoDataFrame) -> dict[str, dict]:
    """NUTS code -> GeoJSON geometry dict (simplified, rounded) for tidied regions ``g``."""
    simple = g.geometry.simplify(TOLERANCE, preserve_topology=True)
    simple = shapely.set_precision(simple.values, GRID)
    return {code: mapping(geom) for code, geom in zip(g["code"], simple, strict=True)}


def bounds(g: gpd.GeoDataFrame) -> dict[str, tuple[float, float, float, float]]:
    return dict(zip(g["code"], map(tuple, g.geometry.bounds.values), strict=True))


def view_bounds(codes: list[str], points: pd.DataFrame,
                boxes_by_code: dict[str, tuple[float, float, float, float]]) -> list[list[float]]:
    """[[south, west], [north, east]] around the regions, ignoring far-away outermost parts.

    ``points``: lon/lat per code (the registry); ``boxes_by_code``: see :func:`bounds`.
    """
    west, south, east, north = EUROPE_BOX
    pts = points[["lon", "lat"]].reindex(list(codes))  # unknown codes -> NaN -> left out
    keep = (pts["lon"].between(west, east) & pts["lat"].between(south, north)).to_numpy()
    inside = [c for c, k in zip(codes, keep, strict=True) if k]
    boxes = [boxes_by_code[c] for c in inside if c in boxes_by_code]
    if not boxes:
        return [[south, west], [north, east]]
    w = max(min(x[0] for x in boxes), west)
    s = max(min(x[1] for x in boxes), south)
    e = min(max(x[2] for x in boxes), east)
    n = min(max(x[3] for x in boxes), north)
    return [[s, w], [n, e]]
