"""deploy/serve.py render_nginx: new visitors to the least busy replica, then pinned by cookie."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy import serve

ROOT = Path(__file__).resolve().parents[2]
UPSTREAMS = ["127.0.0.1:8601", "127.0.0.1:8602", "127.0.0.1:8603"]


def _conf() -> str:
    return serve.render_nginx("/tmp/w", "127.0.0.1:8080", UPSTREAMS, "/srv/static")


def _block(text: str, name: str) -> str:
    return re.search(r"upstream " + name + r" \{(.*?)\n    \}", text, re.S).group(1)


def test_new_visitors_go_to_the_replica_with_fewest_connections():
    text = _conf()
    assert not re.search(r"\{\{[A-Z_]+\}\}", text)  # every placeholder filled in
    new = _block(text, "streamlit")
    assert "least_conn;" in new and "hash" not in new
    assert [u for u in UPSTREAMS if f"server {u} max_fails" in new] == UPSTREAMS
    assert re.search(r"map \$cookie_ie_route \$ie_backend \{\s*default streamlit;", text)
    assert text.count("proxy_pass http://$ie_backend;") == 2  # the websocket and everything else


def test_each_replica_has_its_route_cookie_and_the_others_as_backups():
    text = _conf()
    for i, u in enumerate(UPSTREAMS, 1):
        block = _block(text, f"ie_r{i}")
        assert f"server {u} max_fails=3" in block
        assert sorted(re.findall(r"server (\S+) backup;", block)) == sorted(set(UPSTREAMS) - {u})
        assert f"r{i} ie_r{i};" in text  # cookie value -> its upstream
        assert f'"~:{u.rsplit(":", 1)[1]}$" r{i};' in text  # the answering port -> cookie value
    # the cookie is set only for a visitor routed as new, and names the replica that answered
    assert '"~^streamlit:(?<route>r[0-9]+)$" "ie_route=$route; Path=/; HttpOnly; SameSite=Lax";' in text
    assert "add_header Set-Cookie $ie_route_cookie always;" in text


def test_replicas_sharing_a_port_are_refused():
    with pytest.raises(ValueError, match="own port"):
        serve.render_nginx("/tmp/w", "0.0.0.0:80", ["replica1:8501", "replica2:8501"], "/srv/static")


def test_committed_compose_config_is_the_current_template():
    committed = (ROOT / "deploy" / "nginx.compose.conf").read_text()
    body = "\n".join(line for line in committed.splitlines(keepends=False)[2:]) + "\n"
    assert body == serve.render_nginx("/tmp/nginx", "0.0.0.0:80", ["replica1:8501", "replica2:8502"], "/srv/static")


@pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
                    reason="nginx not installed (Debian package nginx)")
def test_nginx_accepts_the_rendered_config(tmp_path):
    conf = serve.nginx_config(tmp_path, "127.0.0.1", 18080, [8601, 8602])
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    out = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
