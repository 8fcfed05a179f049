"""Stories: the shipped file, computed captions, stories packed from links."""

from __future__ import annotations

import re

import pytest

from components import state as S
from data import stories

# the digits a caption template may contain: names, not figures
NAMED_DIGITS = re.compile(r"Tier [12]|NUTS [0-3]|RIS 20\d\d|EIS 20\d\d")


def test_three_stories_from_the_policy_claims():
    s = stories.load()
    assert [st.title for st in s.values()] == [
        "Tier 1 concentrates in innovation leaders",
        "Who is left out: Romania, Bulgaria, Poland",
        "Hydrogen across borders",
    ]
    assert all(len(st.steps) >= 3 for st in s.values())


@pytest.mark.parametrize("story", sorted(stories.load()))
def test_captions_hold_no_hard_coded_numbers_and_known_placeholders(story):
    for step in stories.load()[story].steps:
        text = re.sub(r"\{[a-z0-9_]+\}", "", step.caption)  # placeholders are filled from the data
        assert not re.search(r"\d", NAMED_DIGITS.sub("", text)), step.caption
        assert stories.placeholders(step.caption) <= FACT_NAMES, step.caption


def test_every_step_view_is_a_valid_link(mirror):
    for st in stories.load().values():
        for step in st.steps:
            _, notices = S.parse(stories.query_params(step.view))
            assert notices == [], (st.id, step.view)


FACT_NAMES = {
    "regions", "level_name", "countries", "country_names", "initiatives", "with_tier1", "share_tier1",
    "with_tier2", "share_tier2", "with_regional", "share_regional", "with_none_regional", "share_none_regional",
    "with_any", "countries_regional", "countries_any", "top_tier1", "top_tier2", "top_regional",
    "n_leader", "n_strong", "n_moderate", "n_emerging", "t1_share_leader", "t1_share_strong",
    "t1_share_moderate", "t1_share_emerging", "metric_title", "coverage",
}


def test_facts_are_computed_from_the_view(mirror):
    from data.model import Selection
    from data.views import map_view

    v = map_view(2, Selection(countries=("BG", "PL", "RO")), "profile")
    f = stories.facts(v, 2, {"BG": "Bulgaria", "PL": "Poland", "RO": "Romania"})
    assert set(f) == FACT_NAMES
    t = v.table
    reg = (t["t1_regional"] + t["t2_regional"]) > 0
    assert f["regions"] == str(len(t))
    assert f["with_regional"] == str(int(reg.sum()))
    assert f["with_none_regional"] == str(int((~reg).sum()))
    assert f["share_none_regional"] == f"{(~reg).mean():.0%}"
    assert f["country_names"] == "Bulgaria, Poland and Romania"
    cap = stories.caption("{with_none_regional} of {regions}", f)
    assert cap == f"{int((~reg).sum())} of {len(t)}"


def test_caption_never_raises():
    assert stories.caption("{nope} and {regions}", {"regions": "3"}) == "{unknown: nope} and 3"
    assert "caption template error" in stories.caption("{regions", {"regions": "3"})


def test_pack_roundtrip_and_garbage():
    qs = ["country=PL&chain=hydrogen", "metric=rii&level=1"]
    token = stories.pack(qs)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert stories.unpack(token) == qs
    assert stories.unpack("not-a-token") == []
    assert stories.unpack("") == []
    import base64
    import zlib

    bomb = base64.urlsafe_b64encode(zlib.compress(b"a" * 10_000_000)).decode().rstrip("=")
    assert stories.unpack(bomb) == []  # a decompression bomb is refused, not expanded


def test_link_queries_from_pasted_text():
    text = ("https://host/app/map?country=PL&chain=hydrogen\n\n  ?metric=rii  \n"
            "level=0&metric=sii\nhttps://host/divide\n")
    qs, notes = stories.link_queries(text)
    assert qs == ["country=PL&chain=hydrogen", "metric=rii", "level=0&metric=sii", ""]
    assert notes == []


def test_state_round_trips_story_params(mirror):
    token = stories.pack(["country=PL"])
    s, notes = S.parse({"story": "left-out", "step": "2", "present": "1"})
    assert notes == [] and (s.story, s.step, s.present) == ("left-out", 2, True)
    assert S.encode(s) == {"present": "1", "story": "left-out", "step": "2"}
    s, notes = S.parse({"story": "links", "links": token})
    assert notes == [] and s.links == token
    s, notes = S.parse({"story": "nope", "step": "99", "links": "zz"})
    assert s.story is None and s.step == 1 and s.links is None
    assert len(notes) == 3
