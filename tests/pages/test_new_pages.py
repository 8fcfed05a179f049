"""AppTest: initiative profile, value-chain network and connection finder, incl. unknown ids.

Deep links are opened as in a browser: the first run parses the URL (on the default page) and
the test then switches to the page, so the state comes from the link.
"""

from __future__ import annotations

import pytest

from components.text import md
from data import connections, initiative, model, network, tables
from tests.pages.support import open_app, texts, view

pytestmark = pytest.mark.usefixtures("mirror")
INITIATIVE = "pages/initiative_profile.py"
NETWORK = "pages/value_chain_network.py"
CONNECT = "pages/connection_finder.py"


@pytest.mark.parametrize("iid", ["ipcei_hy2tech", "ia_ech2a", "s3p-energy-hydrogen-valleys", "ec-desire"])
def test_deep_link_opens_the_profile(iid):
    at = open_app(INITIATIVE, init=iid)
    p = initiative.profile(iid)
    assert view(at).initiatives == (iid,)
    assert md(p.name) in [h.value for h in at.main.header]
    assert p.coverage in texts(at)
    frames = [d.value for d in at.dataframe]
    assert any(f.equals(p.facts) for f in frames)
    assert any(list(f.columns) == list(p.sources.columns) and len(f) == len(p.sources) for f in frames)
    assert not at.warning


def test_unknown_initiative_id_is_friendly_with_close_matches():
    at = open_app(INITIATIVE, init="ipcei_hy2tek")
    assert not at.exception
    warn = " ".join(w.value for w in at.warning)
    assert f"No initiative “{md('ipcei_hy2tek')}” in the data." in warn
    assert "Did you mean:" in texts(at)
    assert not at.main.header  # no profile drawn


def test_empty_profile_page_asks_for_a_choice():
    at = open_app(INITIATIVE)
    assert "Choose an initiative above" in texts(at)


def test_choosing_another_initiative_updates_the_state():
    at = open_app(INITIATIVE, init="ipcei_hy2tech")
    at.selectbox[0].select("ec-desire").run()
    assert view(at).initiatives == ("ec-desire",)
    assert md(initiative.profile("ec-desire").name) in [h.value for h in at.main.header]


def test_network_for_hydrogen_draws_map_graph_and_tables():
    at = open_app(NETWORK, chain="hydrogen")
    net = network.network(model.Selection(chains=("hydrogen",)), 0)
    assert len(net.edges) > 0
    assert network.summary(net) in texts(at)
    assert len(at.get("vega_lite_chart")) == 1
    pairs = network.pairs(net, tables.initiatives(), limit=100)
    assert any(d.value.equals(pairs) for d in at.dataframe)
    assert "Betweenness" in texts(at) or "betweenness" in texts(at)


def test_network_level_from_the_url():
    at = open_app(NETWORK, chain="hydrogen", nlevel="2")
    assert view(at).nlevel == 2
    assert network.summary(network.network(model.Selection(chains=("hydrogen",)), 2)) in texts(at)


def test_network_with_nothing_shared_says_so():
    at = open_app(NETWORK, chain="nuclear")  # one SMR alliance without located members
    assert "No two places share an initiative" in texts(at)


def test_connection_finder_for_a_region():
    code = "ES24"  # Aragón: lead of the European Hydrogen Valleys S3 partnership
    at = open_app(CONNECT, region=code)
    c = connections.connections(code)
    assert len(c.tier1) > 0
    frames = [d.value for d in at.dataframe]
    assert any(f.equals(c.nearest) for f in frames)
    assert "Hy2Tech" in set(c.tier1["initiative"])


def test_unknown_region_code_offers_close_matches():
    at = open_app(CONNECT, region="ES2X")
    warn = " ".join(w.value for w in at.warning)
    assert f"No region or country “{md('ES2X')}” in the data." in warn
    assert "Did you mean:" in texts(at)


def test_search_box_finds_and_links():
    at = open_app()
    at.sidebar.text_input[0].input("hy2te").run()
    links = [(e.proto.page, e.proto.label, e.proto.query_string) for e in at.sidebar.get("page_link")]
    assert links[0] == ("initiative", "Hy2Tech — IPCEI · Tier 1", "init=ipcei_hy2tech")


def test_search_hit_for_a_region_carries_the_filters():
    at = open_app(chain="hydrogen")
    at.sidebar.text_input[0].input("aragon").run()
    page, label, qs = next((e.proto.page, e.proto.label, e.proto.query_string) for e in at.sidebar.get("page_link"))
    assert (page, label.replace("\\", "")) == ("region", "Aragón (ES24) — NUTS 2 region in ES")  # md-escaped
    assert set(qs.split("&")) == {"chain=hydrogen", "region=ES24"}


def test_search_box_says_when_nothing_matches():
    at = open_app()
    at.sidebar.text_input[0].input("qqqzzz").run()
    assert "Nothing found for “qqqzzz”." in texts(at)


def test_filter_chip_links_to_the_profile():
    at = open_app(init="ipcei_hy2tech,ec-desire")
    links = {(e.proto.label, e.proto.query_string) for e in at.sidebar.get("page_link")}
    assert (f"Profile: {md('Hy2Tech · IPCEI')}", "init=ipcei_hy2tech") in links
    assert any(label.startswith("Profile: DESIRE") and q == "init=ec-desire" for label, q in links)


def _frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_region_profile_and_map_panel_link_to_profiles():
    at = open_app("pages/region_profile.py", region="ES24", chain="hydrogen")
    prof = _frame_with(at, "profile")
    assert "initiative?chain=hydrogen&init=s3p-energy-hydrogen-valleys&region=ES24" in set(prof["profile"])
    assert any(e.proto.page == "connections" and "region=ES24" in e.proto.query_string
               for e in at.main.get("page_link"))
    at = open_app(region="ES24")  # the map page's region panel
    assert "initiative?init=s3p-energy-hydrogen-valleys&region=ES24" in set(_frame_with(at, "profile")["profile"])


def test_divide_bridging_candidates_link_to_the_connection_finder():
    at = open_app("pages/divide_view.py")
    df = _frame_with(at, "Tier 1 connections")
    assert df["Tier 1 connections"].str.startswith("connections?").all()
    assert (df["Tier 1 connections"] == "connections?region=" + df["code"]).all()
