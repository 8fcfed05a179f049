"""data/profile.py: one region's header, scores with their basis, RII series and named participants."""

from __future__ import annotations

import pandas as pd
import pytest

from data import model, profile
from data import scores as sc

pytestmark = pytest.mark.usefixtures("mirror")


def test_header_names_the_region_and_its_parents():
    h = profile.header("PL91")
    assert (h["code"], h["level"], h["country"]) == ("PL91", 2, "PL")
    assert h["within"].startswith("Polska (PL)") and "(PL9)" in h["within"]
    assert profile.header("PL")["within"] == ""


def test_score_rows_one_per_score_with_basis_and_no_data_not_zero():
    rows = profile.score_rows("AT13").set_index("indicator")
    assert len(rows) == len(sc.SCORES)
    rii = rows.loc["Regional Innovation Index"]
    assert rii["basis"] == "parent region AT1" and rii["edition"] == "RIS 2023" and rii["value"] != "no data"
    unknown = rows[rows["basis"] == "no data"]
    assert (unknown["value"] == "no data").all() and unknown["year"].isna().all()


def test_rii_series_covers_every_ris_year_with_its_source_unit():
    s = profile.rii_series("PL91")
    assert list(s["year"]) == list(sc.RIS_YEARS) and s["RII"].notna().all()
    direct = model.resolved_score("rii", 2, 2023).loc["PL91", "value"]
    assert s.loc[s["year"] == 2023, "RII"].iloc[0] == pytest.approx(direct)
    assert set(s["from"]) == {"PL91"}
    assert set(profile.rii_series("AT13")["from"]) == {"AT1"}  # Austria is published at NUTS 1


def test_participants_in_a_region_keep_confidence_and_method():
    named = profile.participants_in("DE")
    assert len(named) and named["place_code"].str.startswith("DE").all()
    assert named["confidence"].notna().all() and set(named.columns) >= {"nuts_method", "source_url"}
    only_t2 = profile.participants_in("DE", model.Selection(tiers=(2,)))
    assert set(only_t2["tier"]) <= {2} and len(only_t2) < len(named)
    assert isinstance(profile.ris_groups(), pd.Series)
