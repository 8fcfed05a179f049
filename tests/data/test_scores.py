"""data/scores.py on the committed score tables (data/derived), compared with the mirror's files.

Tests that compare with the third-party originals ask for the mirror and skip without it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from data import scores as sc


@pytest.fixture(scope="module")
def ris_file(mirror) -> pd.DataFrame:
    return pd.read_csv(mirror / "data" / "scores" / "ris_regions_2023.csv", dtype={"ris_code": str})


@pytest.fixture(scope="module")
def eis_file(mirror) -> pd.DataFrame:
    return pd.read_csv(mirror / "data" / "scores" / "eis_countries.csv", dtype={"country_code": str})


def test_ris2023_rows_and_groups(ris_file):
    df = sc.ris2023()
    assert len(df) == 244 == len(ris_file)
    assert df.index.is_unique
    groups = df["performance_group"].value_counts().to_dict()
    assert groups == ris_file["performance_group"].value_counts().to_dict()
    # 239 regions + 5 country rows (CY, EE, LU, LV, MT)
    assert groups == {"Innovation Leader": 36, "Strong Innovator": 72, "Moderate Innovator": 71,
                      "Emerging Innovator": 65}
    countries = df[df.index.str.len() == 2]
    assert sorted(countries.index) == ["CY", "EE", "LU", "LV", "MT"]
    regions = df[df.index.str.len() > 2]["performance_group"].value_counts().to_dict()
    assert regions == {"Innovation Leader": 36, "Strong Innovator": 70, "Moderate Innovator": 69,
                       "Emerging Innovator": 64}  # the official RIS 2023 split


def test_rii_values_by_year(ris_file):
    src = ris_file.set_index("ris_code")
    v2023 = sc.values("rii", 2023)
    assert v2023.loc["PL91", "value"] == src.loc["PL91", "rii"]
    assert (v2023["year"] == 2023).all()
    v2016 = sc.values("rii", 2016)
    assert v2016.loc["PL91", "value"] == src.loc["PL91", "rii_2016"]
    assert v2016.loc["FR1", "value"] == src.loc["FR1", "rii_2016"]
    assert (v2016["year"] == 2016).all()
    assert v2016.loc["PL91", "value"] != v2023.loc["PL91", "value"]
    assert v2016.loc["PL91", "group"] == src.loc["PL91", "performance_group"]
    assert len(v2023) == 244
    # a year outside the series falls back to the default (2023)
    assert sc.values("rii", 1999)["value"].equals(v2023["value"])
    assert sc.values("rii")["value"].equals(v2023["value"])


def test_rii_change_and_group(ris_file):
    ch = sc.values("rii_change")
    src = ris_file.set_index("ris_code")["change_2016_2023_points_derived"]
    src.index = [("EL" if c[:2] == "GR" else "UK" if c[:2] == "GB" else c[:2]) + c[2:] for c in src.index]
    # RII 2023 - RII 2016 recomputed from the committed table equals the source's derived column
    assert ch["value"].reindex(src.index).tolist() == pytest.approx(src.tolist(), abs=1e-9)
    grp = sc.values("rii_group")
    assert set(grp["value"]) == set(sc.GROUPS)


def test_ris_codes_use_eurostat_country_codes():
    idx = sc.ris2023().index
    assert not idx.str.startswith(("GR", "GB")).any()
    assert idx.str.startswith("EL").any() and idx.str.startswith("UK").any()


def test_eu_reference_rii():
    assert sc.eu_reference("rii", 2023) == 108.47
    assert sc.eu_reference("rii", 2016) == 100.0
    assert sc.eu_reference("rii") == 108.47  # default year
    assert sc.eu_reference("rii", 2019) is None  # not recorded for that year: unknown, not guessed


def test_eu_reference_sii_is_the_eu27_row(eis_file):
    eu = eis_file.set_index("country_code").loc["EU27"]
    assert sc.eu_reference("sii", 2023) == pytest.approx(eu["sii_2023"])
    assert sc.eu_reference("sii", 2023) == pytest.approx(108.467)
    assert sc.eu_reference("sii", 2018) == pytest.approx(eu["sii_2018"])


def test_sii_excludes_the_eu27_row_and_uses_nuts_codes(eis_file):
    v = sc.values("sii", 2023)
    assert "EU27" not in v.index
    assert len(v) == len(eis_file) - 1 == 38
    assert "EL" in v.index and "UK" in v.index
    assert v.loc["PL", "value"] == eis_file.set_index("country_code").loc["PL", "sii_2023"]
    assert "EU27" not in sc.country_groups().index


def test_eurostat_aggregates_excluded(mirror):
    raw = pd.read_csv(mirror / "data" / "scores" / "eurostat_regional_indicators.csv")
    aggregates = set(raw.loc[raw["code_status"] == "aggregate (not a region)", "nuts2_code"])
    assert aggregates >= {"EU28", "EA19", "EU15"}
    kept = sc.eurostat()
    assert not set(kept["nuts2_code"]) & aggregates
    assert len(kept) == len(raw) - (raw["code_status"] == "aggregate (not a region)").sum()
    gerd = sc.values("gerd")
    assert not set(gerd.index) & aggregates
    assert "PL12" in gerd.index  # older codes stay; the model maps them


def test_values_never_hold_missing_rows():
    for key in sc.SCORES:
        v = sc.values(key)
        assert v["value"].notna().all(), key
        assert len(v) > 0, key


def test_every_score_points_at_a_source():
    from data.tables import sources_meta

    for s in sc.SCORES.values():
        assert s.dataset in sources_meta().index
        assert (s.default_year in s.years) if s.years else s.default_year is None
