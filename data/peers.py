"""Peer comparison: suggest comparable regions and put their scores and links side by side."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from data import model
from data.fmt import num, value_source
from data.gaps import GapLists

NO_GROUP = "No group (not covered)"
RII_EDITION = "RIS 2023"
EIS_EDITION = "EIS 2023"


PEER_MEASURES = {  # column -> (label, unit)
    "rii": ("Regional Innovation Index 2023 (RIS 2023)", "index, EU27 2016 = 100"),
    "sii": ("Summary Innovation Index 2023, national (EIS 2023)", "index, EU27 2016 = 100"),
    "gerd": ("R&D expenditure, GERD (Eurostat, 2020 extract)", "% of GDP"),
    "t1_regional": ("Tier 1 initiatives, regional links", "initiatives"),
    "t1_national": ("Tier 1 initiatives, national only", "initiatives"),
    "t2_regional": ("Tier 2 initiatives, regional links", "initiatives"),
    "t2_national": ("Tier 2 initiatives, national only", "initiatives"),
}


PEER_SHORT = {  # measure label -> short chart title
    PEER_MEASURES["rii"][0]: "RII 2023 (RIS 2023)",
    PEER_MEASURES["sii"][0]: "SII 2023, national (EIS 2023)",
    PEER_MEASURES["gerd"][0]: "GERD (Eurostat, 2020 extract)",
}
PEER_UNITS = {"rii": "index", "sii": "index", "gerd": "% of GDP"}


def peer_focus(region: str | None, pool: pd.DataFrame, gaps: GapLists,
               table: pd.DataFrame) -> tuple[str | None, str]:
    """The region to suggest peers for, and why: the selected region if it is in ``pool``,
    else the first bridging candidate, else the first left-out region, else the region of
    ``table`` (the filtered regions) with the lowest RII 2023. (None, "") if there is none."""
    if region is not None and region in pool.index:
        return region, "the selected region"
    for df, why in ((gaps.bridging, "the first bridging candidate"), (gaps.left_out, "the first left-out region")):
        if len(df) and df["code"].iloc[0] in pool.index:
            return df["code"].iloc[0], why
    if "value" in table and table["value"].notna().any():
        code = table["value"].idxmin()
        if code in pool.index:
            return code, "the region with the lowest RII 2023 among those shown"
    return None, ""


def peers_table(codes: Sequence[str], level: int, sel: model.Selection | None = None) -> pd.DataFrame:
    """Side-by-side scores and participation counts of ``codes`` (in the given order).

    Scores: RII 2023 (RIS 2023, with ``rii_basis``), the national SII 2023 (EIS 2023) and
    GERD (% of GDP, latest year of the 2020 Eurostat extract, with ``gerd_year`` and
    ``gerd_basis``). Counts follow the initiative filters of ``sel``; its country and group
    filters are ignored so a chosen peer is never hidden. Codes are usually at ``level``;
    a code at another NUTS level is computed at its own level. Unknown codes are skipped.
    """
    sel = sel or model.Selection()
    sel = model.Selection(chains=sel.chains, ecosystems=sel.ecosystems, tiers=sel.tiers,
                          types=sel.types, initiatives=sel.initiatives, scope="all")
    rows = []
    for code in codes:
        lev = len(code) - 2 if 2 <= len(code) <= 5 else level
        t = model.region_table(lev, sel, "rii")
        if code not in t.index:
            continue
        r = t.loc[code]
        sii = model.resolved_score("sii", lev, 2023)
        gerd = model.resolved_score("gerd", lev)
        has_g = code in gerd.index and pd.notna(gerd.at[code, "value"])
        rows.append({
            "code": code, "name": r["name"], "country": r["country"],
            "group": r["ris_group"] if isinstance(r["ris_group"], str) else NO_GROUP,
            "rii": num(r["value"]),
            "rii_basis": value_source(r["basis"], r["value_code"], pd.notna(r["value"])),
            "sii": num(sii["value"].get(code)),
            "gerd": num(gerd["value"].get(code)) if has_g else np.nan,
            "gerd_year": num(gerd["year"].get(code)) if has_g else np.nan,
            "gerd_basis": value_source(gerd.at[code, "basis"], gerd.at[code, "value_code"], True)
            if has_g else "no data",
            **{c: int(r[c]) for c in ("t1_regional", "t1_national", "t2_regional", "t2_national")},
        })
    cols = ["code", "name", "country", "group", "rii", "rii_basis", "sii", "gerd", "gerd_year", "gerd_basis",
            "t1_regional", "t1_national", "t2_regional", "t2_national"]
    return pd.DataFrame(rows, columns=cols)


def peers_long(peers: pd.DataFrame) -> pd.DataFrame:
    """Long form for a bar comparison: one row per (region, measure) with a value (NaN kept)."""
    rows = []
    for _, r in peers.iterrows():
        for col, (label, unit) in PEER_MEASURES.items():
            v = r[col]
            basis = {"rii": r["rii_basis"], "gerd": r["gerd_basis"]}.get(col, "")
            text = "no data" if pd.isna(v) else (f"{v:,.0f}" if unit == "initiatives" else f"{v:,.2f}")
            if pd.notna(v) and basis not in ("", "own value"):
                text += " *"  # a value of another unit (larger region, same territory, older code)
            rows.append({"region": f"{r['name']} ({r['code']})", "code": r["code"], "measure": label,
                         "unit": unit, "value": v, "basis": basis, "value_text": text})
    return pd.DataFrame(rows, columns=["region", "code", "measure", "unit", "value", "basis", "value_text"])


def suggest_peers(code: str, table: pd.DataFrame, n: int = 5) -> list[str]:
    """``code`` first, then up to ``n - 1`` peers from ``table`` (a region table with RII).

    Peers come from the same RIS 2023 group first, then from the same country. Within each,
    regions carrying a different score from ``code`` (another ``value_code``) come before
    those that share it (siblings showing the same NUTS 1 value), then the closest RII first,
    then the code. A code not in the table gets no suggestion.
    """
    if code not in table.index:
        return []
    me = table.loc[code]
    others = table.drop(index=code)
    same_group = others["ris_group"].eq(me["ris_group"]) & others["ris_group"].notna()
    same_country = others["country"].eq(me["country"])
    cand = others[same_group | same_country].copy()
    cand["_tier"] = np.where(same_group[cand.index], 0, 1)
    if "value_code" in cand and isinstance(me.get("value_code"), str):
        cand["_twin"] = cand["value_code"].eq(me["value_code"]).astype(int)
    else:
        cand["_twin"] = 0
    if "value" in cand and pd.notna(me.get("value")):
        cand["_dist"] = (cand["value"] - me["value"]).abs()
    else:
        cand["_dist"] = np.nan
    cand["_code"] = cand.index
    cand = cand.sort_values(["_tier", "_twin", "_dist", "_code"], na_position="last", kind="stable")
    return [code, *list(cand.index[: max(n - 1, 0)])]


def caption_peers(peers: pd.DataFrame) -> str:
    if peers.empty:
        return ""
    own = int((peers["rii_basis"] == "own value").sum())
    nod = int((peers["rii_basis"] == "no data").sum())
    gy = peers["gerd_year"].dropna()
    gyears = (f"{int(gy.min())}" if gy.min() == gy.max() else f"{int(gy.min())}–{int(gy.max())}") if len(gy) else ""
    parts = [f"RII: {RII_EDITION}, 2023 value ({own} of {len(peers)} regions own value, "
             f"{len(peers) - own - nod} from a larger region or the same territory, {nod} no data). "
             f"SII: {EIS_EDITION}, national value (the same for every region of a country). "
             f"GERD: Eurostat 2020 extract, % of GDP"
             + (f", years {gyears}" if gyears else "")
             + f" ({int(peers['gerd'].isna().sum())} no data)."]
    if ((peers["rii_basis"] != "own value") & peers["rii"].notna()).any() or \
            ((peers["gerd_basis"] != "own value") & peers["gerd"].notna()).any():
        borrowed = [f"{r['code']} {m.upper()} from {r[m + '_basis']}" for _, r in peers.iterrows()
                    for m in ("rii", "gerd") if pd.notna(r[m]) and r[m + "_basis"] != "own value"]
        parts.append("* = value of another unit: " + "; ".join(borrowed) + ".")
    parts.append("Counts: distinct initiatives passing the initiative filters (country and group filters do not "
                 "hide a chosen peer). “National only” = linked only through national membership.")
    return " ".join(parts)


