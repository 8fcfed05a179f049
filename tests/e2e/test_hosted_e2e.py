"""Hosted readiness: the repository alone serves the app.

A fresh `git clone` of this checkout's committed HEAD, an EMPTY mirror and an empty cache; the
GISCO files are served from a loopback HTTP server (a copy of the mirror's geo/gisco) through
INNOV_GISCO_URL, as a deployment pointing at its own copy would. `streamlit run app.py` in the
clone must draw, in Chromium, the RII map with its legend and the tier-profile map. Then one
committed score table is removed on purpose: the map still draws, with the notice naming it.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from typing import ClassVar

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM, REPO_ROOT, streamlit_server

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)

pytestmark = pytest.mark.e2e

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_PATHS = "path.leaflet-interactive"
FIRST_LOAD_MS = 120_000  # includes downloading the geometries from the loopback server


class _Handler(http.server.SimpleHTTPRequestHandler):
    requested: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requested.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def hosted(tmp_path_factory, mirror):
    root = tmp_path_factory.mktemp("hosted")
    repo = root / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(repo)], check=True, timeout=120)
    www = root / "www"
    shutil.copytree(mirror / "geo" / "gisco", www / "nuts" / "geojson")  # a copy, like a deployment's own
    (root / "empty-mirror").mkdir()
    handler = type("H", (_Handler,), {"requested": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(www)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    env = {
        "INNOV_MIRROR": str(root / "empty-mirror"), "INNOV_CACHE": str(root / "cache"), "INNOV_OFFLINE": "0",
        "INNOV_GISCO_URL": f"http://127.0.0.1:{httpd.server_address[1]}/nuts/geojson/",
        "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
    }
    try:
        yield repo, env, handler.requested, root
    finally:
        httpd.shutdown()
        httpd.server_close()


def _open(browser, base: str, path: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route(re.compile(rf"^(?!{re.escape(base)}/)(?!(data|blob|about):)"), lambda r: r.abort())
    page = context.new_page()
    page.goto(base + path)
    return context, page


def _map_drawn(page, timeout: int = FIRST_LOAD_MS) -> None:
    expect(page.frame_locator(MAP_FRAME).locator(REGION_PATHS).first).to_be_visible(timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def test_fresh_clone_with_empty_mirror_draws_rii_and_tier_maps(hosted, browser, artifacts):
    repo, env, requested, root = hosted
    assert not (repo / ".cache").exists() and not any((root / "empty-mirror").iterdir())
    with streamlit_server("app.py", env=env, cwd=repo, log_path=root / "log1.txt", timeout=90) as base:
        context, page = _open(browser, base, "/?metric=rii")
        try:
            _map_drawn(page)
            legend = page.get_by_test_id("stMain").locator(".ie-legend")
            expect(legend).to_contain_text("index, EU27 in 2016 = 100")  # the RII scale
            assert legend.locator(".ie-legend-row").count() >= 3
            expect(page.get_by_test_id("stException")).to_have_count(0)
            assert not page.get_by_test_id("stAlertContentError").count()
            page.screenshot(path=str(artifacts / "hosted_rii.png"), full_page=True)
            page.goto(base + "/")
            _map_drawn(page, 60_000)
            expect(page.get_by_test_id("stMain").locator(".ie-legend")).to_contain_text("Both tiers")
            expect(page.get_by_test_id("stMain")).to_contain_text("Tier profile")
            page.screenshot(path=str(artifacts / "hosted_tier_profile.png"), full_page=True)
        finally:
            context.close()
    got = {p.rsplit("/", 1)[-1] for p in requested}
    assert "NUTS_RG_20M_2021_4326_LEVL_2.geojson" in got and "NUTS_LB_2021_4326_LEVL_0.geojson" in got
    assert (root / "cache" / "geo" / "gisco" / "NUTS_RG_20M_2021_4326_LEVL_2.geojson").is_file()


def test_a_removed_score_table_leaves_the_map_with_a_notice(hosted, browser, artifacts):
    repo, env, _, root = hosted
    table = repo / "data" / "derived" / "scores_ris2023_rii.csv"
    table.unlink()
    try:
        with streamlit_server("app.py", env=env, cwd=repo, log_path=root / "log2.txt", timeout=90) as base:
            context, page = _open(browser, base, "/?metric=rii")
            try:
                _map_drawn(page)
                notice = page.get_by_test_id("stAlert").filter(has_text="switched off")
                expect(notice).to_have_count(1)
                expect(notice).to_contain_text("data/derived/scores_ris2023_rii.csv")
                expect(notice).to_contain_text("git checkout -- data/derived/scores_ris2023_rii.csv")
                expect(page.get_by_test_id("stException")).to_have_count(0)
                page.screenshot(path=str(artifacts / "hosted_missing_ris_table.png"), full_page=True)
                page.goto(base + "/divide")
                expect(page.get_by_test_id("stMain").get_by_role("heading", name="The innovation divide")
                       ).to_be_visible(timeout=60_000)
                expect(page.get_by_test_id("stException")).to_have_count(0)
            finally:
                context.close()
    finally:
        subprocess.run(["git", "checkout", "--", str(table.relative_to(repo))], cwd=repo, check=True)
