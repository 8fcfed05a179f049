"""TCP_NODELAY for the app server's listening socket.

Streamlit (1.67, uvicorn) binds its socket with ``socket.socket(family)``, so the socket's
``proto`` is 0 and asyncio's transport never sets TCP_NODELAY on accepted connections (it does
only for ``proto == IPPROTO_TCP``). With Nagle on, each run's second small message waits for the
browser's delayed ACK: ~40 ms added to every script run on loopback, more on a real link
(measured: new_session -> session_status_changed 43 ms, bench notes). On Linux an accepted
connection inherits TCP_NODELAY from its listening socket, so setting it on the listener once
fixes every later connection; nothing of Streamlit is patched.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time

from data import cache


def _listeners(port: int | None):
    """Socket dups of this process's listening TCP sockets on ``port`` (any when None)."""
    with contextlib.suppress(OSError):
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if not target.startswith("socket:["):
                continue
            try:
                copy = os.dup(fd)
            except OSError:
                continue
            try:
                dup = socket.socket(fileno=copy)
            except OSError:
                os.close(copy)
                continue
            try:
                ok = (dup.family in (socket.AF_INET, socket.AF_INET6) and dup.type == socket.SOCK_STREAM
                      and dup.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
                      and (port is None or dup.getsockname()[1] == port))
            except OSError:
                ok = False
            if ok:
                yield dup
            else:
                dup.close()


def nodelay_listeners(port: int | None = None) -> int:
    """Set TCP_NODELAY on the listening TCP sockets of this process (on ``port``, or all).
    Returns how many were newly set. Idempotent; a no-op where /proc is missing."""
    n = 0
    for dup in _listeners(port):
        with dup:  # a dup shares the socket: the option is set on the listener itself
            if not dup.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY):
                dup.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                n += 1
    return n


def nodelay_when_listening(port: int, timeout: float = 300.0) -> threading.Thread:
    """In the background: wait for this process to listen on ``port``, then set TCP_NODELAY
    (deploy/replica.py: before the first visitor connects)."""

    def wait():
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if nodelay_listeners(port):
                print(f"deploy.tcp: TCP_NODELAY on the listening socket of port {port}", flush=True)
                return
            time.sleep(0.002)

    t = threading.Thread(target=wait, name="tcp-nodelay", daemon=True)
    t.start()
    return t



@cache.resource
def nodelay_this_server() -> int:
    """For a plain ``streamlit run app.py``: app.py calls this on every run, it works once per
    process, so every connection after the first visitor's has Nagle off. (The only listening
    sockets of a Streamlit process are its server's.)"""
    return nodelay_listeners()
