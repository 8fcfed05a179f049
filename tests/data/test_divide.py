"""data/divide.py, data/gaps.py, data/concentration.py, data/peers.py and their captions:
hand-computed fixtures plus checks against the committed tables."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data import concentration, divide, gaps, model, peers, scope
from data import divide_captions as captions
from data import scores as score_tables

DATA = Path(__file__).resolve().parents[2] / "data"
L, S, M, E = score_tables.GROUPS


def six_regions() -> pd.DataFrame:
    """Six regions covering every case; the expected results below are worked out by hand."""
    rows = [
        # code, country, group, group basis, t1_any, t2_any, t1_regional, t2_regional, rii, basis, value_code
        ("XA11", "XA", L, "region", 2, 1, 1, 0, 150.0, "region", "XA11"),
        ("XA12", "XA", L, "parent region", 1, 0, 0, 0, 140.0, "parent region", "XA1"),
        ("XB11", "XB", S, "region", 0, 3, 0, 2, 110.0, "region", "XB11"),
        ("XB12", "XB", E, "region", 0, 0, 0, 0, 40.0, "region", "XB12"),
        ("XC11", "XC", E, "region", 1, 1, 0, 1, 55.0, "region", "XC11"),
        ("XD11", "XD", np.nan, np.nan, 0, 0, 0, 0, np.nan, np.nan, np.nan),
    ]
    cols = ["code", "country", "ris_group", "ris_group_basis", "t1_any", "t2_any", "t1_regional", "t2_regional",
            "value", "basis", "value_code"]
    df = pd.DataFrame(rows, columns=cols).set_index("code")
    df["name"] = "Region " + df.index
    df["t1_national"] = df["t1_any"] - df["t1_regional"]
    df["t2_national"] = df["t2_any"] - df["t2_regional"]
    df["t1_direct"], df["t1_parent"] = df["t1_regional"], 0
    df["t2_direct"], df["t2_parent"] = df["t2_regional"], 0
    return df


def row(shares: pd.DataFrame, group: str) -> pd.Series:
    return shares.set_index("group").loc[group]


# --- group shares ------------------------------------------------------------------------------


def test_group_shares_any_links():
    sh = divide.group_shares(six_regions(), "ris_group", "any")
    assert list(sh["group"]) == [L, S, M, E, divide.NO_GROUP]
    assert sh["n"].sum() == 6
    lead = row(sh, L)
    assert (lead["n"], lead["n_inherited"], lead["t1"], lead["t2"], lead["both"], lead["none"]) == (2, 1, 2, 1, 1, 0)
    assert lead["t1_share"] == 1.0 and lead["t2_share"] == 0.5 and lead["t1_only_share"] == 0.5
    strong = row(sh, S)
    assert (strong["t1"], strong["t2"], strong["t2_only"]) == (0, 1, 1)
    emerging = row(sh, E)
    assert (emerging["both"], emerging["none"], emerging["none_share"]) == (1, 1, 0.5)
    nogroup = row(sh, divide.NO_GROUP)
    assert (nogroup["n"], nogroup["none"]) == (1, 1)
    # no region in the group: n is 0 and every share is unknown, not 0
    assert row(sh, M)["n"] == 0 and math.isnan(row(sh, M)["t1_share"])


def test_group_shares_regional_links():
    sh = divide.group_shares(six_regions(), "ris_group", "regional")
    lead, emerging = row(sh, L), row(sh, E)
    assert (lead["t1"], lead["t2"], lead["none"]) == (1, 0, 1)
    assert (emerging["t1"], emerging["t2"], emerging["none"]) == (0, 1, 1)
    assert row(sh, S)["t2_only"] == 1


def test_group_shares_tier_left_out_is_nan():
    sh = divide.group_shares(six_regions(), "ris_group", "any", tiers=(1,))
    assert row(sh, L)["t1"] == 2
    for col in ("t2", "both", "none", "t1_only", "t2_only", "t2_share"):
        assert sh[col].isna().all(), col


def test_group_shares_empty_table_keeps_rows():
    sh = divide.group_shares(six_regions().iloc[0:0], "ris_group", "any")
    assert list(sh["group"]) == list(divide.GROUP_ROWS)
    assert (sh["n"] == 0).all() and sh["t1_share"].isna().all()


def test_group_shares_eis_groups_by_country():
    t = six_regions()
    t["country"] = ["AT", "AT", "RO", "RO", "DE", "XX"]
    sh = divide.group_shares(divide.with_eis_group(t, score_tables.country_groups()), "eis_group", "any")
    groups = score_tables.country_groups()
    assert row(sh, groups["RO"])["n"] >= 2
    assert row(sh, divide.NO_GROUP)["n"] == 1  # XX has no EIS group: kept, in its own row
    assert sh["n"].sum() == 6


def test_group_caption_names_inherited_groups():
    t = six_regions()
    sh = divide.group_shares(t, "ris_group", "any")
    cap = captions.caption_group_shares(t, sh, "ris", "any", 2)
    assert "1 regions take the group of a larger region" in cap and "XA" in cap
    assert divide.NO_GROUP in cap and "XD" in cap


# --- gap lists ---------------------------------------------------------------------------------


def test_gap_lists_follow_the_rule():
    g = gaps.gap_lists(six_regions())  # default: regional links only
    assert g.rule == "regional"
    assert list(g.bridging["code"]) == ["XB11", "XC11"]  # XC11's Tier 1 link is national only
    assert list(g.left_out["code"]) == ["XB12", "XA12", "XD11"]  # lowest RII first, no value last
    assert list(g.bridging.columns) == gaps.GAP_COLUMNS
    g = gaps.gap_lists(six_regions(), "any")
    assert list(g.bridging["code"]) == ["XB11"]
    assert list(g.left_out["code"]) == ["XB12", "XD11"]
    lo = g.left_out.set_index("code")
    assert math.isnan(lo.at["XD11", "rii"]) and lo.at["XD11", "rii_source"] == "no data"
    assert lo.at["XD11", "group"] == divide.NO_GROUP
    assert lo.at["XB12", "rii_source"] == "own value"
    b, lo_cap = captions.caption_gaps(g, six_regions(), 2)
    assert b.startswith("1 of 6 NUTS 2 regions") and lo_cap.startswith("2 of 6 NUTS 2 regions")
    assert captions.gap_headings(g, 2)[1] == "Left out: 2 NUTS 2 regions with no link to either tier"


def test_gap_rows_link_to_the_profile():
    g = gaps.gap_lists(six_regions())
    shown = gaps.with_profile_links(g.bridging, lambda c: f"?region={c}")
    assert list(shown["profile"]) == ["region?region=XB11", "region?region=XC11"]


def test_gap_lists_empty():
    g = gaps.gap_lists(six_regions().iloc[0:0])
    assert g.bridging.empty and g.left_out.empty


# --- concentration -----------------------------------------------------------------------------


def test_gini_known_distributions():
    assert concentration.gini([1, 1, 1, 1]) == 0
    assert concentration.gini([0, 0, 0, 1]) == pytest.approx(0.75)  # (n - 1) / n for n = 4
    assert concentration.gini([1, 2, 3, 4]) == pytest.approx(0.25)  # Σ|xi - xj| = 20; 20 / (2 · 16 · 2.5)
    assert concentration.gini([3, 1, 2, 4]) == pytest.approx(0.25)  # order does not matter
    assert concentration.gini([0, 0, 0, 1, np.nan]) == pytest.approx(0.75)  # NaN left out
    assert math.isnan(concentration.gini([])) and math.isnan(concentration.gini([0, 0]))
    with pytest.raises(ValueError):
        concentration.gini([1, -1])


def test_gini_matches_lorenz_area():
    v = [0, 1, 1, 2, 5, 9]
    c = concentration.lorenz(v)
    area = np.trapezoid(c["value_share"], c["units_share"])
    assert concentration.gini(v) == pytest.approx(1 - 2 * area)


def test_lorenz_endpoints_and_shape():
    c = concentration.lorenz([0, 0, 0, 1])
    assert (c.iloc[0]["units_share"], c.iloc[0]["value_share"]) == (0, 0)
    assert (c.iloc[-1]["units_share"], c.iloc[-1]["value_share"]) == (1, 1)
    assert list(c["value_share"]) == [0, 0, 0, 0, 1]
    assert c["value_share"].is_monotonic_increasing and len(c) == 5
    assert concentration.lorenz([]).empty and concentration.lorenz([0, 0]).empty


def test_top_share():
    assert concentration.top_share([5, 1, 1, 1, 1, 1], n=1) == pytest.approx(0.5)
    assert concentration.top_share([1] * 10, n=5) == pytest.approx(0.5)
    assert concentration.top_share([2, 1], n=5) == 1.0
    assert math.isnan(concentration.top_share([0, 0]))


def test_concentration_per_tier():
    cons = concentration.concentration(six_regions(), "any")
    t1, t2 = cons
    assert (t1.tier, t1.units, t1.with_link, t1.total) == (1, 6, 3, 4)
    assert t1.gini == pytest.approx(concentration.gini([2, 1, 0, 0, 1, 0]))
    assert t2.total == 5 and t2.top5 == 1.0
    assert [c.tier for c in concentration.concentration(six_regions(), "any", tiers=(2,))] == [2]


# --- fit and country divide -------------------------------------------------------------------


def test_fit_perfect_line():
    f = divide.fit([1, 2, 3, 4], [3, 5, 7, 9])
    assert f.r == pytest.approx(1) and f.slope == pytest.approx(2) and f.intercept == pytest.approx(1)
    assert f.n == 4
    assert divide.fit([1, 2, 3, 4], [9, 7, 5, 3]).r == pytest.approx(-1)


def test_fit_drops_nan_and_refuses_undefined():
    assert divide.fit([1, 2, np.nan, 4, 5], [1, 2, 3, np.nan, 5]).n == 3
    for x, y in (([1, 2], [1, 2]), ([1, 1, 1], [1, 2, 3]), ([1, 2, 3], [4, 4, 4])):
        f = divide.fit(x, y)
        assert math.isnan(f.r) and math.isnan(f.slope)


def test_counted_tiers_follow_every_initiative_filter():
    assert divide.counted_tiers() == (1, 2)
    assert divide.counted_tiers(model.Selection(tiers=(1,))) == (1,)
    assert divide.counted_tiers(model.Selection(types=("Eurocluster",))) == (2,)
    assert divide.counted_tiers(model.Selection(tiers=(1,), types=("Eurocluster",))) == ()


def test_eu27():
    eu = scope.EU27
    assert len(eu) == 27 and "EL" in eu and "UK" not in eu and "EU27" not in eu


def test_no_ipcei_matches_participation_csv():
    """EU states in no IPCEI = 27 minus the distinct EU member_state countries of IPCEIs in the CSV."""
    par = pd.read_csv(DATA / "participation.csv", dtype=str)
    ini = pd.read_csv(DATA / "initiatives.csv", dtype=str)
    ipcei = set(ini.loc[ini["type"] == "IPCEI", "initiative_id"])
    ms = par[(par["role"] == "member_state") & par["initiative_id"].isin(ipcei)]
    members = set(ms["country_code"]) & set(scope.EU27)
    cd = divide.country_divide()
    assert len(cd.no_ipcei) == 27 - len(members)
    assert set(cd.no_ipcei) == set(scope.EU27) - members
    assert cd.ipceis == len(ipcei)
    # counts: distinct IPCEIs per member state
    expected = ms[ms["country_code"].isin(members)].groupby("country_code")["initiative_id"].nunique()
    assert cd.table.loc[expected.index, "n_ipcei"].tolist() == expected.astype(float).tolist()
    assert set(cd.non_eu) == set(ms["country_code"]) - set(scope.EU27)
    assert cd.table["sii"].notna().all() and len(cd.table) == 27


def test_country_divide_respects_initiative_filters():
    ini = pd.read_csv(DATA / "initiatives.csv", dtype=str)
    hyd = divide.country_divide(model.Selection(chains=("hydrogen",)))
    assert hyd.ipceis == int(((ini["type"] == "IPCEI") & (ini["value_chain"] == "Hydrogen")).sum())
    tier2 = divide.country_divide(model.Selection(tiers=(2,)))
    assert tier2.ipceis == 0 and tier2.table["n_ipcei"].isna().all() and tier2.no_ipcei == ()
    assert tier2.table["n_tier2"].notna().all()
    pl = divide.country_divide(model.Selection(countries=("PL",)))
    assert len(pl.table) == 27 and pl.table["selected"].sum() == 1  # the country filter highlights


# --- peers ------------------------------------------------------------------------------------


def test_suggest_peers_same_group_then_country():
    t = six_regions()
    # XB12 (Emerging, XB): XC11 shares the group, XB11 only the country -> group first
    assert peers.suggest_peers("XB12", t) == ["XB12", "XC11", "XB11"]
    # within the group, a region with its own score comes before one carrying the same value code
    t2 = t.copy()
    t2.loc["XB11", "ris_group"] = L
    t2.loc["XB11", "value"] = 141.0
    t2.loc["XA11", "value_code"] = "XA1"  # XA11 now shares XA12's NUTS 1 score
    assert peers.suggest_peers("XA12", t2) == ["XA12", "XB11", "XA11"]
    assert peers.suggest_peers("NOPE", t) == []
    assert len(peers.suggest_peers("XB12", t, n=2)) == 2


@pytest.mark.usefixtures("mirror")  # real geometries
def test_peers_table_real():
    p = peers.peers_table(["PL91", "DE11", "NOPE"], 2)
    assert list(p["code"]) == ["PL91", "DE11"]
    pl = p.set_index("code").loc["PL91"]
    assert pl["rii_basis"] == "own value" and pl["group"] in score_tables.GROUPS
    assert pl["sii"] == pytest.approx(float(score_tables.eis2023().at["PL", "sii_2023"]))


# --- captions ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("mirror")  # real geometries
def test_caption_scores_from_basis_columns():
    t, _ = scope.split(model.region_table(2, model.Selection(), "rii"))
    cap = captions.caption_scores(t, 2, *captions.ris_source_coverage(score_tables.ris2023()))
    n_src = int((score_tables.ris2023()["nuts_level"] > 0).sum())
    assert f"RIS 2023 ({n_src} regions" in cap
    nuts1 = sorted(t.loc[(t["basis"] == "parent region") & (t["value_code"].str.len() == 3), "country"].unique())
    assert f"use a NUTS 1 value ({', '.join(nuts1)})" in cap
    assert f"Of {len(t)} NUTS 2 regions" in cap


@pytest.mark.usefixtures("mirror")  # real geometries
def test_scope_split_reports_what_it_leaves_out():
    t = model.region_table(2, model.Selection(), "rii")
    eu, excluded = scope.split(t)
    assert len(eu) + excluded.sum() == len(t)
    assert set(eu["country"]) <= set(scope.EU27)
    assert "UK" in excluded.index
