"""data/cache.py: the one caching layer (st.cache_resource) and that nothing caches beside it."""

from __future__ import annotations

import re
from pathlib import Path

from data import cache

ROOT = Path(__file__).resolve().parents[2]


def test_resource_computes_once_per_key_and_clear_forgets():
    calls = []

    @cache.resource
    def square(x: int) -> int:
        calls.append(x)
        return x * x

    assert (square(3), square(3), square(4)) == (9, 9, 16)
    assert calls == [3, 4]
    cache.clear()
    assert square(3) == 9 and calls == [3, 4, 3]


def test_resource_shares_one_object_without_copy():
    @cache.resource(max_entries=2)
    def frame() -> dict:
        return {"a": 1}

    assert frame() is frame()


def test_no_module_level_cache_outside_the_caching_layer():
    """Every process-wide cache goes through data.cache (one place to clear, one policy)."""
    pattern = re.compile(r"^@functools\.(cache|lru_cache)\b|^@(cache|lru_cache)(\(|$)|^@st\.cache_(data|resource)",
                         re.M)
    found = [str(p.relative_to(ROOT)) for d in ("app.py", "data", "geo", "components", "pages")
             for p in ((ROOT / d).rglob("*.py") if (ROOT / d).is_dir() else [ROOT / d])
             if p.name != "cache.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert found == []
