"""The project's own curated tables (committed in data/), validated with pandera schemas.

``initiatives.csv`` and ``participation.csv`` are rebuilt from the shared compilation by
``python -m data.build_tables``; see data/README.md for every column.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from data import vocab

HERE = Path(__file__).parent
INITIATIVES_CSV = HERE / "initiatives.csv"
PARTICIPATION_CSV = HERE / "participation.csv"

_URL = r"^https?://\S+$"


def slug(label: str) -> str:
    """URL-safe id of a vocabulary label: 'Microelectronics & semiconductors' -> 'microelectronics-semiconductors'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _ecosystems_ok(s: pd.Series) -> pd.Series:
    allowed = set(vocab.ECOSYSTEMS)
    return s.fillna("").map(lambda v: all(e.strip() in allowed for e in v.split(";")) if v else True)


INITIATIVES = pa.DataFrameSchema(
    {
        "initiative_id": pa.Column(str, unique=True),
        "name": pa.Column(str),
        "short_name": pa.Column(str),
        "type": pa.Column(str, pa.Check.isin(vocab.TYPES)),
        "tier": pa.Column(int, pa.Check.isin([1, 2])),
        "value_chain": pa.Column(str, pa.Check.isin(vocab.VALUE_CHAINS), nullable=True),
        "ecosystems": pa.Column(str, pa.Check(_ecosystems_ok, element_wise=False), nullable=True),
        "year": pa.Column("Int64", pa.Check.in_range(1990, 2030), nullable=True),
        "source_url": pa.Column(str, pa.Check.str_matches(_URL)),
    },
    strict=False,
    coerce=True,
)

PARTICIPATION = pa.DataFrameSchema(
    {
        "initiative_id": pa.Column(str),
        "tier": pa.Column(int, pa.Check.isin([1, 2])),
        "place_code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}[A-Z0-9]{0,3}$"), nullable=True),
        "place_level": pa.Column("Int64", pa.Check.isin([0, 1, 2, 3]), nullable=True),
        "country_code": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$"), nullable=True),
        "role": pa.Column(str, pa.Check.isin(vocab.ROLES)),
        "source_url": pa.Column(str, pa.Check.str_matches(_URL)),
    },
    checks=[
        pa.Check(lambda d: (d["place_code"].isna() | (d["place_code"].str.len() - 2 == d["place_level"])).all(),
                 error="place_level must equal len(place_code) - 2"),
        pa.Check(lambda d: (d["place_code"].isna() | (d["place_code"].str[:2] == d["country_code"])).all(),
                 error="place_code must start with country_code"),
    ],
    strict=False,
    coerce=True,
)


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
