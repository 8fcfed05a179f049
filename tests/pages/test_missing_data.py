"""AppTest: with every source of a third-party file gone, the app explains what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data import cache

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def clear_caches() -> None:
    cache.clear()


@pytest.fixture
def no_data(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOV_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("INNOV_MIRROR", str(tmp_path / "no-mirror"))
    monkeypatch.setenv("INNOV_OFFLINE", "1")
    clear_caches()
    yield
    clear_caches()


def test_missing_geometry_shows_clear_message_not_traceback(no_data):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["country"] = "PL"
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    msg = errors[0]
    assert "NUTS_LB_2021_4326_LEVL_0.geojson" in msg
    assert "cache" in msg and "mirror" in msg and "INNOV_MIRROR" in msg
    assert "INNOV_OFFLINE" in msg  # the download step says why it was skipped


def test_geometry_only_mirror_is_enough(no_data, tmp_path, monkeypatch):
    """Scores are committed tables: a mirror holding only the GISCO files serves the RII map."""
    from data import sources

    real_geo = sources.REPO_ROOT.parent / "shared" / "geo"
    if not real_geo.is_dir():
        pytest.skip("shared/geo mirror not present next to the checkout")
    mirror = tmp_path / "geo-only"
    mirror.mkdir()
    (mirror / "geo").symlink_to(real_geo)
    monkeypatch.setenv("INNOV_MIRROR", str(mirror))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["metric"] = "rii"
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
