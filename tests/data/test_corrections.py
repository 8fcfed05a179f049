"""data/build/tier1.py: second-pass participants and corrections, on hand-made fixtures."""

from __future__ import annotations

import pandas as pd
import pytest

from data.build import tier1
from data.build.curated import BuildReport, build_initiatives, build_participation

COLS = ["initiative_id", "participant_name", "participant_kind", "country_code", "city", "nuts2", "geo_basis",
        "source_url", "participation_role", "notes", "site_source_url"]
CORR_COLS = ["initiative_id", "participant_name", "country_code", "action", "field", "old_value", "new_value",
             "city", "nuts2", "geo_basis", "source_url", "site_source_url", "nuts_method", "confidence", "notes"]


def rows(cols: list[str], items: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: it.get(c, "") for c in cols} for it in items], columns=cols).astype(str)


def first() -> pd.DataFrame:
    return rows(COLS, [
        dict(initiative_id="ipcei_x", participant_name="Bosch", participant_kind="company",
             source_url="https://e.org/1", participation_role="direct"),
        dict(initiative_id="ipcei_x", participant_name="NXP", participant_kind="company", country_code="DE",
             city="Hamburg", geo_basis="hq_city", source_url="https://e.org/2", participation_role="direct"),
        dict(initiative_id="ipcei_x", participant_name="Carl Zeiss", participant_kind="company",
             source_url="https://e.org/3", participation_role="unclear"),
    ])


def add() -> pd.DataFrame:
    cols = [*COLS, "nuts_method", "confidence"]
    return rows(cols, [dict(initiative_id="ipcei_x", participant_name="Sunfire", participant_kind="company",
                            country_code="DE", city="Dresden", nuts2="DED2", geo_basis="city_site",
                            source_url="https://e.org/4", participation_role="direct",
                            nuts_method="gazetteer+polygon: Dresden", confidence="medium")])


def corr(items: list[dict]) -> pd.DataFrame:
    return rows(CORR_COLS, items)


def apply(items: list[dict]):
    return tier1.apply_corrections(tier1.participants(first(), add()), corr(items))


def test_both_passes_are_kept_with_method_and_confidence():
    p = tier1.participants(first(), add())
    assert len(p) == 4
    assert p["_file"].tolist() == [tier1.PARTICIPANTS] * 3 + [tier1.P2_PARTICIPANTS]
    assert p["_row"].tolist() == [1, 2, 3, 1]
    sun = p[p["participant_name"] == "Sunfire"].iloc[0]
    assert sun["confidence"] == "medium" and sun["nuts_method"].startswith("gazetteer")
    assert (p.loc[p["_file"] == tier1.PARTICIPANTS, "confidence"] == "").all()  # first pass: not rated


def test_set_country_then_set_site_match_the_key_as_written():
    # both corrections name Bosch with a blank country (the key before the first correction)
    df, rep = apply([
        dict(initiative_id="ipcei_x", participant_name="Bosch", action="set_country", field="country_code",
             new_value="DE", source_url="https://c.org/a", confidence="high"),
        dict(initiative_id="ipcei_x", participant_name="Bosch", action="set_site", city="Stuttgart",
             nuts2="DE11", geo_basis="city_site", source_url="https://c.org/b", nuts_method="gazetteer",
             confidence="medium"),
    ])
    assert not rep.unmatched and len(rep.applied) == 2
    bosch = df[df["participant_name"] == "Bosch"]
    assert len(bosch) == 1
    b = bosch.iloc[0]
    assert (b["country_code"], b["nuts2"], b["city"], b["geo_basis"]) == ("DE", "DE11", "Stuttgart", "city_site")
    assert b["site_source_url"] == "https://c.org/b"  # the correction's URL when it gives no site URL
    assert b["confidence"] == "medium"  # the lower of the two corrections
    assert "https://c.org/a" in b["_corrections"] and "https://c.org/b" in b["_corrections"]


def test_a_later_correction_may_use_the_corrected_key():
    df, rep = apply([
        dict(initiative_id="ipcei_x", participant_name="Bosch", action="set_country", field="country_code",
             new_value="DE", confidence="high"),
        dict(initiative_id="ipcei_x", participant_name="Bosch", country_code="DE", action="set_role",
             field="participation_role", old_value="direct", new_value="unclear", confidence="medium"),
    ])
    assert not rep.unmatched and not rep.conflicts
    assert df.loc[df["participant_name"] == "Bosch", "participation_role"].item() == "unclear"


def test_rename_keeps_one_row_and_notes_the_old_name():
    df, _ = apply([dict(initiative_id="ipcei_x", participant_name="Carl Zeiss", action="rename",
                        field="participant_name", old_value="Carl Zeiss", new_value="Carl Zeiss SMT",
                        confidence="high")])
    assert "Carl Zeiss SMT" in set(df["participant_name"]) and "Carl Zeiss" not in set(df["participant_name"])
    row = df[df["participant_name"] == "Carl Zeiss SMT"].iloc[0]
    assert "Carl Zeiss -> Carl Zeiss SMT" in row["_corrections"]


def test_add_site_fills_a_siteless_row_first_then_adds_rows():
    df, rep = apply([
        dict(initiative_id="ipcei_x", participant_name="NXP", country_code="DE", action="add_site",
             city="Dresden", nuts2="DED2", geo_basis="city_site", confidence="high"),
        dict(initiative_id="ipcei_x", participant_name="NXP", country_code="DE", action="add_site",
             city="München", nuts2="DE21", geo_basis="city_site", confidence="high"),
    ])
    nxp = df[df["participant_name"] == "NXP"]
    assert sorted(nxp["nuts2"]) == ["DE21", "DED2"]
    assert rep.added_rows == 1
    assert set(nxp["_file"]) == {tier1.PARTICIPANTS, tier1.P2_CORRECTIONS}  # the added row traces to the correction
    assert len(df) == 5


def test_role_correction_checks_the_old_value():
    _, rep = apply([dict(initiative_id="ipcei_x", participant_name="Carl Zeiss", action="set_role",
                         field="participation_role", old_value="direct", new_value="unclear")])
    assert rep.conflicts and "unclear" in rep.conflicts[0]


def test_unmatched_correction_stops_the_build():
    parts = first()
    bad = corr([dict(initiative_id="ipcei_x", participant_name="Nobody", country_code="FR", action="set_role",
                     field="participation_role", new_value="direct")])
    _, rep = tier1.apply_corrections(tier1.participants(parts), bad)
    assert rep.unmatched and "Nobody" in rep.unmatched[0]
    country = rows(["initiative_id", "country_code", "role", "source_url", "state_aid_eur",
                    "participants_reported", "as_of", "notes"],
                   [dict(initiative_id="ipcei_x", country_code="DE", role="member_state", source_url="https://e.org")])
    t2 = rows(["initiative_id", "region_name_as_in_source", "country_code", "nuts_code", "nuts_level", "role",
               "geo_basis", "source_url"], [])
    with pytest.raises(ValueError, match=r"matches no participant row.*Nobody"):
        build_participation(country, parts, t2, t1_corrections=bad)


def test_sites_become_nuts2_rows_in_participation():
    country = rows(["initiative_id", "country_code", "role", "source_url", "state_aid_eur",
                    "participants_reported", "as_of", "notes"],
                   [dict(initiative_id="ipcei_x", country_code="DE", role="member_state", source_url="https://e.org")])
    add_c = rows(["initiative_id", "country_code", "role", "source_url", "state_aid_eur", "participants_reported",
                  "as_of", "notes"],
                 [dict(initiative_id="ipcei_x", country_code="DE", role="member_state", source_url="https://n.org",
                       participants_reported="4", notes="UPDATE")])
    t2 = rows(["initiative_id", "region_name_as_in_source", "country_code", "nuts_code", "nuts_level", "role",
               "geo_basis", "source_url"], [])
    par = build_participation(
        country, first(), t2, t1_participants_add=add(), t1_country_add=add_c,
        t1_corrections=corr([dict(initiative_id="ipcei_x", participant_name="Bosch", action="set_site",
                                  city="Stuttgart", nuts2="DE11", geo_basis="city_site", confidence="medium")]))
    bosch = par[par["participant_name"] == "Bosch"].iloc[0]
    assert (bosch["place_code"], bosch["place_level"], bosch["role"]) == ("DE11", 2, "site")
    assert bosch["confidence"] == "medium"
    de = par[par["role"] == "member_state"].iloc[0]
    assert de["count_reported"] == 4 and "https://n.org" in de["notes"]  # filled, not replaced silently
    sun = par[par["participant_name"] == "Sunfire"].iloc[0]
    assert sun["nuts_method"].startswith("gazetteer") and sun["confidence"] == "medium"


def test_conflicting_country_count_stops_the_build():
    first_c = rows(["initiative_id", "country_code", "role", "source_url", "participants_reported"],
                   [dict(initiative_id="ipcei_x", country_code="DE", role="member_state", source_url="https://e.org",
                         participants_reported="3")])
    add_c = rows(["initiative_id", "country_code", "role", "source_url", "participants_reported"],
                 [dict(initiative_id="ipcei_x", country_code="DE", role="member_state", source_url="https://n.org",
                       participants_reported="4")])
    with pytest.raises(ValueError, match="count_reported 3 in the first pass, 4 in the second"):
        tier1.country_rows(first_c, add_c)


def test_pipeline_ipceis_are_never_counted():
    pipe = rows(["initiative_id", "name"], [dict(initiative_id="ipcei_ai_candidate", name="IPCEI-AI")])
    assert tier1.check_pipeline(pipe, {"ipcei_x"}) == ["ipcei_ai_candidate"]
    with pytest.raises(ValueError, match="not-approved"):
        tier1.check_pipeline(pipe, {"ipcei_x", "ipcei_ai_candidate"})


def test_unmapped_value_chain_is_kept_blank_and_reported():
    t1 = rows(["initiative_id", "name", "short_name", "type", "tier", "value_chain", "source_url"],
              [dict(initiative_id="ipcei_x", name="X", type="IPCEI", tier="1", value_chain="Batteries",
                    source_url="https://e.org")])
    t2 = rows(["initiative_id", "name", "type", "tier", "thematic_area", "value_chain", "ecosystem", "year",
               "region_count", "source_url"],
              [dict(initiative_id="ec-q", name="Q", type="Eurocluster", tier="2", value_chain="Quantum widgets",
                    source_url="https://e.org/q")])
    rep = BuildReport()
    ini = build_initiatives(t1, t2, report=rep)
    q = ini.set_index("initiative_id").loc["ec-q"]
    assert q["value_chain"] == "" and q["value_chain_as_written"] == "Quantum widgets"
    assert rep.unmapped_value_chains == ["Quantum widgets"]
