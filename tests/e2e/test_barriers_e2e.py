"""The barrier views in a real browser: the region profile's indicator chart and the Divide
page's separating indicators. Screenshots are kept in tests/artifacts/ for people to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)

pytestmark = pytest.mark.e2e


def _warm(app) -> None:
    app.open("/")  # a deployed server has served / before anyone follows a deep link
    expect(app.page.get_by_role("heading", name="Where EU industrial innovation support lands")).to_be_visible(
        timeout=90_000)


def test_region_profile_barrier_view(app, artifacts: Path):
    _warm(app)
    page = app.page
    app.open("/region?region=PL91")
    main = page.get_by_test_id("stMain")
    heading = main.get_by_role("heading", name="What holds the region back: the 21 RIS 2023 indicators")
    expect(heading).to_be_visible(timeout=60_000)
    expect(main).to_contain_text("Weakest relative to its group:")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    charts = main.locator(".vega-embed")
    expect(charts.nth(1)).to_be_visible(timeout=30_000)
    # the chart's alt text is its computed caption
    assert "Weakest relative to its group" in (charts.nth(1).get_attribute("aria-label") or
                                               charts.nth(1).locator("svg, canvas").first.get_attribute("aria-label")
                                               or "")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    heading.scroll_into_view_if_needed()
    charts.nth(1).screenshot(path=str(artifacts / "barriers_profile_pl91.png"))
    page.screenshot(path=str(artifacts / "region_profile_pl91.png"), full_page=True)


def test_divide_barrier_section(app, artifacts: Path):
    _warm(app)
    page = app.page
    app.open("/divide")
    main = page.get_by_test_id("stMain")
    heading = main.get_by_role("heading").filter(has_text="6 · Barriers")
    expect(heading).to_have_count(1, timeout=90_000)
    expect(main).to_contain_text("Separating most", timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    heading.scroll_into_view_if_needed()
    page.wait_for_timeout(3000)
    charts = main.locator(".vega-embed")
    n = charts.count()
    charts.nth(n - 4).screenshot(path=str(artifacts / "divide_barriers_leaders.png"))
    charts.nth(n - 3).screenshot(path=str(artifacts / "divide_barriers_tier1.png"))
    region = main.get_by_role("heading").filter(has_text="3 · Regions")
    region.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "divide_region_scatter.png"))
