"""The value-chain network: which places take part in the same initiatives.

Pure functions over frames. A *place* is a country (level 0) or a NUTS 1 / NUTS 2 region. A
place takes part in an initiative when a participation row is placed in it or inside it (the
model's ``direct`` link): at level 0 every located row counts; at NUTS 1/2 a row known only by
country (an IPCEI member state, an HQ-only participant) is *not* spread over the country's
regions, because the sources do not say where in the country it is. Associated, indirect-partner
and EEA roles are not membership (data/links.py) and make no place a participant here.

Two places are linked by an edge when they take part in at least one common initiative; the
edge's weight is the number of such initiatives (split by tier). Measures per place, computed
with networkx on the undirected graph:

* partners      - degree: number of other places it shares at least one initiative with;
* strength      - weighted degree: sum of its edge weights (place-initiative-place ties);
* degree centrality - partners / (number of places - 1);
* betweenness   - share of the shortest paths (in hops, unweighted) between two other places
  that pass through it, normalised by (n-1)(n-2)/2 pairs: a broker between groups scores high;
* value chains / ecosystems bridged - distinct value chains / industrial ecosystems of the
  initiatives it takes part in (cross-sectoral reach).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from data import cache, model

CENTRALITY_DEFINITIONS = {
    "partners": "Degree: number of other places sharing at least one initiative with this place.",
    "strength": "Weighted degree: sum of the edge weights, i.e. shared initiatives counted once per partner.",
    "degree_centrality": "Partners divided by the number of other places in the network (0 to 1).",
    "betweenness": "Share of shortest paths (in hops) between two other places that pass through this "
                   "place, normalised to 0-1: high for brokers between otherwise separate groups.",
    "chains": "Distinct value chains of the initiatives the place takes part in.",
    "ecosystems": "Distinct industrial ecosystems of those initiatives (cross-sectoral reach).",
}
TIER_CLASSES = ("Tier 1", "Tier 2", "Both tiers")
LAYOUT_SEED = 7


@dataclass(frozen=True)
class Network:
    level: int
    memberships: pd.DataFrame  # place, initiative_id, tier, chain, ecosystems
    nodes: pd.DataFrame  # index place: name, country, lon, lat, measures, x, y
    edges: pd.DataFrame  # a, b, weight, t1, t2, tier_class, cross_border, initiatives


def memberships(par: pd.DataFrame, ini: pd.DataFrame, places: pd.Index, level: int) -> pd.DataFrame:
    """(place, initiative_id, tier, value_chain, ecosystem_list) for the initiatives in ``ini``."""
    links = model.link_table(par, places, level)
    links = links[links["link"] == "direct"]
    cols = ["initiative_id", "short_name", "value_chain", "ecosystem_list"]
    m = links.rename(columns={"target": "place"}).merge(ini[cols], on="initiative_id")
    return m[["place", "initiative_id", "short_name", "tier", "value_chain", "ecosystem_list"]]\
        .sort_values(["place", "initiative_id"]).reset_index(drop=True)


def edges(memb: pd.DataFrame, countries: pd.Series) -> pd.DataFrame:
    """One row per pair of places (a < b) sharing initiatives: weight = shared initiatives."""
    rows = []
    for (iid, tier), g in memb.groupby(["initiative_id", "tier"], sort=True):
        for a, b in itertools.combinations(sorted(set(g["place"])), 2):
            rows.append((a, b, iid, tier))
    cols = ["a", "b", "weight", "t1", "t2", "tier_class", "cross_border", "initiatives"]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows, columns=["a", "b", "initiative_id", "tier"])
    out = df.groupby(["a", "b"]).agg(
        weight=("initiative_id", "nunique"),
        t1=("tier", lambda t: int((t == 1).sum())),
        t2=("tier", lambda t: int((t == 2).sum())),
        initiatives=("initiative_id", lambda s: tuple(sorted(s))),
    ).reset_index()
    out["tier_class"] = [TIER_CLASSES[2] if t1 and t2 else TIER_CLASSES[0] if t1 else TIER_CLASSES[1]
                         for t1, t2 in zip(out["t1"], out["t2"], strict=True)]
    out["cross_border"] = out["a"].map(countries).values != out["b"].map(countries).values
    return out.sort_values(["weight", "a", "b"], ascending=[False, True, True])[cols].reset_index(drop=True)


def graph(edg: pd.DataFrame, nodes: list[str]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from(edg[["a", "b", "weight"]].itertuples(index=False, name=None))
    return g


def centrality(edg: pd.DataFrame, nodes: list[str]) -> pd.DataFrame:
    """partners, strength, degree_centrality, betweenness per place (see module docstring)."""
    g = graph(edg, nodes)
    out = pd.DataFrame(index=pd.Index(nodes, name="place"))
    out["partners"] = pd.Series(dict(g.degree()), dtype=int)
    out["strength"] = pd.Series(dict(g.degree(weight="weight")), dtype=int)
    out["degree_centrality"] = pd.Series(nx.degree_centrality(g)) if len(g) > 1 else 0.0
    out["betweenness"] = pd.Series(nx.betweenness_centrality(g, normalized=True))
    return out.fillna(0)


def bridging(memb: pd.DataFrame) -> pd.DataFrame:
    """Per place: initiatives, distinct value chains and ecosystems bridged, and their names."""
    eco = memb.explode("ecosystem_list")
    out = memb.groupby("place").agg(initiatives=("initiative_id", "nunique"),
                                    chains=("value_chain", "nunique"),
                                    chain_names=("value_chain", lambda s: ", ".join(sorted(set(s)))))
    out["ecosystems"] = eco.dropna(subset=["ecosystem_list"]).groupby("place")["ecosystem_list"].nunique()
    out["ecosystem_names"] = eco.dropna(subset=["ecosystem_list"]).groupby("place")["ecosystem_list"]\
        .agg(lambda s: ", ".join(sorted(set(s))))
    return out.fillna({"ecosystems": 0, "ecosystem_names": ""}).astype({"ecosystems": int})


def layout(edg: pd.DataFrame, nodes: list[str], seed: int = LAYOUT_SEED) -> pd.DataFrame:
    """x, y of a force-directed (Fruchterman-Reingold) layout, heavier edges pulling closer."""
    if not nodes:
        return pd.DataFrame(columns=["x", "y"])
    pos = nx.spring_layout(graph(edg, nodes), weight="weight", seed=seed)
    return pd.DataFrame.from_dict(pos, orient="index", columns=["x", "y"])


def build(ini: pd.DataFrame, par: pd.DataFrame, reg: pd.DataFrame, sel: model.Selection,
          level: int) -> Network:
    """The network of the selection's initiatives at ``level`` (0, 1, 2).

    A country filter keeps the places of those countries and their partners abroad (the edges
    touching a selected country).
    """
    ini = model.selected_initiatives(ini, model.Selection(
        chains=sel.chains, ecosystems=sel.ecosystems, tiers=sel.tiers, types=sel.types,
        initiatives=sel.initiatives))
    places = pd.Index(reg.index[reg["level"] == level])
    memb = memberships(par, ini, places, level)
    edg = edges(memb, reg["country"])
    if sel.countries:
        touch = edg["a"].map(reg["country"]).isin(sel.countries) | edg["b"].map(reg["country"]).isin(sel.countries)
        edg = edg[touch].reset_index(drop=True)
        keep = set(edg["a"]) | set(edg["b"]) | set(memb.loc[memb["place"].map(reg["country"])
                                                            .isin(sel.countries), "place"])
        memb = memb[memb["place"].isin(keep)].reset_index(drop=True)
    nodes = sorted(set(memb["place"]))
    nd = reg.loc[nodes, ["name", "country", "lon", "lat"]]
    nd = nd.join(centrality(edg, nodes)).join(bridging(memb)).join(layout(edg, nodes))
    nd.index.name = "place"
    return Network(level=level, memberships=memb, nodes=nd, edges=edg)


def pairs(net: Network, ini: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Cross-border pairs ranked by shared initiatives (then Tier 1 ties), with their names."""
    e = net.edges[net.edges["cross_border"].astype(bool).to_numpy()]  # (an empty column is object-typed)
    names = dict(zip(ini["initiative_id"], ini["short_name"], strict=True))
    label = net.nodes["name"] + " (" + net.nodes.index + ")"
    out = pd.DataFrame({
        "place A": e["a"].map(label), "place B": e["b"].map(label),
        "shared initiatives": e["weight"], "tier 1": e["t1"], "tier 2": e["t2"],
        "initiatives": e["initiatives"].map(lambda t: "; ".join(names.get(i, i) for i in t)),
    }).sort_values(["shared initiatives", "tier 1", "place A", "place B"],
                   ascending=[False, False, True, True], kind="stable")
    out.insert(0, "rank", range(1, len(out) + 1))
    return out.head(limit).reset_index(drop=True) if limit else out.reset_index(drop=True)


@cache.resource(max_entries=32)
def network(sel: model.Selection, level: int) -> Network:
    from data import geodata, tables

    return build(tables.initiatives(), tables.participation(), geodata.registry(), sel, level)


def places_table(net: Network) -> pd.DataFrame:
    """The places with their measures, most connected first (columns as named in the UI)."""
    n = net.nodes.reset_index()
    out = pd.DataFrame({
        "place": n["name"] + " (" + n["place"] + ")", "country": n["country"],
        "partners": n["partners"], "strength": n["strength"],
        "degree_centrality": n["degree_centrality"].round(3), "betweenness": n["betweenness"].round(3),
        "initiatives": n["initiatives"], "chains": n["chains"], "ecosystems": n["ecosystems"],
        "value chains bridged": n["chain_names"], "ecosystems bridged": n["ecosystem_names"],
    })
    return out.sort_values(["strength", "betweenness", "place"], ascending=[False, False, True]).reset_index(drop=True)


def summary(net: Network) -> str:
    """One line: places, links, cross-border links, initiatives, and which rows count."""
    what = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}[net.level]
    cross = int(net.edges["cross_border"].sum()) if len(net.edges) else 0
    basis = ("every located row counts (member states, sites, partner regions)" if net.level == 0 else
             "rows placed in a region or inside it count; rows known only by country are left out")
    return (f"{len(net.nodes)} {what} · {len(net.edges)} links ({cross} cross-border) · "
            f"{net.memberships['initiative_id'].nunique()} initiatives · {basis}.")
