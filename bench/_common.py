"""Shared helpers for the bench scripts (not a test module: nothing here asserts)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402,F401


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def time_calls(fn: Callable[[], object], n: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def fmt_ms(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f} ms" if v >= 100 else f"{v:,.1f} ms"


def fmt_kb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1000:,.0f} KB"


def ratio(baseline: float | None, ours: float | None) -> str:
    """How many times better ours is (baseline / ours), '—' when one side is missing."""
    if baseline is None or ours is None or ours <= 0:
        return "—"
    return f"{baseline / ours:,.1f}x"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])])


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"


def save_results(name: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 notes: Sequence[str] = ()) -> Path:
    """Write the printed table to bench/results/<name>.json (git-ignored) for later comparison."""
    import json

    out = REPO_ROOT / "bench" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine(),
                               "rows": [dict(zip(headers, map(str, r), strict=True)) for r in rows],
                               "notes": list(notes)}, indent=1, ensure_ascii=False))
    return out


# --- a streamlit server on localhost: the same harness as the end-to-end tests ------------------

from tests.e2e.server import streamlit_server  # noqa: E402,F401
