"""Free loopback TCP ports for the embedded stack and the test fixtures.

A port is free when a listening socket can bind it on 127.0.0.1 right now. Ports handed out
by this process are remembered and never handed out twice, so two services started in one
process never race for the same port. (Another process can still take a port between our
check and the child's bind: callers that start servers retry with fresh ports on failure.)
"""

from __future__ import annotations

import random
import socket
import threading
from pathlib import Path

LOOPBACK = "127.0.0.1"
_MAX_PORT = 65535

_lock = threading.Lock()
_handed_out: set[int] = set()


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    """True when a listening socket can bind ``host:port`` now.

    SO_REUSEADDR as the servers themselves set it (Go, tokio): connections of an earlier run
    lingering in TIME_WAIT do not make a port busy, only a live bound socket does.
    """
    if not 0 < port <= _MAX_PORT:
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _ephemeral_range() -> tuple[int, int]:
    try:
        text = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text()
        low, high = (int(v) for v in text.split())
        return low, high
    except (OSError, ValueError):
        return 32768, 60999


def _kernel_port(sock: socket.socket) -> int:
    """Bind ``sock`` to a free loopback port BELOW the kernel's ephemeral range.

    A port from the ephemeral range (what bind(0) gives) can be taken, between our choice and
    the server's bind, by any outgoing connection's local end (a worker connecting to the
    broker picks one at random): the server then fails with "address in use" for as long as
    that connection lives. Ports below the range are never handed to outgoing connections.
    """
    low, _ = _ephemeral_range()
    top = max(2048, low - 1)
    bottom = max(1024, top - 16384)
    rng = random.SystemRandom()
    for _ in range(500):
        port = rng.randint(bottom, top)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            continue
        return port
    sock.bind((LOOPBACK, 0))  # a crowded range: let the kernel choose
    return int(sock.getsockname()[1])


def free_ports(n: int) -> list[int]:
    """``n`` distinct free loopback ports, none handed out before by this process."""
    if n < 0:
        raise ValueError("n must be >= 0")
    ports: list[int] = []
    sockets: list[socket.socket] = []
    with _lock:
        try:
            # Hold every socket open until all are chosen: the kernel then gives distinct ports.
            while len(ports) < n:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sockets.append(sock)
                port = _kernel_port(sock)
                if port in _handed_out:
                    continue
                ports.append(port)
            _handed_out.update(ports)
        finally:
            for sock in sockets:
                sock.close()
    return ports


def free_port() -> int:
    """One free loopback port, never handed out before by this process."""
    return free_ports(1)[0]


def free_port_with_partner(offset: int, *, attempts: int = 200) -> int:
    """A free port ``p`` such that ``p + offset`` is free too (both reserved).

    For servers that derive a second port from the first (SeaweedFS's admin worker dials
    admin port + 10000 whatever ``-admin.port.grpc`` says).
    """
    for _ in range(attempts):
        with _lock:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                port = _kernel_port(sock)
            partner = port + offset
            if port in _handed_out or partner in _handed_out or partner > _MAX_PORT:
                continue
            if not port_is_free(partner):
                continue
            _handed_out.update((port, partner))
            return port
    raise OSError(f"no free loopback port pair at offset {offset} after {attempts} attempts")


def reserve(port: int) -> None:
    """Record an explicitly configured port so free_port() never returns it in this process."""
    with _lock:
        _handed_out.add(port)
