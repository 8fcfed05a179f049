"""data/network.py on the hand-made world of fixtures_network (expectations computed by hand)."""

from __future__ import annotations

import pytest

from data import model
from data import network as N
from tests.data.fixtures_network import INI, PAR, REG


def net(level: int, **sel) -> N.Network:
    return N.build(INI, PAR, REG, model.Selection(**sel), level)


def edge_map(n: N.Network) -> dict[tuple[str, str], tuple[int, int, int, str, bool]]:
    return {(r.a, r.b): (r.weight, r.t1, r.t2, r.tier_class, bool(r.cross_border)) for r in n.edges.itertuples()}


def test_nuts2_edges_and_weights():
    # I1 sites AA11, BB21 (its country row CC is not spread over CC's regions);
    # I2 AA11, AA12, BB21; I3 AA12, CC11; I4 only CC11 (no pair)
    assert edge_map(net(2)) == {
        ("AA11", "BB21"): (2, 1, 1, "Both tiers", True),   # I1 + I2
        ("AA11", "AA12"): (1, 0, 1, "Tier 2", False),      # I2, same country
        ("AA12", "BB21"): (1, 0, 1, "Tier 2", True),       # I2
        ("AA12", "CC11"): (1, 0, 1, "Tier 2", True),       # I3
    }


def test_country_edges_count_every_located_row():
    # I1: AA (site + HQ row), BB, CC (member state); I2: AA, BB; I3: AA, CC; I4: CC
    assert edge_map(net(0)) == {
        ("AA", "BB"): (2, 1, 1, "Both tiers", True),
        ("AA", "CC"): (2, 1, 1, "Both tiers", True),
        ("BB", "CC"): (1, 1, 0, "Tier 1", True),
    }


def test_centrality_by_hand():
    n = net(2).nodes
    # triangle AA11-AA12-BB21 with CC11 hanging off AA12
    assert n["partners"].to_dict() == {"AA11": 2, "AA12": 3, "BB21": 2, "CC11": 1}
    assert n["strength"].to_dict() == {"AA11": 3, "AA12": 3, "BB21": 3, "CC11": 1}
    assert n.at["AA12", "degree_centrality"] == pytest.approx(1.0)
    assert n.at["AA11", "degree_centrality"] == pytest.approx(2 / 3)
    # AA12 lies on the only shortest paths AA11-CC11 and BB21-CC11: 2 of the 3 pairs of others
    assert n["betweenness"].to_dict() == pytest.approx({"AA11": 0, "AA12": 2 / 3, "BB21": 0, "CC11": 0})


def test_bridging_counts_chains_and_ecosystems():
    n = net(2).nodes
    assert n.loc["AA12", ["initiatives", "chains", "ecosystems"]].tolist() == [2, 2, 3]  # I2+I3: E1 E2 E3
    assert n.loc["AA11", ["initiatives", "chains", "ecosystems"]].tolist() == [2, 1, 2]  # I1+I2, both Hydrogen
    assert n.loc["CC11", ["initiatives", "chains", "ecosystems"]].tolist() == [2, 2, 2]  # I3+I4
    assert n.at["AA12", "chain_names"] == "Hydrogen, Textile"


def test_chain_and_tier_filters():
    assert set(edge_map(net(2, chains=("hydrogen",)))) == {("AA11", "BB21"), ("AA11", "AA12"), ("AA12", "BB21")}
    assert edge_map(net(2, tiers=(1,))) == {("AA11", "BB21"): (1, 1, 0, "Tier 1", True)}


def test_country_filter_keeps_the_countrys_ties_abroad():
    n = net(2, countries=("BB",))
    assert set(edge_map(n)) == {("AA11", "BB21"), ("AA12", "BB21")}
    assert set(n.nodes.index) == {"AA11", "AA12", "BB21"}


def test_cross_border_pairs_ranked():
    p = N.pairs(net(2), INI)
    assert list(zip(p["place A"], p["place B"], p["shared initiatives"], strict=True)) == [
        ("Alpha (AA11)", "Gamma (BB21)", 2),
        ("Beta (AA12)", "Delta (CC11)", 1),
        ("Beta (AA12)", "Gamma (BB21)", 1),
    ]
    assert p.at[0, "initiatives"] == "H-IPCEI; H-valleys" and list(p["rank"]) == [1, 2, 3]


def test_layout_is_deterministic_and_empty_network_is_fine():
    a, b = net(2).nodes[["x", "y"]], net(2).nodes[["x", "y"]]
    assert a.equals(b) and a.notna().all().all()
    empty = net(2, chains=("nuclear",))
    assert empty.nodes.empty and empty.edges.empty
    assert N.pairs(empty, INI).empty and N.places_table(empty).empty
    assert N.summary(empty).startswith("0 NUTS 2 regions · 0 links (0 cross-border) · 0 initiatives")
