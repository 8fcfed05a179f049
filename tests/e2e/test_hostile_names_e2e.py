"""Hostile names in the data, in Chromium: inert and shown literally.

A `streamlit run app.py` reads the hostile-names fixture (tests/fixtures/hostile.py: the real
data with region, initiative and participant names replaced by <script>, <img onerror>,
javascript: links, markdown, right-to-left overrides and formula-like cells; INNOV_TABLES and
INNOV_MIRROR point at it). Every page of app.py is opened on links that show those names.
Every payload that ran would set ``window.__pwned`` or open a dialog: neither may happen, in the
page or any frame; the names must be readable as typed in the region panel, headings, the
map tooltip, the selectors and the tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import streamlit_server
from tests.fixtures import hostile as H
from tests.fuzz.strategies import pages

pytestmark = pytest.mark.e2e
if not Path("/usr/bin/chromium").exists():
    pytest.skip("/usr/bin/chromium not found (apt-get install chromium)", allow_module_level=True)

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def fixture(mirror, tmp_path_factory):
    return H.build(tmp_path_factory.mktemp("hostile"), mirror)


@pytest.fixture(scope="module")
def hostile_url(fixture, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-server")
    env = {"INNOV_OFFLINE": "1", "INNOV_TABLES": str(fixture.tables), "INNOV_MIRROR": str(fixture.mirror),
           "INNOV_CACHE": str(tmp / "cache")}
    try:
        with streamlit_server("app.py", env=env, log_path=tmp / "streamlit.log", timeout=90) as base:
            yield base
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def page(browser, hostile_url):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.route(re.compile(rf"^(?!{re.escape(hostile_url)}/)(?!(data|blob|about):)"), lambda r: r.abort())
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.base = hostile_url
    yield pg
    ctx.close()


def settle(pg) -> None:
    expect(pg.locator("h1").first).to_be_visible(timeout=90_000)
    expect(pg.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=90_000)
    pg.wait_for_timeout(1_500)


def assert_inert(pg) -> None:
    assert pg.dialogs == []
    for f in pg.frames:
        assert f.evaluate("() => window.__pwned === undefined"), f"payload ran in {f.url}"
        assert f.locator('img[src="x"], script:has-text("__pwned")').count() == 0, f.url
        assert f.locator('a[href^="javascript:"]').count() == 0, f.url
    assert pg.get_by_test_id("stException").count() == 0


def test_every_page_inert_with_hostile_names(page, fixture):
    page.goto(page.base + "/")
    settle(page)
    init = next(iter(fixture.initiatives))
    for p in pages():
        page.goto(f"{page.base}/{p['path']}?country=DE&region={H.REGION}&peers={H.REGION},{H.REGION2}"
                  f"&init={init}")
        settle(page)
        assert_inert(page)


def test_region_panel_heading_and_tooltip_show_names_literally(page, fixture, artifacts):
    page.goto(f"{page.base}/map?country=DE&region={H.REGION}")
    settle(page)
    panel = page.get_by_role("heading", name=f"{H.REGION_NAME} ({H.REGION})")
    expect(panel).to_be_visible(timeout=60_000)
    frame = page.frame_locator(MAP_FRAME)
    paths = frame.locator("path.leaflet-interactive")
    expect(paths.first).to_be_visible(timeout=90_000)
    tip = frame.locator(".leaflet-tooltip")
    seen = []
    for i in range(paths.count()):
        paths.nth(i).hover(force=True)
        if tip.count() and "Dresden" in (tip.first.inner_text() or ""):
            seen.append(tip.first.inner_text())
            break
    page.screenshot(path=str(artifacts / "hostile-map.png"), full_page=True)
    assert seen and H.REGION_NAME in seen[0], seen
    assert tip.first.locator("img").count() == 0
    assert_inert(page)


def test_region_profile_shows_names_literally(page, fixture, artifacts):
    page.goto(f"{page.base}/region?region={H.REGION2}")
    settle(page)
    heading = page.locator("h2").filter(has_text=H.REGION2)
    text = heading.first.inner_text()
    assert "<script>window.__pwned=2</script>[x](javascript:window.__pwned=3)" in text, text
    assert text.rstrip().endswith(f"({H.REGION2})"), text  # the override does not reach the code
    assert_inert(page)
    page.goto(f"{page.base}/region?region={H.REGION}")
    settle(page)
    expect(page.locator("h2").filter(has_text="Dresden")).to_contain_text(H.REGION_NAME)
    # table cells: the grid draws on a canvas and keeps an accessible copy of the cells in the DOM
    cells = page.locator('[data-testid="stDataFrame"] [role="gridcell"]')
    for name in (*fixture.initiatives.values(), *fixture.participants[:4]):
        expect(cells.filter(has_text=name.strip()).first).to_be_attached(timeout=30_000)
    page.screenshot(path=str(artifacts / "hostile-region.png"), full_page=True)
    assert_inert(page)


def test_initiative_profile_shows_the_name_literally(page, fixture):
    iid, name = next(iter(fixture.initiatives.items()))
    page.goto(f"{page.base}/initiative?init={iid}")
    settle(page)
    expect(page.locator("h2").filter(has_text="Hostile")).to_contain_text(name + " (long)")
    assert_inert(page)


def test_exports_are_formula_safe_and_literal(page, fixture, tmp_path):
    """The map's CSV and Excel downloads, as a user gets them from the browser."""
    import csv
    import io

    import openpyxl

    page.goto(f"{page.base}/map?country=DE")
    settle(page)
    page.get_by_role("button", name="Download").first.click()
    got = {}
    for label, ext in (("Table (CSV)", "csv"), ("Table (Excel)", "xlsx")):
        with page.expect_download(timeout=60_000) as dl:
            page.get_by_role("button", name=label).click()
        path = tmp_path / f"view.{ext}"
        dl.value.save_as(path)
        got[ext] = path
    rows = list(csv.DictReader(io.StringIO(got["csv"].read_text(encoding="utf-8-sig"))))
    names = {r["nuts_code"]: r["region_name"] for r in rows}
    assert names[H.REGION3] == "'" + H.REGION3_NAME  # a formula-like name is text, not a formula
    assert names[H.REGION] == H.REGION_NAME and names[H.REGION2] == H.REGION2_NAME  # literal
    ws = openpyxl.load_workbook(got["xlsx"]).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell is a formula"
    assert any(c.value in (H.REGION3_NAME, "'" + H.REGION3_NAME) and c.data_type == "s" for c in cells)
    assert any(c.value == H.REGION_NAME for c in cells)
    assert_inert(page)
