"""The project's own curated tables (committed in data/), validated with pandera schemas.

``initiatives.csv`` and ``participation.csv`` are rebuilt from the shared compilation by
``python -m data.build_tables``; see data/README.md for every column.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from data import schemas
from data.sources import TableUnavailable

HERE = Path(__file__).parent
DERIVED_DIR = HERE / "derived"
INITIATIVES_CSV = HERE / "initiatives.csv"
PARTICIPATION_CSV = HERE / "participation.csv"



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


@functools.cache
def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    ini = pd.read_csv(INITIATIVES_CSV, dtype={"initiative_id": str})
    par = pd.read_csv(PARTICIPATION_CSV, dtype={"place_code": str, "country_code": str})
    ini, par = validate(ini, par)
    ini["chain_id"] = ini["value_chain"].map(slug, na_action="ignore")
    ini["ecosystem_list"] = ini["ecosystems"].fillna("").map(
        lambda v: tuple(e.strip() for e in v.split(";") if e.strip()))
    return ini, par


def initiatives() -> pd.DataFrame:
    return load()[0]


def participation() -> pd.DataFrame:
    return load()[1]


@functools.cache
def sources_meta() -> pd.DataFrame:
    """data/derived/sources.csv indexed by source key: title, edition, unit, licence, coverage, ..."""
    return derived("sources.csv").set_index("source")


@functools.cache
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
