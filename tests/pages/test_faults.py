"""Faults, AppTest: broken cache files, a mirror that disappears, a download that misbehaves.

Each test opens a session on a filtered view, breaks something, and checks: no traceback, a
clear message naming the file and the problem, the session's view state intact, and recovery
on the next run once the cause is gone (rebuilt cache, the file back, the server behaving),
with no restart. A loopback HTTP server (127.0.0.1 only) plays the GISCO download folder.
"""

from __future__ import annotations

import contextlib
import http.server
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from data import tables
from tests.pages.support import APP

GISCO = ("geo", "gisco")
LB0 = "NUTS_LB_2021_4326_LEVL_0.geojson"


def clear_caches() -> None:
    """Forget every in-process load (what a fresh server process would start with)."""
    import streamlit as st

    from data import cache

    cache.clear()
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def world(mirror, tmp_path, monkeypatch):
    """A private mirror (symlinks to the real files, so a test may break or remove it) and cache."""
    own = tmp_path / "mirror"
    (own / "geo" / "gisco").mkdir(parents=True)
    for f in (mirror / "geo" / "gisco").iterdir():
        (own / "geo" / "gisco" / f.name).symlink_to(f)
    monkeypatch.setenv("INNOV_MIRROR", str(own))
    monkeypatch.setenv("INNOV_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("INNOV_OFFLINE", "1")
    clear_caches()
    yield own
    clear_caches()


def session(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def rerun(at: AppTest) -> AppTest:
    at._page_hash = at._finished_page_script_hash = ""  # the router runs, as in a browser
    at.run()
    assert not at.exception, at.exception[0].value
    return at


def healthy(at: AppTest) -> bool:
    return not at.error and bool(at.title)


def error_text(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_corrupt_geoparquet_cache_is_rebuilt(world, tmp_path):
    at = rerun(session(country="PL"))
    assert healthy(at)
    copies = sorted((tmp_path / "cache" / "derived").glob("*.parquet"))
    assert copies, "the first load writes GeoParquet copies"
    for p in copies:  # truncated, and one of them plain garbage
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])
    copies[0].write_bytes(b"not parquet at all")
    clear_caches()
    at2 = rerun(session(country="PL"))
    assert healthy(at2), error_text(at2)
    for p in copies:
        assert len(gpd.read_parquet(p)) > 0  # rebuilt in place
    assert at2.session_state["view_state"].countries == ("PL",)


def test_truncated_download_in_cache_is_set_aside_and_fetched_again(world, tmp_path):
    cached = tmp_path / "cache" / Path(*GISCO) / LB0
    cached.parent.mkdir(parents=True)
    cached.write_bytes((world / Path(*GISCO) / LB0).read_bytes()[:5000])  # an interrupted copy
    at = rerun(session(country="PL"))
    assert healthy(at), error_text(at)
    assert (cached.parent / (LB0 + ".corrupt")).is_file() and not cached.exists()


def test_corrupt_mirror_file_message_then_recovery_in_the_same_session(world):
    f = world / Path(*GISCO) / LB0
    good = f.resolve()
    f.unlink()
    f.write_text('{"type": "FeatureCollection", "features": [')  # truncated GeoJSON
    at = rerun(session(country="PL", level="1"))
    assert not healthy(at)
    msg = error_text(at)
    assert LB0 in msg and "cannot be read as GeoJSON" in msg and "replace it" in msg
    assert at.query_params == {"country": "PL", "level": "1"}  # the link is kept while the app cannot run
    f.unlink()
    f.symlink_to(good)  # the operator puts the file back
    at = rerun(at)
    assert healthy(at), error_text(at)
    state = at.session_state["view_state"]
    assert state.countries == ("PL",) and state.level == 1


def test_corrupt_curated_csv_message_then_recovery(world, tmp_path, monkeypatch):
    folder = tmp_path / "tables"
    folder.mkdir()
    text = tables.PARTICIPATION_CSV.read_text()
    (folder / "participation.csv").write_text(text[: len(text) // 2] + '\n"unterminated')
    monkeypatch.setenv("INNOV_TABLES", str(folder))
    clear_caches()
    at = rerun(session(country="PL", chain="batteries"))
    msg = error_text(at)
    assert "participation.csv" in msg and "git checkout" in msg, msg
    assert at.query_params == {"country": "PL", "chain": "batteries"}  # the link is kept
    (folder / "participation.csv").write_text(text)  # fixed
    at = rerun(at)
    assert healthy(at), error_text(at)
    state = at.session_state["view_state"]
    assert state.countries == ("PL",) and state.chains == ("batteries",)


def test_mirror_removed_while_a_session_is_open(world):
    at = rerun(session(country="PL"))
    assert healthy(at)
    state = at.session_state["view_state"]
    aside = world.with_name("mirror-gone")
    world.rename(aside)  # the mirror disappears (unmounted, deleted)
    at = rerun(at)
    assert healthy(at)  # what the process has loaded (the warm-up loads every level) keeps working
    clear_caches()  # ... until it needs a file again (cache evicted, a new worker process)
    at.button_group(key="w_level").set_value(3)
    at = rerun(at)
    msg = error_text(at)
    assert re.search(r"NUTS_(RG|LB)_\w+\.geojson", msg) and "INNOV_MIRROR" in msg and "Fix:" in msg, msg
    assert at.session_state["view_state"] == state.replace(level=3)  # the user's choice is kept
    aside.rename(world)  # back
    at = rerun(at)
    assert healthy(at), error_text(at)
    assert at.session_state["view_state"] == state.replace(level=3)


# --------------------------------------------------------------------------- downloads


class Gisco(http.server.ThreadingHTTPServer):
    """A loopback GISCO folder whose behaviour a test switches: ok, html, hang, 500."""

    mode = "ok"
    root: Path

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            mode = self.server.mode
            if mode == "hang":
                time.sleep(5)
                with contextlib.suppress(OSError):
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n\r\n")
                return
            if mode == "html":
                body = b"<!DOCTYPE html><html><body>Please log in to the hotel Wi-Fi</body></html>"
                ctype, status = "text/html", 200
            elif mode == "500":
                body, ctype, status = b"Internal Server Error", "text/plain", 500
            else:
                f = self.server.root / Path(self.path).name
                if not f.is_file():
                    self.send_error(404)
                    return
                body, ctype, status = f.read_bytes(), "application/geo+json", 200
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)


@pytest.fixture
def gisco(world, tmp_path, monkeypatch):
    srv = Gisco(("127.0.0.1", 0), Gisco.Handler)
    srv.daemon_threads = True
    srv.root = world / Path(*GISCO)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    monkeypatch.setenv("INNOV_MIRROR", str(tmp_path / "no-mirror"))
    monkeypatch.delenv("INNOV_OFFLINE")
    monkeypatch.setenv("INNOV_GISCO_URL", f"http://127.0.0.1:{srv.server_address[1]}/")
    monkeypatch.setenv("INNOV_DOWNLOAD_TIMEOUT", "1")
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize(("mode", "needle"), [
    ("html", "text/html"),  # a captive portal answering 200 with a login page
    ("hang", "Timeout"),
    ("500", "500"),
    ("refused", "ConnectionError"),
])
def test_bad_download_message_then_recovery(gisco, tmp_path, monkeypatch, mode, needle):
    if mode == "refused":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = s.getsockname()[1]
        good_url = f"http://127.0.0.1:{gisco.server_address[1]}/"
        monkeypatch.setenv("INNOV_GISCO_URL", f"http://127.0.0.1:{closed}/")
    else:
        gisco.mode = mode
    at = rerun(session(country="PL", metric="rii"))
    msg = error_text(at)
    assert LB0 in msg and "download http://127.0.0.1:" in msg and needle in msg, msg
    assert not list((tmp_path / "cache").rglob("*.geojson")), "nothing bad is cached"
    assert at.query_params == {"country": "PL", "metric": "rii"}  # the link is kept while the app cannot run
    if mode == "refused":
        monkeypatch.setenv("INNOV_GISCO_URL", good_url)
    gisco.mode = "ok"  # the network is back
    at = rerun(at)
    assert healthy(at), error_text(at)
    state = at.session_state["view_state"]
    assert state.countries == ("PL",) and state.metric == "rii"
    assert (tmp_path / "cache" / Path(*GISCO) / LB0).is_file()
    shutil.rmtree(tmp_path / "cache")
