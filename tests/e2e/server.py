"""A `streamlit run` on 127.0.0.1 for end-to-end tests and benchmarks, and the Chromium flags.

The server gets a free port, its own process group (stopped as a whole) and, on Linux, dies with
the process that started it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _own_session_dying_with_parent() -> None:
    """preexec_fn: own process group (so stop() reaches everything) and, on Linux, SIGTERM when
    the starting process dies without cleaning up (killed, crashed)."""
    os.setsid()
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group, then SIGKILL whatever is left."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def streamlit_server(script: str, env: dict[str, str] | None = None, log_path: Path | None = None,
                     timeout: float = 60, cwd: Path | None = None) -> Iterator[str]:
    """`streamlit run script` on 127.0.0.1:<free port> in ``cwd`` (default: this checkout); yields
    the base URL.

    Raises RuntimeError (with the end of the server log when ``log_path`` is given) if the server
    exits or is not healthy within ``timeout`` seconds.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    with open(log_path or os.devnull, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd or REPO_ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                preexec_fn=_own_session_dying_with_parent)
    try:
        deadline = time.monotonic() + timeout
        while not healthy(base):
            if proc.poll() is not None or time.monotonic() > deadline:
                why = f"exited with {proc.returncode}" if proc.poll() is not None else f"not healthy after {timeout} s"
                tail = log_path.read_text(errors="replace")[-3000:] if log_path else ""
                raise RuntimeError(f"streamlit server {why}: {' '.join(cmd)}\n--- log ---\n{tail}")
            time.sleep(0.25)
        yield base
    finally:
        stop(proc)
