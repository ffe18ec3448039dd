"""A SASL/PLAIN-checking Kafka front for the embedded broker (tansu 0.6.0 has no usable auth).

Per client connection: requests are read as Kafka frames (int32 size, then api_key int16,
api_version int16, correlation_id int32, ...). Before authentication only three requests are
allowed:
- ApiVersions v0-v2: passed to the broker, its answer patched to offer SaslHandshake (17,
  v1) and SaslAuthenticate (36, v0-v1); v3+ (flexible) is answered UNSUPPORTED_VERSION in
  the v0 layout, as Kafka does, so the client retries lower;
- SaslHandshake v1: answered here, mechanism PLAIN only;
- SaslAuthenticate v0-v1: PLAIN ``\\0user\\0password`` checked with hmac.compare_digest.
Anything else before authentication, a wrong password or a malformed frame closes the
connection. After authentication bytes are piped both ways; client frames are still framed
so a Produce request larger than ``max_request_bytes`` closes the connection.
The upstream is a Unix socket (the relay into the broker's network namespace) or host:port.

Long polls for a broker that has none: tansu answers a Fetch only at the end of its max wait,
never when data arrives, so the stack's consumers ask with a short wait (25 ms) to keep the
pipeline quick, and an idle stack would poll 40 times a second per consumer. The front holds
a Fetch instead (``fetch_hold_s``, 1 s) and lets it through at once when any client's Produce
passes; for ``_PRODUCE_GRACE_S`` after a Produce it holds nothing (the records may still be
committing when the first fetch arrives, and the next ones must not wait). Requests behind a
held Fetch on the same connection wait with it (Kafka answers in order on a connection anyway);
group heartbeats travel on the coordinator's own connection and are never held.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import struct
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

API_PRODUCE = 0
API_FETCH = 1
_PRODUCE_GRACE_S = 2.0
API_SASL_HANDSHAKE = 17
API_VERSIONS = 18
API_SASL_AUTHENTICATE = 36
_UNSUPPORTED_VERSION = 35
_SASL_AUTHENTICATION_FAILED = 58
_UNSUPPORTED_SASL_MECHANISM = 33
_MAX_PRE_AUTH_FRAME = 64 * 1024
_FRAME_OVERHEAD = 64 * 1024  # request header + record batch framing around the messages
UPSTREAM_WAIT_S = 15.0
_OUR_VERSIONS = {API_SASL_HANDSHAKE: (1, 1), API_SASL_AUTHENTICATE: (0, 1)}

Opener = Callable[[], Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str


class _Refused(Exception):
    pass


def _string(value: str | None) -> bytes:
    if value is None:
        return struct.pack(">h", -1)
    raw = value.encode()
    return struct.pack(">h", len(raw)) + raw


async def _read_frame(reader: asyncio.StreamReader, limit: int) -> bytes:
    (size,) = struct.unpack(">i", await reader.readexactly(4))
    if size < 8 or size > limit:
        raise _Refused("frame size")
    return await reader.readexactly(size)


def _frame(payload: bytes) -> bytes:
    return struct.pack(">i", len(payload)) + payload


def _header(frame: bytes) -> tuple[int, int, int, int]:
    """api_key, api_version, correlation_id, offset of the body (after client_id)."""
    api_key, api_version, correlation_id, n = struct.unpack_from(">hhih", frame, 0)
    return api_key, api_version, correlation_id, 10 + max(n, 0)


def patch_api_versions(response: bytes, version: int) -> bytes:
    """Broker's ApiVersions (v0-v2) answer with our SASL entries in place of its own."""
    correlation_id, error_code, n = struct.unpack_from(">ihi", response, 0)
    pos = 10
    entries = []
    for _ in range(n):
        entries.append(struct.unpack_from(">hhh", response, pos))
        pos += 6
    rest = response[pos:]  # throttle_time_ms for v1+
    entries = [e for e in entries if e[0] not in _OUR_VERSIONS]
    entries += [(k, lo, hi) for k, (lo, hi) in _OUR_VERSIONS.items()]
    body = struct.pack(">ihi", correlation_id, error_code, len(entries))
    body += b"".join(struct.pack(">hhh", *e) for e in entries)
    return body + (rest if version >= 1 else b"")


def check_plain(token: bytes, expected: Credentials) -> bool:
    parts = token.split(b"\0")
    if len(parts) != 3:
        return False
    user_ok = hmac.compare_digest(parts[1], expected.username.encode())
    password_ok = hmac.compare_digest(parts[2], expected.password.encode())
    return user_ok and password_ok


class KafkaFront:
    """Listens on ``host:port``; each authenticated client gets its own upstream connection."""

    def __init__(self, *, host: str, port: int, credentials: Credentials, open_upstream: Opener,
                 max_request_bytes: int, fetch_hold_s: float = 1.0) -> None:
        self.host, self.port = host, port
        self.fetch_hold_s = fetch_hold_s
        self._produced: asyncio.Event | None = None  # set and replaced at each Produce
        self._last_produce = float("-inf")
        self.fetches_holding = 0  # fetches held right now
        self.fetches_woken = 0  # held fetches let through by a Produce (not by the hold's end)
        self.credentials = credentials
        self._open_upstream = open_upstream
        self.max_request_bytes = max_request_bytes
        self._server: asyncio.base_events.Server | None = None

    def _note_produce(self) -> None:
        self._last_produce = asyncio.get_running_loop().time()
        if self._produced is not None:
            self._produced.set()
        self._produced = asyncio.Event()

    async def _hold_fetch(self) -> None:
        loop = asyncio.get_running_loop()
        if self.fetch_hold_s <= 0 or loop.time() - self._last_produce < _PRODUCE_GRACE_S:
            return
        if self._produced is None:
            self._produced = asyncio.Event()
        self.fetches_holding += 1
        try:
            await asyncio.wait_for(self._produced.wait(), self.fetch_hold_s)
            self.fetches_woken += 1
        except TimeoutError:
            pass
        finally:
            self.fetches_holding -= 1

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port, reuse_address=True)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            upstream = await self._authenticate(reader, writer)
            await self._pipe(reader, writer, *upstream)
        except (_Refused, asyncio.IncompleteReadError, ConnectionError, OSError, struct.error) as e:
            log.debug("kafka front closed a connection (%s)", type(e).__name__)
        finally:
            for w in (writer, upstream[1] if upstream else None):
                if w is not None:
                    w.close()

    async def _authenticate(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                            ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        handshaken = False
        while True:
            frame = await _read_frame(reader, _MAX_PRE_AUTH_FRAME)
            api_key, version, correlation_id, body_at = _header(frame)
            if api_key == API_VERSIONS:
                if version > 2:
                    entries = [(API_VERSIONS, 0, 2)]
                    body = struct.pack(">ihi", correlation_id, _UNSUPPORTED_VERSION, len(entries))
                    writer.write(_frame(body + b"".join(struct.pack(">hhh", *e) for e in entries)))
                    await writer.drain()
                    continue
                if upstream is None:
                    upstream = await self._open_upstream()
                upstream[1].write(_frame(frame))
                await upstream[1].drain()
                answer = await _read_frame(upstream[0], 1 << 20)
                writer.write(_frame(patch_api_versions(answer, version)))
                await writer.drain()
            elif api_key == API_SASL_HANDSHAKE and version == 1:
                (n,) = struct.unpack_from(">h", frame, body_at)
                mechanism = frame[body_at + 2: body_at + 2 + n].decode(errors="replace")
                code = 0 if mechanism == "PLAIN" else _UNSUPPORTED_SASL_MECHANISM
                writer.write(_frame(struct.pack(">ihi", correlation_id, code, 1) + _string("PLAIN")))
                await writer.drain()
                if code:
                    raise _Refused("mechanism")
                handshaken = True
            elif api_key == API_SASL_AUTHENTICATE and version <= 1 and handshaken:
                (n,) = struct.unpack_from(">i", frame, body_at)
                token = frame[body_at + 4: body_at + 4 + max(n, 0)]
                ok = check_plain(token, self.credentials)
                body = struct.pack(">ih", correlation_id, 0 if ok else _SASL_AUTHENTICATION_FAILED)
                body += _string(None if ok else "authentication failed") + struct.pack(">i", 0)
                if version == 1:
                    body += struct.pack(">q", 0)
                writer.write(_frame(body))
                await writer.drain()
                if not ok:
                    raise _Refused("credentials")
                return upstream or await self._open_upstream()
            else:
                raise _Refused("request before authentication")

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    up_reader: asyncio.StreamReader, up_writer: asyncio.StreamWriter) -> None:
        async def client_to_broker() -> None:
            limit = self.max_request_bytes + _FRAME_OVERHEAD
            while True:
                head = await reader.readexactly(6)
                size, api_key = struct.unpack(">ih", head)
                if size < 2 or (api_key == API_PRODUCE and size > limit) or size > 2 * limit:
                    raise _Refused("request too large")
                rest = await reader.readexactly(size - 2)
                if api_key == API_FETCH:
                    await self._hold_fetch()
                elif api_key == API_PRODUCE:
                    self._note_produce()
                up_writer.write(head + rest)
                await up_writer.drain()

        async def broker_to_client() -> None:
            while chunk := await up_reader.read(1 << 16):
                writer.write(chunk)
                await writer.drain()

        tasks = [asyncio.ensure_future(client_to_broker()), asyncio.ensure_future(broker_to_client())]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for t in done:
                if t.exception() is not None:
                    raise t.exception()  # type: ignore[misc]
        finally:
            for t in tasks:
                t.cancel()


class FrontThread:
    """A KafkaFront on its own event loop in a daemon thread (for the `himflow up` process)."""

    def __init__(self, front: KafkaFront) -> None:
        self.front = front
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="himflow-kafka-front", daemon=True)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.front.start(), self._loop).result(timeout=10)

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self.front.close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


async def _patiently(connect: Opener, wait_s: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Connect, retrying for up to ``wait_s``: a broker being restarted by the stack's watchdog
    (a second or so) holds the client's request instead of closing its connection."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    while True:
        try:
            return await connect()
        except OSError:
            if loop.time() >= deadline:
                raise
            await asyncio.sleep(0.1)


def unix_upstream(path: str, *, wait_s: float = UPSTREAM_WAIT_S) -> Opener:
    async def open_() -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await _patiently(lambda: asyncio.open_unix_connection(path), wait_s)
    return open_


def tcp_upstream(host: str, port: int, *, wait_s: float = UPSTREAM_WAIT_S) -> Opener:
    async def open_() -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await _patiently(lambda: asyncio.open_connection(host, port), wait_s)
    return open_
