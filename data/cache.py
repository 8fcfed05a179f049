"""The app's one caching layer: every cached function is declared through :func:`resource`.

``resource`` is ``st.cache_resource``: one object per process and key, shared by every session
without a copy or a pickle (tables, geometry, per-view results), with a lock per key so a room
that opens the same link computes each thing once. What it returns is read-only by contract:
a caller that needs to change a frame copies it first. ``st.cache_data`` (a pickled copy per
hit) is not used: the frames are large and never change after loading, so a copy per hit would
cost more than the work it saves. Keys are the arguments, hashable values only (codes, levels,
the frozen ``data.model.Selection``).

A hit is a dict lookup on the arguments themselves: Streamlit hashes every argument on every call
(its hasher walks a dataclass field by field), which was 5 % of a 50-visitor room's server time
(py-spy, bench/bench_workshop.py). A miss goes through ``st.cache_resource``, so its lock still
makes a room compute a new view once. Same bound as ``max_entries`` (least recently stored out).

:func:`clear` forgets everything: tests that swap the data folders, and nothing else (a load
that failed is not cached, so the next run retries it on its own).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

F = TypeVar("F", bound=Callable)
_CACHED: list = []


def resource(fn: F | None = None, *, max_entries: int | None = None):
    """Decorator: ``@cache.resource`` or ``@cache.resource(max_entries=32)``."""

    def wrap(f: F) -> F:
        slow = st.cache_resource(show_spinner=False, max_entries=max_entries)(f)
        hits: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(f)
        def cached(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
            try:
                return hits[key]
            except KeyError:
                pass
            except TypeError:  # an unhashable argument: Streamlit's own hashing
                return slow(*args, **kwargs)
            value = slow(*args, **kwargs)
            with lock:
                hits[key] = value
                while max_entries is not None and len(hits) > max_entries:
                    hits.popitem(last=False)
            return value

        def clear_all() -> None:
            with lock:
                hits.clear()
            slow.clear()

        cached.clear = clear_all
        _CACHED.append(cached)
        return cached

    return wrap(fn) if fn is not None else wrap


def clear() -> None:
    """Forget every cached result of this process."""
    for f in _CACHED:
        f.clear()
