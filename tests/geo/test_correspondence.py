"""geo/correspondence.py: older NUTS codes -> NUTS 2021."""

from __future__ import annotations

import pytest

from geo import correspondence as corr

VALID = frozenset({"HR02", "HR03", "HR05", "HR06", "HU11", "HU12", "FRF2", "PL91", "NO08", "IE04"})


def test_hr04_split_into_three():
    assert sorted(corr.successors()["HR04"]) == [("HR02", "split"), ("HR05", "split"), ("HR06", "split")]


def test_hu10_split_into_budapest_and_pest():
    assert sorted(corr.successors()["HU10"]) == [("HU11", "split"), ("HU12", "split")]


def test_fr21_recoded_to_frf2():
    assert corr.successors()["FR21"] == [("FRF2", "recode")]
    assert corr.translate("FR21", VALID) == ("FRF2", "recode")


@pytest.mark.parametrize("code", ["NO01", "IE01"])
def test_boundary_changes_carry_nothing(code):
    assert corr.translate(code, VALID) == (None, "boundary")
    assert code not in corr.successors()


@pytest.mark.parametrize(("code", "want"), [
    ("HR02", ("HR02", "valid")),  # already NUTS 2021
    ("HR04", (None, "split")),  # bigger than any successor: no single code
    ("HU10", (None, "split")),
    ("XX99", (None, "unknown")),
])
def test_translate(code, want):
    assert corr.translate(code, VALID) == want


def test_table_is_well_formed():
    t = corr.table()
    assert list(t.columns[:4]) == ["old_code", "old_version", "new_code", "relation"]
    assert set(t["relation"]) <= set(corr.RELATIONS)
    assert (t.loc[t["relation"] == "boundary", "new_code"] == "").all()
    assert (t.loc[t["relation"] != "boundary", "new_code"] != "").all()
    # a recode is one-to-one, a split has several successors
    per_old = t[t["relation"] != "boundary"].groupby("old_code")["relation"].agg(["first", "size"])
    assert (per_old.loc[per_old["first"] == "recode", "size"] == 1).all()
    assert (per_old.loc[per_old["first"] == "split", "size"] >= 2).all()
    assert not t.duplicated(["old_code", "new_code"]).any()
    assert (t.groupby("old_code")["relation"].nunique() == 1).all()


def test_every_new_code_exists_in_nuts_2021_and_no_old_code_does(mirror):
    from data import geodata

    t = corr.table()
    reg = geodata.registry()
    new = set(t["new_code"]) - {""}
    assert new <= set(reg.index), sorted(new - set(reg.index))
    assert not set(t["old_code"]) & set(reg.index)
    # a recode keeps the level; split successors are at the old code's level too
    rows = t[t["new_code"] != ""]
    assert (rows["old_code"].str.len() == rows["new_code"].str.len()).all()


def test_ris2019_hr04_value_reaches_hr02_as_predecessor(mirror):
    from data import model, scores

    hr04 = scores.ris2019().loc["HR04", "rii"]
    r = model.resolved_score("rii2019", 2)
    for code in ("HR02", "HR05", "HR06"):
        assert r.loc[code, "value"] == pytest.approx(hr04)
        assert r.loc[code, "value_code"] == "HR04"
        assert r.loc[code, "basis"] == "predecessor code (split)"
    assert r.loc["HR03", "basis"] == "region"  # HR03 kept its code
    assert r.loc["HR03", "value"] == pytest.approx(scores.ris2019().loc["HR03", "rii"])
