"""Everything known about one region: scores with their basis, RII series, linked initiatives."""

from __future__ import annotations

import pandas as pd

from data import geodata, model, tables
from data import scores as sc
from geo.hierarchy import ancestors


def header(code: str) -> dict:
    reg = geodata.registry()
    row = reg.loc[code]
    chain = [f"{reg.at[a, 'name']} ({a})" for a in reversed(ancestors(code)) if a in reg.index]
    return {"code": code, "name": row["name"], "level": int(row["level"]), "country": row["country"],
            "within": " › ".join(chain)}


def score_rows(code: str) -> pd.DataFrame:
    """One row per score: value (NaN when unknown), year, edition, unit and where it comes from."""
    level = len(code) - 2
    rows = []
    for key, s in sc.SCORES.items():
        r = model.resolved_score(key, level).loc[code] if code in model.resolved_score(key, level).index else None
        has = r is not None and pd.notna(r["value"])
        rows.append({
            "indicator": s.label, "value": r["value"] if has else None,
            "year": int(r["year"]) if has and pd.notna(r["year"]) else None,
            "edition": s.edition, "unit": s.unit,
            "basis": (r["basis"] if r["basis"] == "region" else f"{r['basis']} {r['value_code']}") if has
            else "no data",
        })
    df = pd.DataFrame(rows)
    df["value"] = df["value"].map(lambda v: v if isinstance(v, str) or v is None else round(float(v), 2))
    return df.astype({"value": "string"}).fillna({"value": "no data"})


def rii_series(code: str) -> pd.DataFrame:
    """RII 2016-2023 (RIS 2023 edition) for the region, with the basis of each value."""
    level = len(code) - 2
    out = []
    for y in sc.RIS_YEARS:
        r = model.resolved_score("rii", level, y)
        if code in r.index and pd.notna(r.at[code, "value"]):
            out.append({"year": y, "RII": float(r.at[code, "value"]), "from": r.at[code, "value_code"]})
    return pd.DataFrame(out, columns=["year", "RII", "from"])


def participants_in(code: str, sel: model.Selection | None = None) -> pd.DataFrame:
    """Participation rows placed in the region or inside it (named sites, partners), with the
    row's ``confidence`` ('not rated' where the first-pass source gave none) and ``nuts_method``."""
    par = tables.participation()
    ini = model.selected_initiatives(tables.initiatives(), sel or model.Selection())
    rows = par[par["place_code"].fillna("").str.startswith(code) & par["initiative_id"].isin(ini["initiative_id"])]
    rows = rows.merge(ini[["initiative_id", "short_name"]], on="initiative_id")
    cols = ["short_name", "tier", "role", "participant_name", "place_name_as_in_source", "place_code", "confidence",
            "nuts_method", "source_url"]
    rows = rows.assign(confidence=rows["confidence"].fillna("not rated"), nuts_method=rows["nuts_method"].fillna(""))
    return rows[cols].sort_values(["tier", "short_name"]).reset_index(drop=True)


def ris_unit(code: str) -> tuple[str | None, str]:
    """The RIS 2023 unit that publishes the region (itself, a larger region, the same territory
    at another level or its country) and how: ('AT1', 'parent region AT1'). (None, 'no data')
    when RIS publishes neither the region nor a unit containing it."""
    level = len(code) - 2
    r = model.resolved_score("rii", level)
    if code not in r.index or pd.isna(r.at[code, "value"]):
        return None, "no data"
    unit = r.at[code, "value_code"]
    basis = r.at[code, "basis"]
    return unit, ("own value" if basis == "region" else f"{basis} {unit}")


def ris_groups() -> pd.Series:
    """RIS 2023 performance group per RIS unit code."""
    return sc.ris2023()["performance_group"]
