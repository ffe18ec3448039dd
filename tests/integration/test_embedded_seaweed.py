"""SeaweedFS as the embedded S3 store: auth enforced, loopback only, data kept across restarts."""

from __future__ import annotations

import io
import os
import shutil
import stat
from pathlib import Path

import httpx
import pytest
from minio.error import S3Error

from himflow.embedded.seaweed import IDENTITIES_FILE, SeaweedFS, generate_credentials, s3_client

pytestmark = pytest.mark.integration

BUCKET = "embedded-auth"


def put_text(client, bucket: str, key: str, text: str) -> None:
    data = text.encode()
    client.put_object(bucket, key, io.BytesIO(data), len(data))


def get_text(client, bucket: str, key: str) -> str:
    response = client.get_object(bucket, key)
    try:
        return response.read().decode()
    finally:
        response.close()
        response.release_conn()


def listening_addresses(pid: int) -> set[tuple[str, int]]:
    """(ip, port) of every TCP socket ``pid`` listens on, from /proc (IPv4 and IPv6)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table, width in (("tcp", 8), ("tcp6", 32)):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A = LISTEN
                continue
            ip_hex, port_hex = local.split(":")
            assert len(ip_hex) == width
            found.add((ip_hex, int(port_hex, 16)))
    return found


def test_put_and_get_round_trip_with_the_generated_credentials(seaweed):
    client = seaweed.client()
    seaweed.ensure_bucket(BUCKET)
    seaweed.ensure_bucket(BUCKET)  # idempotent
    put_text(client, BUCKET, "scans/2024/page 1.txt", "synthetic page text")
    assert get_text(client, BUCKET, "scans/2024/page 1.txt") == "synthetic page text"
    assert client.stat_object(BUCKET, "scans/2024/page 1.txt").size == len("synthetic page text")


def test_a_wrong_secret_key_is_refused(seaweed):
    seaweed.ensure_bucket(BUCKET)
    wrong = s3_client(seaweed.endpoint, seaweed.access_key, seaweed.secret_key + "x")
    with pytest.raises(S3Error) as info:
        wrong.list_buckets()
    assert info.value.response.status == 403
    with pytest.raises(S3Error) as info:
        put_text(wrong, BUCKET, "intruder.txt", "x")
    assert info.value.response.status == 403


def test_an_unknown_access_key_is_refused(seaweed):
    stranger = generate_credentials()
    client = s3_client(seaweed.endpoint, stranger.access_key, stranger.secret_key)
    with pytest.raises(S3Error) as info:
        client.bucket_exists(BUCKET)
    assert info.value.response.status == 403


def test_unsigned_requests_are_refused(seaweed):
    seaweed.ensure_bucket(BUCKET)
    put_text(seaweed.client(), BUCKET, "signed.txt", "kept private")
    with httpx.Client(base_url=seaweed.url, timeout=10) as http:
        assert http.put(f"/{BUCKET}/unsigned.txt", content=b"anonymous").status_code == 403
        read = http.get(f"/{BUCKET}/signed.txt")
        assert read.status_code == 403
        assert b"kept private" not in read.content
        assert http.get("/").status_code == 403
    with pytest.raises(S3Error):
        seaweed.client().stat_object(BUCKET, "unsigned.txt")


def test_identities_file_is_private_to_the_owner(seaweed):
    mode = stat.S_IMODE((seaweed.data_dir / IDENTITIES_FILE).stat().st_mode)
    assert mode == 0o600


def test_every_port_listens_on_loopback_only(seaweed):
    addresses = listening_addresses(seaweed.pid)
    assert seaweed.s3_port in {port for _, port in addresses}
    assert {ip for ip, _ in addresses} == {"0100007F"}  # 127.0.0.1, nothing on 0.0.0.0 or ::


def test_objects_survive_restarts_and_new_writes_do_not_overwrite_old_ones(tmp_path):
    creds = generate_credentials()
    server = SeaweedFS(tmp_path / "data", access_key=creds.access_key, secret_key=creds.secret_key,
                       log_path=tmp_path / "weed.log")
    server.start(timeout=60)
    try:
        endpoint = server.endpoint
        server.ensure_bucket("durable")
        for i in range(5):
            put_text(server.client(), "durable", f"before/{i}", f"first run {i}")
        server.stop()
        assert server.pid is None

        server.start(timeout=60)  # fresh internal ports, same S3 port and data
        assert server.endpoint == endpoint
        for i in range(5):
            put_text(server.client(), "durable", f"after/{i}", f"second run {i}")
        server.kill()  # a crash, no clean shutdown

        server.start(timeout=60)
        client = server.client()
        for i in range(5):
            assert get_text(client, "durable", f"before/{i}") == f"first run {i}"
            assert get_text(client, "durable", f"after/{i}") == f"second run {i}"
        assert len(list((tmp_path / "data" / "master").glob("m[0-9]*"))) == 1
    finally:
        server.stop()


def test_a_configured_s3_port_is_used(tmp_path):
    from himflow.embedded.ports import free_port

    port = free_port()
    creds = generate_credentials()
    server = SeaweedFS(tmp_path / "data", s3_port=port, access_key=creds.access_key,
                       secret_key=creds.secret_key, log_path=tmp_path / "weed.log")
    with server:
        assert server.endpoint == f"127.0.0.1:{port}"
        assert server.client().list_buckets() == []


def test_a_configured_s3_port_already_in_use_is_refused_with_a_clear_error(tmp_path):
    import socket

    from himflow.errors import StoreUnavailable

    creds = generate_credentials()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        server = SeaweedFS(tmp_path / "data", s3_port=squatter.getsockname()[1],
                           access_key=creds.access_key, secret_key=creds.secret_key,
                           log_path=tmp_path / "weed.log")
        with pytest.raises(StoreUnavailable, match="in use"):
            server.start()
        assert server.pid is None


def test_stored_objects_are_readable_by_the_owner_only(seaweed):
    seaweed.ensure_bucket(BUCKET)
    put_text(seaweed.client(), BUCKET, "private.txt", "synthetic")
    assert stat.S_IMODE(seaweed.data_dir.stat().st_mode) == 0o700
    data_files = list(seaweed.data_dir.glob("*.dat"))
    assert data_files
    for path in data_files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_a_store_holds_more_buckets_than_free_disk_in_gib(seaweed):
    """Every bucket is a SeaweedFS collection with a volume of its own. Left to itself the server
    allows free-disk / 1 GiB volumes, so on a host with 75 GiB free the 76th bucket's first write
    failed with "no free volumes left" (a 500, seen in CI as store-unavailable). The slot count is
    now set; this writes to more buckets than the automatic limit would allow, on the shared store."""
    client = s3_client(seaweed.endpoint, seaweed.access_key, seaweed.secret_key, timeout=30)
    free_gib = shutil.disk_usage(seaweed.data_dir).free // 2**30
    wanted = min(free_gib + 5, 400)  # above 400 GiB free this no longer proves the point
    names = [f"slots-{i:03d}" for i in range(wanted)]
    try:
        for name in names:
            client.make_bucket(name)
            put_text(client, name, "k", name)
        assert get_text(client, names[-1], "k") == names[-1]
    finally:
        for name in names:
            if client.bucket_exists(name):
                for obj in client.list_objects(name, recursive=True):
                    client.remove_object(name, obj.object_name)
                client.remove_bucket(name)
