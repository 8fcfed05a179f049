"""AppTest: the map explorer page, the shared filters and the URL state."""

from __future__ import annotations

import pytest

from components import state as S
from data import scores
from tests.pages.support import open_app, open_more_filters, texts, view
from tests.pages.support import to_entrypoint as rerun

run = open_app
pytestmark = pytest.mark.usefixtures("mirror")  # real geometries and tables


def test_default_view_renders_map_legend_and_attribution():
    at = run()
    t = texts(at)
    assert "Where EU industrial innovation support lands" in t
    assert "© EuroGeographics for the administrative boundaries" in t
    assert "Tier profile" in t and "National-level only" in t and "No link recorded" in t
    assert len(at.get("component_instance")) == 1  # the folium map
    assert dict(at.query_params) == {}


def test_newcomer_path_poland_hydrogen_two_interactions():
    at = run()
    at.sidebar.multiselect(key="w_country").set_value(["PL"])
    rerun(at)
    at.sidebar.multiselect(key="w_chain").set_value(["hydrogen"])
    rerun(at)
    assert dict(at.query_params) == {"country": "PL", "chain": "hydrogen"}
    assert "17 NUTS 2 regions shown" in texts(at)
    assert view(at).metric == "profile" and view(at).level == 2


@pytest.mark.parametrize(
    ("key", "value", "field", "expected", "param"),
    [
        ("w_country", ["DE", "FR"], "countries", ("DE", "FR"), "DE,FR"),
        ("w_chain", ["batteries"], "chains", ("batteries",), "batteries"),
        ("w_eco", ["health"], "ecosystems", ("health",), "health"),
        ("w_type", ["ipcei"], "types", ("ipcei",), "ipcei"),
        ("w_init", ["ipcei_hy2tech"], "initiatives", ("ipcei_hy2tech",), "ipcei_hy2tech"),
        ("w_group", ["emerging"], "groups", ("emerging",), "emerging"),
    ],
)
def test_each_multiselect_filter_updates_state_url_and_map(key, value, field, expected, param):
    at = run()
    if key not in ("w_country", "w_chain"):
        open_more_filters(at)
    at.sidebar.multiselect(key=key).set_value(value)
    rerun(at)
    assert not at.exception
    assert getattr(view(at), field) == expected
    url_name = {v: k for k, v in S.MULTI.items()}[field]
    assert at.query_params[url_name] == param


def test_tier_filter_changes_counts():
    at = run(country="PL")
    at.sidebar.button_group(key="w_tier").set_value("2")
    rerun(at)
    assert view(at).tier == "2"
    assert at.query_params["tier"] == "2"
    # Tier 2 only: Polish national IPCEI memberships no longer count
    t = texts(at)
    assert "Tier profile" in t


def test_group_filter_that_empties_the_view_shows_message_and_context_map():
    at = run(country="RO", group="leader")
    t = texts(at)
    assert "No region matches these filters" in t
    assert len(at.get("component_instance")) == 1  # the map still draws (context only)


def test_value_chain_with_no_participation_in_country_says_so():
    at = run(country="MT", chain="textile", tier="1")
    assert "No participation recorded for this selection" in texts(at)


@pytest.mark.parametrize("metric", list(S.METRICS))
def test_every_metric_renders_with_edition(metric):
    at = run(metric=metric)
    t = texts(at)
    if metric in scores.SCORES:
        assert scores.SCORES[metric].edition in t
        assert "Coverage:" in t
    assert "No data" in t or metric in S.PARTICIPATION_METRICS or "regions shown" in t


@pytest.mark.parametrize("scheme", list(S.SCHEMES))
@pytest.mark.parametrize("k", [3, 7])
def test_classification_schemes(scheme, k):
    at = run(metric="rii", scheme=scheme, k=str(k))
    assert view(at).scheme == scheme and view(at).k == k
    legend = "\n".join(getattr(e, "body", "") for e in at.get("html"))
    assert legend.count("ie-legend-row") == k + 1  # k classes + "No data"


def test_classification_widget_updates_url():
    at = run(metric="gerd")
    at.sidebar.selectbox(key="w_scheme").set_value("natural")
    rerun(at)
    assert at.query_params["scheme"] == "natural"


def test_year_widget_for_ris_series():
    at = run(metric="rii")
    at.sidebar.select_slider(key="w_year").set_value(2016)
    rerun(at)
    assert at.query_params["year"] == "2016"
    assert "Regional Innovation Index 2016" in texts(at)


def test_level_widget():
    at = run()
    at.sidebar.button_group(key="w_level").set_value(0)
    rerun(at)
    assert at.query_params["level"] == "0"
    assert "countries (NUTS 0) shown" in texts(at)


def test_url_round_trip_state_url_state():
    params = {"country": "DE,FR", "chain": "hydrogen", "tier": "1", "level": "1", "metric": "rii",
              "year": "2019", "scheme": "equal", "k": "4", "region": "DE1"}
    at = run(**params)
    assert dict(at.query_params) == params
    v = view(at)
    assert v.countries == ("DE", "FR") and v.level == 1 and v.metric == "rii" and v.year == 2019
    assert S.encode(v) == params
    assert at.sidebar.multiselect(key="w_country").value == ["DE", "FR"]
    assert at.sidebar.multiselect(key="w_chain").value == ["hydrogen"]


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"level": "9"}, "level"),
        ({"metric": "<script>alert(1)</script>"}, "metric"),
        ({"country": "XX,PL"}, "XX"),
        ({"foo": "bar"}, "foo"),
        ({"k": "-1"}, "k"),
        ({"region": "ZZ99"}, "region"),
        ({"chain": "'; DROP TABLE x;--"}, "chain"),
    ],
)
def test_garbage_params_are_dropped_with_visible_notice(params, notice):
    at = run(**params)
    warnings = [w.value for w in at.warning]
    assert any(notice in w and "Ignored" in w for w in warnings), warnings
    for k in params:
        if k != "country":
            assert k not in at.query_params


def test_reserved_params_are_left_alone():
    at = run(embed="true", country="PL")
    assert not at.warning
    assert at.query_params["embed"] == "true"


def test_state_survives_page_switch():
    at = run(country="PL", chain="hydrogen", metric="rii")
    at.switch_page("pages/divide_view.py")
    at.run()
    assert not at.exception
    at.query_params.clear()  # a browser page switch may drop the query string
    rerun(at)
    assert at.query_params["country"] == "PL" and at.query_params["metric"] == "rii"
    assert view(at).chains == ("hydrogen",)


def test_region_deep_link_shows_side_panel():
    at = run(region="PL91")
    assert any("Warszawski stołeczny (PL91)" in s.value for s in at.subheader)


MORE = ("w_eco", "w_type", "w_init", "w_group")


def _sidebar_keys(at) -> set[str]:
    return {w.key for w in at.sidebar.multiselect}


def test_more_filters_are_drawn_only_while_open():
    """Collapsed, "More filters" costs a run nothing (its four lists, the initiatives one ~8 KB, are
    not built or sent); opened, they are there with the view's values."""
    at = run()
    assert not _sidebar_keys(at) & set(MORE)
    assert [e.label for e in at.sidebar.expander] == ["More filters"]
    open_more_filters(at)
    assert set(MORE) <= _sidebar_keys(at)
    assert at.sidebar.multiselect(key="w_init").value == []


def test_a_link_with_a_more_filter_opens_them_and_a_user_can_collapse_them():
    at = run(eco="health", group="emerging")
    assert set(MORE) <= _sidebar_keys(at)  # a filter in force is never hidden
    assert at.sidebar.multiselect(key="w_eco").value == ["health"]
    assert at.sidebar.multiselect(key="w_group").value == ["emerging"]
    at.session_state["pop_more_filters"] = False  # the user collapses it
    rerun(at)
    assert not _sidebar_keys(at) & set(MORE)
    assert view(at).ecosystems == ("health",)  # collapsing hides the lists, the filters still apply
    at.sidebar.multiselect(key="w_country").set_value(["PL"])
    rerun(at)
    assert not _sidebar_keys(at) & set(MORE)  # and it stays collapsed while the user works


@pytest.mark.parametrize(("key", "field", "kept"), [("w_tier", "tier", "1"), ("w_level", "level", 1)])
def test_a_required_control_reporting_no_value_keeps_the_view(key, field, kept):
    """A required segmented control reports None when its state was lost (a fast page switch, found
    by the e2e upload test under load): the view keeps its value, no traceback."""
    at = run(country="PL", **{"tier" if field == "tier" else "level": str(kept)})
    at.sidebar.button_group(key=key).set_value(None)
    rerun(at)
    assert not at.exception
    assert getattr(view(at), field) == kept
    assert at.query_params["tier" if field == "tier" else "level"] == str(kept)
