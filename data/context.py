"""Context layers for the divide, read from the committed tables in ``data/derived/``.

Every loader returns a fresh DataFrame with the figures as compiled plus, on every row,
``source`` (key), ``edition``, ``unit``, ``licence`` and ``coverage`` (what the list covers and
what it does not), and the same texts in ``df.attrs``. The lists marked partial are partial: a
region without a row is *unknown*, not "not in the list".

* :func:`gdp_pps`   - GDP per inhabitant in PPS, NUTS 2 (Eurostat nama_10r_2gdp, latest year,
  2023 for EU regions). ``nuts2021_valid`` is False for NUTS 2024 codes (NL35, NL36, PT19,
  PT1A-PT1D), which have no NUTS 2021 region to sit on.
* :func:`widening`  - Horizon Europe widening countries (complete list, Work Programme 2023-2024).
* :func:`cohesion`  - cohesion policy 2021-2027 categories (partial: 42 of 242 NUTS 2 regions).
* :func:`outermost` - outermost regions, Art. 349 TFEU (complete, 9; Saint-Martin uncoded).
* :func:`riv`       - Regional Innovation Valleys (partial: 20 of 151).
* :func:`pri`       - Partnerships for Regional Innovation pilot (partial: 16 of 74).
"""

from __future__ import annotations

import pandas as pd

from data.tables import derived_or_empty, sources_meta


def _load(name: str, source: str) -> pd.DataFrame:
    df = derived_or_empty(name).copy()  # missing/broken: empty, and the app names file and fix
    meta = sources_meta()
    m = meta.loc[source] if source in meta.index else pd.Series("", index=meta.columns)
    for col in ("edition", "unit", "licence", "coverage"):
        if col not in df:
            df[col] = m[col]
    df.attrs.update(title=m["title"], coverage=m["coverage"], licence=m["licence"],
                    official_page=m["official_page"], attribution=m["attribution"])
    return df


def gdp_pps() -> pd.DataFrame:
    """code, level, country, name, year, value (PPS per inhabitant), value_pct_eu27, nuts2021_valid, ..."""
    return _load("context_gdp_pps.csv", "gdp_pps")


def widening() -> pd.DataFrame:
    """country, name, category ('widening'), group (member state / associated country), confidence, ..."""
    return _load("context_widening.csv", "widening")


def cohesion() -> pd.DataFrame:
    """code, level, country, name, category (less developed / transition / more developed), period, ..."""
    return _load("context_cohesion.csv", "cohesion")


def outermost() -> pd.DataFrame:
    """code (blank for Saint-Martin), level, country, name, category, legal_basis, confidence, ..."""
    return _load("context_outermost.csv", "outermost")


def riv() -> pd.DataFrame:
    """code, level, country, name, category (label text), year, edition, confidence, ..."""
    return _load("context_riv.csv", "riv")


def pri() -> pd.DataFrame:
    """code, level, country, name, category (pilot participant text), year, edition, confidence, ..."""
    return _load("context_pri.csv", "pri")


LAYERS = {"gdp_pps": gdp_pps, "widening": widening, "cohesion": cohesion, "outermost": outermost,
          "riv": riv, "pri": pri}
