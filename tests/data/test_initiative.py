"""data/initiative.py on the hand-made world of fixtures_network."""

from __future__ import annotations

from data import initiative as I
from tests.data.fixtures_network import INI, PAR, REG


def prof(iid: str, par=PAR):
    return I.build(iid, INI, par, REG)


def test_unknown_id_gives_none():
    assert prof("nope") is None


def test_facts_state_only_what_the_sources_give():
    f = dict(prof("I1").facts.values.tolist())
    assert f["Approval year"] == "2022"
    assert f["State aid approved (up to)"] == "EUR 1.50 bn"
    assert f["Private investment expected"] == I.NOT_GIVEN  # blank is not zero
    assert f["Direct participants (Commission count)"] == "10"
    f3 = dict(prof("I3").facts.values.tolist())
    assert f3["Launch year"] == I.NOT_GIVEN and f3["Participants reported by the source"] == "4"
    assert "State aid approved (up to)" not in f3


def test_coverage_line():
    # I1: P-site-A (AA), P-site-B (BB), P-hq (AA), P-none (no state) -> 4 distinct of 10
    assert prof("I1").coverage.startswith("4 of 10 direct participants named (40%)")
    assert prof("I3").coverage.startswith("2 of 4 participants documented (as regions or countries) (50%)")
    assert "coverage is unknown" in prof("I2").coverage  # no source total


def test_coverage_counts_direct_participants_against_the_commission_count():
    par = PAR.copy()
    par.loc[par["participant_name"].isin(["P-site-A", "P-site-B", "P-none"]), "status"] = "direct"
    par.loc[par["participant_name"] == "P-hq", "status"] = "selected_pre_approval"
    assert prof("I1", par).coverage == ("3 of 10 direct participants named (30%) — total from the Commission's "
                                        "count; also named: 1 selected pre approval.")
    few = INI.assign(companies=[2, None, None, None])
    text = I.build("I1", few, par, REG).coverage
    assert text.startswith("3 direct participants named, more than the Commission's count of 2")
    assert "%" not in text


def test_countries_with_roles():
    c = prof("I1").countries
    assert c[["code", "role"]].values.tolist() == [
        ["CC", "member state"], ["AA", "country of a named participant"], ["BB", "country of a named participant"]]
    c2 = prof("I2").countries
    assert c2[["code", "role", "rows"]].values.tolist() == [["AA", "lead", 2], ["BB", "member", 1]]


def test_participants_basis_and_missing_confidence_columns():
    p = prof("I1").participants.set_index("participant")
    assert p.at["P-site-A", "basis"] == "site (named town or plant)"
    assert p.at["P-hq", "basis"] == "head office city (not a project site)"
    assert p.at["P-none", "basis"] == "not located (no state given)"
    assert set(p["confidence"]) == {I.NOT_RATED} and set(p["nuts_method"]) == {I.NOT_RECORDED}


def test_confidence_columns_carried_when_present():
    par = PAR.assign(confidence=["high", "medium", "", "low", "", "", "", "", "", "", ""],
                     nuts_method=["geocoded city", "", "", "", "", "", "", "", "", "", ""])
    p = prof("I1", par).participants.set_index("participant")
    assert p.at["P-site-A", "confidence"] == "high" and p.at["P-site-A", "nuts_method"] == "geocoded city"
    assert p.at["P-site-B", "nuts_method"] == I.NOT_RECORDED


def test_sites_and_hq_points_are_distinct():
    assert prof("I1").places[["code", "kind"]].values.tolist() == [["AA11", "site"], ["BB21", "site"]]
    # second-pass data may place an HQ in a region: a point, but of kind "hq"
    par = PAR.copy()
    hq = par["participant_name"] == "P-hq"
    par.loc[hq, "place_code"], par.loc[hq, "place_level"] = "AA12", 2
    pts = prof("I1", par).places
    assert pts[["code", "kind", "label"]].values.tolist() == [
        ["AA11", "site", "P-site-A"], ["AA12", "hq", "P-hq"], ["BB21", "site", "P-site-B"]]
    assert prof("I2").places["kind"].eq("region").all()


def test_all_sources_listed():
    s = prof("I1").sources
    assert s.at[0, "url"] == "https://x/i1"
    assert len(s) == 1 + 5  # the initiative record + one URL per participation row here
    assert s["rows"].sum() == 1 + 5
