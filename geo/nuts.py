"""NUTS 2021 geometries and the region registry, loaded once per process.

Sources are the Eurostat GISCO files fetched through :mod:`data.sources` (cache -> mirror ->
GISCO). The first load of a file checks its structure (ids, level, CRS), cleans names and
writes a GeoParquet copy into the cache; later processes read that copy, which is much faster
than GeoJSON.
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data.sources import cache_dir, fetch
from geo.hierarchy import NUTS_RE

SCALES = ("20M", "60M")
LEVELS = (0, 1, 2, 3)
COLUMNS = ["code", "name", "name_national", "country", "level"]
PROPERTIES = ["NUTS_ID", "LEVL_CODE", "CNTR_CODE", "NAME_LATN", "NUTS_NAME"]  # read by _tidy


class GeoStructureError(ValueError):
    """A geometry file does not look like the GISCO NUTS 2021 file it claims to be."""


def clean_name(s: object) -> str:
    """GISCO names carry trailing whitespace, line breaks and no-break spaces."""
    return " ".join(str(s).replace("\xa0", " ").split()) if isinstance(s, str) else ""


def _check(gdf: gpd.GeoDataFrame, level: int, source: Path) -> None:
    problems = []
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        problems.append(f"CRS is {gdf.crs}, expected EPSG:4326")
    missing = [c for c in PROPERTIES if c not in gdf]
    if missing:
        problems.append(f"missing properties {', '.join(missing)}")
    else:
        if not gdf["NUTS_ID"].is_unique:
            problems.append("duplicate NUTS_ID values")
        if set(pd.to_numeric(gdf["LEVL_CODE"], errors="coerce")) != {level}:
            problems.append(f"LEVL_CODE is not {level} everywhere")
        bad = [c for c in gdf["NUTS_ID"] if not NUTS_RE.match(str(c)) or len(c) != level + 2]
        if bad:
            problems.append(f"ids not of level {level}: {bad[:5]}")
    if problems:
        raise GeoStructureError(f"{source}: " + "; ".join(problems))


def _tidy(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gpd.GeoDataFrame(
        {
            "code": gdf["NUTS_ID"].astype(str),
            "name": gdf["NAME_LATN"].map(clean_name),
            "name_national": gdf["NUTS_NAME"].map(clean_name),
            "country": gdf["CNTR_CODE"].astype(str),
            "level": gdf["LEVL_CODE"].astype(int),
        },
        geometry=gdf.geometry.values,
        crs=gdf.crs,
    )
    return out.sort_values("code").reset_index(drop=True)


def _derived_path(key: str, src: Path) -> Path:
    st = src.stat()
    return cache_dir() / "derived" / f"{key}-{st.st_size}-{int(st.st_mtime)}.parquet"


def _load(key: str, level: int) -> gpd.GeoDataFrame:
    src = fetch(key)
    derived = _derived_path(key, src)
    if derived.is_file():
        return gpd.read_parquet(derived)
    try:
        gdf = gpd.read_file(src, engine="pyogrio")
    except Exception as exc:  # truncated or not GeoJSON at all: name the file, not a GDAL traceback
        raise GeoStructureError(f"{src}: cannot be read as GeoJSON ({type(exc).__name__}: {exc}); "
                                "delete it or replace it with the GISCO original") from exc
    if gdf.crs is None:  # GeoJSON is WGS84 by definition (RFC 7946)
        gdf = gdf.set_crs(4326)
    _check(gdf, level, src)
    gdf = _tidy(gdf)
    derived.parent.mkdir(parents=True, exist_ok=True)
    tmp = derived.with_suffix(".tmp")
    gdf.to_parquet(tmp)
    tmp.replace(derived)
    return gdf


@functools.cache
def regions(level: int = 2, scale: str = "20M") -> gpd.GeoDataFrame:
    """Polygons of NUTS 2021 ``level`` at ``scale`` (20M default, 60M coarser)."""
    if level not in LEVELS or scale not in SCALES:
        raise ValueError(f"no NUTS file for level={level!r} scale={scale!r}")
    return _load(f"nuts_rg_{scale.lower()}_l{level}", level)


@functools.cache
def label_points(level: int) -> gpd.GeoDataFrame:
    return _load(f"nuts_lb_l{level}", level)


@functools.cache
def registry() -> pd.DataFrame:
    """Every NUTS 2021 unit, levels 0-3, from the GISCO label-point files.

    Columns: code (index), name, name_national, country, level, parent, lon, lat. The label
    files are complete (the 20M polygon file lacks NO0B) and small.
    """
    frames = []
    for lv in LEVELS:
        lb = label_points(lv)
        df = pd.DataFrame(lb[COLUMNS])
        df["lon"], df["lat"] = lb.geometry.x.round(4).values, lb.geometry.y.round(4).values
        frames.append(df)
    reg = pd.concat(frames, ignore_index=True)
    reg["parent"] = reg["code"].where(reg["level"] > 0).str[:-1]
    return reg.set_index("code").sort_index()


def all_codes() -> frozenset[str]:
    return frozenset(registry().index)


def codes_at(level: int, countries: list[str] | None = None) -> list[str]:
    reg = registry()
    sel = reg[reg["level"] == level]
    if countries:
        sel = sel[sel["country"].isin(countries)]
    return list(sel.index)


def country_names() -> dict[str, str]:
    reg = registry()
    return reg.loc[reg["level"] == 0, "name"].to_dict()
