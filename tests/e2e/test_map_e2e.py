"""The map explorer in a real browser: `streamlit run app.py` + headless Debian Chromium.

Run: .venv/bin/python -m pytest tests/e2e -q   (marker: e2e; about a minute on 2 cores)
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")  # the same browser conftest.py launches
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium) "
                "to run the end-to-end tests", allow_module_level=True)

pytestmark = pytest.mark.e2e

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_PATHS = "path.leaflet-interactive"  # the context layer (grey Europe) is not interactive
FIRST_LOAD_MS = 90_000  # the first view of a session also builds the GeoParquet cache
SETTLE_MS = 1_500  # longer than streamlit-folium's 250 ms debounce + a round trip


def _frame(page):
    return page.frame_locator(MAP_FRAME)


def _wait_for_map(page, timeout: int = FIRST_LOAD_MS):
    paths = _frame(page).locator(REGION_PATHS)
    expect(paths.first).to_be_visible(timeout=timeout)
    return paths


def _wait_until_idle(page) -> None:
    """Streamlit shows its status widget while a script runs; wait until it is gone."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def _query(page) -> dict[str, str]:
    return {k: ",".join(v) for k, v in parse_qs(urlsplit(page.url).query).items()}


def _expect_query(page, want: dict[str, str]) -> None:
    """The address bar carries ``want`` (other parameters may be there too)."""
    page.wait_for_function(
        """want => { const q = new URLSearchParams(window.location.search);
                     return Object.entries(want).every(([k, v]) => q.get(k) === v); }""",
        arg=want, timeout=30_000)
    got = _query(page)
    assert {k: got.get(k) for k in want} == want, page.url


def test_country_and_chain_view(app, artifacts):
    """17 Polish NUTS 2 regions drawn, legend classes shown, GISCO attribution inside the map."""
    from data import geodata
    from data.model import Selection
    from data.views import map_view

    expected = len(geodata.codes_at(2, ["PL"]))
    view = map_view(2, Selection(countries=("PL",), chains=("hydrogen",)), "profile")
    shown_classes = [label for label, n in zip(view.classes.labels, view.classes.counts, strict=True) if n]

    page = app.page
    app.open("/?country=PL&chain=hydrogen")
    paths = _wait_for_map(page)
    expect(paths).to_have_count(expected)
    main = page.get_by_test_id("stMain")
    for label in shown_classes:  # e.g. "National-level only"
        expect(main.get_by_text(label, exact=True).first).to_be_visible()
    from components.map import ATTRIBUTION

    expect(_frame(page).locator(".leaflet-control-attribution")).to_contain_text(ATTRIBUTION)
    _wait_until_idle(page)
    page.screenshot(path=str(artifacts / "map_pl_hydrogen.png"), full_page=True)


def test_no_request_leaves_the_app_host(app):
    """Offline proof: the default view asks only the app's own host (Leaflet from static/)."""
    page = app.page
    app.open("/")
    _wait_for_map(page)
    _wait_until_idle(page)
    page.wait_for_load_state("networkidle")
    foreign = sorted({u for u in app.requests if not app.is_own(u)} | set(app.blocked)
                     | {u for u in app.ws_urls if urlsplit(u).netloc != urlsplit(app.base).netloc})
    assert foreign == [], f"requests to other hosts: {foreign}"
    leaflet = [u for u in app.requests if urlsplit(u).path == "/app/static/vendor/leaflet/leaflet.js"]
    assert leaflet, f"leaflet.js was not loaded from /app/static/vendor/leaflet/: {app.requests}"
    assert all(app.responses.get(u) == 200 for u in leaflet), {u: app.responses.get(u) for u in leaflet}


def test_url_reproduces_the_view_across_pages(app, artifacts):
    """Widgets show the URL's view; the URL keeps it, also across a page switch and back."""
    from components import state
    from data import geodata

    names = geodata.country_names()
    want = {"country": "DE,FR", "level": "1", "metric": "rii", "scheme": "equal", "k": "4"}
    page = app.page
    app.open("/?country=DE,FR&level=1&metric=rii&scheme=equal&k=4")
    paths = _wait_for_map(page)
    expect(paths).to_have_count(len(geodata.codes_at(1, ["DE", "FR"])))

    side = page.get_by_test_id("stSidebar")
    chips = side.get_by_test_id("stMultiSelect").filter(has_text="Countries")
    expect(chips).to_contain_text(f"{names['DE']} (DE)")
    expect(chips).to_contain_text(f"{names['FR']} (FR)")
    regions = side.get_by_test_id("stButtonGroup").filter(has_text="Regions")
    expect(regions.get_by_role("radio", checked=True)).to_have_text("NUTS 1")
    expect(side.get_by_role("combobox", name="Map shows")).to_have_value(state.METRICS["rii"])
    expect(side.get_by_role("combobox", name="Classification")).to_have_value(state.SCHEMES["equal"])
    expect(side.get_by_role("slider", name="Classes")).to_have_value("4")
    _wait_until_idle(page)
    _expect_query(page, want)

    nav = side.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Divide").click()
    expect(page).to_have_url(re.compile(r"/divide(\?|$)"))
    expect(nav.get_by_role("link", name="Divide")).to_have_attribute("aria-current", "page")
    expect(page.locator(MAP_FRAME)).to_have_count(0)
    _wait_until_idle(page)
    _expect_query(page, want)
    expect(side.get_by_test_id("stMultiSelect").filter(has_text="Countries")).to_contain_text(f"{names['DE']} (DE)")

    nav.get_by_role("link", name="Map explorer").click()
    paths = _wait_for_map(page)
    expect(paths).to_have_count(len(geodata.codes_at(1, ["DE", "FR"])))
    _wait_until_idle(page)
    _expect_query(page, want)
    expect(side.get_by_role("combobox", name="Classification")).to_have_value(state.SCHEMES["equal"])
    page.screenshot(path=str(artifacts / "map_de_fr_nuts1_rii.png"))


def test_garbage_url_gives_notices_and_a_map(app, artifacts):
    """Bad parameters are named in visible notices, dropped from the URL, and the map still draws."""
    from data import geodata, webassets

    page = app.page
    app.open("/?level=9&metric=nope&country=XX&foo=bar")
    paths = _wait_for_map(page)
    # every bad parameter is named in a visible notice
    notices = page.get_by_test_id("stAlert").filter(has_text="Ignored")
    for name in ("level", "metric", "country", "foo"):
        expect(notices.filter(has_text=name).first).to_be_visible()
    # the bad values are dropped: the default EU-wide view is drawn
    expect(paths).to_have_count(len(set(geodata.codes_at(2)) & webassets.geometry_asset(2).codes))
    _wait_until_idle(page)
    page.wait_for_function("() => !/[?&](level|metric|country|foo)=/.test(window.location.search)")
    page.screenshot(path=str(artifacts / "map_garbage_url.png"))


def test_click_shows_region_and_pan_zoom_do_not_rerun(app, artifacts):
    """Pan and zoom stay in the browser (no websocket message: returned_objects at work); a click
    on a region reruns, shows it in the side panel and puts region= in the URL."""
    page = app.page
    app.open("/?country=PL")
    paths = _wait_for_map(page)
    _wait_until_idle(page)
    page.wait_for_timeout(SETTLE_MS)
    sent_before = len(app.ws_sent)
    assert sent_before >= 1, "no websocket frame recorded: the rerun detector is blind"

    # zoom in with the mouse wheel over the map, then drag to pan
    box = page.locator(MAP_FRAME).bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    leaflet = page.locator(MAP_FRAME).element_handle().content_frame()
    zoom0 = leaflet.evaluate("() => window.map.getZoom()")
    for _attempt in range(3):  # a wheel event can land before Leaflet listens: try again
        page.mouse.move(cx, cy)
        page.mouse.wheel(0, -400)
        try:
            leaflet.wait_for_function("z0 => window.map.getZoom() > z0 && !window.map._animatingZoom",
                                      arg=zoom0, timeout=5_000)
            break
        except PlaywrightTimeoutError:
            continue
    else:
        pytest.fail("the map did not zoom in on the mouse wheel")
    page.mouse.down()
    page.mouse.move(cx - 120, cy - 80, steps=8)
    page.mouse.up()
    page.wait_for_timeout(SETTLE_MS)  # nothing to wait *for*: a rerun would be sent within ~300 ms
    assert leaflet.evaluate("() => window.map.getZoom()") > zoom0
    assert len(app.ws_sent) == sent_before, "panning/zooming the map made the browser ask for a rerun"

    # click a region: pick a path whose centre lies on itself (regions are not convex)
    index = leaflet.evaluate(
        """sel => [...document.querySelectorAll(sel)].findIndex(p => {
               const r = p.getBoundingClientRect();
               const x = r.left + r.width / 2, y = r.top + r.height / 2;
               return x > 0 && y > 0 && x < innerWidth && y < innerHeight && document.elementFromPoint(x, y) === p;
           })""", REGION_PATHS)
    assert index >= 0, "no region with a clickable centre in the map view"
    paths.nth(index).click()
    heading = page.get_by_test_id("stMain").get_by_role("heading", name=re.compile(r"\(PL[0-9A-Z]{2}\)"))
    expect(heading).to_be_visible(timeout=30_000)
    code = re.search(r"\((PL[0-9A-Z]{2})\)", heading.inner_text()).group(1)
    _wait_until_idle(page)
    _expect_query(page, {"country": "PL", "region": code})
    assert len(app.ws_sent) > sent_before, "the click did not reach the server"
    page.screenshot(path=str(artifacts / "map_pl_region_clicked.png"))


def test_filter_change_restyles_the_same_map_with_a_small_message(app, artifacts):
    """A filter change keeps the map frame (no reload, geometry fetched once) and sends a few
    KB: the per-view lookup, not the map."""
    page = app.page
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    app.open("/?country=PL")
    paths = _wait_for_map(page)
    _wait_until_idle(page)
    page.wait_for_timeout(SETTLE_MS)
    leaflet = page.locator(MAP_FRAME).element_handle().content_frame()
    leaflet.evaluate("() => { window.__sameFrame = true; }")
    before_geo = [u for u in app.requests if "/app/static/geo/" in u]
    fills_before = leaflet.evaluate("sel => [...document.querySelectorAll(sel)].map(p => p.getAttribute('fill'))",
                                    REGION_PATHS)
    received.clear()

    page.get_by_test_id("stSidebar").get_by_test_id("stButtonGroup").get_by_text("Tier 1", exact=True).click()
    _expect_query(page, {"country": "PL", "tier": "1"})
    _wait_until_idle(page)
    page.wait_for_timeout(SETTLE_MS)
    assert leaflet.evaluate("() => window.__sameFrame === true"), "the map frame was reloaded"
    expect(paths).to_have_count(len(fills_before))
    fills_after = leaflet.evaluate("sel => [...document.querySelectorAll(sel)].map(p => p.getAttribute('fill'))",
                                   REGION_PATHS)
    assert fills_after != fills_before, "the regions were not restyled for Tier 1"
    assert [u for u in app.requests if "/app/static/geo/" in u] == before_geo, "geometry fetched again"
    assert 0 < sum(received) <= 50_000, f"{sum(received)} bytes for one filter change"
    page.screenshot(path=str(artifacts / "map_pl_tier1.png"))


def test_tooltip_names_are_escaped_by_the_map_client(app):
    page = app.page
    app.open("/?country=PL")
    _wait_for_map(page)
    leaflet = page.locator(MAP_FRAME).element_handle().content_frame()
    assert leaflet.evaluate("() => IEMap.escape('<img src=x onerror=alert(1)> & \"q\" \\'s\\'')") == \
        "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#x27;s&#x27;"
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = _frame(page).locator(".foliumtooltip")
    expect(tip).to_be_visible(timeout=10_000)
    expect(tip).to_contain_text("Tier 1:")
    expect(tip).to_contain_text(re.compile(r"\(PL[0-9A-Z]{2}\)"))
