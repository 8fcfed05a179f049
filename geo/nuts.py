"""NUTS 2021 geometries and the region registry: pure functions on frames.

Reading, downloading and caching the Eurostat GISCO files is :mod:`data.geodata`'s job; this
module checks a file's structure (ids, level, CRS), cleans names and builds the registry from
the label points. Nothing here does I/O.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

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


def _check(gdf: gpd.GeoDataFrame, level: int, source: object) -> None:
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


def check(gdf: gpd.GeoDataFrame, level: int, source: object) -> gpd.GeoDataFrame:
    """Raise GeoStructureError unless ``gdf`` looks like the GISCO NUTS 2021 file of ``level``;
    return it tidied (code, name, name_national, country, level, geometry; sorted by code)."""
    if gdf.crs is None:  # GeoJSON is WGS84 by definition (RFC 7946)
        gdf = gdf.set_crs(4326)
    _check(gdf, level, source)
    return _tidy(gdf)


def registry_from(label_frames: dict[int, gpd.GeoDataFrame]) -> pd.DataFrame:
    """Every NUTS 2021 unit from the tidied label-point frames of levels 0-3.

    Columns: code (index), name, name_national, country, level, parent, lon, lat. The label
    files are complete (the 20M polygon file lacks NO0B) and small.
    """
    frames = []
    for lv in sorted(label_frames):
        lb = label_frames[lv]
        df = pd.DataFrame(lb[COLUMNS])
        df["lon"], df["lat"] = lb.geometry.x.round(4).values, lb.geometry.y.round(4).values
        frames.append(df)
    reg = pd.concat(frames, ignore_index=True)
    reg["parent"] = reg["code"].where(reg["level"] > 0).str[:-1]
    return reg.set_index("code").sort_index()


def codes_at(reg: pd.DataFrame, level: int, countries: list[str] | None = None) -> list[str]:
    sel = reg[reg["level"] == level]
    if countries:
        sel = sel[sel["country"].isin(countries)]
    return list(sel.index)


def country_names(reg: pd.DataFrame) -> dict[str, str]:
    return reg.loc[reg["level"] == 0, "name"].to_dict()
