"""Every route of app.py answers as the very first request after a server start: each URL path
has its pages/<url_path>.py shim (components/deeplink.py explains why)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROUTES = REPO / "components" / "routes.py"  # the router's page list (app.py routes with it)


def routes() -> list[tuple[str, bool]]:
    """(url_path, default) of every st.Page of the router (file or callable pages, hidden ones too)."""
    out = []
    for node in ast.walk(ast.parse(ROUTES.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            kw = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            out.append((kw["url_path"], bool(kw.get("default", False))))
    return out


def test_every_route_has_its_first_request_shim():
    paths = [p for p, default in routes() if not default]
    assert {"map", "divide", "region", "data", "initiative", "network", "connections"} <= set(paths)
    for p in paths:
        shim = REPO / "pages" / f"{p}.py"
        assert shim.is_file(), f"add pages/{p}.py calling components.deeplink.run_router() (see that module)"
        assert "run_router()" in shim.read_text(), shim


def test_shims_are_not_routed_pages():
    src = ROUTES.read_text()
    for p, default in routes():
        if not default:
            assert f'"pages/{p}.py"' not in src  # a shim listed in st.navigation would run the router in a loop

