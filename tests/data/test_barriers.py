"""data/barriers.py on a hand-made indicator table (ranking, references, separation), then the
real RIS 2023 indicator table when the mirror is there."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data import barriers


def long(rows: dict[str, dict[str, float]], year: int = 2023) -> pd.DataFrame:
    """{code: {indicator_id: value}} -> the long indicator table."""
    names = {"1.1": "Tertiary education", "1.2": "Co-publications", "2.1": "Patents"}
    out = [{"code": c, "indicator_id": i, "indicator": names[i], "year": year, "value": v,
            "edition": "RIS 2023", "unit": "relative to EU27 in 2016 = 100"}
           for c, vals in rows.items() for i, v in vals.items()]
    return pd.DataFrame(out)


IND = long({
    "EU": {"1.1": 100, "1.2": 100, "2.1": 100},
    "XA1": {"1.1": 120, "1.2": 60, "2.1": 100},  # the region: weak in co-publications vs its group
    "XA2": {"1.1": 80, "1.2": 140, "2.1": 90},
    "XB1": {"1.1": 100, "1.2": 100, "2.1": 120},
    "XB2": {"1.1": 110, "1.2": 120, "2.1": 100},
})
GROUPS = pd.Series({"XA1": "Strong Innovator", "XA2": "Moderate Innovator", "XB1": "Strong Innovator",
                    "XB2": "Strong Innovator"})


def test_region_profile_references_and_ranking():
    p = barriers.region_profile(IND, "XA1", GROUPS, n_named=1)
    t = p.table.set_index("indicator_id")
    # group median over XA1, XB1, XB2; country median over XA1, XA2; EU row
    assert t.loc["1.2", "group"] == 100 and t.loc["1.2", "country"] == 100 and t.loc["1.2", "eu"] == 100
    assert t.loc["1.1", "group"] == 110 and t.loc["1.1", "country"] == 100
    assert list(t["vs_group"]) == [10, -40, 0]
    assert p.weaknesses == ("Co-publications",) and p.strengths == ("Tertiary education",)
    assert (p.n_group, p.n_country, p.group) == (3, 2, "Strong Innovator")
    assert list(t["rank"]) == [3, 1, 2]
    cap = barriers.caption_profile(p, "Scores", "own value", "RIS 2023", "relative to EU27 in 2016 = 100")
    assert "Weakest relative to its group: Co-publications" in cap and "3 RIS units" in cap
    assert barriers.region_profile(IND, "XX9", GROUPS) is None


def test_separation_ranks_by_standardised_difference():
    sep = barriers.separation(IND, ["XA1", "XB1"], ["XA2", "XB2"])
    assert list(sep.columns) == ["indicator_id", "indicator", "n_a", "n_b", "median_a", "median_b", "difference",
                                 "effect"]
    row = sep.set_index("indicator_id").loc["1.2"]
    assert (row["median_a"], row["median_b"], row["difference"]) == (80, 130, -50)
    # pooled sd of (60, 100) and (140, 120): sqrt((800 + 200) / 2)
    assert row["effect"] == pytest.approx(-50 / math.sqrt(500))
    assert sep["effect"].abs().is_monotonic_decreasing
    one_side = barriers.separation(IND, ["XA1"], ["XA2", "XB2"])
    assert one_side["effect"].isna().all()  # fewer than 2 units on a side: no effect size
    assert "Too few" in barriers.caption_separation(one_side, "a", "b", "RIS 2023")


def test_units_are_counted_once_and_own_units_exclude_shared_values():
    t = pd.DataFrame({"value": [1.0, 1.0, 2.0, None], "value_code": ["AT1", "AT1", "PL91", None],
                      "basis": ["parent region", "parent region", "region", None]},
                     index=["AT11", "AT12", "PL91", "XX00"])
    everyone = pd.Series(True, index=t.index)
    assert barriers.units_by(t, everyone) == ["AT1", "PL91"]
    assert barriers.own_units_by(t, everyone) == ["PL91"]


@pytest.mark.usefixtures("mirror")
def test_real_indicator_table():
    ind = barriers.indicators()
    assert ind["indicator_id"].nunique() == 21 and set(ind["year"]) == set(barriers.YEARS)
    eu = ind[(ind["code"] == "EU") & (ind["year"] == 2016)]
    assert (eu["value"] == 100).all()
    from data import profile

    unit, basis = profile.ris_unit("AT13")
    assert (unit, basis) == ("AT1", "parent region AT1")
    p = barriers.region_profile(ind, unit, profile.ris_groups())
    assert len(p.table) == 21 and len(p.weaknesses) == 3
    assert p.table["region"].notna().all()
