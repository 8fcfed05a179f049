"""Connection finder (Tier 2 -> Tier 1): where a region's cluster and S3 work meets Tier 1 projects.

Pure functions over frames. For a region R (any NUTS level):

1. its **Tier 2 memberships**: Tier 2 initiatives placed in R, inside R or in a region
   containing R (the model's direct and parent links; a country-level row is not R's own);
2. the **Tier 1 initiatives in the same value chains** as those memberships (``Not stated``
   and ``Cross-sectoral`` match nothing), with R's own link to each where it has one;
3. per Tier 1 initiative, its **named participants nearest to R**: same country first, then by
   great-circle distance between GISCO label points (R's point and the point of the
   participant's place: its NUTS region for a site, its country for a participant known only by
   country, so those distances are coarse); participants with no state come last;
4. the **regions of R's Tier 2 partners** (the other places of its Tier 2 initiatives in that
   value chain) where the Tier 1 initiative already has a participant placed in or around that
   region (one code inside the other, both below country level): R's connection points.

Every row carries the source URL(s) it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import links, model

NO_MATCH_CHAINS = frozenset({"not-stated", "cross-sectoral"})
EARTH_RADIUS_KM = 6371.0
NEAREST_PER_INITIATIVE = 5


@dataclass(frozen=True)
class Connections:
    code: str
    memberships: pd.DataFrame  # Tier 2 initiatives of the region
    tier1: pd.DataFrame  # Tier 1 initiatives in the same value chains
    nearest: pd.DataFrame  # named participants of those, nearest first
    partners: pd.DataFrame  # Tier 2 partner regions already in those Tier 1 initiatives


def haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def tier2_memberships(code: str, ini: pd.DataFrame, par: pd.DataFrame) -> pd.DataFrame:
    level = len(code) - 2
    own = model.link_table(par[par["tier"] == 2], pd.Index([code]), level)
    own = own[own["link"].isin(links.RULES["regional"][0])]  # in the region or via a parent region
    cols = ["initiative_id", "short_name", "type", "value_chain", "chain_id", "source_url"]
    return own.merge(ini[cols], on="initiative_id")[["initiative_id", "short_name", "type", "value_chain",
                                                       "chain_id", "link", "source_url"]]\
        .sort_values(["value_chain", "short_name"]).reset_index(drop=True)


def _nested(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def find(code: str, ini: pd.DataFrame, par: pd.DataFrame, reg: pd.DataFrame,
         per_initiative: int = NEAREST_PER_INITIATIVE) -> Connections:
    level = len(code) - 2
    memb = tier2_memberships(code, ini, par)
    chains = set(memb["chain_id"].dropna()) - NO_MATCH_CHAINS
    t1 = ini[(ini["tier"] == 1) & ini["chain_id"].isin(chains)]
    own = model.link_table(par[par["initiative_id"].isin(t1["initiative_id"])], pd.Index([code]), level)
    own_link = dict(zip(own["initiative_id"], own["link"], strict=True))
    t1_rows = par[par["initiative_id"].isin(t1["initiative_id"])]
    named = t1_rows[t1_rows["participant_name"].fillna("") != ""]
    via = memb.groupby("chain_id")["short_name"].agg(lambda s: "; ".join(sorted(set(s))))

    tier1 = pd.DataFrame({
        "initiative_id": t1["initiative_id"], "initiative": t1["short_name"], "type": t1["type"],
        "value_chain": t1["value_chain"], "via Tier 2": t1["chain_id"].map(via),
        "this region's link": t1["initiative_id"].map(
            lambda i: links.KIND_LABELS.get(own_link[i], own_link[i]) if i in own_link else "none recorded"),
        "named participants": t1["initiative_id"].map(
            named.drop_duplicates(["initiative_id", "participant_name", "country_code"])["initiative_id"]
            .value_counts()).fillna(0).astype(int),
        "source": t1["source_url"],
    }).sort_values(["value_chain", "initiative"]).reset_index(drop=True)

    here = reg.loc[code]
    pts = reg[["lon", "lat"]].reindex(named["place_code"].fillna("").values)
    near = pd.DataFrame({
        "initiative_id": named["initiative_id"].values,
        "initiative": named["initiative_id"].map(dict(zip(ini["initiative_id"], ini["short_name"],
                                                          strict=True))).values,
        "participant": named["participant_name"].values,
        "country": named["country_code"].fillna("not stated").values,
        "place": named["place_code"].map(lambda c: f"{reg.at[c, 'name']} ({c})" if c in reg.index else "")
        .fillna("").values,
        "same country": (named["country_code"] == here["country"]).values,
        "distance_km": haversine_km(here["lon"], here["lat"], pts["lon"].values, pts["lat"].values),
        "located at": np.where(named["place_level"].fillna(0).values >= 1, "region", "country only"),
        "source": named["site_source_url"].fillna("").where(named["site_source_url"].fillna("") != "",
                                                            named["source_url"]).values
        if "site_source_url" in named else named["source_url"].values,
    })
    near.loc[near["country"] == "not stated", "located at"] = "not located"
    # one row per participant and initiative: its nearest place
    near = near.sort_values(["initiative_id", "participant", "distance_km"], na_position="last")\
        .drop_duplicates(["initiative_id", "participant", "country"])
    near = near.sort_values(["initiative", "same country", "distance_km", "participant"],
                            ascending=[True, False, True, True], na_position="last", kind="stable")
    near["rank"] = near.groupby("initiative_id").cumcount() + 1
    near = near[near["rank"] <= per_initiative]
    near["distance_km"] = near["distance_km"].round(0)
    near = near.drop(columns="initiative_id").reset_index(drop=True)

    partners = _partners(code, memb, t1, t1_rows, par, reg)
    return Connections(code=code, memberships=memb.drop(columns="chain_id"), tier1=tier1, nearest=near,
                       partners=partners)


def _partners(code: str, memb: pd.DataFrame, t1: pd.DataFrame, t1_rows: pd.DataFrame, par: pd.DataFrame,
              reg: pd.DataFrame) -> pd.DataFrame:
    cols = ["initiative", "partner region", "via Tier 2", "Tier 1 participant(s) there",
            "Tier 2 source", "Tier 1 source"]
    t2 = par[par["initiative_id"].isin(memb["initiative_id"]) & (par["place_level"].fillna(0) >= 1)]
    t2 = t2[np.array([not _nested(c, code) for c in t2["place_code"]], dtype=bool)]
    t2 = t2.merge(memb[["initiative_id", "short_name", "chain_id"]], on="initiative_id")
    if t2.empty or t1.empty:
        return pd.DataFrame(columns=cols)
    sited = t1_rows[t1_rows["place_level"].fillna(0) >= 1].merge(
        t1[["initiative_id", "short_name", "chain_id"]], on="initiative_id")
    out = []
    for p in t2.itertuples():
        for s in sited[sited["chain_id"] == p.chain_id].itertuples():
            if _nested(p.place_code, s.place_code):
                who = s.participant_name if isinstance(s.participant_name, str) and s.participant_name else "(row)"
                out.append((s.short_name, p.place_code, p.short_name, who, p.source_url, s.source_url))
    if not out:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(out, columns=["initiative", "code", "via Tier 2", "who", "Tier 2 source", "Tier 1 source"])
    df = df.groupby(["initiative", "code", "via Tier 2"], as_index=False).agg(
        {"who": lambda s: "; ".join(sorted(set(s))), "Tier 2 source": "first",
         "Tier 1 source": lambda s: " ".join(dict.fromkeys(s))})
    df["partner region"] = df["code"].map(lambda c: f"{reg.at[c, 'name']} ({c})" if c in reg.index else c)
    df = df.rename(columns={"who": "Tier 1 participant(s) there"})
    return df.sort_values(["initiative", "partner region"])[cols].reset_index(drop=True)


def connections(code: str) -> Connections:
    from data import geodata, tables

    return find(code, tables.initiatives(), tables.participation(), geodata.registry())
