"""Captions of the Divide page, computed from the frames they describe (no I/O here).

Every claim in the UI comes from one of these functions; each takes the frames it needs
(the caller loads them), so a caption can be tested on a hand-made fixture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from data import links, scope
from data.concentration import Concentration
from data.divide import (
    EIS_EDITION,
    GROUP_ROWS,
    GROUPINGS,
    INHERITED,
    NO_GROUP,
    RII_EDITION,
    CountryDivide,
    RegionScatter,
)
from data.fmt import join, pct, unit_name
from data.gaps import GapLists
from data.views import PARTICIPATION_EDITION


def caption_scope(excluded: pd.Series, level: int, n_kept: int, scope_key: str = "eu") -> str:
    text = f"Scope: {unit_name(level, n_kept)} of the {scope.scope_text(scope_key)}."
    if excluded.sum():
        parts = [f"{c} {n}" for c, n in excluded.items()]
        text += (f" Outside the scope, not counted: {int(excluded.sum())} {unit_name(level)} of non-EU countries "
                 f"passing the filters ({join(parts)}); include them with the sidebar scope control.")
    return text


def caption_group_shares(table: pd.DataFrame, shares: pd.DataFrame, grouping: str, rule: str, level: int,
                         tiers: Iterable[int] = (1, 2), ris_codes: Sequence[str] = ()) -> str:
    """Which grouping and rule are shown, and where groups come from (computed from the basis).

    ``ris_codes``: the codes RIS publishes, to say which ungrouped regions RIS covers only as
    smaller units."""
    col, label = GROUPINGS[grouping]
    n = int(shares["n"].sum())
    parts = [f"{unit_name(level, n)} grouped by the {label}. {links.rule_text(rule)}"]
    if grouping == "ris" and n:
        basis = table["ris_group_basis"]
        inh = table[basis.isin(INHERITED)]
        if len(inh):
            by = inh.groupby("country").size()
            parts.append(f"{len(inh)} regions take the group of a larger region or their country "
                         f"(RIS publishes {join(list(by.index))} only at that level).")
        same = int((basis == "same territory").sum())
        if same:
            parts.append(f"{same} take the group of the same territory coded at another NUTS level.")
    elif grouping == "eis" and n:
        parts.append("A national group is the same for every region of a country: this is not a regional score.")
    ng = shares.loc[shares["group"] == NO_GROUP, "n"]
    n_none = int(ng.iloc[0]) if len(ng) else 0
    if n_none:
        missing = table[~table[col].isin(GROUP_ROWS[:-1])] if col in table else table
        parts.append(f"{n_none} {unit_name(level)} have no {label.split(' (')[0]} "
                     f"({join(sorted(missing['country'].unique()))}): shown as “{NO_GROUP}”.")
        if grouping == "ris" and ris_codes:
            finer = [c for c in missing.index if any(r != c and r.startswith(c) for r in ris_codes)]
            if finer:
                parts.append(f"{len(finer)} of them are published by RIS only as smaller regions; "
                             f"a group is never aggregated (choose a finer NUTS level).")
    tiers = set(tiers)
    if tiers != {1, 2}:
        gone = "Tier 2" if 2 not in tiers else "Tier 1"
        parts.append(f"The filters leave out {gone} (no {gone} initiative selected): its columns are not computed.")
    parts.append(f"Participation: {PARTICIPATION_EDITION}.")
    return " ".join(parts)


def caption_context_shares(shares: pd.DataFrame, what: str, source: str, n_known: int, n_all: int,
                           level: int) -> str:
    return (f"{unit_name(level, n_all)} grouped by {what}; known for {n_known} of {n_all}, the others are "
            f"shown as “{shares['group'].iloc[-1]}”. Source: {source}.")


def caption_country_divide(cd: CountryDivide, countries: Sequence[str] = (), groups: Sequence[str] = ()) -> str:
    t = cd.table
    parts = [f"{len(t)} EU member states. IPCEIs: {cd.ipceis} pass the filters; a country counts an IPCEI when it "
             f"is a member state of it (associated, indirect-partner and EEA roles are not membership; member-state "
             f"lists are complete for all IPCEIs). Tier 2: {cd.tier2} initiatives pass the filters; a country counts "
             f"an initiative when any participation row lies in it (member lists are partial). "
             f"Innovation score: {EIS_EDITION} Summary Innovation Index 2023 (EU27 in 2016 = 100; "
             f"{int(t['sii'].notna().sum())} of {len(t)} with a value)."]
    if cd.non_eu:
        parts.append("Non-EU IPCEI member states not shown: "
                     + "; ".join(f"{c} ({', '.join(v)})" for c, v in cd.non_eu.items()) + ".")
    if countries:
        parts.append(f"The country filter highlights {', '.join(countries)}; the fit uses all member states.")
    if groups:
        parts.append("The regional performance-group filter does not apply to countries.")
    return " ".join(parts)


def caption_no_ipcei(cd: CountryDivide) -> str:
    if not cd.ipceis:
        return "No IPCEI passes the current filters, so IPCEI membership is not computed."
    if not cd.no_ipcei:
        return f"Every EU member state is a member state of at least one of the {cd.ipceis} IPCEIs selected."
    names = cd.table.loc[list(cd.no_ipcei), "name"]
    return (f"{len(cd.no_ipcei)} of {len(cd.table)} EU member states are in none of the {cd.ipceis} IPCEIs "
            f"selected: " + ", ".join(f"{n} ({c})" for c, n in names.items()) + ".")


def caption_concentration(cons: list[Concentration], rule: str, level: int) -> str:
    if not cons:
        return ""
    unit = unit_name(level)
    counted = "links recorded at the unit itself" + (" plus national membership" if rule == "any" else "")
    parts = [f"Unit: {unit_name(level, cons[0].units)} (those with no link included, as 0). Value: the number of "
             f"initiatives of the tier with {counted}. Gini: 0 = links spread evenly over the {unit}, "
             f"(n − 1)/n ≈ 1 = all in one."]
    for c in cons:
        if c.total == 0:
            parts.append(f"Tier {c.tier}: no link recorded at this level, so no concentration is computed.")
        else:
            parts.append(f"Tier {c.tier}: {c.total} links in {c.with_link} of {c.units} {unit}; "
                         f"Gini {c.gini:.2f}; the top 5 ({'; '.join(c.top5_units)}) hold {pct(c.top5)}.")
        if c.via_parent:
            parts.append(f"{c.via_parent} Tier {c.tier} region links via a parent region are not counted here: "
                         f"such a partnership is recorded once, for the larger region (see the coarser NUTS level).")
    return " ".join(parts)


def _mix(df: pd.DataFrame) -> str:
    if df.empty:
        return ""
    vc = df["group"].value_counts()
    return "By RIS 2023 group: " + ", ".join(f"{g} {vc[g]}" for g in GROUP_ROWS if g in vc) + "."


def _rii_cov(df: pd.DataFrame) -> str:
    if df.empty:
        return ""
    own = int((df["rii_source"] == "own value").sum())
    nodata = int((df["rii_source"] == "no data").sum())
    inh = len(df) - own - nodata
    return (f"RII: {RII_EDITION} (2023 value); {own} own value, {inh} from a larger region or the same "
            f"territory, {nodata} no data.")


def gap_headings(gaps: GapLists, level: int) -> tuple[str, str]:
    unit = unit_name(level)
    return (f"Bridging candidates: {len(gaps.bridging)} {unit} active in Tier 2, no Tier 1 link",
            f"Left out: {len(gaps.left_out)} {unit} with no link to either tier")


def caption_gaps(gaps: GapLists, table: pd.DataFrame, level: int) -> tuple[str, str]:
    """(bridging caption, left-out caption), with the rule, the group mix and the RII coverage."""
    n = len(table)
    rule = links.rule_text(gaps.rule)
    no_t1 = ("no Tier 1 link (national IPCEI membership not counted)" if gaps.rule == "regional"
             else "no Tier 1 link, not even through national IPCEI membership")
    via = int((gaps.bridging["tier2_via_parent"] > 0).sum()) if len(gaps.bridging) else 0
    b = (f"{len(gaps.bridging)} of {unit_name(level, n)} take part in a Tier 2 initiative in the region or via "
         f"their parent region ({via} with a via-parent link) but have {no_t1}. {rule} {_mix(gaps.bridging)} "
         f"{_rii_cov(gaps.bridging)}").strip()
    lo = (f"{len(gaps.left_out)} of {unit_name(level, n)} have no recorded link to either tier under this rule. "
          f"{rule} {_mix(gaps.left_out)} {_rii_cov(gaps.left_out)} Member lists are partial: "
          f"“no link recorded” is not proof of absence.").strip()
    return b, lo


def caption_region_scatter(sc: RegionScatter, n_regions: int, rule: str, level: int, score_label: str) -> str:
    f = sc.fit
    out = sc.frame[sc.frame["outlier"]]
    text = (f"One point per {unit_name(level)[:-1]} in scope with a {score_label} value: {f.n} of {n_regions} "
            f"(the others have no score). Pearson {f.full()}. {links.rule_text(rule)}")
    if len(out):
        text += " Labelled: the regions farthest from the line (" + ", ".join(
            f"{r.name} {r.code}" for r in out.itertuples()) + ")."
    return text


def caption_scores(table: pd.DataFrame, level: int, n_src: int, country_level: Sequence[str]) -> str:
    """E.g. 'RII: RIS 2023 (239 regions; CY, EE, ... at country level). Of 242 NUTS 2 regions:
    192 own value, 80 use a NUTS 1 value (AT, BE, ...), ...' computed from the basis columns.
    ``n_src`` / ``country_level``: regions in the RIS database and countries it gives only nationally."""
    parts = [f"RII: {RII_EDITION} ({n_src} regions; {', '.join(country_level)} at country level)."]
    if "basis" not in table or table.empty:
        return parts[0]
    has = table["value"].notna()
    basis = table["basis"].where(has, "no data")
    seg = [f"{int((basis == 'region').sum())} own value"]
    par = table[basis.isin(INHERITED)]
    if len(par):
        lv = par["value_code"].str.len().sub(2)
        for lev, grp in par.groupby(lv):
            what = "country" if lev == 0 else f"NUTS {lev}"
            seg.append(f"{len(grp)} use a {what} value ({join(sorted(grp['country'].unique()))})")
    same = int((basis == "same territory").sum())
    if same:
        seg.append(f"{same} the value of the same territory at another level")
    other = basis[~basis.isin(["region", "same territory", "no data", *INHERITED])]
    if len(other):
        seg.append(f"{len(other)} via an older code")
    nod = int((basis == "no data").sum())
    if nod:
        seg.append(f"{nod} no data ({join(sorted(table.loc[basis == 'no data', 'country'].unique()))})")
    parts.append(f"Of {unit_name(level, len(table))}: " + ", ".join(seg) + ".")
    return " ".join(parts)


def ris_source_coverage(ris: pd.DataFrame) -> tuple[int, tuple[str, ...]]:
    """(regions in the RIS 2023 database, countries it publishes only at country level)."""
    lev = ris["nuts_level"]
    return int((lev > 0).sum()), tuple(sorted(ris.index[lev == 0]))
