"""AppTest: a committed score or context table missing or broken switches off only what depends
on it, with one notice naming the file and the fix; every page still renders without a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st

from data import tables
from tests.pages.support import open_app, texts

pytestmark = pytest.mark.usefixtures("mirror")  # geometries come from the mirror

PAGES = ["pages/map_explorer.py", "pages/divide_view.py", "pages/region_profile.py", "pages/data_coverage.py"]


def clear_caches() -> None:
    from data import cache

    cache.clear()
    tables.DEGRADED.clear()
    st.cache_data.clear()


@pytest.fixture
def derived_without(tmp_path, monkeypatch):
    """A copy of data/derived with one table removed (or replaced by garbage)."""

    def make(name: str, garbage: bool = False) -> Path:
        d = tmp_path / "derived"
        shutil.copytree(tables.DERIVED_DIR, d)
        if garbage:
            (d / name).write_text("not,a\ntable\n\x00\x01")
        else:
            (d / name).unlink()
        monkeypatch.setattr(tables, "DERIVED_DIR", d)
        clear_caches()
        return d

    yield make
    monkeypatch.undo()
    clear_caches()


def notice(at) -> str:
    return " ".join(w.value for w in at.warning if "switched off" in w.value)


@pytest.mark.parametrize("page", PAGES)
def test_missing_ris_table_keeps_every_page_up(derived_without, page):
    derived_without("scores_ris2023_rii.csv")
    at = open_app(page, metric="rii", region="PL91")
    assert not at.exception
    msg = notice(at)
    assert "data/derived/scores_ris2023_rii.csv" in msg and "file not found" in msg.lower()
    assert "git checkout -- data/derived/scores_ris2023_rii.csv" in msg and "Regional Innovation Index" in msg
    assert len([w for w in at.warning if "switched off" in w.value]) == 1  # one notice


def test_map_still_draws_the_tier_profile_without_ris(derived_without):
    derived_without("scores_ris2023_rii.csv")
    at = open_app(metric="tier")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Tier" in texts(at)


@pytest.mark.parametrize(("name", "shown_on"), [("scores_eis2023_sii.csv", "pages/divide_view.py"),
                                               ("sources.csv", "pages/data_coverage.py"),
                                               ("context_gdp_pps.csv", None)])
def test_other_broken_tables_degrade(derived_without, name, shown_on):
    derived_without(name, garbage=True)
    from data import context, scores

    assert len(scores.values("rii")) > 200  # unaffected
    context.gdp_pps()  # empty when broken, never a traceback
    for page in PAGES:
        at = open_app(page, region="PL91")
        assert not at.exception, (page, at.exception)
        if page == shown_on:
            assert f"data/derived/{name}" in notice(at) and "expected schema" in notice(at), page
