"""data/links.py, data/scope.py: the one link rule on hand-made fixtures, and the same numbers
on map, Divide and export computed independently from the project tables with pandas."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from data import concentration, divide, gaps, links, model, scope, views

TARGETS = pd.Index(["BE31", "BE32", "BE33", "LU00", "NO01", "PL91"])


def par(rows: list[tuple]) -> pd.DataFrame:
    """(initiative_id, tier, place_code, role[, status]) -> a participation frame."""
    df = pd.DataFrame([(*r, None)[:5] for r in rows], columns=["initiative_id", "tier", "place_code", "role", "status"])
    df["place_level"] = df["place_code"].str.len().sub(2).astype("Int64")
    df["country_code"] = df["place_code"].str[:2]
    return df


# Wallonia (BE3, NUTS 1) in one partnership; BE31 also in another by name; LU only an indirect
# partner of an IPCEI, PL a member state and an associated participant of the same IPCEI.
FIXTURE = par([
    ("s3_a", 2, "BE3", "member"),
    ("s3_b", 2, "BE31", "lead"),
    ("ipcei_x", 1, "LU", "indirect_partner_country"),
    ("ipcei_x", 1, "NO", "eea_state"),
    ("ipcei_y", 1, "PL", "member_state"),
    ("ipcei_y", 1, "PL", "associated_participant_country"),
    ("ipcei_z", 1, "PL91", "participant", "associated_partner"),
])


def test_associated_roles_are_never_membership():
    t = links.counts(links.link_table(FIXTURE, TARGETS, 2), TARGETS)
    assert (t.loc["LU00", "t1_associated"], t.loc["LU00", "t1_any"], t.loc["LU00", "t1_national"]) == (1, 0, 0)
    assert t.loc["NO01", "t1_any"] == 0 and t.loc["NO01", "t1_associated"] == 1
    # a member state's membership wins over its associated row; an associated participant is not a site
    assert (t.loc["PL91", "t1_national"], t.loc["PL91", "t1_direct"], t.loc["PL91", "t1_associated"]) == (1, 0, 1)
    assert t.loc["PL91", "t1_any"] == 1 and t.loc["PL91", "t1_regional"] == 0
    prof = model.profile(t)
    assert prof["LU00"] == "Associated only" and prof["PL91"] == "National-level only"
    # the same at country level: LU is in no IPCEI, as the Divide page says
    c0 = links.counts(links.link_table(FIXTURE, pd.Index(["LU", "PL"]), 0), pd.Index(["LU", "PL"]))
    assert c0.loc["LU", "t1_any"] == 0 and c0.loc["PL", "t1_any"] == 1 and c0.loc["PL", "t1_associated"] == 1
    assert links.ipcei_member_states(FIXTURE, ["ipcei_x", "ipcei_y"]).to_dict() == {"PL": 1}


def test_nuts1_partnership_is_counted_once():
    t = links.counts(links.link_table(FIXTURE, TARGETS, 2), TARGETS)
    # each Walloon province is covered, via its parent region ...
    assert list(t.loc[["BE31", "BE32", "BE33"], "t2_parent"]) == [1, 1, 1]
    assert list(t.loc[["BE31", "BE32", "BE33"], "t2_regional"]) == [2, 1, 1]
    assert model.profile(t)["BE32"] == "Via parent region only"
    # ... but concentration adds up only what is recorded at the unit: s3_a is not multiplied
    t["name"] = t.index
    t2 = concentration.concentration(t, "regional", tiers=(2,))[0]
    assert t2.total == 1 and t2.with_link == 1 and t2.via_parent == 3
    # at NUTS 1 the partnership counts once, for Wallonia itself
    n1 = pd.Index(["BE3", "PL9"])
    c1 = links.counts(links.link_table(FIXTURE, n1, 1), n1)
    assert c1.loc["BE3", "t2_direct"] == 2 and c1["t2_parent"].sum() == 0


def test_bridging_ranks_own_links_before_via_parent_links():
    par2 = par([("s3_a", 2, "BE3", "member"), ("s3_c", 2, "BE3", "member"), ("s3_b", 2, "BE33", "lead")])
    t = links.counts(links.link_table(par2, TARGETS, 2), TARGETS)
    t = t.assign(name=t.index, country=t.index.str[:2], ris_group=None, ris_group_basis=None)
    b = gaps.gap_lists(t.loc[["BE31", "BE32", "BE33"]]).bridging
    assert list(b["code"]) == ["BE33", "BE31", "BE32"]  # BE33's own partnership first, then by code
    assert list(b["tier2_links"]) == [3, 2, 2] and list(b["tier2_via_parent"]) == [2, 2, 2]


def test_tooltip_says_via_parent_region():
    t = links.counts(links.link_table(FIXTURE, TARGETS, 2), TARGETS)
    assert links.tooltip_counts(t.loc["BE32"]) == "Tier 1: none recorded · Tier 2: 1 via parent region"


def test_eu_scope_excludes_non_eu_regions():
    t = pd.DataFrame({"country": ["BE", "NO", "TR", "EL"]}, index=["BE31", "NO01", "TR10", "EL30"])
    assert list(scope.in_scope(t["country"])) == [True, False, False, True]
    assert scope.in_scope(t["country"], "all").all()
    kept, out = scope.split(t)
    assert list(kept.index) == ["BE31", "EL30"] and out.to_dict() == {"NO": 1, "TR": 1}
    assert len(scope.EU27) == 27


def test_rule_sentences_name_what_is_not_counted():
    assert "national membership" in links.rule_text("regional") and "not counted" in links.rule_text("regional")
    assert "never counted as membership" in links.rule_text("any")
    assert links.columns("regional") == ("t1_regional", "t2_regional")


def test_region_scatter_labels_outliers_and_skips_no_score():
    t = pd.DataFrame({"name": list("abcdef"), "country": "XA", "ris_group": "Strong Innovator",
                      "value": [1.0, 2.0, 3.0, 4.0, 5.0, None],
                      "t1_regional": [1, 2, 12, 4, 5, 9], "t2_regional": 0},
                     index=["XA1", "XA2", "XA3", "XA4", "XA5", "XA6"])
    sc = divide.region_scatter(t, 1, "regional", n_labels=1)
    assert sc.fit.n == 5 and list(sc.frame.loc[sc.frame["outlier"], "code"]) == ["XA3"]
    assert sc.fit.slope == pytest.approx(1.0) and sc.fit.r == pytest.approx(10 / 748 ** 0.5)


# --- one set of numbers across map, Divide and export (project tables, independent pandas) ------


def _independent(level2: pd.Index, rule: str) -> pd.DataFrame:
    """Per NUTS 2 region: has a Tier 1 / Tier 2 link under ``rule``, from participation.csv alone."""
    from data import tables

    p = pd.read_csv(tables.PARTICIPATION_CSV, dtype={"place_code": str, "country_code": str, "status": str})
    ok = ~p["role"].isin(["associated_participant_country", "indirect_partner_country", "eea_state"])
    ok &= p["status"].ne("associated_partner")
    p = p[ok & p["place_code"].notna()]
    out = pd.DataFrame(index=level2)
    for tier in (1, 2):
        rows = p[p["tier"] == tier]
        fine = set(rows.loc[rows["place_code"].str.len() >= 4, "place_code"].str[:4])
        coarse = set(rows.loc[rows["place_code"].str.len() == 3, "place_code"])
        nat = set(rows.loc[rows["place_code"].str.len() == 2, "place_code"])
        has = [c in fine or c[:3] in coarse or (rule == "any" and c[:2] in nat) for c in level2]
        out[f"t{tier}"] = has
    return out


@pytest.mark.usefixtures("mirror")
def test_map_divide_and_export_show_the_same_numbers():
    from data import geodata as nuts
    from data import tables

    # IPCEI member-state count of every country: pandas on the table vs map (level 0) vs Divide
    p = pd.read_csv(tables.PARTICIPATION_CSV, dtype=str)
    ini = pd.read_csv(tables.INITIATIVES_CSV, dtype=str)
    ipcei = set(ini.loc[ini["type"] == "IPCEI", "initiative_id"])
    want = p[(p["role"] == "member_state") & p["initiative_id"].isin(ipcei)].groupby("country_code")[
        "initiative_id"].nunique()
    sel = model.Selection(types=("IPCEI",), scope="all")
    view = views.map_view(0, sel, "tier1_all")
    m = view.table
    assert m["value"].to_dict() == want.reindex(m.index, fill_value=0).to_dict()
    from data import exports

    exported = pd.read_csv(io.BytesIO(exports.to_csv(exports.map_table(view, {"type": "ipcei"}, "s"))),
                           encoding="utf-8-sig", dtype={"nuts_code": str}, keep_default_na=False)
    assert exported.set_index("nuts_code")["value"].to_dict() == want.reindex(m.index, fill_value=0).to_dict()
    assert "never counted as membership" in exported["link_rule"].iloc[0]
    cd = divide.country_divide(sel).table
    assert cd["n_ipcei"].to_dict() == want.reindex(cd.index, fill_value=0).astype(float).to_dict()
    assert m.loc["LU", "value"] == 0 and m.loc["LV", "value"] == 0  # associated / indirect only

    # bridging and left-out lists under both rules
    eu2 = pd.Index([c for c in nuts.codes_at(2) if c[:2] in scope.EU27])
    for rule in ("regional", "any"):
        ind = _independent(eu2, rule)
        want_bridging = set(ind.index[_independent(eu2, "regional")["t2"] & ~ind["t1"]])
        want_left = set(ind.index[~ind["t1"] & ~ind["t2"]])
        table, _ = scope.split(model.region_table(2, model.Selection(), "rii"))
        g = gaps.gap_lists(table, rule)
        assert set(g.bridging["code"]) == want_bridging, rule
        assert set(g.left_out["code"]) == want_left, rule
        # export: the CSV the page offers holds exactly these rows
        for df, want_set in ((g.bridging, want_bridging), (g.left_out, want_left)):
            csv = exports.to_csv(exports.table_export(df, edition="e", source="s", params={"dlinks": rule}))
            back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype={"code": str})
            assert set(back["code"]) == want_set
        # the map's profile agrees: a left-out region has no regional link on the map either
        mp = views.map_view(2, model.Selection(), "profile").table
        if rule == "regional":
            assert set(mp.index[mp["profile"].isin(["National-level only", "Associated only", "No link recorded"])]
                       ) == want_left
    assert len(gaps.gap_lists(table, "regional").bridging) > 10  # the regional rule says something
