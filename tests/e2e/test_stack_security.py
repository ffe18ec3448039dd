"""`himflow up` locked down: no listener of the stack but the review UI serves anyone.

One stack (a subprocess, as a user runs it) with one uploaded document. Every TCP port that
a process of its tree listens on is found from /proc, then:
- every port gets the security review's anonymous HTTP requests (bucket listing, object
  read by filer path, S3 path and volume file id, multipart upload, recursive delete, master
  assign/submit/collection delete ...): none may succeed, the document's bytes and key appear
  in no answer, and the document is still there, unchanged, afterwards;
- ports that do not speak HTTP (SeaweedFS gRPC) refuse a TLS client without our certificate;
- the broker port (the SASL front) refuses a Kafka client without SASL (list topics, produce,
  consume), and tansu's own port is in its own network namespace, not on the host's loopback.
Then the data dir: every file 0600, every folder 0700, including ones a previous version left
0644/0755 before the start.
"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from himflow.embedded.seaweed import s3_client, weed_binary
from tests.faults.stackdriver import StackProcess
from tests.resources.listeners import (
    anonymous_http,
    anonymous_kafka,
    anonymous_tls_refused,
    listening_ports,
    process_tree,
    speaks_http,
    speaks_plain_http2,
    tcp_open,
)
from tests.resources.pages import born_digital_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

SECRET_LINE = "Zanthorpe Velloria MRN-550123 secret marker 7Q2"
# Answers without credentials that carry no stored data: health and status pages.
STATUS_ONLY = {"GET /", "GET /status", "GET /cluster/status", "GET /metrics"}


class Stack:
    def __init__(self, proc: StackProcess, data: Path):
        self.proc = proc
        self.data = data
        self.stopped = False

    def stop(self) -> None:
        if not self.stopped:
            self.stopped = True
            assert self.proc.stop() == 0


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    base = tmp_path_factory.mktemp("locked")
    data = base / "data"
    # What an older version left behind: world-readable files and folders.
    (data / "logs").mkdir(parents=True)
    (data / "logs").chmod(0o755)
    old = data / "logs" / "old.log"
    old.write_text("earlier run\n")
    old.chmod(0o644)
    data.chmod(0o755)
    proc = StackProcess(data, log=base / "up.log")
    proc.start()
    s = Stack(proc, data)
    try:
        pdf = born_digital_pdf([["DISCHARGE SUMMARY", SECRET_LINE, "Discharged home."]], base / "doc.pdf")
        up = proc.cli("upload", str(pdf), "--wait", "--json")
        assert up.returncode == 0, up.stderr.decode()[-2000:]
        yield s
    finally:
        s.stop()


def _weed_pid(stack: Stack) -> int:
    return int(stack.proc.processes()["seaweedfs"]["pid"])


def _weed_flag(pid: int, name: str) -> str:
    args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    return next(a.split("=", 1)[1] for a in args if a.startswith(f"-{name}="))


def _stored_document(stack: Stack) -> tuple[str, str, bytes]:
    st = stack.proc.settings.store
    client = s3_client(st.endpoint, st.access_key, st.secret_key.get_secret_value())
    keys = [o.object_name for o in client.list_objects(st.intake_bucket, recursive=True)]
    assert len(keys) == 1, keys
    return st.intake_bucket, keys[0], client.get_object(st.intake_bucket, keys[0]).read()


def _file_id(stack: Stack, bucket: str, key: str) -> str:
    """The volume file id of the object, asked the way an operator with the keys would
    (`weed shell` in the dir holding security.toml, over mutual TLS)."""
    pid = _weed_pid(stack)
    master = f"127.0.0.1:{_weed_flag(pid, 'master.port')}.{_weed_flag(pid, 'master.port.grpc')}"
    filer = f"127.0.0.1:{_weed_flag(pid, 'filer.port')}.{_weed_flag(pid, 'filer.port.grpc')}"
    out = subprocess.run(
        [str(weed_binary()), "shell", f"-master={master}", f"-filer={filer}"],
        input=f"fs.meta.cat /buckets/{bucket}/{key}\n".encode(), capture_output=True, timeout=60,
        cwd=_weed_flag(pid, "dir"), check=False,
    )
    text = out.stdout.decode()
    fids = [line.split('"')[3] for line in text.splitlines() if '"fileId"' in line]
    assert fids, text[-2000:]
    return fids[0]


def _ports(stack: Stack) -> dict[int, str]:
    """Listening port -> the name of the stack's process that owns it."""
    assert stack.proc.proc is not None
    tree = process_tree(stack.proc.proc.pid)
    names = {int(p["pid"]): n for n, p in stack.proc.processes().items() if p.get("pid")}
    owners: dict[int, str] = {}
    for port, pid in listening_ports(tree).items():
        owner = pid
        while owner not in names and owner > 1:  # a worker's own child process
            owner = int(Path(f"/proc/{owner}/stat").read_text().rsplit(")", 1)[1].split()[1])
        owners[port] = names.get(owner, f"pid {pid}")
    return owners


def test_every_listener_but_the_review_ui_refuses_anonymous_http(stack: Stack):
    bucket, key, original = _stored_document(stack)
    fid = _file_id(stack, bucket, key)
    ports = _ports(stack)
    web_port = stack.proc.settings.web_port
    assert ports.get(web_port) == "web", ports
    others = {p: n for p, n in ports.items() if p != web_port}
    assert {"seaweedfs", "kafka-front"} <= set(others.values()), ports

    answered: list[str] = []
    leaked: list[str] = []
    head = original[:64]  # what a read of the object starts with
    for port, name in sorted(others.items()):
        for probe in anonymous_http(port, bucket=bucket, key=key, fid=fid):
            if probe.answered and probe.request not in STATUS_ONLY:
                answered.append(f"{name}:{port} {probe.request} -> {probe.status}")
            # (error bodies echo the requested path: only a success may not name the key)
            if head in probe.body or (probe.answered and key.encode() in probe.body):
                leaked.append(f"{name}:{port} {probe.request}")
    assert answered == []
    assert leaked == []

    # Nothing was written, deleted or moved by all that.
    bucket2, key2, after = _stored_document(stack)
    assert (bucket2, key2, after) == (bucket, key, original)


def test_non_http_listeners_refuse_a_client_without_our_certificate(stack: Stack):
    ports = _ports(stack)
    web_port = stack.proc.settings.web_port
    broker_port = int(stack.proc.settings.broker.bootstrap_servers.rsplit(":", 1)[1])
    silent = [p for p in ports if p not in (web_port, broker_port) and not speaks_http(p)]
    assert silent, "expected the SeaweedFS gRPC ports"
    assert [p for p in silent if speaks_plain_http2(p)] == []  # no clear-text gRPC
    assert [p for p in silent if not anonymous_tls_refused(p)] == []


def test_broker_refuses_a_kafka_client_without_sasl(stack: Stack):
    broker = stack.proc.settings.broker
    broker_port = int(broker.bootstrap_servers.rsplit(":", 1)[1])
    ports = _ports(stack)
    assert ports.get(broker_port) == "kafka-front"
    # tansu itself listens only inside its own network namespace: no host port is its own
    assert "tansu" not in ports.values(), ports
    tansu_pid = stack.proc.pid("tansu")
    assert Path(f"/proc/{tansu_pid}/ns/net").resolve() != Path("/proc/self/ns/net").resolve()
    inner = _inner_port(tansu_pid)
    assert not tcp_open(inner), f"tansu's own port {inner} answers on the host's loopback"
    assert anonymous_kafka(broker_port, "himflow.object-created.v1") == []
    assert stack.proc.status()["broker_isolated"] is True  # and `himflow status` says so
    # with the stack's generated credentials (himflow.json, 0600) the same client works
    assert broker.security_protocol == "SASL_PLAINTEXT" and broker.sasl_password is not None
    assert asyncio.run(_list_topics(broker)) >= {"himflow.object-created.v1", "himflow.patient-record.v1"}


def _inner_port(pid: int) -> int:
    args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    url = args[args.index("--listener-url") + 1]
    return int(url.rsplit(":", 1)[1])


async def _list_topics(broker) -> set[str]:
    from aiokafka.admin import AIOKafkaAdminClient

    from himflow.broker import aiokafka_kwargs

    admin = AIOKafkaAdminClient(**aiokafka_kwargs(broker), request_timeout_ms=5000)
    await admin.start()
    try:
        return set(await admin.list_topics())
    finally:
        await admin.close()


def _wrong_modes(root: Path) -> list[str]:
    wrong = []
    for dirpath, _dirs, files in os.walk(root):
        for path, want in [(Path(dirpath), 0o700)] + [(Path(dirpath) / f, 0o600) for f in files]:
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                continue
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISSOCK(st.st_mode) and mode & 0o077 == 0:
                continue  # a Unix socket of the owner's only (0700 or 0600)
            if mode != want:
                wrong.append(f"{path.relative_to(root)} {oct(stat.S_IMODE(st.st_mode))}")
    return wrong


def test_files_at_rest_are_the_owners_only(stack: Stack):
    data = stack.data
    # While running: the data dir and what holds PHI or keys. (SeaweedFS writes each new
    # volume's small .vif file 0644; the stack re-tightens those every 30 s and at stop.)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("himflow.db", "himflow.json", "run/processes.json", "s3/security.toml",
                 "s3/tls/node.key", "s3/s3-identities.json"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    assert [w for w in _wrong_modes(data) if not w.split()[0].endswith(".vif")] == []
    stack.stop()
    assert _wrong_modes(data) == []  # everything, once stopped
    for name in ("himflow.db", "himflow.json", "run/processes.json", "logs/seaweedfs.log",
                 "logs/tansu.log", "logs/old.log", "s3/security.toml"):
        assert (data / name).exists(), name
    settings = json.loads((data / "himflow.json").read_text())
    assert settings["store"]["secret_key"]  # the generated credentials live in that 0600 file
