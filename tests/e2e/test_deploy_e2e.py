"""deploy/: nginx + 2 warmed replicas on loopback, the map opened through nginx in Chromium.

Runs nginx as the current user (config in a temporary folder, free ports) and stops it and the
replicas at the end. Skips when nginx or Chromium is not installed.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)
if not Path(NGINX).exists():
    pytest.skip("nginx not found: install Debian's nginx package (apt-get install nginx)", allow_module_level=True)

pytestmark = pytest.mark.e2e

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def stack(mirror, tmp_path_factory):
    from deploy.serve import Stack

    s = Stack(replicas=2, workdir=tmp_path_factory.mktemp("deploy"), env={"INNOV_OFFLINE": "1"})
    try:
        s.start(timeout=240)
    except RuntimeError as exc:
        s.stop()
        pytest.fail(str(exc), pytrace=False)
    yield s
    s.stop()


def test_map_through_nginx_with_two_replicas(stack, browser):
    from data import geodata, webassets

    assert len(stack.replicas) == 2
    assert all(r.proc.poll() is None for r in stack.replicas)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.goto(f"{stack.url}/?country=PL")
        frame = page.frame_locator(MAP_FRAME)
        paths = frame.locator("path.leaflet-interactive")
        expect(paths.first).to_be_visible(timeout=60_000)
        expect(paths).to_have_count(len(set(geodata.codes_at(2, ["PL"])) & webassets.geometry_asset(2).codes))
        # the session's websocket went through nginx, and nginx pinned the browser with its cookie
        assert sockets and all(s.startswith(stack.url.replace("http", "ws")) for s in sockets), sockets
        assert any(c["name"] == "ie_route" for c in context.cookies()), context.cookies()
        geo = [u for u in requests if re.search(r"/app/static/geo/nuts2_20M\.[0-9a-f]{12}\.geojson$", u)]
        assert geo, requests
        # served by nginx itself: compressed from the .gz twin, cacheable for a year
        req = urllib.request.Request(geo[0], headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert "immutable" in r.headers.get_all("Cache-Control")[-1]
        # a click still reaches the session (websocket affinity): the region panel opens
        index = frame.locator("path.leaflet-interactive").evaluate_all(
            """ps => ps.findIndex(p => { const r = p.getBoundingClientRect();
                 const x = r.left + r.width / 2, y = r.top + r.height / 2;
                 return document.elementFromPoint(x, y) === p; })""")
        assert index >= 0
        paths.nth(index).click()
        heading = page.get_by_test_id("stMain").get_by_role("heading", name=re.compile(r"\(PL[0-9A-Z]{2}\)"))
        expect(heading).to_be_visible(timeout=30_000)
    finally:
        context.close()


def _route_cookies(url: str, cookie: str = "") -> list[str]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return [v.split(";")[0] for v in r.headers.get_all("Set-Cookie") or [] if v.startswith("ie_route=")]


def test_new_visitors_are_spread_over_the_replicas_and_then_pinned(stack):
    """A room arriving at once is split evenly (least_conn), each browser then stays on its replica."""
    got = [_route_cookies(f"{stack.url}/_stcore/health") for _ in range(6)]
    assert all(len(c) == 1 for c in got), got
    routes = [c[0] for c in got]
    assert sorted(set(routes)) == ["ie_route=r1", "ie_route=r2"] and routes.count("ie_route=r1") == 3, routes
    assert _route_cookies(f"{stack.url}/_stcore/health", "ie_route=r2") == []  # pinned: no new cookie
    assert _route_cookies(f"{stack.url}/_stcore/health", "ie_route=forged")  # unknown: routed as new
