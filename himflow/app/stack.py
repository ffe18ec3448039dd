"""`himflow up`: the embedded stack, in the foreground.

SeaweedFS (S3, auth enforced with generated credentials kept in the data dir) and tansu
(Kafka protocol, durable on that SeaweedFS), then buckets, topics and the database, then the
worker processes of EMBEDDED_PROCESSES (himflow/app/roles.py), the review UI and the
reconciler under the supervisor. Prints one line with `ready` and the review UI's URL when all
are up. Ctrl-C / SIGTERM stops everything cleanly. A second start on
the same data dir reuses its ports when free, its credentials and all its data.
"""

from __future__ import annotations

import json
import logging
import secrets
import signal
import sys
import threading
import time
from pathlib import Path

from himflow import db
from himflow.app.roles import EMBEDDED_PROCESSES
from himflow.embedded.kafka_front import Credentials
from himflow.embedded.ports import free_port, port_is_free
from himflow.embedded.seaweed import SeaweedFS
from himflow.embedded.supervisor import (
    ChildSpec,
    DataDirLock,
    StackAlreadyRunning,
    Supervisor,
)
from himflow.embedded.tansu import Isolation, Tansu
from himflow.filemodes import private_umask, secure_tree
from himflow.logs import configure, log_event
from himflow.objectstore import ObjectStore
from himflow.settings import (
    SETTINGS_FILE_NAME,
    Settings,
    load_settings,
    write_settings_file,
)
from schemas import topics
from pydantic import SecretStr
from desk.accounts import first_start_lines

log = logging.getLogger("himflow.stack")

TANSU_BUCKET = "himflow-tansu"
_MODE_SWEEP_S = 30.0
BROKER_ISOLATION_FILE = "broker-isolation.json"  # read by `himflow status`


def _reuse_or_free(port: int | None) -> int:
    if port and port_is_free(port):
        return port
    return free_port()


def prepare_settings(data_dir: Path, *, web_port: int | None) -> Settings:
    """Settings for this data dir: earlier ports and credentials when present."""
    data_dir = data_dir.resolve()
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    secure_tree(data_dir)  # a data dir of an older version or a copy: back to 0700/0600
    first = not (data_dir / SETTINGS_FILE_NAME).exists()
    s = load_settings(data_dir)
    if first:
        s.store.access_key = "himflow-" + secrets.token_hex(4)

        s.store.secret_key = SecretStr(secrets.token_urlsafe(24))
    if not (s.broker.sasl_username and s.broker.sasl_password):
        s.broker.sasl_username = "himflow-" + secrets.token_hex(4)
        s.broker.sasl_password = SecretStr(secrets.token_urlsafe(24))
    s.broker.security_protocol = "SASL_PLAINTEXT"  # the stack's Kafka front checks them
    s.broker.sasl_mechanism = "PLAIN"
    s.store.endpoint = f"127.0.0.1:{_reuse_or_free(_port_of(s.store.endpoint) if not first else None)}"
    s.broker.bootstrap_servers = (
        f"127.0.0.1:{_reuse_or_free(_port_of(s.broker.bootstrap_servers) if not first else None)}"
    )
    s.broker.session_timeout_ms = min(s.broker.session_timeout_ms, 2000) if first else s.broker.session_timeout_ms
    s.broker.heartbeat_interval_ms = min(s.broker.heartbeat_interval_ms, 500)
    if first:
        s.broker.fetch_max_wait_ms = 25  # tansu does not wake long polls (see settings)
    s.broker.enable_idempotence = False  # tansu lacks InitProducerId v3+
    s.store.emit_object_events = True  # SeaweedFS has no bucket notifications
    s.web_host = "127.0.0.1"
    s.web_port = web_port or _reuse_or_free(s.web_port if not first else None)
    s.data_dir = data_dir
    return s


def _port_of(hostport: str) -> int | None:
    try:
        return int(hostport.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return None


class Stack:
    def __init__(self, settings: Settings, *, lock: DataDirLock):
        self.settings = settings
        self.lock = lock
        d = settings.data_dir
        self.logs = d / "logs"
        self.run_dir = d / "run"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.seaweed = SeaweedFS(
            d / "s3",
            s3_port=_port_of(settings.store.endpoint),
            access_key=settings.store.access_key,
            secret_key=settings.store.secret_key.get_secret_value(),
            log_path=self.logs / "seaweedfs.log",
        )
        self.tansu: Tansu | None = None  # built once SeaweedFS is up (it stores tansu's data)
        self.supervisor: Supervisor | None = None
        self._stopping = threading.Event()
        self._watchdog: threading.Thread | None = None

    def start(self) -> float:
        t0 = time.monotonic()
        s = self.settings
        self.seaweed.start(timeout=60)
        self.seaweed.ensure_bucket(TANSU_BUCKET)
        store = ObjectStore(s.store)
        store.ensure_buckets()
        assert s.broker.sasl_username and s.broker.sasl_password
        isolation = Isolation(
            front_port=_port_of(s.broker.bootstrap_servers) or free_port(),
            credentials=Credentials(s.broker.sasl_username, s.broker.sasl_password.get_secret_value()),
            broker_socket=self.run_dir / "broker" / "kafka.sock",
            s3_socket=self.seaweed.s3_socket,
            max_request_bytes=s.broker.max_message_bytes,
        )
        self.tansu = Tansu(
            isolation=isolation,
            storage=f"s3://{TANSU_BUCKET}/",
            s3_endpoint=self.seaweed.url,
            access_key=s.store.access_key,
            secret_key=s.store.secret_key.get_secret_value(),
            log_path=self.logs / "tansu.log",
        )
        self.tansu.start(timeout=60)
        (self.run_dir / BROKER_ISOLATION_FILE).write_text(
            json.dumps({"network_namespace": self.tansu.isolated}))
        if not self.tansu.isolated:
            print("himflow: WARNING: no network namespace could be made (unshare --net refused): the "
                  "embedded broker's own port is reachable by any local process without credentials",
                  file=sys.stderr, flush=True)
        self.tansu.create_topics(topics.ALL_TOPICS, partitions=s.broker.partitions)
        write_settings_file(s)
        engine = db.make_engine(s.db_url)
        db.migrate(engine)
        engine.dispose()
        self.supervisor = Supervisor(self.settings.data_dir, self._children(), lock=self.lock)
        self.supervisor.add_external("seaweedfs", "object-store", self.seaweed)
        self.supervisor.add_external("tansu", "broker", self.tansu)
        self.supervisor.add_external("kafka-front", "broker-front", self.tansu.front)
        self.supervisor.start()
        self.supervisor.wait_ready(timeout=180, max_restarts=3)
        self._watchdog = threading.Thread(target=self._watch_servers, name="himflow-server-watchdog", daemon=True)
        self._watchdog.start()
        return time.monotonic() - t0

    def _watch_servers(self, interval_s: float = 1.0) -> None:
        """Restart SeaweedFS or tansu when one dies (kill -9, OOM). Their data is durable (the
        SeaweedFS dir; tansu on S3), same ports; workers ride out the gap with their retries.
        Also re-tightens file modes every ``_MODE_SWEEP_S``: SeaweedFS writes each new volume's
        ``.vif`` file 0644 whatever the umask."""
        next_sweep = time.monotonic()
        while not self._stopping.wait(interval_s):
            if time.monotonic() >= next_sweep:
                next_sweep = time.monotonic() + _MODE_SWEEP_S
                secure_tree(self.seaweed.data_dir)
            for name, server in (("seaweedfs", self.seaweed), ("tansu", self.tansu)):
                if server is None or server.running or self._stopping.is_set():
                    continue
                log_event(log, "server exited; restarting", level=logging.WARNING, server=name)
                try:
                    server.start(timeout=60)
                except Exception as e:  # noqa: BLE001 - try again next tick
                    log_event(log, "server restart failed", level=logging.ERROR, server=name,
                              error_type=type(e).__name__)

    def _children(self) -> list[ChildSpec]:
        exe = [sys.executable, "-m", "himflow.cli"]
        d = str(self.settings.data_dir)
        env = {"HIMFLOW_DATA_DIR": d, "OMP_THREAD_LIMIT": "1", "PYTHONUNBUFFERED": "1"}
        children = [
            ChildSpec(
                name=name,
                argv=exe + ["worker", *roles, "--data-dir", d, "--ready-file", str(self.run_dir / f"{name}.ready")],
                env=env,
                ready_file=self.run_dir / f"{name}.ready",
                role="+".join(roles),
            )
            for name, roles in EMBEDDED_PROCESSES.items()
        ]
        children.append(
            ChildSpec(
                name="web",
                argv=exe + ["web", "--data-dir", d, "--ready-file", str(self.run_dir / "web.ready")],
                env=env,
                ready_file=self.run_dir / "web.ready",
                role="review-ui",
            )
        )
        children.append(
            ChildSpec(
                name="reconciler",
                argv=exe + ["reconcile", "--data-dir", d, "--every", str(self.settings.reconcile_interval_s)],
                env=env,
                ready_file=None,
                role="reconciler",
            )
        )
        return children

    def stop(self) -> None:
        self._stopping.set()
        if self._watchdog is not None:
            self._watchdog.join(timeout=70)
        if self.supervisor is not None:
            self.supervisor.stop(timeout=20)
        if self.tansu is not None:
            self.tansu.stop()
        self.seaweed.stop()
        secure_tree(self.settings.data_dir)  # what the servers wrote last, with their own modes

    @property
    def ui_url(self) -> str:
        return f"http://{self.settings.web_host}:{self.settings.web_port}/"


def _sign_in_lines(settings: Settings, ui_url: str) -> list[str]:
    """How to sign in; on a fresh data dir, the first administrator's one-time password (on a
    terminal only). Printed, never logged."""

    engine = db.make_engine(settings.db_url)
    try:
        return first_start_lines(engine, data_dir=str(settings.data_dir), ui_url=ui_url,
                                 terminal=sys.stdout.isatty())
    finally:
        engine.dispose()


def up(data_dir: Path, *, web_port: int | None = None) -> int:
    private_umask()  # everything the stack and its children write: 0600 files, 0700 folders
    settings = prepare_settings(data_dir, web_port=web_port)
    configure(json_logs=settings.log_json, level=settings.log_level)
    lock = DataDirLock(settings.data_dir)
    try:
        lock.acquire()
    except StackAlreadyRunning:
        print(f"himflow: a stack is already running on {settings.data_dir}", file=sys.stderr)
        return 1
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    stack = Stack(settings, lock=lock)
    try:
        seconds = stack.start()
        print(f"himflow ready in {seconds:.1f}s: review UI at {stack.ui_url} (data dir {settings.data_dir})",
              flush=True)
        for line in _sign_in_lines(settings, stack.ui_url):
            print(line, flush=True)
        stop.wait()
        print("himflow: stopping", flush=True)
        return 0
    finally:
        stack.stop()
        lock.release()
        log_event(log, "stack stopped")
