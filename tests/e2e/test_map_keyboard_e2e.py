"""The map without a mouse: regions are named tab stops, focus is visible, Enter selects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package to run the end-to-end tests",
                allow_module_level=True)

pytestmark = pytest.mark.e2e

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGIONS = "path.leaflet-interactive"


def test_keyboard_focus_is_visible_and_enter_selects_the_region(app, artifacts):
    page = app.page
    app.open("/?country=PL")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(REGIONS).first).to_be_visible(timeout=90_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    leaflet = page.locator(MAP_FRAME).element_handle().content_frame()
    leaflet.wait_for_function("sel => document.querySelector(sel + '[tabindex=\"0\"][role=\"button\"]')",
                              arg=REGIONS, timeout=30_000)

    region = frame.locator(f'{REGIONS}[aria-label*="(PL"]').first
    label = region.get_attribute("aria-label")
    code = re.search(r"\((PL[0-9A-Z]{2})\)", label).group(1)
    stroke_before = region.evaluate("p => getComputedStyle(p).strokeWidth")
    region.focus()
    page.keyboard.press("Shift+Tab")  # reach the region by keyboard: focus-visible applies to keyboard focus
    page.keyboard.press("Tab")
    assert leaflet.evaluate("() => document.activeElement.getAttribute('aria-label')") == label
    assert region.evaluate("p => getComputedStyle(p).strokeWidth") != stroke_before, "focus is not visible"
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(code)  # the tooltip opens on focus
    page.screenshot(path=str(artifacts / "map_keyboard_focus.png"))

    page.keyboard.press("Enter")
    heading = page.get_by_test_id("stMain").get_by_role("heading", name=re.compile(re.escape(f"({code})")))
    expect(heading).to_be_visible(timeout=30_000)
    page.wait_for_function("c => new URLSearchParams(location.search).get('region') === c", arg=code,
                           timeout=30_000)
