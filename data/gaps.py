"""Gap lists: bridging candidates (Tier 2, no Tier 1) and regions left out of both tiers.

Both lists follow the link rule (:mod:`data.links`): under ``regional`` (the default) national
membership does not count, so a region whose country is an IPCEI member state can still be a
bridging candidate; under ``any`` it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import links
from data.fmt import value_source

NO_GROUP = "No group (not covered)"
GAP_COLUMNS = ["code", "name", "country", "rii", "rii_source", "group", "group_source",
               "tier1_links", "tier2_links", "tier2_in_region", "tier2_via_parent"]


@dataclass(frozen=True)
class GapLists:
    rule: str
    bridging: pd.DataFrame  # a Tier 2 link in the region (or via its parent region), no Tier 1 link
    left_out: pd.DataFrame  # no Tier 1 and no Tier 2 link under the rule


def _gap_frame(t: pd.DataFrame, rule: str) -> pd.DataFrame:
    c1, c2 = links.columns(rule)
    has = t["value"].notna() if "value" in t else pd.Series(False, index=t.index)
    basis = t["basis"] if "basis" in t else pd.Series(index=t.index, dtype=object)
    code = t["value_code"] if "value_code" in t else pd.Series(index=t.index, dtype=object)
    out = pd.DataFrame({
        "code": t.index.astype(str),
        "name": t["name"],
        "country": t["country"],
        "rii": t["value"] if "value" in t else np.nan,
        "rii_source": [value_source(b, c, h) for b, c, h in zip(basis, code, has, strict=True)],
        "group": t["ris_group"].where(t["ris_group"].notna(), NO_GROUP),
        "group_source": t["ris_group_basis"].fillna("no data"),
        "tier1_links": t[c1], "tier2_links": t[c2],
        "tier2_in_region": t["t2_direct"] if "t2_direct" in t else t[c2],
        "tier2_via_parent": t["t2_parent"] if "t2_parent" in t else 0,
    }, index=t.index)
    return out[GAP_COLUMNS].reset_index(drop=True)


def gap_lists(table: pd.DataFrame, rule: str = "regional") -> GapLists:
    """Bridging candidates and left-out regions of a ``region_table(..., metric="rii")`` frame.

    * bridging: a regional Tier 2 link (in the region or via its parent region) and no Tier 1
      link under ``rule``; most Tier 2 links recorded in the region itself first (a partnership
      given for a larger region does not rank its every child first), then all Tier 2 links,
      then highest RII;
    * left out: no Tier 1 and no Tier 2 link under ``rule``; lowest RII first (no value last).
    """
    if table.empty:
        empty = pd.DataFrame(columns=GAP_COLUMNS)
        return GapLists(rule, empty, empty.copy())
    t1 = links.has_link(table, 1, rule)
    t2_regional = links.has_link(table, 2, "regional")
    t2 = links.has_link(table, 2, rule)
    bridging = _gap_frame(table[t2_regional & ~t1], rule).sort_values(
        ["tier2_in_region", "tier2_links", "rii"], ascending=[False, False, False], na_position="last",
        kind="stable")
    left = _gap_frame(table[~t1 & ~t2], rule).sort_values(["rii", "code"], na_position="last", kind="stable")
    return GapLists(rule, bridging.reset_index(drop=True), left.reset_index(drop=True))


def with_profile_links(df: pd.DataFrame, query_of) -> pd.DataFrame:
    """Add ``profile``: a relative link to each row's region profile (``query_of(code)`` gives
    the query string, so the filters travel with the link)."""
    out = df.copy()
    out.insert(0, "profile", [f"region{query_of(c)}" for c in out["code"]])
    return out
