"""Stand-ins for loaders another change adds to main (``data.scores.ris_indicators``); read
the shared mirror file directly, with the same name and output, until that change lands.

Used only through :func:`data.barriers.indicators`; delete this module once
``data.scores.ris_indicators`` exists on main.
"""

from __future__ import annotations

import functools

import pandas as pd

from data import sources
from geo.hierarchy import normalize_code

RIS_INDICATORS = "data/scores/ris_2023_indicators.csv"


@functools.cache
def ris_indicators() -> pd.DataFrame:
    """RIS 2023 indicator scores, long: code, indicator_id, indicator, year, value, edition, unit."""
    path = sources.mirror_dir() / RIS_INDICATORS
    if not path.exists():
        raise FileNotFoundError(f"RIS 2023 indicator scores not found: {path} (set INNOV_MIRROR to the data mirror)")
    wide = pd.read_csv(path, dtype={"ris_code": str, "indicator_code": str})
    years = [c for c in wide if c.startswith("score_")]
    long = wide.melt(id_vars=["ris_code", "indicator_code", "indicator_name", "edition", "scale"],
                     value_vars=years, var_name="year", value_name="value")
    long["year"] = long["year"].str.slice(6).astype(int)
    long["code"] = [c if c == "EU" else normalize_code(c) for c in long["ris_code"]]
    return long.rename(columns={"indicator_code": "indicator_id", "indicator_name": "indicator",
                                "scale": "unit"})[["code", "indicator_id", "indicator", "year", "value",
                                                   "edition", "unit"]]
