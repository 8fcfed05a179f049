"""AppTest: the region profile's barrier view and link kinds under several filter states."""

from __future__ import annotations

import json

import pytest

from data import barriers, links
from tests.pages.support import assert_valid_charts, open_app, texts

pytestmark = pytest.mark.usefixtures("mirror")


def open_profile(**params: str):
    return open_app("pages/region_profile.py", **params)


def test_barriers_name_strengths_and_weaknesses():
    at = open_profile(region="PL91")
    t = texts(at)
    assert "What holds the region back" in t
    assert "Weakest relative to its group:" in t and "Strongest relative to its group:" in t
    unit = barriers.indicators()["unit"].iloc[0]
    assert f"RIS 2023, 2023 scores, {unit}" in t and "2016 = 100" in unit
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 2 and all(s.get("description") for s in specs)  # RII line + barrier chart
    assert "Weakest relative to its group" in specs[1]["description"]
    assert_valid_charts(at)


def test_region_read_through_its_parent_unit_says_so():
    at = open_profile(region="AT13")
    assert "Scores: parent region AT1" in texts(at)


def test_region_without_ris_scores_is_explained():
    at = open_profile(region="TR10")
    assert any("publishes no indicator scores" in i.value for i in at.info)
    assert not at.exception


def test_filters_that_leave_no_initiative_keep_the_barriers():
    at = open_profile(region="PL91", chain="nuclear", tier="1")
    assert any("not proof of absence" in i.value for i in at.info)
    assert "Weakest relative to its group:" in texts(at)


def test_link_kinds_are_named_and_the_rule_stated():
    at = open_profile(region="BE32")
    t = texts(at)
    assert links.rule_text("regional") in t
    kinds = set(at.dataframe[1].value["link"])
    assert "via parent region" in kinds


def test_context_facts_with_source_and_coverage():
    at = open_profile(region="ITF3")  # Campania: in the (partial) cohesion list
    facts = at.dataframe[-1].value.set_index("context")
    assert facts.at["Cohesion policy category 2021–2027", "value"] == "less developed"
    assert "partial: 42 of 242" in facts.at["Cohesion policy category 2021–2027", "coverage"]
    assert "PPS per inhabitant" in facts.at["GDP per head (PPS)", "value"]
    at = open_profile(region="PL91")
    facts = at.dataframe[-1].value.set_index("context")
    assert facts.at["Cohesion policy category 2021–2027", "value"] == "not in the compiled list (unknown)"
    assert facts.at["Horizon Europe widening country", "value"] == "widening"
