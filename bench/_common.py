"""Shared helpers for the bench scripts (not a test module: nothing here asserts)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


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


# --- a streamlit server on localhost --------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _own_session_dying_with_parent() -> None:
    os.setsid()
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def streamlit_server(script: str, env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """`streamlit run script` on 127.0.0.1:<free port>; yields the base URL; stops the process group."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            preexec_fn=_own_session_dying_with_parent)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(base):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit server for {script} did not start")
            time.sleep(0.2)
        yield base
    finally:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
