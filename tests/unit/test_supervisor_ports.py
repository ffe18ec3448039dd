"""Free loopback ports handed to the embedded servers and supervised children."""

from __future__ import annotations

import socket

from himflow.embedded.ports import free_port, free_port_with_partner, free_ports, port_is_free, reserve


def test_free_ports_are_distinct_and_bindable_on_loopback():
    ports = free_ports(20)
    assert len(set(ports)) == 20
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_no_port_is_handed_out_twice_in_one_process():
    seen = set(free_ports(50)) | {free_port() for _ in range(50)}
    assert len(seen) == 100


def test_a_port_in_use_is_not_free():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert not port_is_free(sock.getsockname()[1])


def test_a_reserved_port_is_never_returned():
    port = free_port()
    reserve(port)
    assert port not in free_ports(30)


def test_partner_port_pairs_are_both_free():
    port = free_port_with_partner(10000)
    assert port + 10000 <= 65535
    assert port_is_free(port) and port_is_free(port + 10000)
