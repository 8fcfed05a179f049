"""URL fuzz, protocol level: hostile deep links against one `streamlit run app.py`.

Each case opens a new websocket session (the URL is parsed on a session's first run), sends
``rerun_script`` with the generated query string and the page's URL path, and reads the
ForwardMsgs up to ``script_finished``. Expected: the run finishes cleanly, no exception element,
the URL notice lists exactly what components.state drops (none when nothing is dropped) and the
address bar the server asks for is the canonical query (reserved names kept). Pages come from
app.py. The long run (10,000+ cases) is ``bench/bench_fuzz.py``.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest
from hypothesis import HealthCheck, given, settings

from components import state as S
from components.text import md
from tests.e2e import protocol
from tests.e2e.protocol import Session
from tests.fuzz import strategies as F

pytestmark = pytest.mark.e2e
# Cases per page: as many as fit SECONDS_PER_PAGE at the page's measured run time, within bounds
# (a page whose run takes seconds gets fewer cases than one answering in 0.2 s).
SECONDS_PER_PAGE, MIN_CASES, MAX_CASES = 10.0, 5, 40
PAGES = F.pages()


@pytest.fixture(scope="module")
def served(app_url):
    """The server after its first request. Known limit: with a pages/ folder, Streamlit answers the very
    first request after a start through its old multipage wrapper, so a deep link (/divide) as the
    first request of a fresh server also gets "Page not found" (then the page). A deployment warms
    its server with a request to / before taking traffic (deploy/serve.py)."""
    warm(app_url)
    return app_url


def warm(base: str) -> None:
    async def visit():
        async with Session(base, timeout=120) as s:
            await s.run()

    protocol.run(visit())


@pytest.fixture(scope="module")
def allowed(mirror):
    S.default_allowed.clear()
    return S.default_allowed()


async def deep_link(base: str, url_path: str, qs: str) -> list[str]:
    """Open one session on ``url_path?qs``; return what went wrong (empty: nothing)."""
    params = F.as_params(qs)
    want, notices, _ = S.parse_full(params)
    async with Session(base, query=qs, page=url_path, timeout=90) as s:
        r = await s.run()
        alerts = [body for body, icon in s.alerts("WARNING") if icon == ":material/link:"]
    problems = []
    if r.page_not_found:
        problems.append(f"'Page not found' for /{url_path}")
    if r.status != "FINISHED_SUCCESSFULLY":
        problems.append(f"run ended {r.status}")
    problems += [f"exception {e[:300]}" for e in r.exceptions]
    if alerts != (["  \n".join(md(n) for n in notices)] if notices else []):
        problems.append(f"URL notice {alerts!r}, expected {notices!r}")
    final = parse_qs(qs if r.query_string is None else r.query_string, keep_blank_values=True)
    canonical = {k: [v] for k, v in S.encode(want).items()}
    if {k: v for k, v in final.items() if k not in S.RESERVED} != canonical:
        problems.append(f"address bar {r.query_string!r}, expected {canonical!r}")
    if {k: v for k, v in final.items() if k in S.RESERVED} != {k: v for k, v in params.items() if k in S.RESERVED}:
        problems.append("reserved parameters not kept")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=[p["id"] for p in PAGES])
def test_hostile_deep_links_over_the_protocol(page, served, allowed):
    times = []
    for _ in range(2):  # the bare link, cold then warm
        t = time.perf_counter()
        assert not protocol.run(deep_link(served, page["path"], ""))
        times.append(time.perf_counter() - t)
    cases = max(MIN_CASES, min(MAX_CASES, int(SECONDS_PER_PAGE / max(times[-1], 0.05))))

    @settings(max_examples=cases, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(pairs=F.query_pairs(F.vocabulary(allowed)))
    def case(pairs):
        qs = F.query_string(pairs)
        problems = protocol.run(deep_link(served, page["path"], qs))
        assert not problems, (page["path"], qs[:300], problems)

    case()
