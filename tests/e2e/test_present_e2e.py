"""Presentation mode, stories, embed, phone layout and upload in a real browser.

Screenshots land in tests/artifacts/ (present-*.png, story-*.png, phone-map.png) for people to
look at. Run: .venv/bin/python -m pytest tests/e2e/test_present_e2e.py -q
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)

pytestmark = pytest.mark.e2e

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"] >> visible=true'  # not a stale frame mid-rerun
REGION_PATHS = "path.leaflet-interactive"
FIRST_LOAD_MS = 90_000


@pytest.fixture(scope="module", autouse=True)
def served_root(browser, app_url):
    """A deployed server has served / before anyone follows a deep link (see test_divide_e2e)."""
    with page_at(browser, app_url, 1280, 720) as page:
        page.goto(app_url + "/")
        _wait_for_map(page)


@contextlib.contextmanager
def page_at(browser, app_url: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route(re.compile(rf"^(?!{re.escape(app_url)}/)(?!(data|blob|about):)"), lambda r: r.abort())
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def _wait_for_map(page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=FIRST_LOAD_MS)
    expect(page.frame_locator(MAP_FRAME).locator(REGION_PATHS).first).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    page.wait_for_timeout(800)  # tiles-free map: let Leaflet finish fitting the bounds


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def test_presentation_mode_fits_1280x720(browser, app_url, artifacts):
    with page_at(browser, app_url, 1280, 720) as page:
        page.goto(f"{app_url}/?present=1")
        _wait_for_map(page)
        page.screenshot(path=str(artifacts / "present-map.png"))
        frame = _box(page, MAP_FRAME)
        assert frame["y"] >= 0 and frame["y"] + frame["height"] <= 720, frame
        legend = _box(page, ".ie-legend")
        assert legend["y"] + legend["height"] <= 720, legend
        assert page.evaluate("document.scrollingElement.scrollTop") == 0
        # sidebar collapsed, header in one line
        sidebar = page.get_by_test_id("stSidebar").bounding_box()
        assert sidebar is None or sidebar["x"] + sidebar["width"] <= 1, sidebar
        head = _box(page, ".st-key-ie-head h3")  # the title in one line
        assert head["height"] < 50, head


def _story_steps(page, app_url: str, story: str, n_steps: int, artifacts: Path) -> list[str]:
    page.goto(f"{app_url}/?story={story}&present=1")
    _wait_for_map(page)
    captions = []
    for n in range(1, n_steps + 1):
        head = page.locator(".ie-story-head")
        expect(head).to_contain_text(f"step {n} of {n_steps}", timeout=60_000)
        _wait_for_map(page)
        page.screenshot(path=str(artifacts / f"story-{story}-{n}.png"))
        frame = _box(page, MAP_FRAME)
        assert frame["y"] + frame["height"] <= 720, (story, n, frame)
        captions.append(page.locator(".ie-story-caption").inner_text())
        assert f"step={n}" in page.url or (n == 1 and "step=" not in page.url)
        if n < n_steps:
            if n % 2:
                page.keyboard.press("ArrowRight")  # the keyboard
            else:
                page.get_by_role("button", name="Next").click()  # the button
    return captions


@pytest.mark.parametrize("story", ["tier1-leaders", "left-out", "hydrogen"])
def test_story_steps_with_keyboard_and_buttons(browser, app_url, artifacts, mirror, story):
    from components import state as S
    from data import geodata as nuts
    from data import model, stories, tables
    from data.views import map_view

    st = stories.get(story)
    with page_at(browser, app_url, 1280, 720) as page:
        shown = _story_steps(page, app_url, story, len(st.steps), artifacts)
        page.keyboard.press("ArrowLeft")  # back with the keyboard
        expect(page.locator(".ie-story-head")).to_contain_text(f"step {len(st.steps) - 1} of", timeout=60_000)
    # each caption is the step's template filled from the step's own view
    for n, text in enumerate(shown, start=1):
        vs, _ = S.parse(stories.query_params(st.steps[n - 1].view))
        view = map_view(vs.level, vs.selection(), vs.metric, vs.year, vs.scheme, vs.k)
        n_ini = len(model.selected_initiatives(tables.initiatives(), vs.selection()))
        want = stories.caption(st.steps[n - 1].caption, stories.facts(view, vs.level, nuts.country_names(), n_ini))
        assert text.strip() == want, (story, n)
        assert "{unknown" not in text


def test_embed_shows_content_only(browser, app_url, artifacts):
    with page_at(browser, app_url, 1000, 700) as page:
        page.goto(f"{app_url}/?embed=true")
        _wait_for_map(page)
        page.screenshot(path=str(artifacts / "embed-map.png"))
        frame = _box(page, MAP_FRAME)
        assert frame["x"] < 30, frame  # no sidebar
        assert not page.get_by_test_id("stSidebar").is_visible()
        assert page.get_by_text("Where EU industrial innovation support lands").count() == 0 or \
            not page.get_by_text("Where EU industrial innovation support lands").first.is_visible()
        expect(page.get_by_text("© EuroGeographics for the administrative boundaries").first).to_be_visible()


def test_phone_map_first_full_width(browser, app_url, artifacts):
    with page_at(browser, app_url, 390, 844) as page:
        page.goto(f"{app_url}/")
        _wait_for_map(page)
        page.screenshot(path=str(artifacts / "phone-map.png"))
        frame = _box(page, MAP_FRAME)
        assert frame["width"] >= 360, frame
        assert frame["y"] < 200, frame  # the map comes first
        legend = _box(page, ".ie-legend")
        assert legend["y"] > frame["y"] + frame["height"] - 1  # legend below the map, reachable by scrolling
        intro = _box(page, ".st-key-ie-intro")
        assert intro["y"] > frame["y"]
        page.screenshot(path=str(artifacts / "phone-map-full.png"), full_page=True)


def test_upload_report_and_your_data_on_map(browser, app_url, artifacts, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_bytes("initiative;nuts_code;tier;participant\n"
                  "Valley <img src=x onerror=alert(1)>;RO11;2;=cmd\n"
                  "ipcei_hy2use;FR21;1;x\n"
                  "ipcei_hy2use;XX99;1;x\n".encode("latin-1"))
    with page_at(browser, app_url, 1280, 900) as page:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{app_url}/data")
        page.locator('input[type="file"]').set_input_files(str(f))
        expect(page.get_by_text("3 rows read: 1 valid, 2 with problems (not used).")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Your data is active in this session").first).to_be_visible()
        page.screenshot(path=str(artifacts / "upload-report.png"), full_page=True)
        page.get_by_role("link", name="Map explorer").click()  # a page switch keeps the upload
        expect(page.get_by_text("Your data is active in this session").first).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Tier profile (incl. your data)").first).to_be_visible()
        assert dialogs == []  # the name's HTML never ran


@pytest.mark.parametrize("corner", ["bottom", "right", "left", "top"])
def test_tooltip_wide_and_inside_the_map_near_its_edges(browser, app_url, corner):
    with page_at(browser, app_url, 1280, 720) as page:
        page.goto(f"{app_url}/?present=1&country=FR")  # one country fills the frame to its edges
        _wait_for_map(page)
        frame = page.frame_locator(MAP_FRAME)
        fbox = _box(page, MAP_FRAME)
        # a point on a region, as close to that edge of the map as there is one
        point = frame.locator("body").evaluate(
            """(body, corner) => {
                 const w = window.innerWidth, h = window.innerHeight, on = (x, y) => {
                   const e = document.elementFromPoint(x, y);
                   return e && e.matches("path.leaflet-interactive"); };
                 for (let d = 12; d < (corner === "top" || corner === "bottom" ? h : w) / 2; d += 6) {
                   for (let f = 0.2; f <= 0.8; f += 0.02) {
                     const [x, y] = corner === "bottom" ? [w * f, h - d] : corner === "top" ? [w * f, d]
                       : corner === "right" ? [w - d, h * f] : [d, h * f];
                     if (on(x, y)) { return [x, y]; }
                   }
                 }
                 return null; }""", corner)
        assert point, corner
        x, y = point
        page.mouse.move(fbox["x"] + x, fbox["y"] + y)
        page.mouse.move(fbox["x"] + x + 1, fbox["y"] + y + 1)
        tip = frame.locator(".foliumtooltip")
        expect(tip).to_be_visible(timeout=10_000)
        t = tip.bounding_box()  # page coordinates
        assert t["width"] >= 250, t  # wide, not a narrow column
        assert t["x"] >= fbox["x"] - 1 and t["x"] + t["width"] <= fbox["x"] + fbox["width"] + 1, (corner, t, fbox)
        assert t["y"] >= fbox["y"] - 1 and t["y"] + t["height"] <= fbox["y"] + fbox["height"] + 1, (corner, t, fbox)


def test_map_downloads_are_the_view(browser, app_url, tmp_path, mirror):
    """The Download buttons give the view's table (CSV) and a map image with legend and attribution."""
    import io

    import pandas as pd

    from components import state as S
    from data import shared

    with page_at(browser, app_url, 1280, 900) as page:
        page.goto(f"{app_url}/?country=PL&chain=hydrogen")
        _wait_for_map(page)
        page.get_by_role("button", name="Download").click()
        with page.expect_download() as dl:
            page.get_by_role("button", name="Table (CSV)").click()
        d = dl.value
        assert d.suggested_filename == "map-tier-profile-nuts2_chain-hydrogen_country-pl.csv"
        got = pd.read_csv(io.BytesIO(open(d.path(), "rb").read()), encoding="utf-8-sig", dtype={"nuts_code": str})
        with page.expect_download() as dl:
            page.get_by_role("button", name="Map image (SVG)").click()
        svg = open(dl.value.path(), encoding="utf-8").read()
    s, _ = S.parse({"country": "PL", "chain": "hydrogen"})
    view = shared.map_view(s.level, s.selection(), s.metric, s.year, s.scheme, s.k)
    assert got["nuts_code"].tolist() == list(view.table.index)
    assert got["map_class"].tolist() == view.table["cls"].astype(str).tolist()
    assert set(got["filters"]) == {"chain=hydrogen&country=PL"}
    assert "© EuroGeographics for the administrative boundaries" in svg and "Source: " in svg
    for label in view.classes.labels:
        assert label in svg
