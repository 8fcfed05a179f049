"""The one rule for what counts as a Tier 1 / Tier 2 link of a region.

Every participation row is read at the level the source gives it (``place_level``) and
becomes, for a region at the map's NUTS level, one of these link kinds (strongest first):

* ``direct``     - the row is placed in the region or inside it (a site in one of its NUTS 2
  regions, a partnership naming it or one of its NUTS 3 units). At NUTS 0 every membership
  row of the country is direct (the region *is* the country);
* ``parent``     - the row is placed at a larger sub-national region containing it (a
  partnership naming the NUTS 1 region Wallonia, seen from a Walloon NUTS 2 province). Shown
  as "via parent region"; it is recorded once, at that larger region, so concentration
  measures never count it per child;
* ``national``   - a country-level membership row: an IPCEI member state, an alliance or
  cluster partner known only by country;
* ``associated`` - associated participants, indirect partners and EEA states
  (``associated_participant_country``, ``indirect_partner_country``, ``eea_state`` and
  participants with status ``associated_partner``): their own class, never membership.

Two link rules decide which kinds count (:data:`RULES`): ``regional`` (default) counts
direct and via-parent links; ``any`` adds national membership. Associated roles count under
neither. Map, Divide, region profile, exports and captions all call this module.
"""

from __future__ import annotations

import pandas as pd

KINDS = ("direct", "parent", "national", "associated")
KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
KIND_LABELS = {
    "direct": "in the region",
    "parent": "via parent region",
    "national": "national membership",
    "associated": "associated / indirect / EEA (not membership)",
}
ASSOCIATED_ROLES = ("associated_participant_country", "indirect_partner_country", "eea_state")
ASSOCIATED_STATUSES = ("associated_partner",)

# rule -> (kinds counted, one-sentence statement shown wherever counts appear)
RULES = {
    "regional": (("direct", "parent"),
                 "Counted as a link: a site or partner placed in the region, or in a larger region containing it "
                 "(“via parent region”); national membership and associated, indirect-partner or EEA roles are "
                 "not counted."),
    "any": (("direct", "parent", "national"),
            "Counted as a link: a site or partner in the region or a larger region containing it, or national "
            "membership (an IPCEI member state or a country-level partner counts for every region of its "
            "country); associated, indirect-partner and EEA roles are never counted as membership."),
}
RULE_LABELS = {"regional": "Regional links only", "any": "Regional or national links"}


def rule_text(rule: str) -> str:
    """The rule in one sentence, for captions and the UI."""
    return RULES[rule][1]


def columns(rule: str) -> tuple[str, str]:
    """(Tier 1 column, Tier 2 column) of a :func:`counts` frame holding the rule's counts."""
    suffix = {"regional": "regional", "any": "any"}[rule]
    return f"t1_{suffix}", f"t2_{suffix}"


def is_associated(par: pd.DataFrame) -> pd.Series:
    """True for rows recording an associated, indirect-partner or EEA role (never membership)."""
    role = par["role"] if "role" in par else pd.Series(None, index=par.index, dtype=object)
    status = par["status"] if "status" in par else pd.Series(None, index=par.index, dtype=object)
    return role.isin(ASSOCIATED_ROLES) | status.isin(ASSOCIATED_STATUSES)


def link_table(par: pd.DataFrame, targets: pd.Index, level: int) -> pd.DataFrame:
    """(target, initiative_id, tier, link) for every participation row with a place.

    ``targets`` are the NUTS 2021 codes at ``level``. Per (target, initiative) the strongest
    kind wins (:data:`KINDS` order). Rows whose place is not a NUTS 2021 code at or above a
    target are left out here (the data check reports them).
    """
    p = par.loc[par["place_code"].notna(), ["initiative_id", "tier", "place_code", "place_level"]].copy()
    p["assoc"] = is_associated(par.loc[p.index]).to_numpy()
    p["place_level"] = p["place_level"].astype(int)
    tgt = pd.DataFrame({"target": targets})
    out = []
    fine = p[p["place_level"] >= level].copy()  # at or below the target level
    fine["target"] = fine["place_code"].str.slice(0, level + 2)
    fine["link"] = "direct"
    out.append(fine)
    for plev in range(level):  # above the target level -> every target inside it
        coarse = p[p["place_level"] == plev]
        if coarse.empty:
            continue
        tgt["key"] = tgt["target"].str.slice(0, plev + 2)
        m = coarse.merge(tgt, left_on="place_code", right_on="key")
        m["link"] = "national" if plev == 0 else "parent"
        out.append(m.drop(columns="key"))
    links = pd.concat(out, ignore_index=True)
    links.loc[links["assoc"].astype(bool), "link"] = "associated"
    links = links[links["target"].isin(targets)]
    links["rank"] = links["link"].map(KIND_ORDER)
    links = links.sort_values("rank", kind="stable").drop_duplicates(["target", "initiative_id"])
    return links[["target", "initiative_id", "tier", "link"]].reset_index(drop=True)


def counts(links: pd.DataFrame, targets: pd.Index) -> pd.DataFrame:
    """Distinct initiatives per target, by tier and kind, plus the rule totals.

    Columns ``t{1,2}_{direct,parent,national,associated}``, ``t{1,2}_regional`` (direct +
    parent) and ``t{1,2}_any`` (regional + national; associated never included).
    """
    cols = [f"t{t}_{k}" for t in (1, 2) for k in KINDS]
    if links.empty:
        out = pd.DataFrame(0, index=targets, columns=cols)
    else:
        out = (links.assign(col="t" + links["tier"].astype(str) + "_" + links["link"])
               .groupby(["target", "col"]).size().unstack(fill_value=0)
               .reindex(index=targets, columns=cols, fill_value=0))
    out = out.fillna(0).astype(int)
    for t in (1, 2):
        out[f"t{t}_regional"] = out[f"t{t}_direct"] + out[f"t{t}_parent"]
        out[f"t{t}_any"] = out[f"t{t}_regional"] + out[f"t{t}_national"]
    out.index.name = "code"
    return out


def has_link(table: pd.DataFrame, tier: int, rule: str) -> pd.Series:
    """True where the region has at least one link of ``tier`` under ``rule``."""
    return table[columns(rule)[tier - 1]] > 0


def own_count(table: pd.DataFrame, tier: int, rule: str) -> pd.Series:
    """Links recorded at the region itself (what concentration measures add up).

    A link via a parent region is left out (it is recorded once, at the parent), so a NUTS 1
    partnership is never multiplied by its NUTS 2 children. National links are included under
    ``any`` (each country's membership is a fact about its every region)."""
    v = table[f"t{tier}_direct"].copy()
    if rule == "any":
        v = v + table[f"t{tier}_national"]
    return v


def parent_only(table: pd.DataFrame) -> pd.Series:
    """True where every regional link of the region is via a parent region."""
    reg = table["t1_regional"] + table["t2_regional"]
    direct = table["t1_direct"] + table["t2_direct"]
    return (reg > 0) & (direct == 0)


def tooltip_counts(row) -> str:
    """'Tier 1: 1 in the region, 2 national · Tier 2: 9 via parent region' (zeros left out)."""
    parts = []
    for t in (1, 2):
        seg = [f"{int(row.get(f't{t}_{k}', 0) or 0)} {KIND_LABELS[k].split(' (')[0]}" for k in KINDS
               if int(row.get(f"t{t}_{k}", 0) or 0)]
        parts.append(f"Tier {t}: " + (", ".join(seg) if seg else "none recorded"))
    return " · ".join(parts)


def ipcei_member_states(par: pd.DataFrame, ipcei_ids) -> pd.Series:
    """country -> distinct IPCEIs with a ``member_state`` row (associated roles never count)."""
    ms = par[(par["role"] == "member_state") & par["initiative_id"].isin(list(ipcei_ids))]
    return ms.groupby("country_code")["initiative_id"].nunique()


def kind_frame(kinds: pd.Series) -> pd.Series:
    """Readable labels for a ``link`` column."""
    return kinds.map(KIND_LABELS).fillna(kinds)

