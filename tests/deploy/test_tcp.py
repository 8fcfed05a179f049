"""deploy/tcp.py: TCP_NODELAY on the listening socket reaches every connection it accepts."""

from __future__ import annotations

import socket

import pytest

from deploy import tcp

pytestmark = pytest.mark.skipif(not hasattr(socket, "TCP_NODELAY"), reason="no TCP_NODELAY on this platform")


def _nodelay(s: socket.socket) -> int:
    return s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def _accept(listener: socket.socket) -> socket.socket:
    client = socket.create_connection(listener.getsockname())
    conn, _ = listener.accept()
    client.close()
    return conn


def test_a_listener_bound_like_streamlit_leaves_nagle_on():
    """The reason for the module: a socket made with socket.socket(family) has proto 0, so asyncio
    does not set TCP_NODELAY on what it accepts (if this ever changes, deploy/tcp.py can go)."""
    with socket.socket(socket.AF_INET) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert listener.proto == 0
        with _accept(listener) as conn:
            assert _nodelay(conn) == 0


def test_nodelay_listeners_sets_the_listener_once_and_connections_inherit_it():
    with socket.socket(socket.AF_INET) as listener, socket.socket(socket.AF_INET) as other:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        other.bind(("127.0.0.1", 0))
        other.listen()
        assert tcp.nodelay_listeners(listener.getsockname()[1]) == 1
        assert _nodelay(listener) == 1 and _nodelay(other) == 0  # only the port asked for
        assert tcp.nodelay_listeners(listener.getsockname()[1]) == 0  # already set
        with _accept(listener) as conn:
            assert _nodelay(conn) == 1


def test_connected_and_unbound_sockets_are_left_alone():
    with socket.socket(socket.AF_INET) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()) as client, _accept(listener) as conn:
            before = (_nodelay(client), _nodelay(conn))
            tcp.nodelay_listeners()
            assert (_nodelay(client), _nodelay(conn)) == before


def test_nodelay_when_listening_waits_for_the_port():
    probe = socket.socket(socket.AF_INET)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    thread = tcp.nodelay_when_listening(port, timeout=20)
    with socket.socket(socket.AF_INET) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        thread.join(20)
        assert not thread.is_alive()
        assert _nodelay(listener) == 1
