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


def test_a_hit_does_not_hash_the_arguments_again(monkeypatch):
    """A hit is a dict lookup: Streamlit's argument hashing runs only on a miss."""
    from streamlit.runtime.caching import cache_utils

    @cache.resource
    def view(sel: tuple, k: int) -> list:
        return [sel, k]

    first = view(("PL",), 5)
    calls = []
    real = cache_utils._make_value_key
    monkeypatch.setattr(cache_utils, "_make_value_key", lambda *a, **kw: calls.append(a) or real(*a, **kw))
    assert view(("PL",), 5) is first and view(("PL",), k=5) is not None
    assert len(calls) == 1  # only the keyword form, a different key, went to Streamlit
    view(("DE",), 5)
    assert len(calls) == 2


def test_unhashable_arguments_use_streamlits_hashing_and_the_bound_holds():
    calls = []

    @cache.resource(max_entries=2)
    def total(values) -> int:
        calls.append(1)
        return sum(values)

    assert total([1, 2]) == 3 and total([1, 2]) == 3  # a list: Streamlit hashes it, still cached
    assert len(calls) == 1

    @cache.resource(max_entries=2)
    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    calls.clear()
    for x in (1, 2, 3, 1):
        double(x)
    assert calls == [1, 2, 3, 1]  # 1 was the oldest of three, so it was computed again
