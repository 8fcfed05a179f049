"""One warmed app process: load everything first, then ``streamlit run app.py``.

    python -m deploy.replica --port 8501 [--address 127.0.0.1] [other streamlit flags]

The heavy loading (GISCO geometry files written to static/geo, the classifier compiled, the
default view of every level computed, see data.shared.warm) happens here, before the server
listens, so the health check (/_stcore/health) answers only once a first visitor would be
served from memory. The caches live in this process and are reused by every session.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> None:
    os.chdir(REPO_ROOT)
    sys.path.insert(0, str(REPO_ROOT))
    t0 = time.perf_counter()
    from data import shared

    took = shared.warm()
    print(f"deploy.replica: warm in {time.perf_counter() - t0:.1f} s: {took}", flush=True)
    from streamlit.web import cli

    from deploy import tcp

    if "--server.port" in argv:  # Nagle off before the first visitor connects (deploy/tcp.py)
        tcp.nodelay_when_listening(int(argv[argv.index("--server.port") + 1]))

    sys.argv = ["streamlit", "run", str(REPO_ROOT / "app.py"), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
