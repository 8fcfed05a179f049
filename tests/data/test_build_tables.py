"""Tests of data/build_tables.py: small hand-made fixtures, then the committed CSVs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data import vocab
from data.build_tables import (
    T1_COUNTRIES,
    T1_INITIATIVES,
    T1_PARTICIPANTS,
    T2_INITIATIVES,
    T2_REGIONS,
    build_initiatives,
    build_participation,
    default_shared,
    load_nuts_index,
    read_curated,
    read_source,
    t2_participant_name,
    write_csv,
)
from tests import facts

REPO = Path(__file__).resolve().parents[2]
INITIATIVES_CSV = REPO / "data" / "initiatives.csv"
PARTICIPATION_CSV = REPO / "data" / "participation.csv"
SHARED = default_shared()
SHARED_DATA = SHARED / "data"
needs_shared = pytest.mark.skipif(
    not (SHARED_DATA / T1_COUNTRIES).is_file(),
    reason=f"shared compilation not found at {SHARED_DATA} (set INNOV_MIRROR)",
)


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Like read_source: every cell a string, blanks as ''."""
    return pd.DataFrame(rows).fillna("").astype(str)


# --------------------------------------------------------------------------- fixtures

T1_INIT_COLS = [
    "initiative_id",
    "name",
    "short_name",
    "type",
    "tier",
    "value_chain",
    "year",
    "member_state_count",
    "aid_eur",
    "private_investment_eur",
    "projects",
    "companies",
    "source_url",
    "approval_or_launch_date",
    "notes",
]
T2_INIT_COLS = [
    "initiative_id",
    "name",
    "type",
    "tier",
    "thematic_area",
    "value_chain",
    "ecosystem",
    "year",
    "region_count",
    "source_url",
]


def t1_initiatives(value_chain: str = "Batteries") -> pd.DataFrame:
    row = dict.fromkeys(T1_INIT_COLS, "")
    row.update(
        initiative_id="ipcei_x",
        name="IPCEI X",
        short_name="X",
        type="IPCEI",
        tier="1",
        value_chain=value_chain,
        year="2019",
        member_state_count="7",
        aid_eur="3200000000",
        companies="17",
        source_url="https://example.org/x",
    )
    return frame([row])


def t2_initiatives(ecosystem: str = "Textile; Construction") -> pd.DataFrame:
    row = dict.fromkeys(T2_INIT_COLS, "")
    row.update(
        initiative_id="ec-y",
        name="Y Eurocluster",
        type="Eurocluster",
        tier="2",
        value_chain="Technical textiles for construction",
        ecosystem=ecosystem,
        year="",
        region_count="",
        source_url="https://example.org/y",
    )
    return frame([row])


def t1_country() -> pd.DataFrame:
    return frame(
        [
            {
                "initiative_id": "ipcei_x",
                "country_code": "PL",
                "role": "member_state",
                "source_url": "https://example.org/x",
                "state_aid_eur": "240000000",
                "participants_reported": "",
                "as_of": "",
                "notes": "",
            },
            {
                "initiative_id": "ia_z",
                "country_code": "SI",
                "role": "alliance_members_count",
                "source_url": "https://example.org/z",
                "state_aid_eur": "",
                "participants_reported": "8",
                "as_of": "2024-05-29",
                "notes": "",
            },
        ]
    )


def t1_participants() -> pd.DataFrame:
    base = {
        "initiative_id": "ipcei_x",
        "participant_kind": "company",
        "source_url": "https://example.org/x",
        "participation_role": "direct",
        "notes": "",
        "site_source_url": "",
    }
    return frame(
        [
            {
                **base,
                "participant_name": "SiteCo",
                "country_code": "DE",
                "city": "Dresden",
                "nuts2": "DED2",
                "geo_basis": "city_site",
                "site_source_url": "https://example.org/site",
            },
            {
                **base,
                "participant_name": "HqCo",
                "country_code": "DE",
                "city": "Reutlingen",
                "nuts2": "",
                "geo_basis": "hq_city",
            },
            {
                **base,
                "participant_name": "NoPlace",
                "country_code": "",
                "city": "",
                "nuts2": "",
                "geo_basis": "",
            },
        ]
    )


def t2_regions() -> pd.DataFrame:
    base = {"initiative_id": "ec-y", "source_url": "https://example.org/y"}
    return frame(
        [
            {
                **base,
                "region_name_as_in_source": "Scotland",
                "country_code": "GB",
                "nuts_code": "",
                "nuts_level": "",
                "role": "lead",
                "geo_basis": "",
            },
            {
                **base,
                "region_name_as_in_source": "Hamburg (Hamburg Aviation)",
                "country_code": "DE",
                "nuts_code": "DE60",
                "nuts_level": "2",
                "role": "member",
                "geo_basis": "mapped_by_name",
            },
        ]
    )


# Tiny stand-in for the GISCO index: NUTS_ID -> (level, CNTR_CODE).
NUTS = {
    "DE": (0, "DE"),
    "DED2": (2, "DE"),
    "DE60": (2, "DE"),
    "PL": (0, "PL"),
    "SI": (0, "SI"),
    "UK": (0, "UK"),
    "UKM": (1, "UK"),
}


def participation() -> pd.DataFrame:
    return build_participation(t1_country(), t1_participants(), t2_regions(), nuts=NUTS)


# --------------------------------------------------------------------------- fixture tests


def test_gb_becomes_uk_and_uk_region_is_coded():
    par = participation()
    row = par[par["place_name_as_in_source"] == "Scotland"].iloc[0]
    assert row["country_code"] == "UK"
    assert row["code_as_in_source"] == "GB"
    assert row["place_code"] == "UKM"
    assert row["place_level"] == 1
    assert row["geo_basis"] == vocab.GEO_BASIS_UK_MAPPED
    assert row["notes"]


def test_unknown_uncoded_uk_row_fails():
    regions = t2_regions()
    regions.loc[0, "region_name_as_in_source"] = "Cornwall"
    with pytest.raises(ValueError, match="UK_NUTS_BY_NAME"):
        build_participation(t1_country(), t1_participants(), regions)


def test_hq_city_stays_at_country_level():
    par = participation()
    row = par[par["participant_name"] == "HqCo"].iloc[0]
    assert row["place_code"] == "DE"
    assert row["place_level"] == 0
    assert row["role"] == "participant"
    assert row["geo_basis"] == "hq_city"
    assert row["place_name_as_in_source"] == "Reutlingen"


def test_nuts2_site_is_level_2():
    par = participation()
    row = par[par["participant_name"] == "SiteCo"].iloc[0]
    assert (row["place_code"], row["place_level"], row["role"]) == ("DED2", 2, "site")
    assert row["status"] == "direct"
    assert row["site_source_url"] == "https://example.org/site"


def test_participant_without_place_is_unlocated():
    par = participation()
    row = par[par["participant_name"] == "NoPlace"].iloc[0]
    assert row["place_code"] == ""
    assert pd.isna(row["place_level"])
    assert row["geo_basis"] == "none"
    assert row["role"] == "participant"


def test_country_rows_keep_role_count_and_aid():
    par = participation()
    pl = par[(par["country_code"] == "PL") & (par["source_file"] == T1_COUNTRIES)]
    assert pl.iloc[0]["role"] == "member_state"
    assert pl.iloc[0]["state_aid_eur"] == 240000000
    assert pd.isna(pl.iloc[0]["count_reported"])
    si = par[par["role"] == "alliance_members_count"].iloc[0]
    assert si["count_reported"] == 8
    assert si["as_of"] == "2024-05-29"


def test_source_rows_trace_back():
    par = participation()
    got = par.set_index("participant_name").loc[["SiteCo", "HqCo", "NoPlace"]]
    assert got["source_file"].eq(T1_PARTICIPANTS).all()
    assert got["source_row"].tolist() == [1, 2, 3]


def test_bad_nuts_code_fails():
    parts = t1_participants()
    parts.loc[0, "nuts2"] = "DEZZ"
    with pytest.raises(ValueError, match="DEZZ"):
        build_participation(t1_country(), parts, t2_regions(), nuts=NUTS)


def test_blank_source_url_fails():
    parts = t1_participants()
    parts.loc[1, "source_url"] = ""
    with pytest.raises(ValueError, match="source_url"):
        build_participation(t1_country(), parts, t2_regions())


def test_unknown_value_chain_fails_loudly():
    with pytest.raises(ValueError, match="VALUE_CHAIN_MAP"):
        build_initiatives(t1_initiatives("Quantum widgets"), t2_initiatives())


def test_counts_stay_nan_not_zero(tmp_path):
    ini = build_initiatives(t1_initiatives(), t2_initiatives())
    x = ini.set_index("initiative_id").loc["ipcei_x"]
    assert x["companies"] == 17
    assert pd.isna(x["projects"])
    assert pd.isna(x["private_investment_eur"])
    y = ini.set_index("initiative_id").loc["ec-y"]
    assert pd.isna(y["year"])
    assert pd.isna(y["region_count"])
    path = tmp_path / "initiatives.csv"
    write_csv(ini, path)
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    assert ".0," not in text  # integers, not floats
    back = read_curated(path).set_index("initiative_id")
    assert pd.isna(back.loc["ipcei_x", "projects"])
    assert back.loc["ipcei_x", "aid_eur"] == 3200000000


def test_initiative_fields():
    ini = build_initiatives(t1_initiatives(), t2_initiatives()).set_index(
        "initiative_id"
    )
    x, y = ini.loc["ipcei_x"], ini.loc["ec-y"]
    assert x["value_chain"] == "Batteries"
    assert x["ecosystem_basis"] == vocab.ECOSYSTEM_BASIS_ASSIGNED
    assert x["source_file"] == T1_INITIATIVES
    assert y["short_name"] == y["name"]
    assert y["value_chain"] == "Textile"
    assert y["value_chain_as_written"] == "Technical textiles for construction"
    assert y["ecosystems"] == "Textile;Construction"
    assert y["ecosystem_basis"] == vocab.ECOSYSTEM_BASIS_SOURCE
    assert y["source_file"] == T2_INITIATIVES


def test_blank_tier2_ecosystem_stays_blank():
    ini = build_initiatives(t1_initiatives(), t2_initiatives(ecosystem=""))
    y = ini.set_index("initiative_id").loc["ec-y"]
    assert y["ecosystems"] == "" and y["ecosystem_basis"] == ""


def test_unknown_ecosystem_fails():
    with pytest.raises(ValueError, match="ecosystems"):
        build_initiatives(t1_initiatives(), t2_initiatives(ecosystem="Space"))


@pytest.mark.parametrize(
    ("as_written", "expected"),
    [
        ("Bretagne (FR)", ""),
        ("Hamburg (Hamburg Aviation)", "Hamburg Aviation"),
        (
            "Liguria (Distretto Ligure delle Tecnologie Marine - DLTM, lead)",
            "Distretto Ligure delle Tecnologie Marine - DLTM",
        ),
        ("France (Pôle SCS, coordinator; G.A.C. Group)", "Pôle SCS; G.A.C. Group"),
        ("Wallonia (Wagralim - initiator)", "Wagralim"),
        ("Estonia (national government)", ""),
        ("Scotland", ""),
    ],
)
def test_t2_participant_name(as_written, expected):
    assert t2_participant_name(as_written) == expected


def test_every_value_chain_maps_into_vocabulary():
    assert set(vocab.VALUE_CHAIN_MAP.values()) <= set(vocab.VALUE_CHAINS)
    for chains in vocab.TIER1_ECOSYSTEM_BY_VALUE_CHAIN.values():
        assert set(chains or ()) <= set(vocab.ECOSYSTEMS)
    assert len(vocab.ECOSYSTEMS) == 14


# --------------------------------------------------------------------------- committed CSVs


@pytest.fixture(scope="module")
def committed() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_curated(INITIATIVES_CSV), read_curated(PARTICIPATION_CSV)


def test_committed_source_urls_present(committed):
    ini, par = committed
    assert (ini["source_url"].str.strip() != "").all()
    assert (par["source_url"].str.strip() != "").all()


def test_committed_value_chains_in_vocabulary(committed):
    ini, _ = committed
    assert set(ini["value_chain"]) <= set(vocab.VALUE_CHAINS)


def test_committed_ecosystems_in_vocabulary(committed):
    ini, _ = committed
    for text in ini["ecosystems"]:
        for eco in filter(None, text.split(vocab.ECOSYSTEM_SEP)):
            assert eco in vocab.ECOSYSTEMS


def test_committed_shape(committed):
    ini, par = committed
    assert ini["initiative_id"].is_unique
    assert ini.groupby("tier").size().to_dict() == facts.INITIATIVES_BY_TIER
    assert ini.groupby("type").size().to_dict() == facts.INITIATIVES_BY_TYPE
    assert par.groupby("tier").size().to_dict() == facts.PARTICIPATION_BY_TIER
    t1p = par[par["role"].isin(vocab.TIER1_PARTICIPANT_ROLES)]
    assert len(t1p) == facts.TIER1_PARTICIPANT_ROWS
    assert (t1p["role"] == "site").sum() == facts.TIER1_SITE_ROWS
    assert not set(facts.PIPELINE_NOT_APPROVED) & set(ini["initiative_id"])  # never counted
    assert {"nuts_method", "confidence"} <= set(par.columns)
    assert set(par["initiative_id"]) <= set(ini["initiative_id"])
    assert set(par["role"]) <= set(vocab.ROLES)


@needs_shared
def test_poland_ipcei_count_matches_shared(committed):
    ini, par = committed
    src = read_source(SHARED_DATA, T1_COUNTRIES)
    expected = src.loc[
        (src["country_code"] == "PL")
        & (src["role"] == "member_state")
        & src["initiative_id"].str.startswith("ipcei_"),
        "initiative_id",
    ].nunique()
    ipceis = set(ini.loc[ini["type"] == "IPCEI", "initiative_id"])
    got = par.loc[
        (par["country_code"] == "PL")
        & (par["role"] == "member_state")
        & par["initiative_id"].isin(ipceis),
        "initiative_id",
    ].nunique()
    assert expected > 0
    assert got == expected


@needs_shared
def test_committed_csvs_are_up_to_date(tmp_path):
    """Rebuilding from the shared compilation reproduces the committed files."""
    from data.build_tables import main

    assert main(["--shared", str(SHARED), "--out", str(tmp_path)]) == 0
    for name in ("initiatives.csv", "participation.csv"):
        assert (tmp_path / name).read_bytes() == (REPO / "data" / name).read_bytes()


@needs_shared
def test_committed_codes_exist_in_gisco(committed):
    _, par = committed
    nuts = load_nuts_index()
    located = par[par["place_code"] != ""]
    for code, level in zip(located["place_code"], located["place_level"], strict=True):
        assert nuts[code][0] == level, code
    assert T2_REGIONS in set(par["source_file"])
