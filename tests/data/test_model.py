"""data/model.py: links, counts and profiles on hand-made fixtures, then the joined real data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from components import theme
from data import model
from data.model import Selection

# --------------------------------------------------------------------------- fixtures

TARGETS = pd.Index(["BE31", "BE32", "BE33", "PL91", "PL92", "DE30", "FR10"])


def par_frame(rows: list[tuple[str, int, str | None]]) -> pd.DataFrame:
    """(initiative_id, tier, place_code) -> a participation frame as tables.participation() gives."""
    df = pd.DataFrame(rows, columns=["initiative_id", "tier", "place_code"])
    df["place_level"] = df["place_code"].str.len().sub(2).astype("Int64")
    return df


# t1a: a site in PL911 (NUTS 3) and PL membership -> PL91 direct, PL92 national
# t1b: BE membership only -> national for all of BE
# t2a: partnership naming Wallonia (BE3, NUTS 1) and Brabant wallon (BE31) -> BE31 direct, BE32/BE33 parent
# t2b: partnership naming Berlin (DE30) twice (two partners) -> one direct link for DE30
# t1c: a participant with no place -> no link; t2c: a place outside the targets -> no link
PAR = par_frame([
    ("t1a", 1, "PL911"), ("t1a", 1, "PL"),
    ("t1b", 1, "BE"),
    ("t2a", 2, "BE3"), ("t2a", 2, "BE31"),
    ("t2b", 2, "DE30"), ("t2b", 2, "DE30"),
    ("t1c", 1, None),
    ("t2c", 2, "ITC4"),
])


def links_dict(links: pd.DataFrame) -> dict[tuple[str, str], str]:
    assert not links.duplicated(["target", "initiative_id"]).any()
    return {(r.target, r.initiative_id): r.link for r in links.itertuples()}


def test_link_table_strongest_link_wins():
    links = model.link_table(PAR, TARGETS, 2)
    assert list(links.columns) == ["target", "initiative_id", "tier", "link"]
    assert links_dict(links) == {
        ("PL91", "t1a"): "direct",  # site beats membership
        ("PL92", "t1a"): "national",
        ("BE31", "t1b"): "national", ("BE32", "t1b"): "national", ("BE33", "t1b"): "national",
        ("BE31", "t2a"): "direct",  # named region beats its NUTS 1 parent
        ("BE32", "t2a"): "parent", ("BE33", "t2a"): "parent",
        ("DE30", "t2b"): "direct",
    }
    assert dict(zip(links["initiative_id"], links["tier"], strict=False)) == {
        "t1a": 1, "t1b": 1, "t2a": 2, "t2b": 2}


def test_link_table_at_nuts1():
    links = model.link_table(PAR, pd.Index(["BE3", "PL9", "PL8", "DE3"]), 1)
    assert links_dict(links) == {
        ("PL9", "t1a"): "direct", ("PL8", "t1a"): "national",
        ("BE3", "t1b"): "national", ("BE3", "t2a"): "direct", ("DE3", "t2b"): "direct",
    }


def test_link_table_at_nuts0_everything_is_direct():
    links = model.link_table(PAR, pd.Index(["BE", "PL", "DE", "FR"]), 0)
    assert links_dict(links) == {
        ("PL", "t1a"): "direct", ("BE", "t1b"): "direct", ("BE", "t2a"): "direct", ("DE", "t2b"): "direct",
    }


def test_link_table_with_no_places():
    links = model.link_table(par_frame([("t1c", 1, None)]), TARGETS, 2)
    assert links.empty and list(links.columns) == ["target", "initiative_id", "tier", "link"]


def test_participation_counts_and_profile():
    counts = model.participation_counts(model.link_table(PAR, TARGETS, 2), TARGETS)
    assert list(counts.index) == list(TARGETS)
    assert counts.index.name == "code"
    want = {  # t1 direct/parent/national, t2 direct/parent/national
        "BE31": (0, 0, 1, 1, 0, 0),
        "BE32": (0, 0, 1, 0, 1, 0),
        "BE33": (0, 0, 1, 0, 1, 0),
        "PL91": (1, 0, 0, 0, 0, 0),
        "PL92": (0, 0, 1, 0, 0, 0),
        "DE30": (0, 0, 0, 1, 0, 0),
        "FR10": (0, 0, 0, 0, 0, 0),
    }
    cols = ["t1_direct", "t1_parent", "t1_national", "t2_direct", "t2_parent", "t2_national"]
    for code, row in want.items():
        assert tuple(counts.loc[code, cols]) == row, code
    assert (counts["t1_regional"] == counts["t1_direct"] + counts["t1_parent"]).all()
    assert (counts["t2_any"] == counts["t2_regional"] + counts["t2_national"]).all()
    assert counts.loc["BE32", "t2_regional"] == 1 and counts.loc["BE32", "t1_any"] == 1
    assert counts["profile"].to_dict() == {
        "BE31": "Tier 2 only",  # tier 1 here is national only: does not make it "Both tiers"
        "BE32": "Via parent region only",  # the partnership is recorded for Wallonia (BE3) only
        "BE33": "Via parent region only",
        "PL91": "Tier 1 only",
        "PL92": "National-level only",
        "DE30": "Tier 2 only",
        "FR10": "No link recorded",
    }
    assert list(counts["profile"].cat.categories) == list(model.PROFILE_CLASSES)
    for c in cols:
        assert counts[c].dtype.kind == "i"


def test_profile_both_tiers():
    par = par_frame([("t1", 1, "PL91"), ("t2", 2, "PL9")])
    counts = model.participation_counts(model.link_table(par, TARGETS, 2), TARGETS)
    assert counts.loc["PL91", "profile"] == "Both tiers"  # a parent link is regional
    assert counts.loc["PL92", "profile"] == "Via parent region only"


def test_counts_are_distinct_initiatives():
    par = par_frame([("t1", 1, "PL911"), ("t1", 1, "PL912"), ("t1", 1, "PL91")])
    counts = model.participation_counts(model.link_table(par, TARGETS, 2), TARGETS)
    assert counts.loc["PL91", "t1_direct"] == 1


def test_participation_counts_with_no_links():
    empty = model.link_table(par_frame([("x", 1, None)]), TARGETS, 2)
    counts = model.participation_counts(empty, TARGETS)
    assert (counts.drop(columns="profile") == 0).all().all()
    assert set(counts["profile"]) == {"No link recorded"}


def test_profile_colours_cover_every_class():
    assert list(theme.PROFILE_COLOURS) == list(model.PROFILE_CLASSES)
    assert len(set(theme.PROFILE_COLOURS.values())) == len(model.PROFILE_CLASSES)


INI = pd.DataFrame({
    "initiative_id": ["a", "b", "c", "d"],
    "tier": [1, 1, 2, 2],
    "type": ["IPCEI", "Industrial Alliance", "S3 Partnership", "Eurocluster"],
    "chain_id": ["batteries", "hydrogen", "batteries", None],
    "ecosystem_list": [("Energy-Renewables",), ("Energy-Renewables", "Mobility-Transport-Automotive"), (),
                       ("Digital",)],
})


@pytest.mark.parametrize(("sel", "want"), [
    (Selection(), ["a", "b", "c", "d"]),
    (Selection(chains=("batteries",)), ["a", "c"]),
    (Selection(chains=("batteries", "hydrogen")), ["a", "b", "c"]),
    (Selection(ecosystems=("Mobility-Transport-Automotive",)), ["b"]),
    (Selection(ecosystems=("Digital", "Energy-Renewables")), ["a", "b", "d"]),
    (Selection(tiers=(2,)), ["c", "d"]),
    (Selection(types=("IPCEI", "Eurocluster")), ["a", "d"]),
    (Selection(initiatives=("b", "d")), ["b", "d"]),
    (Selection(chains=("batteries",), tiers=(1,)), ["a"]),  # filters combine with AND
    (Selection(chains=("nuclear",)), []),
    (Selection(countries=("PL",), groups=("Strong Innovator",)), ["a", "b", "c", "d"]),  # region filters only
])
def test_selected_initiatives(sel, want):
    assert model.selected_initiatives(INI, sel)["initiative_id"].tolist() == want


def test_selection_is_default():
    assert Selection().is_default()
    assert not Selection(tiers=(1,)).is_default()


def test_coverage_counts_bases_and_no_data():
    t = pd.DataFrame({"value": [1.0, 2.0, math.nan, 3.0], "basis": ["region", "region", None, "country"]})
    assert model.coverage(t) == {"region": 2, "no data": 1, "country": 1}
    assert model.coverage(pd.DataFrame({"x": [1]})) == {}


# --------------------------------------------------------------------------- real data

def test_region_table_has_every_registry_region(mirror):
    from data import geodata

    for level in (0, 1, 2):
        t = model.region_table(level)
        assert list(t.index) == geodata.codes_at(level)
    t2 = model.region_table(2)
    assert len(t2) == 334
    assert t2.index.is_unique


def test_missing_scores_are_nan_never_zero(mirror):
    t = model.region_table(2, metric="rii")
    assert math.isnan(t.loc["NO0B", "value"])  # RIS 2023 has no value for it
    assert t["value"].isna().sum() > 0
    assert (t["value"].dropna() > 0).all()
    assert (t["value"].isna() == t["basis"].isna()).all()
    assert (t["value"].isna() == t["value_code"].isna()).all()
    # counts are facts of the compilation: zero, never missing
    assert t[["t1_any", "t2_any"]].notna().all().all()


@pytest.mark.parametrize(("code", "source", "basis"), [
    ("FR10", "FR1", "same territory"),  # RIS publishes FR at NUTS 1; FR1 = FR10
    ("AT13", "AT1", "parent region"),
    ("EE00", "EE", "same territory"),  # country-level in RIS; EE = EE0 = EE00
    ("PL91", "PL91", "region"),
])
def test_rii_bases(mirror, code, source, basis):
    from data import scores

    t = model.region_table(2, metric="rii")
    assert t.loc[code, "value_code"] == source
    assert t.loc[code, "basis"] == basis
    assert t.loc[code, "value"] == scores.ris2023().loc[source, "rii"]
    assert t.loc[code, "value_year"] == 2023


def test_rii_year_selects_the_series(mirror):
    from data import scores

    t = model.region_table(2, metric="rii", year=2016)
    assert t.loc["PL91", "value"] == scores.ris2023().loc["PL91", "rii_2016"]
    assert t.loc["PL91", "value_year"] == 2016


def test_poland_ipcei_memberships_match_the_source(mirror):
    from data import tables

    src = pd.read_csv(mirror / "data" / "tier1" / "country_participation.csv", dtype=str)
    ipcei_src = src[(src["country_code"] == "PL") & (src["role"] == "member_state")
                    & src["initiative_id"].str.startswith("ipcei_")]
    want = ipcei_src["initiative_id"].nunique()
    assert want > 0
    par, ini = tables.participation(), tables.initiatives()
    ipceis = set(ini.loc[ini["type"] == "IPCEI", "initiative_id"])
    ours = par[(par["country_code"] == "PL") & (par["role"] == "member_state") & par["initiative_id"].isin(ipceis)]
    assert ours["initiative_id"].nunique() == want
    assert set(ours["initiative_id"]) == set(ipcei_src["initiative_id"])
    # the model links each of them to Poland and, at least nationally, to every Polish region
    pl = model.region_table(0, Selection(countries=("PL",), types=("IPCEI",))).loc["PL"]
    assert pl["t1_direct"] >= want and pl["t1_national"] == 0
    t = model.region_table(2, Selection(countries=("PL",), types=("IPCEI",)))
    assert len(t) == 17 and (t["t1_any"] >= want).all()
    assert (t["t2_any"] == 0).all()


def test_country_filter_and_group_filter(mirror):
    t = model.region_table(2, Selection(countries=("PL",)))
    assert len(t) == 17 and set(t["country"]) == {"PL"}
    g = model.region_table(2, Selection(groups=("Innovation Leader",)))
    assert len(g) > 0 and set(g["ris_group"]) == {"Innovation Leader"}


def test_initiative_filter_changes_counts_not_regions(mirror):
    full = model.region_table(2)
    none = model.region_table(2, Selection(initiatives=("no-such-initiative",)))
    assert list(none.index) == list(full.index)
    assert (none[["t1_any", "t2_any"]] == 0).all().all()
    assert set(none.loc[none["in_scope"], "profile"]) == {"No link recorded"}
    assert set(none.loc[~none["in_scope"], "profile"]) == {"Outside the scope"}
    assert full["t1_any"].sum() > 0 and full["t2_any"].sum() > 0


@pytest.mark.parametrize("metric", ["profile", "rii", "rii_group", "tier1"])
@pytest.mark.parametrize("sel", [
    Selection(countries=("XX",)),
    Selection(countries=("LU",), groups=("Emerging Innovator",)),  # LU is a Strong Innovator
])
def test_impossible_selection_gives_empty_frame(mirror, metric, sel):
    t = model.region_table(2, sel, metric)
    assert t.empty
    assert {"name", "profile", "t1_any", "ris_group"} <= set(t.columns)


def test_initiatives_for_a_region(mirror):
    rows = model.initiatives_for("PL91")
    assert len(rows) > 0
    assert set(rows["link"]) <= set(model.LINK_ORDER)
    assert not rows.duplicated("initiative_id").any()
    t = model.region_table(2).loc["PL91"]
    assert len(rows) == t["t1_any"] + t["t2_any"]
