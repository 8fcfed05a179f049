"""The Divide page in a real browser; its screenshot is kept in tests/artifacts/ for people to
look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)

pytestmark = pytest.mark.e2e


def test_divide_page_draws_every_section(app, artifacts: Path):
    from data import scope

    page = app.page
    app.open("/")  # a deployed server has served / before anyone follows a deep link
    expect(page.get_by_role("heading", name="Where EU industrial innovation support lands")).to_be_visible(
        timeout=90_000)
    app.open("/divide?country=PL,RO,BG&dlinks=regional")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="The innovation divide")).to_be_visible(timeout=60_000)
    for section in ("1 ·", "2 ·", "3 ·", "4 ·", "5 ·", "6 ·"):
        expect(main.get_by_role("heading").filter(has_text=section)).to_have_count(1, timeout=60_000)
    # the charts are drawn (Vega renders each into a canvas or svg)
    expect(main.locator(".vega-embed").first).to_be_visible(timeout=30_000)
    # charts arrive section by section; at least four (the scatter tabs after the first render lazily)
    expect(main.locator(".vega-embed").nth(3)).to_be_attached(timeout=60_000)
    # the computed caption names the edition and the EU27 scope
    expect(main).to_contain_text("RIS 2023")
    expect(main).to_contain_text(f"{len(scope.EU27)} EU member states")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    page.screenshot(path=str(artifacts / "divide_pl_ro_bg.png"), full_page=True)
