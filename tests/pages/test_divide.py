"""AppTest: the Divide page under several filter states, its URL options and the peers widget.

See tests/pages/support.py for why ``to_entrypoint`` is needed after an interaction.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import state as S
from data import divide, gaps, links, model, scope
from data import divide_captions as captions
from tests.pages.support import assert_valid_charts, open_app, open_popovers, texts, to_entrypoint, view

pytestmark = pytest.mark.usefixtures("mirror")


def open_divide(**params: str) -> AppTest:
    return open_app("pages/divide_view.py", **params)


N_SECTIONS = 7


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def test_default_view_renders_every_section():
    at = open_divide()
    t = texts(at)
    assert "The innovation divide" in t
    assert len(at.main.header) == N_SECTIONS  # the sidebar has the filter bar header too
    eu, _ = scope.split(model.region_table(2, model.Selection(), "rii"))
    assert f"Scope: {len(eu)} NUTS 2 regions of the EU27 member states" in t
    assert "RIS 2023" in t and "EIS 2023" in t
    assert links.rule_text("regional") in t
    # group bars (2), GDP band and widening bars (2), three country scatters, two region scatters, Lorenz,
    # two barrier bars, two peer charts
    assert len(charts(at)) == 14
    assert "known for 237 of 242 regions" in t and "widening status of the region's country" in t
    g = gaps.gap_lists(eu)
    assert not at.get("download_button")  # download popovers are lazy: closed, they cost a run nothing
    open_popovers(at)
    keys = {b.key for b in _table_downloads(at)}
    assert ("dl_bridging_csv" in keys, "dl_left_out_csv" in keys) == (len(g.bridging) > 0, len(g.left_out) > 0)
    assert {"dl_shares_csv", "dl_shares_xlsx", "dl_peers_csv", "dl_peers_xlsx"} <= keys  # every table downloads
    assert len(at.get("download_button")) - len(_table_downloads(at)) == 2 * len(charts(at))  # PNG + SVG each
    heads = [h.value for h in at.main.subheader]
    assert captions.gap_headings(g, 2)[0] in heads and captions.gap_headings(g, 2)[1] in heads
    cd = divide.country_divide()
    assert captions.caption_no_ipcei(cd) in t
    # every chart carries its caption as alt text, and is a valid Vega-Lite spec (the app skips
    # altair's validation at run time)
    assert all(json.loads(c.proto.spec).get("description") for c in charts(at))
    assert_valid_charts(at)
    assert not at.info  # nothing is empty by default


def test_country_filter_poland():
    at = open_divide(country="PL")
    t = texts(at)
    n_pl = int((model.region_table(2, model.Selection(countries=("PL",)))["country"] == "PL").sum())
    assert f"Scope: {n_pl} NUTS 2 regions" in t
    assert "The country filter highlights PL" in t
    assert "region with the lowest RII 2023" in t or "bridging candidate" in t or "left-out region" in t
    assert len(charts(at)) >= 8
    assert_valid_charts(at)


def test_hydrogen_tier1_explains_what_is_not_computed():
    at = open_divide(chain="hydrogen", tier="1")
    infos = " ".join(i.value for i in at.info)
    assert "one tier only" in infos  # profile and gap lists need both tiers
    assert "leave out the instruments" in infos  # the Tier 2 scatters
    assert "Tier 2 columns" not in infos
    assert "leave out Tier 2" in texts(at)
    assert len(charts(at)) >= 3


def test_type_filter_of_one_tier_is_not_read_as_zero_links():
    at = open_divide(type="eurocluster")
    infos = " ".join(i.value for i in at.info)
    assert "one tier only" in infos  # no "bridging candidates" made of regions whose Tier 1 was filtered out
    assert "leaves out Tier 1" not in texts(at) and "leave out Tier 1" in texts(at)
    assert not _gap_downloads(open_popovers(at))


def test_filters_that_select_no_initiative():
    at = open_divide(tier="1", type="eurocluster")
    infos = " ".join(i.value for i in at.info)
    assert "No initiative passes these filters" in infos


def test_non_eu_country_is_explained():
    at = open_divide(country="UK")
    assert any("Non-EU countries are outside the scope" in i.value for i in at.info)
    at = open_divide(country="UK", scope="all")
    assert "of the EU27 + EEA/EFTA and candidate countries" in texts(at)


def test_filters_that_empty_the_data_say_so():
    at = open_divide(group="leader", country="RO")
    infos = [i.value for i in at.info]
    assert sum("No NUTS 2 regions in scope match these filters" in i for i in infos) == 6
    assert any("no region matches the filters" in i for i in infos)
    assert not _gap_downloads(open_popovers(at))
    assert len(at.main.header) == N_SECTIONS  # every section still has its heading


def test_country_level_and_nuts3_render():
    at = open_divide(level="0", dgroup="eis")
    assert "27 countries" in texts(at) or "countries of the 27 EU member states" in texts(at)
    at = open_divide(level="0")
    assert any("At country level RIS 2023" in i.value for i in at.info)
    at = open_divide(level="3", region="DE111")
    assert "Suggested from the selected region" in texts(at)


def test_page_options_come_from_the_url():
    at = open_divide(dgroup="eis", dlinks="any")
    assert at.radio(key="w_dgroup").value == "eis"
    assert at.toggle(key="w_dlinks").value is True
    t = texts(at)
    assert "EIS 2023 national performance group" in t and links.rule_text("regional") not in t
    assert links.rule_text("any") in t


def test_page_options_write_state_and_url():
    at = open_divide()
    assert links.rule_text("regional") in texts(at)  # the default: national membership hides the divide
    at.toggle(key="w_dlinks").set_value(True).run()
    at.radio(key="w_dgroup").set_value("eis").run()
    assert not at.exception
    assert (view(at).dlinks, view(at).dgroup) == ("any", "eis")
    assert links.rule_text("regional") not in texts(at)
    to_entrypoint(at)
    assert at.query_params["dlinks"] == "any" and at.query_params["dgroup"] == "eis"


def test_peers_follow_state_and_widget():
    at = open_divide(region="PL91")
    ms = at.multiselect(key="w_peers")
    assert ms.value[0] == "PL91" and 1 < len(ms.value) <= S.MAX_PEERS
    assert view(at).peers == ()  # suggestions are not written to the state
    ms.set_value(["PL91", "DE11"]).run()
    assert not at.exception
    assert view(at).peers == ("PL91", "DE11")
    at = open_divide(peers="DE11,PL91,FR10")
    assert set(at.multiselect(key="w_peers").value) == {"DE11", "PL91", "FR10"}
    assert "Your choice" in texts(at)


def test_state_params_parse_and_encode():
    st, notes = S.parse({"dgroup": "EIS", "dlinks": "any"})
    assert (st.dgroup, st.dlinks, notes) == ("eis", "any", [])
    assert S.encode(st) == {"dgroup": "eis", "dlinks": "any"}
    assert S.encode(S.ViewState(dgroup="ris", dlinks="regional")) == {}  # defaults stay out of the URL
    st, notes = S.parse({"dgroup": "nope", "dlinks": "1"})
    assert (st.dgroup, st.dlinks) == ("ris", "regional") and len(notes) == 2


def _table_downloads(at) -> list:
    """Download buttons other than the chart images (PNG/SVG under every chart)."""
    return [b for b in at.get("download_button") if not str(b.key or "").startswith("dl_chart_")]


def _gap_downloads(at) -> list:
    return [b for b in _table_downloads(at) if str(b.key).startswith(("dl_bridging", "dl_left_out"))]


def test_a_second_visitor_gets_the_same_figures_without_recomputing_them(monkeypatch):
    """A room opening Divide computes each figure once (data/divide_figures.py); the page never
    changes the shared tables it is given."""
    from data import cache
    from data import divide_figures as figures

    cache.clear()
    first = open_divide(country="PL,RO")
    sel = view(first).selection()
    table = figures.scope_table(2, sel)[0]
    before = pd.util.hash_pandas_object(table).sum(), list(table.columns)
    calls = []
    for name in ("group_shares", "region_scatter", "country_divide"):
        real = getattr(divide, name)
        monkeypatch.setattr(divide, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    second = open_divide(country="PL,RO")
    assert not calls  # nothing of the page was computed again
    assert texts(second) == texts(first)
    assert [json.loads(c.proto.spec) for c in charts(second)] == [json.loads(c.proto.spec) for c in charts(first)]
    assert figures.scope_table(2, sel)[0] is table
    assert (pd.util.hash_pandas_object(table).sum(), list(table.columns)) == before
