"""What a process tree listens on, and what an anonymous client gets from each port.

``listening_ports(pids)`` reads /proc (no psutil): the TCP ports in LISTEN state whose socket
belongs to one of ``pids``. ``anonymous_http`` sends the requests the security review sent
(listing, reads, writes, recursive deletes, SeaweedFS master/volume calls) without any
credentials and returns what came back; ``answered`` keeps those that got a 2xx/3xx answer.
``anonymous_kafka`` tries a plain (no SASL) Kafka client: list topics, produce, consume.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def process_tree(root_pid: int) -> set[int]:
    """``root_pid`` and all its descendants (from /proc/*/stat parent ids)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents[int(entry.name)] = ppid
    tree = {root_pid}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return tree


def _socket_inodes(pid: int) -> set[int]:
    inodes: set[int] = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        fds = list(fd_dir.iterdir())
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def listening_ports(pids: Iterable[int]) -> dict[int, int]:
    """TCP port -> pid for every listening IPv4/IPv6 socket owned by one of ``pids``."""
    owner: dict[int, int] = {}
    for pid in pids:
        for inode in _socket_inodes(pid):
            owner[inode] = pid
    found: dict[int, int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[3] != "0A":  # LISTEN
                continue
            inode = int(cols[9])
            if inode in owner:
                found[int(cols[1].rsplit(":", 1)[1], 16)] = owner[inode]
    return found


@dataclass(frozen=True)
class Probe:
    port: int
    request: str
    status: int | None  # None: no HTTP answer (refused, reset, TLS or gRPC only)
    body: bytes = b""

    @property
    def answered(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


def _request(port: int, method: str, path: str, *, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> Probe:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read(4096)
        return Probe(port, f"{method} {path}", resp.status, data)
    except (OSError, http.client.HTTPException):
        return Probe(port, f"{method} {path}", None)
    finally:
        conn.close()


def anonymous_http(port: int, *, bucket: str, key: str, fid: str | None = None) -> list[Probe]:
    """The review's anonymous requests against one port (no credentials of any kind)."""
    boundary = uuid.uuid4().hex
    form = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n"
        f"Content-Type: text/plain\r\n\r\nforged\r\n--{boundary}--\r\n"
    ).encode()
    multipart = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    probes = [
        _request(port, "GET", "/"),
        _request(port, "GET", "/buckets/", headers={"Accept": "application/json"}),
        _request(port, "GET", f"/buckets/{bucket}/", headers={"Accept": "application/json"}),
        _request(port, "GET", f"/buckets/{bucket}/{key}"),
        _request(port, "GET", f"/{bucket}/{key}"),  # S3 path style, unsigned
        _request(port, "GET", f"/{bucket}?list-type=2"),
        _request(port, "POST", f"/buckets/{bucket}/forged.txt", body=form, headers=multipart),
        _request(port, "PUT", f"/{bucket}/forged.txt", body=b"forged"),
        _request(port, "PUT", "/forged-bucket"),
        _request(port, "DELETE", f"/buckets/{bucket}/?recursive=true"),
        _request(port, "GET", "/dir/assign"),
        _request(port, "POST", "/submit", body=form, headers=multipart),
        _request(port, "GET", f"/col/delete?collection={bucket}"),
        _request(port, "GET", "/vol/grow?count=1"),
        _request(port, "GET", "/vol/vacuum"),
        _request(port, "GET", "/dir/lookup?volumeId=1"),
        _request(port, "GET", "/dir/status"),
        _request(port, "GET", "/vol/status"),
        _request(port, "GET", "/cluster/status"),
        _request(port, "GET", "/status"),
        _request(port, "GET", "/metrics"),
        _request(port, "GET", "/api/cluster/topology"),
    ]
    if fid:
        probes += [_request(port, "GET", f"/{fid}"), _request(port, "DELETE", f"/{fid}")]
    return probes


def speaks_http(port: int) -> bool:
    """Did anything on ``port`` answer a plain HTTP/1.1 request with a status line?"""
    return _request(port, "GET", "/").status is not None


async def _anonymous_kafka(bootstrap: str, topic: str) -> list[str]:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
    from aiokafka.admin import AIOKafkaAdminClient

    got: list[str] = []
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=4000)
    try:
        await admin.start()
        await admin.list_topics()
        got.append("list topics")
    except Exception as e:  # noqa: BLE001 - any refusal is what we want
        got.append(f"refused: {type(e).__name__}")
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, request_timeout_ms=4000)
    try:
        await producer.start()
        await asyncio.wait_for(producer.send_and_wait(topic, b"{}"), 6)
        got.append("produce")
    except Exception as e:  # noqa: BLE001
        got.append(f"refused: {type(e).__name__}")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                request_timeout_ms=4000, group_id=None)
    try:
        await consumer.start()
        batch = await asyncio.wait_for(consumer.getmany(timeout_ms=2000), 6)
        if any(batch.values()):
            got.append("consume")
    except Exception as e:  # noqa: BLE001
        got.append(f"refused: {type(e).__name__}")
    finally:
        await consumer.stop()
    return [g for g in got if not g.startswith("refused")]


def anonymous_kafka(port: int, topic: str) -> list[str]:
    """What a Kafka client without SASL managed on ``port``: [] when refused everything."""
    return asyncio.run(_anonymous_kafka(f"127.0.0.1:{port}", topic))


def speaks_plain_http2(port: int) -> bool:
    """Does ``port`` answer an HTTP/2 preface in clear text (h2c)? Plain gRPC does: anyone
    could then call its API without credentials."""
    preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(preface)
            head = s.recv(9)
    except OSError:
        return False
    return len(head) == 9 and head[3] == 0x04  # a SETTINGS frame back


def anonymous_tls_refused(port: int) -> bool:
    """True when a TLS client without a client certificate cannot use ``port`` (mutual TLS),
    or the port does not speak TLS at all."""
    import ssl

    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, ctx.wrap_socket(raw) as tls:
            # TLS 1.3: the server checks the client certificate after the handshake and
            # sends its alert on our first read.
            tls.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
            return tls.recv(1) == b""
    except (OSError, ssl.SSLError):
        return True


def tcp_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) == 0
