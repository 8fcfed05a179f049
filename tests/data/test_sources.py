"""data/sources.py: cache -> mirror -> official URL, and the error when all three fail.

Downloads are served by a local HTTP server on 127.0.0.1; nothing here touches the network.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from data import sources
from data.sources import DATASETS, DataUnavailable, fetch

KEY = "nuts_rg_60m_l0"  # a dataset with an official URL
DS = DATASETS[KEY]


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Empty cache and mirror folders, online; returns (cache, mirror)."""
    cache, mirror = tmp_path / "cache", tmp_path / "mirror"
    cache.mkdir()
    mirror.mkdir()
    monkeypatch.setenv("INNOV_CACHE", str(cache))
    monkeypatch.setenv("INNOV_MIRROR", str(mirror))
    monkeypatch.delenv("INNOV_OFFLINE", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    return cache, mirror


def put(root: Path, relpath: str, content: bytes) -> Path:
    p = root / relpath
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content)
    return p


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static file server on 127.0.0.1 (random port); yields (base URL, served folder)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def point_url_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    assert url.startswith("http://127.0.0.1:")  # loopback only
    monkeypatch.setitem(DATASETS, KEY, dataclasses.replace(DS, url=url))


def forbid_download(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: object, **k: object) -> None:
        raise AssertionError("download attempted")

    monkeypatch.setattr(sources, "_download", boom)


def test_cache_wins_over_mirror(dirs, monkeypatch):
    cache, mirror = dirs
    put(mirror, DS.relpath, b"mirror")
    cached = put(cache, DS.relpath, b"cache")
    forbid_download(monkeypatch)
    got = fetch(KEY)
    assert got == cached
    assert got.read_bytes() == b"cache"


def test_mirror_used_when_cache_empty(dirs, monkeypatch):
    cache, mirror = dirs
    mirrored = put(mirror, DS.relpath, b"mirror")
    forbid_download(monkeypatch)
    assert fetch(KEY) == mirrored
    assert not (cache / DS.relpath).exists()  # the mirror is read in place, not copied


def test_download_from_official_url_into_cache(dirs, server, monkeypatch):
    cache, _ = dirs
    base, www = server
    body = b'{"type": "FeatureCollection", "features": []}\n' * 5000  # several chunks
    (www / DS.filename).write_bytes(body)
    point_url_at(monkeypatch, f"{base}/{DS.filename}")
    calls: list[tuple[str, int, int | None]] = []
    got = fetch(KEY, progress=lambda name, done, total: calls.append((name, done, total)))
    assert got == cache / DS.relpath
    assert got.read_bytes() == body
    assert not list(got.parent.glob("*.part"))  # no temporary file left behind
    # progress: named file, growing byte count ending at the full size, total from content-length
    assert calls, "progress callback never called"
    assert {c[0] for c in calls} == {DS.filename}
    dones = [c[1] for c in calls]
    assert dones == sorted(dones) and dones[-1] == len(body)
    assert {c[2] for c in calls} == {len(body)}
    # the next fetch is a cache hit: works with the server file gone
    (www / DS.filename).unlink()
    assert fetch(KEY) == got


def test_download_uses_progress_hook_when_no_callback_given(dirs, server, monkeypatch):
    base, www = server
    (www / DS.filename).write_bytes(b"x" * 1000)
    point_url_at(monkeypatch, f"{base}/{DS.filename}")
    calls: list[int] = []
    token = sources.progress_hook.set(lambda name, done, total: calls.append(done))
    try:
        fetch(KEY)
    finally:
        sources.progress_hook.reset(token)
    assert calls and calls[-1] == 1000


def test_offline_skips_download(dirs, monkeypatch):
    monkeypatch.setenv("INNOV_OFFLINE", "1")
    forbid_download(monkeypatch)
    with pytest.raises(DataUnavailable) as info:
        fetch(KEY)
    msg = str(info.value)
    assert "INNOV_OFFLINE" in msg and "skipped" in msg
    assert DS.download_url in msg


@pytest.mark.parametrize("value", ["0", "false", ""])
def test_offline_off_values_still_download(dirs, server, monkeypatch, value):
    base, www = server
    (www / DS.filename).write_bytes(b"data")
    point_url_at(monkeypatch, f"{base}/{DS.filename}")
    monkeypatch.setenv("INNOV_OFFLINE", value)
    assert fetch(KEY).read_bytes() == b"data"


def test_missing_everywhere_names_file_places_and_fix(dirs, server, monkeypatch):
    cache, mirror = dirs
    base, _ = server  # serves nothing: 404
    url = f"{base}/{DS.filename}"
    point_url_at(monkeypatch, url)
    with pytest.raises(DataUnavailable) as info:
        fetch(KEY)
    err = info.value
    msg = str(err)
    assert DS.filename in msg.splitlines()[0]
    assert str(cache / DS.relpath) in msg
    assert str(mirror / DS.relpath) in msg
    assert url in msg and "404" in msg
    assert "Fix:" in msg and "INNOV_MIRROR" in msg
    assert len(err.attempts) == 3
    assert err.dataset.key == KEY
    assert not (cache / DS.relpath).exists()  # a failed download leaves no file in the cache
    assert not list(cache.rglob("*.part"))


def test_only_geometries_are_external():
    """Scores and context are committed tables now; the loader fetches GISCO geometries only."""
    assert all(d.relpath.startswith("geo/gisco/") for d in DATASETS.values())
    default = "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/"
    assert DATASETS["nuts_rg_20m_l2"].download_url == default + "NUTS_RG_20M_2021_4326_LEVL_2.geojson"


def test_innov_gisco_url_points_the_download_at_another_folder(dirs, server, monkeypatch):
    cache, _ = dirs
    base, www = server
    put(www, "copy/" + DS.filename, b'{"type": "FeatureCollection"}')
    monkeypatch.setenv("INNOV_GISCO_URL", base + "/copy")  # no trailing slash: one is added
    assert DS.download_url == f"{base}/copy/{DS.filename}"
    calls = []
    got = fetch(KEY, progress=lambda name, done, total: calls.append(done))
    assert got == cache / DS.relpath and got.read_bytes() == b'{"type": "FeatureCollection"}'
    assert calls and calls[-1] == len(b'{"type": "FeatureCollection"}')


def test_innov_gisco_url_named_in_the_error(dirs, server, monkeypatch):
    base, _ = server
    monkeypatch.setenv("INNOV_GISCO_URL", base + "/nothing-here/")
    with pytest.raises(DataUnavailable) as info:
        fetch(KEY)
    msg = str(info.value)
    assert f"{base}/nothing-here/{DS.filename}" in msg and "404" in msg and "INNOV_GISCO_URL" in msg


def test_status_reports_where_each_file_comes_from(dirs, monkeypatch):
    cache, mirror = dirs
    put(cache, DS.relpath, b"c")
    put(mirror, DATASETS["nuts_lb_l2"].relpath, b"m")
    monkeypatch.setenv("INNOV_OFFLINE", "1")
    where = {r["file"]: r["loaded from"] for r in sources.status()}
    assert where[DS.filename] == "cache"
    assert where["NUTS_LB_2021_4326_LEVL_2.geojson"] == "mirror"
    assert where[DATASETS["nuts_rg_20m_l0"].filename] == "missing"  # offline: no download
