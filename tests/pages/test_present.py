"""AppTest: presentation mode, stories in the URL, story navigation, uploaded data in the views."""

from __future__ import annotations

import pytest

from data import stories
from data import upload as U
from tests.pages.support import open_app, open_popovers, texts, view
from tests.pages.support import to_entrypoint as rerun

pytestmark = pytest.mark.usefixtures("mirror")


def _html(at) -> str:
    return "\n".join(getattr(e, "body", "") for e in at.get("html"))


def test_presentation_mode_compact_header_and_high_contrast():
    at = open_app(present="1")
    assert [h.value for h in at.subheader] == ["Where EU industrial innovation support lands"]
    assert not [t.value for t in at.title]
    assert "font-size: 19px" in _html(at)  # large type
    from components import theme

    assert theme.HIGH_CONTRAST_PROFILE["Both tiers"] in _html(at)  # legend drawn in the high-contrast palette
    assert dict(at.query_params) == {"present": "1"}


def test_story_menu_opens_on_demand_and_starts_a_story():
    at = open_app()
    starts = lambda: [b for b in at.button if str(b.key).startswith("story_start_")]  # noqa: E731
    assert not starts()  # closed: the menu costs a run one button
    open_popovers(at)
    assert sorted(b.key for b in starts()) == sorted(f"story_start_{sid}" for sid in stories.load())
    assert any(b.key == "present_toggle" for b in at.button)
    first = next(iter(stories.load()))
    next(b for b in starts() if b.key == f"story_start_{first}").click().run()
    assert view(at).story == first and view(at).step == 1


def test_story_link_opens_its_step_and_next_moves_on():
    at = open_app(story="left-out", step="2")
    s = view(at)
    assert (s.countries, s.metric, s.tier, s.step) == (("BG", "PL", "RO"), "tier1", "1", 2)
    body = _html(at)
    assert "step 2 of 4" in body and "Tier 1: IPCEIs and alliances" in body
    assert "{unknown" not in body and "regions (" in body
    at.button(key="story_next").click()
    rerun(at)
    s = view(at)
    assert (s.metric, s.tier, s.step) == ("tier2", "2", 3)
    assert at.query_params["step"] == ["3"] or at.query_params["step"] == "3"
    at.button(key="story_prev").click()
    rerun(at)
    assert view(at).step == 2
    at.button(key="story_exit").click()
    rerun(at)
    assert view(at).story is None and "step" not in at.query_params


def test_story_built_from_links():
    token = stories.pack(["country=PL&chain=hydrogen", "metric=rii&level=1"])
    at = open_app(story="links", links=token)
    s = view(at)
    assert (s.countries, s.chains) == (("PL",), ("hydrogen",))
    assert "step 1 of 2" in _html(at)
    at.button(key="story_next").click()
    rerun(at)
    assert (view(at).metric, view(at).level, view(at).countries) == ("rii", 1, ())


def test_broken_story_links_get_a_notice():
    at = open_app(story="nope")
    from components.text import md

    assert md("Ignored story=“nope”: not an allowed value.") in texts(at)
    at = open_app(story="links", links="garbage")
    assert md("Ignored the story: its link is incomplete or broken.") in texts(at)
    assert view(at).story is None


def test_uploaded_data_is_marked_in_the_map_view_and_survives_a_rerun():
    at = open_app(country="RO")
    rep = U.validate(U.read_table("m.csv", b"initiative,nuts_code,tier\n<b>My</b> valley,RO11,2\n"))
    at.session_state["user_data"] = U.to_user_data(rep, "m.csv")
    rerun(at)
    t = texts(at)
    from components.text import md

    assert f"Your data is active in this session: {md('1 participation rows')} (from {md('m.csv')})" in t
    assert "Tier profile (incl. your data)" in t
    rerun(at)
    assert "Tier profile (incl. your data)" in texts(at)


def test_your_data_metric_without_upload_explains():
    at = open_app(metric="yours")
    assert "No uploaded values in this session" in texts(at)


@pytest.mark.parametrize("metric", ["profile", "rii_group", "tier1", "rii"])
def test_high_contrast_changes_colours_only(metric):
    from components import present, theme
    from data import shared
    from data.model import Selection

    v = shared.map_view(2, Selection(), metric)
    hc = present.high_contrast(v)
    assert hc.classes.labels == v.classes.labels and hc.classes.counts == v.classes.counts
    assert hc.table["cls"].equals(v.table["cls"])
    assert len(set(hc.classes.colours)) == len(hc.classes.colours)  # classes stay distinguishable
    for lab, col in zip(hc.classes.labels, hc.classes.colours, strict=True):
        if lab == "Outside the scope":
            assert col == theme.OUTSIDE_SCOPE_COLOUR
        elif lab in theme.HIGH_CONTRAST_PROFILE:
            assert col == theme.HIGH_CONTRAST_PROFILE[lab]
    assert v.classes.colours != hc.classes.colours
