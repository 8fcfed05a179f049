"""Older NUTS codes (NUTS 2013/2016) -> NUTS 2021.

The table ``nuts_correspondence.csv`` lists only codes that occur in the project's sources
(RIS 2019 uses NUTS 2016 codes such as HR04 and HU10; the Eurostat extract carries NUTS 2013
codes such as FR21 or PL12). Relations:

* ``recode``   - same territory, new code: the value applies unchanged;
* ``split``    - the old unit was split; each new unit lies inside it, so the old value is
  shown for it, flagged as a predecessor value;
* ``boundary`` - boundaries were redrawn with no containment: no value is carried over and
  the code is reported as unmatched.

Compiled by the project from Eurostat's NUTS history (correspondence tables NUTS 2013-2016
and 2016-2021, https://ec.europa.eu/eurostat/web/nuts/history).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# The committed table; read (and cached) by data.geodata.correspondence(), never here.
TABLE = Path(__file__).with_name("nuts_correspondence.csv")
RELATIONS = ("recode", "split", "boundary")


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """The table as read (all text), or ValueError when a relation is unknown."""
    unknown = set(df["relation"]) - set(RELATIONS)
    if unknown:
        raise ValueError(f"{TABLE.name}: unknown relation(s) {sorted(unknown)}")
    return df


def successors(table: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """old code -> [(new code, relation)] for recodes and splits (boundary changes excluded)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in table.itertuples():
        if r.relation != "boundary" and r.new_code:
            out.setdefault(r.old_code, []).append((r.new_code, r.relation))
    return out


def translate(code: str, valid: frozenset[str] | set[str], table: pd.DataFrame) -> tuple[str | None, str]:
    """One code -> (NUTS 2021 code or None, how). ``how`` is 'valid', 'recode', 'split',
    'boundary' or 'unknown'. A split maps to None: the old unit is bigger than any successor.
    """
    if code in valid:
        return code, "valid"
    rows = table[table["old_code"] == code]
    if rows.empty:
        return None, "unknown"
    rel = rows["relation"].iloc[0]
    if rel == "recode":
        return rows["new_code"].iloc[0], "recode"
    return None, rel
