"""Initiative profiles and the value-chain network in a real browser (fresh context per test).

Screenshots are kept in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("mirror")]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
ATTRIBUTION = "© EuroGeographics for the administrative boundaries"


def _shoot(page, path: Path) -> None:
    """Screenshot of the whole page: Streamlit scrolls inside its main block, so grow the viewport."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path))


def _settled(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


@pytest.mark.parametrize("iid", ["ipcei_hy2tech", "ia_ech2a", "s3p-energy-hydrogen-valleys", "ec-desire"])
def test_deep_link_opens_the_right_profile(app, artifacts: Path, iid: str):
    from data import initiative

    p = initiative.profile(iid)
    page = app.page
    app.open(f"/initiative?init={iid}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=p.name)).to_be_visible(timeout=90_000)
    expect(main).to_contain_text(p.coverage)
    expect(main.get_by_role("heading", name="Named participants")).to_be_visible()
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text(ATTRIBUTION, timeout=30_000)
    if len(p.places):
        expect(frame.locator("path.leaflet-interactive").first).to_be_attached()
    _settled(page)
    assert app.blocked == [], app.blocked  # no CDN, no other host
    expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found"
    _shoot(page, artifacts / f"initiative_{iid}.png")


def test_unknown_initiative_in_a_fresh_browser(app):
    page = app.page
    app.open("/initiative?init=ipcei_hy2tek")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("No initiative “ipcei_hy2tek” in the data.", timeout=90_000)
    expect(main).to_contain_text("Did you mean:")
    _settled(page)


def test_hydrogen_network_draws_map_and_graph(app, artifacts: Path):
    page = app.page
    app.open("/network?chain=hydrogen")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Who builds value chains together")).to_be_visible(timeout=90_000)
    expect(main).to_contain_text("cross-border")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text(ATTRIBUTION, timeout=30_000)
    lines = frame.locator("path.leaflet-interactive")
    expect(lines.first).to_be_attached(timeout=30_000)
    assert lines.count() > 50  # links and places
    _settled(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.screenshot(path=str(artifacts / "network_hydrogen_map.png"))
    main.get_by_role("tab", name="Network graph").click()
    expect(main.locator(".vega-embed").first).to_be_visible(timeout=30_000)
    _settled(page)
    _shoot(page, artifacts / "network_hydrogen_graph.png")
    assert app.blocked == [], app.blocked
