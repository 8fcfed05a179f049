"""URL fuzz, AppTest level: a hostile deep link opened on every page of app.py's router.

Each case is a fresh session whose first run lands on the page's URL path with a generated
query string (as a browser deep link does). Expected: no exception; the view state is what
components.state parses from that query; every dropped item is listed in the one URL notice
(and no notice when nothing was dropped); the address bar is rewritten to the canonical query
(reserved names kept); a query that leaves the default state shows the page as a bare link does.
The page list comes from app.py, so pages added there are fuzzed too.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from components import state as S
from components.text import md
from tests.fuzz import strategies as F
from tests.pages.support import APP

CASES_PER_PAGE = 10
PAGES = F.pages()


@pytest.fixture(scope="module")
def allowed(mirror):
    S.default_allowed.clear()
    return S.default_allowed()


def open_deep_link(url_path: str, qs: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in F.as_params(qs).items():
        at.query_params[k] = v if len(v) > 1 else v[0]
    at._page_hash = calc_hash(url_path)  # the first run lands on this page, like a deep link
    at.run()
    return at


def headings(at: AppTest) -> list[str]:
    return [e.value for e in [*at.title, *at.header]]


@functools.cache
def bare(url_path: str) -> tuple[str, ...]:
    return tuple(headings(open_deep_link(url_path, "")))


def url_notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.icon == ":material/link:"]


def as_lists(params: dict) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def check_deep_link(url_path: str, qs: str) -> None:
    params = F.as_params(qs)
    want, notices, _ = S.parse_full(params)
    at = open_deep_link(url_path, qs)
    assert not at.exception, (url_path, qs[:200], at.exception[0].value)
    assert at.session_state["view_state"] == want
    shown = url_notices(at)
    assert shown == (["  \n".join(md(n) for n in notices)] if notices else []), (qs[:200], shown)
    final = as_lists(at.query_params)
    assert {k: v for k, v in final.items() if k not in S.RESERVED} == as_lists(S.encode(want))
    assert {k: v for k, v in final.items() if k in S.RESERVED} == {k: v for k, v in params.items() if k in S.RESERVED}
    if want == S.ViewState():
        assert tuple(headings(at)) == bare(url_path)


@pytest.mark.parametrize("page", PAGES, ids=[p["id"] for p in PAGES])
def test_hostile_deep_links_on_every_page(page, allowed):
    @settings(max_examples=CASES_PER_PAGE, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(pairs=F.query_pairs(F.vocabulary(allowed)))
    def case(pairs):
        check_deep_link(page["url_path"], F.query_string(pairs))

    check_deep_link(page["url_path"], "")
    check_deep_link(page["url_path"], "country=PL,%3Cscript%3E&level=9&zz=1&embed=true")
    case()
