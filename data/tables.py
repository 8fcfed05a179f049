"""The project's own curated tables (committed in data/), validated with pandera schemas.

``initiatives.csv`` and ``participation.csv`` are rebuilt from the shared compilation by
``python -m data.build_tables``; see data/README.md for every column.

``INNOV_TABLES`` (optional) names a folder whose ``initiatives.csv`` / ``participation.csv``
replace the committed ones (each file separately; validated the same way). The hostile-name
tests use it to load a fixture; nothing else should.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from data import cache, schemas
from data.sources import TableUnavailable

HERE = Path(__file__).parent
DERIVED_DIR = HERE / "derived"
INITIATIVES_CSV = HERE / "initiatives.csv"
PARTICIPATION_CSV = HERE / "participation.csv"


def curated_path(default: Path) -> Path:
    """``default``, or the file of the same name in $INNOV_TABLES when that folder has one."""
    override = os.environ.get("INNOV_TABLES", "").strip()
    if override and (Path(override) / default.name).is_file():
        return Path(override) / default.name
    return default



def slug(label: str) -> str:
    """URL-safe id of a vocabulary label: 'Microelectronics & semiconductors' -> 'microelectronics-semiconductors'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


INITIATIVES = schemas.INITIATIVES
PARTICIPATION = schemas.PARTICIPATION


def validate(initiatives: pd.DataFrame, participation: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate both tables (raises pandera SchemaErrors listing every failure)."""
    ini = INITIATIVES.validate(initiatives, lazy=True)
    par = PARTICIPATION.validate(participation, lazy=True)
    orphans = sorted(set(par["initiative_id"]) - set(ini["initiative_id"]))
    if orphans:
        raise ValueError(f"participation rows reference unknown initiatives: {orphans}")
    tiers = par.merge(ini[["initiative_id", "tier"]], on="initiative_id", suffixes=("", "_ini"))
    if (tiers["tier"] != tiers["tier_ini"]).any():
        raise ValueError("participation.tier disagrees with initiatives.tier")
    return ini, par


@cache.resource
def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    paths = curated_path(INITIATIVES_CSV), curated_path(PARTICIPATION_CSV)
    where = paths[0]
    try:  # unreadable or off-schema: one message naming the file, no traceback
        ini = pd.read_csv(where, dtype={"initiative_id": str})
        where = paths[1]
        par = pd.read_csv(where, dtype={"place_code": str, "country_code": str})
        where = paths[0] if paths[0] != INITIATIVES_CSV else paths[1]
        ini, par = validate(ini, par)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise TableUnavailable(where, "curated initiatives and participation",
                               f"unreadable or not in the expected schema ({first})") from exc
    ini["chain_id"] = ini["value_chain"].map(slug, na_action="ignore")
    ini["ecosystem_list"] = ini["ecosystems"].fillna("").map(
        lambda v: tuple(e.strip() for e in v.split(";") if e.strip()))
    return ini, par


def initiatives() -> pd.DataFrame:
    return load()[0]


def participation() -> pd.DataFrame:
    return load()[1]


# What switches off when a derived table is missing or broken (shown in the notice).
DEPENDS = {
    "scores_ris2023_rii.csv": "the Regional Innovation Index (RIS 2023), its performance groups and the "
                              "divide by RIS group",
    "scores_ris2023_indicators.csv": "the 21 RIS 2023 indicator scores",
    "scores_ris2023_indicator_names.csv": "the names of the RIS 2023 indicators",
    "scores_ris2019_rii.csv": "the RIS 2019 index",
    "scores_eis2023_sii.csv": "the national EIS 2023 scores and groups (and the EU27 list used by the divide)",
    "scores_eurostat.csv": "the Eurostat R&D and HRST indicators",
    "sources.csv": "units, licences and coverage notes of the scores and context layers",
}
# Derived tables that could not be loaded in this process: file name -> error (see derived_or_empty).
DEGRADED: dict[str, TableUnavailable] = {}


@cache.resource
def sources_meta() -> pd.DataFrame:
    """data/derived/sources.csv indexed by source key: title, edition, unit, licence, coverage, ..."""
    return derived_or_empty("sources.csv").set_index("source")


def derived_or_empty(name: str) -> pd.DataFrame:
    """Like :func:`derived`, but a missing or broken table gives an empty frame with the schema's
    columns and is recorded in :data:`DEGRADED` (the app shows one notice naming file and fix):
    only what depends on the table switches off."""
    try:
        return derived(name)
    except TableUnavailable as exc:
        DEGRADED[name] = exc
        cols = list(schemas.DERIVED[name].columns)
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("value", "value_pct_eu27") else "object")
                             for c in cols})


def degraded_notices() -> list[str]:
    """One line per derived table that is off: file, problem, what depends on it, and the fix."""
    out = []
    for name, exc in sorted(DEGRADED.items()):
        what = DEPENDS.get(name, name.removeprefix("context_").removesuffix(".csv").replace("_", " ") + " layer")
        out.append(f"{exc.attempts[0].capitalize()}: data/derived/{name}. Switched off: {what}. "
                   f"Fix: `git checkout -- data/derived/{name}` or `python -m data.build_tables`, then restart.")
    return out


@cache.resource
def derived(name: str) -> pd.DataFrame:
    """A committed derived table (data/derived/<name>), validated by its schema in data/schemas.py.

    Raises :class:`data.sources.TableUnavailable` (a DataUnavailable) naming the file and the fix
    when it is missing or broken. Callers must not modify the returned frame (it is cached).
    """
    path = DERIVED_DIR / name
    title = name.removesuffix(".csv").replace("_", " ")
    if not path.is_file():
        raise TableUnavailable(path, title, "file not found")
    try:
        df = pd.read_csv(path, dtype={"code": str, "country": str, "indicator_id": str})
        return schemas.DERIVED[name].validate(df, lazy=True)
    except Exception as exc:  # unreadable CSV or schema violation: one message, no traceback
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise TableUnavailable(path, title, f"unreadable or not in the expected schema ({first})") from exc
