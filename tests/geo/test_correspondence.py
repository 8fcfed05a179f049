"""geo/correspondence.py: older NUTS codes -> NUTS 2021."""

from __future__ import annotations

import pandas as pd
import pytest

from data import geodata
from geo import correspondence as corr

TABLE = geodata.correspondence()  # the committed table (no mirror needed)
SUCC = corr.successors(TABLE)

VALID = frozenset({"HR02", "HR03", "HR05", "HR06", "HU11", "HU12", "FRF2", "PL91", "NO08", "IE04"})


def test_hr04_split_into_three():
    assert sorted(SUCC["HR04"]) == [("HR02", "split"), ("HR05", "split"), ("HR06", "split")]


def test_hu10_split_into_budapest_and_pest():
    assert sorted(SUCC["HU10"]) == [("HU11", "split"), ("HU12", "split")]


def test_fr21_recoded_to_frf2():
    assert SUCC["FR21"] == [("FRF2", "recode")]
    assert corr.translate("FR21", VALID, TABLE) == ("FRF2", "recode")


@pytest.mark.parametrize("code", ["NO01", "IE01"])
def test_boundary_changes_carry_nothing(code):
    assert corr.translate(code, VALID, TABLE) == (None, "boundary")
    assert code not in SUCC


@pytest.mark.parametrize(("code", "want"), [
    ("HR02", ("HR02", "valid")),  # already NUTS 2021
    ("HR04", (None, "split")),  # bigger than any successor: no single code
    ("HU10", (None, "split")),
    ("XX99", (None, "unknown")),
])
def test_translate(code, want):
    assert corr.translate(code, VALID, TABLE) == want


def test_pure_functions_on_a_small_table():
    t = pd.DataFrame({"old_code": ["AA1", "BB1", "BB1", "CC1"], "old_version": "2016",
                      "new_code": ["AA2", "BB2", "BB3", ""], "relation": ["recode", "split", "split", "boundary"]})
    assert corr.successors(corr.validate(t)) == {"AA1": [("AA2", "recode")],
                                                 "BB1": [("BB2", "split"), ("BB3", "split")]}
    assert [corr.translate(c, {"AA2"}, t) for c in ("AA2", "AA1", "BB1", "CC1", "ZZ")] == [
        ("AA2", "valid"), ("AA2", "recode"), (None, "split"), (None, "boundary"), (None, "unknown")]
    with pytest.raises(ValueError, match="unknown relation"):
        corr.validate(t.assign(relation="merged"))


def test_table_is_well_formed():
    t = TABLE
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

    t = TABLE
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
