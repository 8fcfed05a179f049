"""Context groupings of regions: GDP per head (PPS) band, Horizon Europe widening status, and a
region's context facts (cohesion category, outermost, RIV, PRI) with source and coverage.

Pure functions: the caller passes the context frames of :mod:`data.context`. Partial lists stay
partial: a region missing from the cohesion, RIV or PRI lists is *unknown*, never "no".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GDP_BANDS = ("below 75% of EU27", "75–100% of EU27", "100% of EU27 or more")  # GDP per head (PPS)
GDP_UNKNOWN = "GDP not known"
WIDENING = ("Widening country", "Not a widening country")
WIDENING_UNKNOWN = "Widening status not known"


def edition(df: pd.DataFrame) -> str:
    """The table's edition, or a plain statement that the table is not available (degraded)."""
    return str(df["edition"].iloc[0]) if "edition" in df and len(df) else "table not available"


def gdp_band(table: pd.DataFrame, gdp: pd.DataFrame) -> pd.Series:
    """Band of each region's GDP per head in PPS, % of the EU27 average (NUTS 2 rows valid in
    NUTS 2021 only; other regions NaN). Cut at 75% and 100%, the cohesion-policy thresholds,
    applied to the latest value: a description of GDP, not the official cohesion category."""
    g = gdp[gdp["nuts2021_valid"].astype(bool)].drop_duplicates("code").set_index("code")["value_pct_eu27"]
    pct = pd.to_numeric(table.index.to_series().map(g), errors="coerce")
    band = pd.cut(pct, [-np.inf, 75, 100, np.inf], right=False, labels=list(GDP_BANDS)).astype(object)
    return band.where(pct.notna())


def widening_status(table: pd.DataFrame, wid: pd.DataFrame) -> pd.Series:
    """'Widening country' / 'Not a widening country' by the region's country (the list is complete)."""
    members = set(wid["country"])
    return table["country"].map(lambda c: WIDENING[0] if c in members else WIDENING[1])


def caption_gdp(table: pd.DataFrame, band: pd.Series, gdp: pd.DataFrame) -> str:
    known = int(band.notna().sum())
    years = gdp.loc[gdp["code"].isin(table.index[band.notna()]), "year"]
    yrs = (f"{int(years.min())}" if years.min() == years.max() else f"{int(years.min())}–{int(years.max())}") \
        if len(years) else "no year"
    return (f"GDP per head in PPS as % of the EU27 average, latest year ({yrs}); known for {known} of {len(table)} "
            f"regions (NUTS 2 only; NUTS 2024 codes without a NUTS 2021 region left out). Bands cut at 75% and 100%, "
            f"the cohesion-policy thresholds, applied to this value: not the official cohesion category. "
            f"Source: {edition(gdp)}.")


def caption_widening(wid: pd.DataFrame) -> str:
    return (f"Horizon Europe widening status of the region's country ({wid.attrs.get('coverage', 'complete list')}). "
            f"Source: {edition(wid)}.")


def _status(df: pd.DataFrame, code: str, country: str) -> pd.Series | None:
    """The row of ``df`` for the region, a larger region containing it, or its country."""
    codes = [code[:n] for n in range(len(code), 1, -1)]
    hit = df[df["code"].isin(codes)] if "code" in df else df.iloc[0:0]
    if hit.empty and "country" in df and "code" not in df:
        hit = df[df["country"] == country]
    if hit.empty:
        return None
    return hit.assign(_len=hit["code"].str.len() if "code" in hit else 0).sort_values("_len").iloc[-1]


def region_facts(code: str, country: str, layers: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per context fact of a region: what, value, source, coverage. ``layers``: the
    frames of :data:`data.context.LAYERS` by key. A region missing from a partial list is
    'not in the compiled list (unknown)'; from a complete list, 'no'."""
    rows = []
    gdp = layers.get("gdp_pps")
    if gdp is not None:
        g = gdp[(gdp["code"] == code) & gdp["nuts2021_valid"].astype(bool)]
        if len(g):
            r = g.iloc[0]
            value = f"{r['value']:,.0f} PPS per inhabitant ({r['value_pct_eu27']:.0f}% of EU27), {int(r['year'])}"
        else:
            value = "no data (given for NUTS 2 regions only)" if len(code) != 4 else "no data"
        rows.append(("GDP per head (PPS)", value, edition(gdp), gdp.attrs.get("coverage", "")))
    labels = {"widening": "Horizon Europe widening country", "cohesion": "Cohesion policy category 2021–2027",
              "outermost": "Outermost region", "riv": "Regional Innovation Valley", "pri":
              "Partnerships for Regional Innovation pilot"}
    for key, what in labels.items():
        df = layers.get(key)
        if df is None:
            continue
        cov = df.attrs.get("coverage", str(df["coverage"].iloc[0]) if "coverage" in df else "")
        partial = cov.startswith("partial")
        hit = _status(df, code, country)
        if hit is not None:
            via = "" if "code" not in df or hit["code"] == code else f" (recorded for {hit['code']})"
            value = f"{hit['category']}{via}"
            src = str(hit.get("edition", "")) + (f" — {hit['source_url']}" if isinstance(hit.get("source_url"), str)
                                                 else "")
        else:
            value = "not in the compiled list (unknown)" if partial else "no"
            src = edition(df)
        rows.append((what, value, src, cov))
    return pd.DataFrame(rows, columns=["context", "value", "source", "coverage"])
