"""data/views.py: what a map view shows (real data) and the tooltip HTML (hand-made rows)."""

from __future__ import annotations

import pandas as pd
import pytest

from components import theme
from components.theme import NO_DATA_COLOUR
from data import model, views
from data.classify import NO_DATA
from data.model import Selection

pytestmark = [
    pytest.mark.filterwarnings("ignore:Numba not installed:UserWarning"),
    pytest.mark.filterwarnings("ignore:Not enough unique values:UserWarning"),
]


# --------------------------------------------------------------------------- tooltip

def row(**over) -> pd.Series:
    base = {"name": "Mazowieckie", "value_text": "103.18", "basis": "region", "value_code": "PL91",
            "t1_direct": 2, "t1_parent": 0, "t1_national": 7, "t1_associated": 1,
            "t2_direct": 0, "t2_parent": 1, "t2_national": 0, "t2_associated": 0,
            "ris_group": "Strong Innovator"}
    base.update(over)
    return pd.Series(base, name="PL91")


def test_tooltip_escapes_every_text_from_data():
    evil = "<script>alert('x')</script>"
    tip = views.tooltip(row(name=evil, value_text="<b>1</b>", ris_group="<img src=x onerror=alert(1)>",
                            basis="parent region", value_code="<i>AT1</i>"), "Index <&>")
    assert "<script>" not in tip and "<img" not in tip and "<i>" not in tip and "<b>1</b>" not in tip
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in tip
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip
    assert "Index &lt;&amp;&gt;" in tip
    assert tip.count("<br>") == 3  # the tooltip's own markup survives


def test_tooltip_escapes_the_region_code():
    tip = views.tooltip(pd.Series(row().to_dict(), name="<x>"), "RII")
    assert "(&lt;x&gt;)" in tip and "<x>" not in tip


def test_tooltip_content():
    tip = views.tooltip(row(), "RII")
    lines = tip.split("<br>")
    assert lines[0] == "<b>Mazowieckie</b> (PL91)"
    assert lines[1] == "RII: 103.18"  # basis 'region': nothing to explain
    # the link kinds of data.links, zeros left out; associated roles named apart from membership
    assert lines[2] == ("Tier 1: 2 in the region, 7 national membership, 1 associated / indirect / EEA · "
                        "Tier 2: 1 via parent region")
    assert lines[3] == "RIS 2023 group: Strong Innovator"
    tip = views.tooltip(row(basis="parent region", value_code="AT1", ris_group=float("nan")), "RII")
    assert "RII: 103.18 (parent region AT1)" in tip
    assert "RIS 2023 group" not in tip


@pytest.mark.parametrize(("value", "unit", "want"), [
    (None, "x", "no data"), (float("nan"), "x", "no data"), (pd.NA, "x", "no data"),
    ("Strong Innovator", "official group", "Strong Innovator"),
    (3.0, "initiatives (count)", "3"), (1234.0, "initiatives (count)", "1,234"),
    (3.0, "index", "3.00"), (108.4711, "index", "108.47"),
])
def test_value_text(value, unit, want):
    assert views._value_text(value, unit) == want


# --------------------------------------------------------------------------- real data

@pytest.fixture(scope="module")
def default_profile(mirror) -> views.MapView:
    return views.map_view(2, Selection(), "profile")


def test_profile_view(default_profile):
    v = default_profile
    assert v.classes.labels == model.PROFILE_CLASSES  # every category in the legend, fixed order
    assert v.classes.colours == tuple(theme.PROFILE_COLOURS.values())
    assert len(v.table) == 334
    assert set(v.table["cls"]) <= set(model.PROFILE_CLASSES)
    assert (v.table["cls"] == v.table["profile"].astype(str)).all()
    assert sum(v.classes.counts) == 334
    assert v.message is None and v.eu_reference is None
    assert v.coverage == "334 NUTS 2 regions shown."
    assert all(t.startswith("<b>") for t in views.tooltips(v.table, v.title))


def test_count_view_has_a_zero_class(mirror):
    v = views.map_view(2, Selection(), "tier1", k=5)
    t = v.table
    zero = "0 (none recorded)"
    assert v.classes.labels[0] == zero
    inside = t["in_scope"]
    n_zero = int((inside & (t["t1_regional"] == 0)).sum())
    assert 0 < n_zero < len(t)
    assert v.classes.counts[0] == n_zero
    assert (t.loc[inside & (t["t1_regional"] == 0), "cls"] == zero).all()
    assert (t.loc[inside & (t["t1_regional"] > 0), "cls"] != zero).all()
    # non-EU regions: their own neutral class, not counted in any class of the scale
    assert (t.loc[~inside, "cls"] == "Outside the scope").all() and (~inside).sum() > 0
    assert v.classes.counts[v.classes.labels.index("Outside the scope")] == int((~inside).sum())
    assert NO_DATA not in v.classes.labels  # counts are never missing
    assert (t["value"] == t["t1_regional"]).all()
    assert v.unit == "initiatives (count)"
    assert (t.loc[t["t1_regional"] == 3, "value_text"] == "3").all()
    assert sum(v.classes.counts) == len(t)


def test_score_view_coverage_names_bases(mirror):
    v = views.map_view(2, Selection(), "rii", 2023)
    t = v.table
    cov = model.coverage(t)
    assert set(cov) == {"region", "parent region", "same territory", "no data"}
    assert v.coverage.startswith("334 NUTS 2 regions shown: ")
    for basis, n in cov.items():
        assert f"{n} {basis}" in v.coverage
    assert sum(cov.values()) == 334
    assert v.title == "Regional Innovation Index 2023 (RIS 2023)"
    assert v.eu_reference == 108.47
    # missing values: grey "No data" class and the text 'no data', never a value of the scale
    missing = t["value"].isna() & t["in_scope"]
    assert (t.loc[~t["in_scope"], "cls"] == "Outside the scope").all()
    assert (t.loc[missing, "cls"] == NO_DATA).all()
    assert (t.loc[missing, "colour"] == NO_DATA_COLOUR).all()
    assert (t.loc[~missing & t["in_scope"], "colour"] != NO_DATA_COLOUR).all()
    assert (t.loc[t["value"].isna(), "value_text"] == "no data").all()
    tips = dict(zip(t.index, views.tooltips(t, v.title), strict=True))
    assert "(parent region AT1)" in tips["AT13"]
    assert v.message is None


def test_categorical_score_view(mirror):
    from data import scores

    v = views.map_view(2, Selection(), "rii_group")
    assert v.classes.labels[:4] == scores.GROUPS
    assert v.table.loc["PL91", "cls"] in scores.GROUPS


@pytest.mark.parametrize("metric", ["profile", "tier1", "rii", "rii_group"])
def test_empty_selection_sets_a_message(mirror, metric):
    v = views.map_view(2, Selection(countries=("XX",)), metric)
    assert v.table.empty
    assert v.message and "No region matches" in v.message
    assert v.coverage == "0 NUTS 2 regions shown."


def test_no_participation_message(mirror):
    v = views.map_view(2, Selection(countries=("PL",), initiatives=("no-such-initiative",)), "tier1")
    assert len(v.table) == 17
    assert v.message and "No participation recorded" in v.message
