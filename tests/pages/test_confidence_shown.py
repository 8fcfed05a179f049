"""Participation rows are shown with their confidence and nuts_method (region profile, region panel)."""

from __future__ import annotations

import pytest

from data import profile
from tests.pages.support import open_app

pytestmark = pytest.mark.usefixtures("mirror")


def test_participants_in_carry_confidence_and_method():
    rows = profile.participants_in("DE21")
    assert {"confidence", "nuts_method"} <= set(rows.columns)
    nxp = rows[rows["participant_name"] == "NXP Semiconductors"]
    assert not nxp.empty and set(nxp["confidence"]) == {"high"}  # a second-pass site (corrections)
    assert "not rated" in set(rows["confidence"])  # first-pass rows: unknown, said so


def test_region_profile_table_shows_confidence():
    at = open_app("pages/region_profile.py", region="DE21")
    frames = [df.value for df in at.dataframe]
    named = [f for f in frames if "participant_name" in f.columns]
    assert named and {"confidence", "nuts_method"} <= set(named[0].columns)
