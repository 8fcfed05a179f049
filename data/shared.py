"""Per-view results computed once per process and shared by every session that asks for them.

A workshop room opens the same link: the first session computes the view (classes, legend
data, the map's per-view lookup), every other session gets the same read-only objects back
(``st.cache_resource``: no copy, no pickling). Keys are the view settings (level, selection,
metric, year, scheme, k), all hashable values. Callers must not mutate what they get.

:func:`warm` does the heavy loading once at server start (deploy/serve.py calls it before the
server listens; app.py calls it too, so a plain ``streamlit run app.py`` warms on its first
session) and then freezes the long-lived objects out of the garbage collector's way (see
README, "Garbage collection").
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import time

import pandas as pd

from data import cache, classify, links, model, scope, views, webassets

MAX_VIEWS = 256  # distinct views kept per process (~0.1-0.5 MB each)
_LOG = logging.getLogger(__name__)


@cache.resource(max_entries=MAX_VIEWS)
def map_view(level: int, sel: model.Selection, metric: str, year: int | None = None,
             scheme: str = "quantiles", k: int = 5) -> views.MapView:
    """data.views.map_view, computed once per view and shared (read-only)."""
    return views.map_view(level, sel, metric, year, scheme, k)


def _script_json(obj: object) -> str:
    """Compact JSON safe inside an HTML <script> (same escaping as jinja's tojson)."""
    return (json.dumps(obj, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"))


def layer_lookup(view: views.MapView, bounds: list[list[float]], context: bool) -> dict:
    """What the map's client script (static/js/ie_map.js) needs for one view: per region its
    class index and the tooltip fields of data.views.tooltip (texts unescaped: the client
    escapes them). Region names come with the geometry file, not with every view."""
    t = view.table
    classes = view.classes
    index = {label: i for i, label in enumerate(classes.labels)}
    groups: dict[str, int] = {}
    regions = {}
    count_cols = [f"t{tier}_{k}" for tier in (1, 2) for k in links.KINDS]
    if len(t):
        def col(name: str, default=None) -> list:
            return t[name].to_numpy(dtype=object).tolist() if name in t else [default] * len(t)

        cls = t["cls"].map(index).fillna(-1).astype(int).tolist()
        basis = [views.basis_text(b, c) for b, c in zip(col("basis"), col("value_code"), strict=True)]
        ris = [groups.setdefault(g, len(groups)) if isinstance(g, str) else -1 for g in col("ris_group")]
        scoped = [int(bool(x)) for x in col("in_scope", True)]
        counts = (t.reindex(columns=count_cols).fillna(0).to_numpy(dtype=int).tolist())
        for code, c, vt, b, g, sc_, n in zip(t.index.tolist(), cls, col("value_text"), basis, ris, scoped, counts,
                                              strict=True):
            regions[code] = [c, vt, b, g, sc_, *n]
    return {"title": view.title,
            "classes": [{"fill": colour, "nodata": label == classify.NO_DATA}
                        for label, colour in zip(classes.labels, classes.colours, strict=True)],
            "kinds": [links.KIND_LABELS[k].split(" (")[0] for k in links.KINDS], "outside": scope.OUTSIDE,
            "groups": list(groups), "regions": regions, "bounds": bounds, "context": context}


@cache.resource(max_entries=MAX_VIEWS)
def map_layer(level: int, sel: model.Selection, metric: str, year: int | None = None,
              scheme: str = "quantiles", k: int = 5) -> str:
    """The view's map lookup as script-safe JSON text, computed once per view and shared."""
    view = map_view(level, sel, metric, year, scheme, k)
    codes = list(view.frame or view.table.index)  # the regions in scope frame the first view
    bounds = webassets.view_bounds(codes, level)
    context = bool(sel.countries or sel.groups) or view.table.empty
    return _script_json(layer_lookup(view, bounds, context))


def warm(levels: tuple[int, ...] = (0, 1, 2, 3)) -> dict[str, float] | None:
    """Load everything a first visitor would wait for, once per process; seconds per step.

    Missing or broken data is not an error here: the page that needs it says what is wrong
    (and the next call tries again). Returns None then."""
    try:
        return _warm(levels)
    except Exception as exc:  # the page shows DataUnavailable & co. with its own message
        _LOG.warning("warm-up incomplete: %s: %s", type(exc).__name__, exc)
        return None


@cache.resource
def _warm(levels: tuple[int, ...]) -> dict[str, float]:
    took: dict[str, float] = {}

    def step(name, fn):
        t0 = time.perf_counter()
        fn()
        took[name] = round(time.perf_counter() - t0, 3)

    step("leaflet", webassets.leaflet_dir)
    step("client js", webassets.client_js_version)
    step("classifier", _warm_classifier)
    step("context geometry", lambda: webassets.geometry_asset(webassets.CONTEXT_LEVEL, webassets.CONTEXT_SCALE))
    for lv in levels:
        step(f"geometry L{lv}", lambda lv=lv: (webassets.geometry_asset(lv), webassets.view_bounds([], lv)))
    for lv in levels:
        step(f"default view L{lv}", lambda lv=lv: map_layer(lv, model.Selection(), "profile"))
    gc.collect()
    if os.environ.get("INNOV_GC_FREEZE", "1") != "0":  # "0" only to measure the difference
        gc.freeze()  # long-lived data out of every later full collection (runner.postScriptGC)
    _LOG.info("warm: %s", took)
    return took


_frozen_modules = 0


def settle() -> None:
    """Call at the end of a script run: when the run imported modules (a page's first visit
    loads folium, altair, ...), move everything alive now out of the collector's way.

    Streamlit runs a full ``gc.collect(2)`` after every script run (``runner.postScriptGC``);
    its cost grows with the number of tracked objects, nearly all of them long-lived module
    and cache data. Frozen objects are never scanned again (they are not freed either: they
    live as long as the process anyway)."""
    global _frozen_modules
    if len(sys.modules) != _frozen_modules and os.environ.get("INNOV_GC_FREEZE", "1") != "0":
        _frozen_modules = len(sys.modules)
        gc.collect()
        gc.freeze()


def _warm_classifier() -> None:
    """Import mapclassify (scipy, scikit-learn, numba) and compile Fisher-Jenks once."""
    classify.numeric(pd.Series([0.1, 0.5, 0.9, 1.3, 2.0, 2.2, 3.1]), "natural", 3)


def clear() -> None:
    """Forget every cached result (tests that swap the data folders): :func:`data.cache.clear`."""
    cache.clear()
