"""Each documented deep link as the very FIRST request after a server start (a fresh
`streamlit run` per link): the right page, no "Page not found", the URL kept as typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import CHROMIUM, streamlit_server

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package", allow_module_level=True)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("mirror")]

MAP = "Where EU industrial innovation support lands"
LINKS = [
    ("/", MAP),
    ("/?metric=rii&level=1", MAP),
    ("/map", MAP),
    ("/map?country=PL&chain=hydrogen", MAP),
    ("/divide", "The innovation divide"),
    ("/divide?country=PL", "The innovation divide"),
    ("/region?region=PL91", "Region profile"),
    ("/data", "Data & coverage"),
    ("/initiative?init=ipcei_hy2tech", "Initiative profile"),
    ("/connections?region=PL91", "Tier 1 connection points for a region"),
    ("/network", "Who builds value chains together"),
]


@pytest.mark.parametrize(("link", "heading"), LINKS, ids=[x[0] for x in LINKS])
def test_first_request_after_start_opens_the_page(browser, tmp_path: Path, link: str, heading: str):
    with streamlit_server("app.py", env={"INNOV_OFFLINE": "1"}, log_path=tmp_path / "log.txt") as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            context.route(re.compile(rf"^(?!{re.escape(base)}/)(?!(data|blob|about):)"), lambda r: r.abort())
            page = context.new_page()
            page.goto(base + link)  # the server's very first page request
            main = page.get_by_test_id("stMain")
            expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=90_000)
            expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
            page.wait_for_timeout(1500)  # a late "Page not found" dialog or URL rewrite would show by now
            assert "Page not found" not in page.locator("body").inner_text()
            expect(page.get_by_role("dialog")).to_have_count(0)
            assert page.url == base + link, page.url
        finally:
            context.close()
