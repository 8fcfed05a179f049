"""Committed score and context tables (data/derived): schemas, loaders, and carry-over from the mirror."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from data import context, schemas, scores, tables
from data.sources import DataUnavailable, TableUnavailable

REPO = Path(__file__).resolve().parents[2]
DERIVED = REPO / "data" / "derived"


@pytest.mark.parametrize("name", sorted(schemas.DERIVED))
def test_every_committed_table_passes_its_schema(name):
    assert (DERIVED / name).is_file(), name
    df = tables.derived(name)
    assert len(df) > 0
    schemas.DERIVED[name].validate(df)


def test_every_source_key_has_metadata():
    meta = tables.sources_meta()
    for name in schemas.DERIVED:
        if name == "sources.csv" or name.endswith("indicator_names.csv") or name.endswith("indicators.csv"):
            continue
        assert set(tables.derived(name)["source"]) <= set(meta.index), name
    assert meta["licence"].str.len().gt(10).all() and meta["coverage"].str.len().gt(10).all()


def test_ris_indicators_long_format():
    df = scores.ris_indicators()
    need = {"code", "indicator_id", "indicator", "year", "value", "edition", "unit", "source", "licence"}
    assert need <= set(df.columns)
    assert df["indicator_id"].nunique() == 21
    assert sorted(df["year"].unique()) == list(range(2016, 2024))
    assert set(df["edition"]) == {"RIS 2023"}
    assert df["indicator"].notna().all()
    # the same regions as the RII table (plus the EU row)
    assert set(df["code"]) - {"EU"} == set(scores.ris2023().index)
    df.loc[:, "value"] = 0  # a copy: the cache is not changed
    assert scores.ris_indicators()["value"].ne(0).any()


@pytest.mark.parametrize("loader", sorted(context.LAYERS))
def test_context_loaders_carry_source_licence_and_coverage(loader):
    df = context.LAYERS[loader]()
    for col in ("source", "edition", "licence", "coverage"):
        assert col in df and df[col].notna().all(), (loader, col)
    assert ("code" in df) or ("country" in df)
    assert ("value" in df) or ("category" in df)
    assert df.attrs["coverage"]


def test_context_facts():
    gdp = context.gdp_pps()
    assert gdp.set_index("code").loc["EU27_2020", "value"] == 38100
    eu23 = gdp[(gdp["year"] == 2023) & gdp["nuts2021_valid"] & (gdp["level"] == 2)]
    assert len(eu23) >= 230
    assert set(gdp.loc[~gdp["nuts2021_valid"], "code"]) >= {"NL35", "NL36", "PT19"}
    w = context.widening()
    assert len(w) == 29 and (w["group"] == "EU Member State").sum() == 15 and "EL" in set(w["country"])
    assert set(context.cohesion()["category"]) == {"less developed", "transition", "more developed"}
    out = context.outermost()
    assert len(out) == 9 and out["code"].isna().sum() == 1  # Saint-Martin: no NUTS 2021 code
    assert len(context.riv()) == 20 and len(context.pri()) == 16


def test_missing_table_names_file_and_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "DERIVED_DIR", tmp_path)
    tables.derived.clear()
    try:
        with pytest.raises(DataUnavailable) as info:
            tables.derived("scores_ris2023_rii.csv")
        msg = str(info.value)
        assert isinstance(info.value, TableUnavailable)
        assert "scores_ris2023_rii.csv" in msg and "not found" in msg
        assert "git checkout" in msg and "python -m data.build_tables" in msg
        (tmp_path / "scores_ris2023_rii.csv").write_text("code,year\nXX,notayear\n")
        tables.derived.clear()
        with pytest.raises(TableUnavailable, match="expected schema"):
            tables.derived("scores_ris2023_rii.csv")
    finally:
        tables.derived.clear()


# --------------------------------------------------------------------------- against the mirror


@pytest.fixture(scope="module")
def shared_data():
    from data.build.common import default_shared

    d = default_shared() / "data"
    if not (d / "scores" / "ris_2023_indicators.csv").is_file():
        pytest.skip(f"shared compilation not found at {d} (set INNOV_MIRROR)")
    return d


def test_committed_tables_are_what_the_build_makes(shared_data):
    """Rebuilding from the mirror gives exactly the committed files (figures carry over, nothing stale)."""
    from data.build import derived_tables

    built = derived_tables(shared_data)
    assert set(built) == set(schemas.DERIVED)
    for name, df in built.items():
        text = df.to_csv(index=False, lineterminator="\n")
        assert text == (DERIVED / name).read_text(encoding="utf-8"), name


def test_indicator_scores_carry_over_exactly(shared_data):
    src = pd.read_csv(shared_data / "scores" / "ris_2023_indicators.csv", dtype=str, keep_default_na=False)
    got = pd.read_csv(DERIVED / "scores_ris2023_indicators.csv", dtype=str, keep_default_na=False)
    assert len(got) == 8 * len(src)
    wide = got.pivot(index=["code", "indicator_id"], columns="year", values="value")
    src["code"] = [("EL" if c[:2] == "GR" else "UK" if c[:2] == "GB" else c[:2]) + c[2:] for c in src["ris_code"]]
    s = src.set_index(["code", "indicator_code"])
    for y in range(2016, 2024):
        assert wide.loc[s.index, str(y)].tolist() == s[f"score_{y}"].str.strip().tolist()


def test_no_third_party_file_committed_verbatim(shared_data):
    shared = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in shared_data.rglob("*.csv")}
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    for rel in tracked.split():
        p = REPO / rel
        if p.is_file():
            assert hashlib.sha256(p.read_bytes()).hexdigest() not in shared, rel


BAD = {  # one broken cell per table: the schema must reject it
    "scores_ris2023_rii.csv": ("group", "Best Innovator"),
    "scores_ris2023_indicators.csv": ("indicator_id", "1.x"),
    "scores_ris2023_indicator_names.csv": ("indicator_id", "one"),
    "scores_ris2019_rii.csv": ("year", 2023),
    "scores_eis2023_sii.csv": ("value", "high"),
    "scores_eurostat.csv": ("source", "ris2023"),
    "context_gdp_pps.csv": ("value", -5),
    "context_widening.csv": ("country", "Greece"),
    "context_cohesion.csv": ("category", "very developed"),
    "context_outermost.csv": ("confidence", "sure"),
    "context_riv.csv": ("source_url", "limburg.nl"),
    "context_pri.csv": ("code", "es61"),
    "sources.csv": ("built_from_sha256", "abc"),
}


@pytest.mark.parametrize("name", sorted(schemas.DERIVED))
def test_each_schema_rejects_a_broken_cell(name):
    import pandera.errors

    col, bad = BAD[name]
    df = pd.read_csv(DERIVED / name, dtype={"code": str, "country": str, "indicator_id": str}).head(5)
    schemas.DERIVED[name].validate(df)  # the real rows pass
    df[col] = df[col].astype(object)
    df.loc[df.index[0], col] = bad
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        schemas.DERIVED[name].validate(df, lazy=True)
