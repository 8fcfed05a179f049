"""The value-chain network page's server-side work, against a naive baseline.

    .venv/bin/python bench/bench_network.py [--calls 5]

Per view (all initiatives at NUTS 2, hydrogen at country level):

* network - ``data.network.build`` (memberships, edges, networkx centrality and layout); the page
  hits ``data.network.network``'s per-process cache after the first visit, so this is first-visit cost;
* map     - the folium map built and rendered to HTML: ours (links as one GeoJSON layer serialised
  once) vs. the naive way (one folium.PolyLine per link, each rendered through jinja);
* chart   - the altair node-link chart serialised to Vega-Lite JSON.

Target: map render < 300 ms for the EU NUTS 2 network. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fmt_kb, fmt_ms, machine, median_ms, ratio, save_results, table, time_calls

TARGET_MAP_MS = 300


def naive_map(nodes, edges, max_edges: int):
    import folium

    from components import place_map

    m = place_map._base()
    for e in edges.head(max_edges).itertuples():
        a, b = nodes.loc[e.a], nodes.loc[e.b]
        folium.PolyLine([[a["lat"], a["lon"]], [b["lat"], b["lon"]]], color=place_map.EDGE_COLOURS[e.tier_class],
                        weight=1 + e.weight, tooltip=html.escape(f"{a['name']} – {b['name']}")).add_to(m)
    return m


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=5)
    args = ap.parse_args()

    from components import network_chart, place_map
    from data import geodata, model, network, tables

    ini, par, reg = tables.initiatives(), tables.participation(), geodata.registry()
    geodata.geometries(0, "60M")  # loaded once per process by every page
    rows = []
    for label, sel, level in (("all initiatives, NUTS 2", model.Selection(), 2),
                              ("hydrogen, countries", model.Selection(chains=("hydrogen",)), 0)):
        build = median_ms(time_calls(lambda s=sel, lv=level: network.build(ini, par, reg, s, lv), args.calls))
        net = network.build(ini, par, reg, sel, level)
        ours = median_ms(time_calls(lambda n=net: place_map.network_map(n.nodes, n.edges, 400).get_root().render(),
                                    args.calls))
        naive = median_ms(time_calls(lambda n=net: naive_map(n.nodes, n.edges, 400).get_root().render(), args.calls))
        size = len(place_map.network_map(net.nodes, net.edges, 400).get_root().render())
        chart = median_ms(time_calls(lambda n=net: network_chart.chart(n.nodes, n.edges).to_json(), args.calls))
        rows.append([label, f"{len(net.nodes)} / {len(net.edges)}", fmt_ms(build), fmt_ms(naive), fmt_ms(ours),
                     ratio(naive, ours), fmt_kb(size), fmt_ms(chart)])
    headers = ["view", "places / links", "network build", "map naive", "map ours", "naive/ours", "map HTML",
               "chart JSON"]
    print(f"bench_network ({machine()}); map target < {TARGET_MAP_MS} ms\n")
    print(table(headers, rows))
    save_results("bench_network", headers, rows)


if __name__ == "__main__":
    main()
