"""AppTest: the router writes the view state to the address bar after every page run, including
a page that stops early with st.stop() (the region profile without a region)."""

from __future__ import annotations

import pytest

from tests.pages.support import open_app

pytestmark = pytest.mark.usefixtures("mirror")


def test_url_is_synced_when_a_page_stops_early():
    # lower-case code and an unknown parameter: the canonical URL is country=PL, nothing else
    at = open_app(country="pl", bogus="1")
    at.switch_page("pages/region_profile.py")
    at.run()
    assert not at.exception
    assert any("Choose a region" in i.value for i in at.info)  # the page called st.stop()
    at.segmented_control(key="w_tier").set_value("1").run()  # a filter change on the stopped page
    assert not at.exception
    assert any("Choose a region" in i.value for i in at.info)
    assert _param(at, "tier") == "1"
    assert _param(at, "country") == "PL"
    assert "bogus" not in at.query_params


def _param(at, name: str) -> str | None:
    v = at.query_params.get(name)
    return v[0] if isinstance(v, list) else v
