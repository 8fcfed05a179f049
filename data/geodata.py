"""NUTS 2021 geometries and the region registry, loaded once per process.

The Eurostat GISCO files come through :mod:`data.sources` (cache -> mirror -> download from
``INNOV_GISCO_URL``, default GISCO's own distribution folder). The first load of a file checks
its structure (:func:`geo.nuts.check`) and writes a GeoParquet copy into the cache; later
processes read that copy, which is much faster than GeoJSON. The geometry functions
themselves are pure and live in :mod:`geo`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data import cache
from data.sources import DataUnavailable, cache_dir, fetch
from geo import correspondence as _corr
from geo import display
from geo import nuts as _nuts
from geo.nuts import LEVELS, SCALES, GeoStructureError

log = logging.getLogger(__name__)

__all__ = [
    "LEVELS",
    "SCALES",
    "GeoStructureError",
    "all_codes",
    "bounds",
    "codes_at",
    "country_names",
    "geometries",
    "label_points",
    "regions",
    "registry",
    "view_bounds",
]


def _derived_path(key: str, src: Path) -> Path:
    st = src.stat()
    return cache_dir() / "derived" / f"{key}-{st.st_size}-{int(st.st_mtime)}.parquet"


def _load(key: str, level: int, retry: bool = True) -> gpd.GeoDataFrame:
    src = fetch(key)
    derived = _derived_path(key, src)
    if derived.is_file():
        try:
            return gpd.read_parquet(derived)
        except Exception as exc:  # a truncated or corrupt cache copy: drop it and rebuild from the source
            log.warning("rebuilding %s: cached copy unreadable (%s: %s)", derived.name, type(exc).__name__, exc)
            derived.unlink(missing_ok=True)
    try:
        gdf = gpd.read_file(src, engine="pyogrio")
    except Exception as exc:  # truncated or not GeoJSON at all: name the file, not a GDAL traceback
        problem = f"{src}: cannot be read as GeoJSON ({type(exc).__name__}: {exc})"
        if retry and src.is_relative_to(cache_dir()):  # a bad download in the cache: set aside, fetch again
            aside = src.with_name(src.name + ".corrupt")
            src.replace(aside)
            log.warning("%s; moved to %s, fetching it again", problem, aside.name)
            try:
                return _load(key, level, retry=False)
            except DataUnavailable as again:
                raise GeoStructureError(f"{problem}; moved aside to {aside.name}, and no other copy could be "
                                        f"loaded: {again}") from again
        raise GeoStructureError(f"{problem}; delete it or replace it with the GISCO original") from exc
    gdf = _nuts.check(gdf, level, src)
    derived.parent.mkdir(parents=True, exist_ok=True)
    tmp = derived.with_suffix(".tmp")
    gdf.to_parquet(tmp)
    tmp.replace(derived)
    return gdf


@cache.resource
def regions(level: int = 2, scale: str = "20M") -> gpd.GeoDataFrame:
    """Polygons of NUTS 2021 ``level`` at ``scale`` (20M default, 60M coarser)."""
    if level not in LEVELS or scale not in SCALES:
        raise ValueError(f"no NUTS file for level={level!r} scale={scale!r}")
    return _load(f"nuts_rg_{scale.lower()}_l{level}", level)


@cache.resource
def label_points(level: int) -> gpd.GeoDataFrame:
    return _load(f"nuts_lb_l{level}", level)


@cache.resource
def registry() -> pd.DataFrame:
    """Every NUTS 2021 unit, levels 0-3 (see :func:`geo.nuts.registry_from`)."""
    return _nuts.registry_from({lv: label_points(lv) for lv in LEVELS})


@cache.resource
def all_codes() -> frozenset[str]:
    return frozenset(registry().index)


def codes_at(level: int, countries: list[str] | None = None) -> list[str]:
    return _nuts.codes_at(registry(), level, countries)


@cache.resource
def country_names() -> dict[str, str]:
    """Country code -> name (read-only: every session shares it)."""
    return _nuts.country_names(registry())


@cache.resource
def correspondence() -> pd.DataFrame:
    """Older NUTS codes -> NUTS 2021, the committed table of :mod:`geo.correspondence`."""
    return _corr.validate(pd.read_csv(_corr.TABLE, dtype=str, keep_default_na=False))


@cache.resource
def successors() -> dict[str, list[tuple[str, str]]]:
    return _corr.successors(correspondence())


def translate(code: str, valid: frozenset[str] | set[str]) -> tuple[str | None, str]:
    """:func:`geo.correspondence.translate` against the committed table."""
    return _corr.translate(code, valid, correspondence())


@cache.resource
def geometries(level: int, scale: str = "20M") -> dict[str, dict]:
    """NUTS code -> simplified GeoJSON geometry dict (shared read-only)."""
    return display.geometries(regions(level, scale))


@cache.resource
def bounds(level: int, scale: str = "20M") -> dict[str, tuple[float, float, float, float]]:
    return display.bounds(regions(level, scale))


def view_bounds(codes: list[str], level: int, scale: str = "20M") -> list[list[float]]:
    return display.view_bounds(codes, registry(), bounds(level, scale))


def cache_clear() -> None:
    """Forget every cached result (tests that swap the data folders): :func:`data.cache.clear`."""
    cache.clear()
