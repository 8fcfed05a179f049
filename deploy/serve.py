"""Start the app for a room: N warmed replicas behind nginx, one command, health-checked.

    python -m deploy.serve                      # 2 replicas + nginx on 127.0.0.1:8080
    python -m deploy.serve --replicas 3 --port 8080 --host 0.0.0.0
    python -m deploy.serve --replicas 1 --no-nginx --port 8501   # one warmed process

Each replica is ``python -m deploy.replica`` (warm-up, then ``streamlit run app.py``) on a
free loopback port. nginx (Debian package, run as the current user with a config written to a
temporary folder, see deploy/nginx.conf.template) listens on --host:--port and

* pins a browser to one replica (session affinity: an ``ie_route`` cookie nginx sets on the
  first request, ``hash $cookie consistent``), so the websocket, media and upload requests of
  a session reach the process that holds the session;
* serves ``/app/static/`` itself from the checkout (gzip_static for the pre-compressed
  geometry files, a year of cache for the content-hashed ones), so geometry never costs a
  replica's CPU;
* marks a replica down after failed requests (``max_fails``); this launcher also checks every
  replica's ``/_stcore/health`` every 5 s, reports failures and restarts a replica that died.

Everything stops (process groups) on Ctrl-C / SIGTERM. Only loopback ports are used for the
replicas. Prints ``READY <url>`` once nginx and all replicas answer their health checks.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HEALTH_EVERY_S = 5.0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def _own_group() -> None:
    os.setsid()
    if sys.platform.startswith("linux"):  # die with the launcher
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass
class Replica:
    port: int
    log: Path
    env: dict[str, str]
    extra: list[str] = field(default_factory=list)
    proc: subprocess.Popen | None = None
    cwd: Path = REPO_ROOT  # the checkout it serves (bench/: an older revision as a baseline)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        cmd = [sys.executable, "-m", "deploy.replica", "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--server.headless", "true", *self.extra]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, preexec_fn=_own_group)


def render_nginx(workdir: str, listen: str, upstreams: list[str], static_root: str) -> str:
    """deploy/nginx.conf.template filled in; ``upstreams`` are "host:port" of the replicas, each on
    its own port (the port names the replica that answered a new visitor, see the template)."""
    ports = [u.rsplit(":", 1)[1] for u in upstreams]
    if len(set(ports)) != len(ports):
        raise ValueError(f"give each replica its own port: {upstreams}")
    routes = [f"r{i + 1}" for i in range(len(upstreams))]
    fails = "max_fails=3 fail_timeout=10s"
    blocks = ["    upstream streamlit {  # new visitors\n        least_conn;\n"
              + "".join(f"        server {u} {fails};\n" for u in upstreams) + "        keepalive 32;\n    }"]
    for route, u in zip(routes, upstreams, strict=True):
        backups = "".join(f"        server {b} backup;\n" for b in upstreams if b != u)
        blocks.append(f"    upstream ie_{route} {{\n        server {u} {fails};\n{backups}"
                      "        keepalive 16;\n    }")
    text = TEMPLATE.read_text()
    for key, value in {
        "WORKDIR": workdir, "LISTEN": listen, "STATIC_ROOT": static_root, "MIME_TYPES": "/etc/nginx/mime.types",
        "UPSTREAMS": "\n".join(blocks),
        "ROUTE_BACKENDS": "\n".join(f"        {r} ie_{r};" for r in routes),
        "ROUTE_ADDRS": "\n".join(f'        "~:{p}$" {r};' for r, p in zip(routes, ports, strict=True)),
    }.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def nginx_config(workdir: Path, host: str, port: int, upstreams: list[int]) -> Path:
    text = render_nginx(str(workdir), f"{host}:{port}", [f"127.0.0.1:{p}" for p in upstreams],
                        str(REPO_ROOT / "static"))
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(text)
    return conf


class Stack:
    """Replicas (+ nginx); a context manager that stops everything it started."""

    def __init__(self, replicas: int = 2, host: str = "127.0.0.1", port: int | None = None,
                 nginx: bool = True, workdir: Path | None = None, env: dict[str, str] | None = None,
                 extra: list[str] | None = None):
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="innov-deploy-"))
        self.host, self.port = host, port or free_port()
        self.use_nginx = nginx
        # one cookie secret for all replicas: a session's XSRF cookie is valid on each of them
        base_env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **(env or {})}
        ports = [free_port() for _ in range(replicas)] if nginx else [self.port]
        self.replicas = [Replica(p, self.workdir / f"replica-{i}.log", base_env, list(extra or []))
                         for i, p in enumerate(ports)]
        self.nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 180) -> str:
        for r in self.replicas:
            r.start()
        deadline = time.monotonic() + timeout
        for r in self.replicas:
            while not healthy(r.url):
                if r.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"replica on port {r.port} did not become healthy; log {r.log}:\n"
                                       + r.log.read_text(errors="replace")[-3000:])
                time.sleep(0.3)
        if self.use_nginx:
            conf = nginx_config(self.workdir, self.host, self.port, [r.port for r in self.replicas])
            check = subprocess.run([NGINX, "-t", "-q", "-p", str(self.workdir), "-c", str(conf)],
                                   capture_output=True, text=True)
            if check.returncode:
                raise RuntimeError(f"nginx rejected {conf}: {check.stderr}")
            with open(self.workdir / "nginx.out", "ab") as log:  # Popen keeps its own copy of the fd
                self.nginx = subprocess.Popen([NGINX, "-p", str(self.workdir), "-c", str(conf), "-g",
                                               "daemon off;"], stdout=log, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL, preexec_fn=_own_group)
            while not healthy(self.url):
                if self.nginx.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not answer on {self.url}; see {self.workdir}/error.log")
                time.sleep(0.2)
        return self.url

    def check(self) -> list[str]:
        """Health-check every replica; restart one whose process died (nginx routes around it
        meanwhile). Returns the URLs that did not answer."""
        down = []
        for r in self.replicas:
            if r.proc is not None and r.proc.poll() is not None:
                print(f"deploy.serve: replica on port {r.port} exited ({r.proc.returncode}); restarting",
                      flush=True)
                r.start()
            if not healthy(r.url):
                down.append(r.url)
        return down

    def stop(self) -> None:
        _stop(self.nginx)
        for r in self.replicas:
            _stop(r.proc)

    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--host", default="127.0.0.1", help="address nginx listens on (0.0.0.0 for a room)")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--no-nginx", action="store_true", help="one replica listening on --host:--port directly")
    ap.add_argument("--render-nginx", nargs="+", metavar="HOST:PORT",
                    help="only print the nginx config for these replicas (containers; see deploy/README.md)")
    ap.add_argument("--static-root", default=str(REPO_ROOT / "static"), help="with --render-nginx")
    ap.add_argument("--workdir", default="/tmp/nginx", help="with --render-nginx")
    args, extra = ap.parse_known_args(argv)
    if args.render_nginx:
        print(render_nginx(args.workdir, f"{args.host}:{args.port}", args.render_nginx, args.static_root), end="")
        return
    if args.no_nginx:
        if args.replicas != 1:
            ap.error("--no-nginx runs exactly one replica")
        os.execv(sys.executable, [sys.executable, "-m", "deploy.replica", "--server.port", str(args.port),
                                  "--server.address", args.host, "--server.headless", "true", *extra])
    stack = Stack(args.replicas, args.host, args.port, extra=extra)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        url = stack.start()
        print(f"READY {url} ({args.replicas} replicas behind nginx; logs in {stack.workdir})", flush=True)
        while True:
            time.sleep(HEALTH_EVERY_S)
            for url in stack.check():
                print(f"deploy.serve: {url} failed its health check", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
