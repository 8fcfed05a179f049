"""data/divide_figures.py: each Divide section's figures are computed once per view and shared,
equal what the section's functions compute directly, and are not changed by the page."""

from __future__ import annotations

import pandas as pd
import pytest

from data import barriers, cache, divide, gaps, model, peers, scope
from data import divide_captions as captions
from data import divide_figures as figures

pytestmark = pytest.mark.usefixtures("mirror")
PL = model.Selection(countries=("PL",))


def test_a_view_is_computed_once_and_the_same_object_is_shared(monkeypatch):
    cache.clear()
    calls = []
    real = divide.group_shares
    monkeypatch.setattr(divide, "group_shares", lambda *a, **k: calls.append(a[1:]) or real(*a, **k))
    first = figures.group_figures(2, PL, "ris", "regional")
    assert figures.group_figures(2, PL, "ris", "regional") is first  # a second visitor: no work
    assert len(calls) == 1
    assert figures.group_figures(2, PL, "eis", "regional") is not first  # another view is its own
    assert figures.group_figures(2, PL, "ris", "any") is not first
    assert len(calls) == 3
    assert model.region_table(2, PL, "rii") is model.region_table(2, PL, "rii")


def test_the_figures_equal_the_direct_computation():
    cache.clear()
    table, excluded = scope.split(model.region_table(2, PL, "rii"))
    got, got_excluded = figures.scope_table(2, PL)
    pd.testing.assert_frame_equal(got, table)
    pd.testing.assert_series_equal(got_excluded, excluded)
    tiers = divide.counted_tiers(PL)
    pd.testing.assert_frame_equal(figures.group_figures(2, PL, "ris", "any").shares,
                                  divide.group_shares(table, "ris_group", "any", tiers))
    sc, cap = figures.region_figures(2, PL, 2, "regional")
    pd.testing.assert_frame_equal(sc.frame, divide.region_scatter(table, 2, "regional").frame)
    assert cap == captions.caption_region_scatter(sc, len(table), "regional", 2, "RII 2023")
    g = figures.gap_figures(2, PL, "regional")
    pd.testing.assert_frame_equal(g.lists.left_out, gaps.gap_lists(table, "regional").left_out)
    leaders, with_t1 = figures.barrier_figures(2, PL, "regional")
    ind = barriers.indicators()
    want = barriers.separation(ind, barriers.own_units_by(table, table["t1_regional"] > 0),
                               barriers.own_units_by(table, table["t1_regional"] == 0))
    pd.testing.assert_frame_equal(with_t1.table, want)
    assert leaders.a == "Innovation Leaders" and with_t1.n_a + with_t1.n_b > 0
    p = figures.peer_figures(("PL91", "RO11"), 2, PL)
    pd.testing.assert_frame_equal(p.table, peers.peers_table(["PL91", "RO11"], 2, PL))
    assert list(p.table["code"]) == ["PL91", "RO11"]  # a peer outside the country filter is kept


def test_a_tier_not_counted_has_no_separation_rather_than_an_empty_one():
    cache.clear()
    _, with_t1 = figures.barrier_figures(2, model.Selection(tiers=(2,)), "regional")
    assert with_t1.table is None and with_t1.caption == ""


def test_the_suggested_peers_come_from_the_whole_pool_not_the_country_filter():
    cache.clear()
    s = figures.peer_suggestion(2, PL, "regional", "PL91")
    assert s.focus == "PL91" and s.suggested[0] == "PL91"
    assert {c[:2] for c in s.options} > {"PL"}  # the pool ignores the country filter
    assert s.suggested == tuple(peers.suggest_peers("PL91", scope.split(
        model.region_table(2, figures.peer_selection(PL), "rii"))[0]))
