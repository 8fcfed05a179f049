"""End-to-end fixtures: one `streamlit run app.py` per session, headless Debian Chromium.

The server binds to 127.0.0.1 on a free port, reads the third-party files like the test process
does (INNOV_CACHE / INNOV_MIRROR as set; INNOV_OFFLINE=1: no download is ever tried) and is
stopped, with its whole process group, when the session ends (or when pytest dies). Each test
gets a fresh browser context whose requests to any other host are aborted before they leave the
browser (and recorded, so a test can prove the app never asks for one). A failing test leaves a
screenshot in tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import mirror_path, skip_without_mirror
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
STARTUP_TIMEOUT_S = 60
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    skip_without_mirror(mirror_path())  # the app needs the GISCO geometries (never downloaded here)
    log_path = tmp_path_factory.mktemp("e2e-server") / "streamlit.log"
    # the test process's own data settings (cache, mirror), so the numbers a test computes from the
    # data layer come from the files the app reads; never a download
    try:
        with streamlit_server("app.py", env={"INNOV_OFFLINE": "1"}, log_path=log_path,
                              timeout=STARTUP_TIMEOUT_S) as base:
            yield base
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@dataclass
class AppPage:
    """A fresh page on the app, with what it asked the network for."""

    page: object  # playwright Page
    base: str
    requests: list[str] = field(default_factory=list)  # every URL the page (and its frames) requested
    responses: dict[str, int] = field(default_factory=dict)  # URL -> HTTP status
    blocked: list[str] = field(default_factory=list)  # URLs to other hosts, aborted
    ws_urls: list[str] = field(default_factory=list)
    ws_sent: list[int] = field(default_factory=list)  # sizes of frames the browser sent to the server

    def open(self, path_and_query: str = "/") -> None:
        self.page.goto(self.base + path_and_query)

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return parts.netloc == urlsplit(self.base).netloc


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


@pytest.fixture
def app(browser, app_url: str, request: pytest.FixtureRequest) -> Iterator[AppPage]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    ap = AppPage(page=page, base=app_url)

    def block(r):
        ap.blocked.append(r.request.url)
        r.abort("internetdisconnected")

    # matched inside Playwright's driver: the app's own requests never wait for this process
    context.route(re.compile(rf"^(?!{re.escape(app_url)}/)(?!(data|blob|about):)"), block)
    page.on("request", lambda r: ap.requests.append(r.url))
    page.on("response", lambda r: ap.responses.__setitem__(r.url, r.status))

    def on_ws(ws):
        ap.ws_urls.append(ws.url)
        ws.on("framesent", lambda payload: ap.ws_sent.append(len(payload)))

    page.on("websocket", on_ws)
    try:
        yield ap
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}.png"), full_page=True)
        context.close()
