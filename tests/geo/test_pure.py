"""geo/ is pure geometry and codes: importing it loads nothing from data/ (no I/O layer, no cycle)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_geo_never_imports_data():
    code = ("import pkgutil, sys, importlib, geo\n"
            "for m in pkgutil.iter_modules(geo.__path__):\n"
            "    importlib.import_module('geo.' + m.name)\n"
            "bad = sorted(n for n in sys.modules if n == 'data' or n.startswith('data.'))\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"geo/ imports {out.stdout.strip()}"
