"""The setup scripts run for real against fake `mc` / Kafka CLI tools that record their calls.

deploy/minio/setup-notifications.sh must subscribe exactly the watched buckets to the
object-created Kafka target for every s3:ObjectCreated:* event, idempotently; and the events
MinIO then publishes (format of MinIO's Kafka target) must be the ones schemas/s3event.py
parses. deploy/docker/kafka-create-topics.sh must create exactly schemas.topics.ALL_TOPICS.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from himflow.settings import StoreSettings
from schemas import topics
from schemas.s3event import OBJECT_CREATED_EVENTS, S3EventNotification

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
MINIO_SETUP = DEPLOY / "minio" / "setup-notifications.sh"
KAFKA_TOPICS = DEPLOY / "docker" / "kafka-create-topics.sh"
SCRIPT_TIMEOUT_S = 60
ARN = "arn:minio:sqs::HIMFLOW:kafka"

# Records every call; keeps bucket notifications and policy attachment as files in $STATE.
FAKE_MC = r"""#!/bin/sh
state=$FAKE_STATE
printf '%s\n' "$*" >>"$state/calls"
slug() { printf '%s' "$1" | tr '/:' '__'; }
case "$1" in
  alias|mb|encrypt) exit 0 ;;
  ready) [ -f "$state/down" ] && exit 1; exit 0 ;;
  event)
    f="$state/events_$(slug "$3")"
    case "$2" in
      ls) [ -f "$f" ] && cat "$f"; exit 0 ;;
      add) printf '%s   s3:ObjectCreated:*   Filter:\n' "$4" >>"$f"; exit 0 ;;
    esac ;;
  admin)
    case "$2 $3" in
      "policy create") cp "$6" "$state/policy.json"; exit 0 ;;
      "user add") printf '%s\n' "$6" >"$state/user_secret"; exit 0 ;;
      "user info") [ -f "$state/attached" ] && printf 'PolicyName: %s\n' "$(cat "$state/attached")"; exit 0 ;;
      "policy attach") printf '%s' "$5" >"$state/attached"; exit 0 ;;
    esac ;;
esac
echo "fake mc: unexpected: $*" >&2
exit 2
"""

FAKE_KAFKA_TOOL = r"""#!/bin/sh
printf '%s %s\n' "$(basename "$0")" "$*" >>"$FAKE_STATE/calls"
while [ $# -gt 0 ]; do
  if [ "$1" = "--command-config" ]; then cp "$2" "$FAKE_STATE/client.properties"; fi
  shift
done
exit 0
"""


def write_tool(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def fake_mc(tmp_path):
    bin_dir, state = tmp_path / "bin", tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    write_tool(bin_dir / "mc", FAKE_MC)
    return bin_dir, state


def run_minio_setup(fake_mc, **env) -> subprocess.CompletedProcess:
    bin_dir, state = fake_mc
    full_env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "FAKE_STATE": str(state),
        "MINIO_ROOT_USER": "root-user",
        "MINIO_ROOT_PASSWORD": "root-password",
        **env,
    }
    return subprocess.run(
        ["sh", str(MINIO_SETUP)], env=full_env, capture_output=True, text=True,
        timeout=SCRIPT_TIMEOUT_S,
    )


def mc_calls(state: Path) -> list[list[str]]:
    return [line.split() for line in (state / "calls").read_text().splitlines()]


# ------------------------------------------------------------------------ MinIO setup


def test_minio_setup_creates_every_bucket_and_subscribes_only_the_watched_ones(fake_mc):
    result = run_minio_setup(fake_mc)
    assert result.returncode == 0, result.stderr
    calls = mc_calls(fake_mc[1])
    store = StoreSettings()
    created = {c[-1].split("/", 1)[1] for c in calls if c[0] == "mb"}
    assert created == {*store.watched_buckets, store.derived_bucket}
    added = [c for c in calls if c[:2] == ["event", "add"]]
    assert sorted(c[2] for c in added) == sorted(f"himflow/{b}" for b in store.watched_buckets)
    for call in added:
        assert call[3] == ARN
        assert call[call.index("--event") + 1] == "put"


def test_minio_setup_is_idempotent(fake_mc):
    assert run_minio_setup(fake_mc, STORE_ACCESS_KEY="app", STORE_SECRET_KEY="s1").returncode == 0
    assert run_minio_setup(fake_mc, STORE_ACCESS_KEY="app", STORE_SECRET_KEY="s2").returncode == 0
    calls = mc_calls(fake_mc[1])
    assert len([c for c in calls if c[:2] == ["event", "add"]]) == len(StoreSettings().watched_buckets)
    assert len([c for c in calls if c[:3] == ["admin", "policy", "attach"]]) == 1
    # A second run with a new secret sets it: the credential rotation path.
    assert (fake_mc[1] / "user_secret").read_text().strip() == "s2"


def test_minio_service_user_policy_covers_only_the_himflow_buckets(fake_mc):
    result = run_minio_setup(fake_mc, STORE_ACCESS_KEY="app", STORE_SECRET_KEY="secret")
    assert result.returncode == 0, result.stderr
    policy = json.loads((fake_mc[1] / "policy.json").read_text())
    (statement,) = policy["Statement"]
    store = StoreSettings()
    buckets = {*store.watched_buckets, store.derived_bucket}
    assert set(statement["Resource"]) == {
        r for b in buckets for r in (f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*")
    }
    assert not any(a in ("s3:*", "admin:*") for a in statement["Action"])
    assert "s3:DeleteObject" not in statement["Action"]
    assert "secret" not in result.stdout + result.stderr


def test_minio_setup_enables_default_encryption_when_asked(fake_mc):
    assert run_minio_setup(fake_mc, SSE="on").returncode == 0
    encrypted = [c for c in mc_calls(fake_mc[1]) if c[:3] == ["encrypt", "set", "sse-s3"]]
    assert len(encrypted) == 3


def test_minio_setup_fails_when_the_server_never_answers(fake_mc):
    (fake_mc[1] / "down").touch()
    result = run_minio_setup(fake_mc, READY_TIMEOUT_S="1")
    assert result.returncode != 0
    assert "not ready" in result.stderr
    assert not any(c[0] == "mb" for c in mc_calls(fake_mc[1]))


def test_minio_setup_requires_the_root_credentials(fake_mc):
    bin_dir, state = fake_mc
    result = subprocess.run(
        ["sh", str(MINIO_SETUP)],
        env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_STATE": str(state)},
        capture_output=True, text=True, timeout=SCRIPT_TIMEOUT_S,
    )
    assert result.returncode != 0
    assert "MINIO_ROOT_USER" in result.stderr


# ------------------------------------------------- the events MinIO then publishes


def minio_kafka_message(bucket: str, key: str, escaped_key: str, event_name: str) -> tuple[str, bytes]:
    """(key, value) exactly as MinIO's Kafka target builds them (toProducerMessage):
    key = bucket + "/" + unescaped object key; value = {"EventName", "Key", "Records": [event]}."""
    record = {
        "eventVersion": "2.0",
        "eventSource": "minio:s3",
        "awsRegion": "",
        "eventTime": "2026-11-23T17:40:05.123Z",
        "eventName": event_name,
        "userIdentity": {"principalId": "scanner-3"},
        "requestParameters": {"principalId": "scanner-3", "region": "", "sourceIPAddress": "10.0.0.7"},
        "responseElements": {"x-amz-request-id": "1797F0D3F5B3C9A1", "x-minio-origin-endpoint": "https://minio"},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "Config",
            "bucket": {"name": bucket, "ownerIdentity": {"principalId": "scanner-3"}, "arn": f"arn:aws:s3:::{bucket}"},
            "object": {
                "key": escaped_key,
                "size": 48213,
                "eTag": "5d41402abc4b2a76b9719d911017c592-3",
                "contentType": "application/pdf",
                "userMetadata": {"content-type": "application/pdf"},
                "versionId": "",
                "sequencer": "1797F0D3F5C1B2A4",
            },
        },
        "source": {"host": "10.0.0.7", "port": "", "userAgent": "MinIO (linux; amd64) minio-go/v7.0.70"},
    }
    message_key = f"{bucket}/{key}"
    value = {"EventName": event_name, "Key": message_key, "Records": [record]}
    return message_key, json.dumps(value).encode()


@pytest.mark.parametrize(
    "event_name", ["s3:ObjectCreated:Put", "s3:ObjectCreated:CompleteMultipartUpload"]
)
def test_events_of_the_configured_notification_parse_as_object_created(event_name):
    bucket = StoreSettings().intake_bucket
    key = "station 4/2026-11-23/batch 0042.pdf"
    escaped = "station+4%2F2026-11-23%2Fbatch+0042.pdf"  # MinIO query-escapes the record key
    message_key, value = minio_kafka_message(bucket, key, escaped, event_name)
    event = S3EventNotification.model_validate_json(value)
    (record,) = event.records
    assert record.is_object_created
    assert record.event_name in OBJECT_CREATED_EVENTS
    assert record.s3.bucket.name in StoreSettings().watched_buckets
    assert record.s3.object.decoded_key == key
    assert event.key == message_key


def test_mc_put_event_covers_every_object_created_event_intake_accepts():
    # `mc event add --event put` subscribes s3:ObjectCreated:*; intake accepts exactly that family.
    assert all(name.startswith("s3:ObjectCreated:") for name in OBJECT_CREATED_EVENTS)
    assert "s3:ObjectCreated:CompleteMultipartUpload" in OBJECT_CREATED_EVENTS


# ------------------------------------------------------------------------ Kafka topics


def run_kafka_topics(tmp_path: Path, **env) -> tuple[subprocess.CompletedProcess, Path]:
    bin_dir, state = tmp_path / "kafka-bin", tmp_path / "kafka-state"
    bin_dir.mkdir()
    state.mkdir()
    for tool in ("kafka-topics.sh", "kafka-configs.sh"):
        write_tool(bin_dir / tool, FAKE_KAFKA_TOOL)
    full_env = {"PATH": os.environ["PATH"], "KAFKA_BIN": str(bin_dir), "FAKE_STATE": str(state), **env}
    result = subprocess.run(
        ["bash", str(KAFKA_TOPICS)], env=full_env, capture_output=True, text=True,
        timeout=SCRIPT_TIMEOUT_S,
    )
    return result, state


def created_topics(state: Path) -> dict[str, list[str]]:
    out = {}
    for line in (state / "calls").read_text().splitlines():
        argv = line.split()
        if argv[0] == "kafka-topics.sh" and "--create" in argv:
            out[argv[argv.index("--topic") + 1]] = argv
    return out


def test_kafka_init_creates_exactly_the_project_topics(tmp_path):
    result, state = run_kafka_topics(tmp_path, PARTITIONS="12", REPLICATION_FACTOR="3", MIN_INSYNC_REPLICAS="2")
    assert result.returncode == 0, result.stderr
    created = created_topics(state)
    assert set(created) == set(topics.ALL_TOPICS)
    for argv in created.values():
        assert argv[argv.index("--partitions") + 1] == "12"
        assert argv[argv.index("--replication-factor") + 1] == "3"
        assert "--if-not-exists" in argv
        assert "min.insync.replicas=2" in argv


def test_dead_letters_are_kept_longest(tmp_path):
    result, state = run_kafka_topics(tmp_path)
    assert result.returncode == 0, result.stderr

    def retention_ms(argv: list[str]) -> int:
        return next(int(a.split("=")[1]) for a in argv if a.startswith("retention.ms="))

    created = created_topics(state)
    dead = retention_ms(created[topics.DEAD_LETTER])
    assert all(retention_ms(a) <= dead for a in created.values())
    assert retention_ms(created[topics.OBJECT_CREATED]) >= 7 * 86_400_000


def test_kafka_init_writes_a_sasl_ssl_client_config(tmp_path):
    result, state = run_kafka_topics(
        tmp_path,
        KAFKA_SECURITY_PROTOCOL="SASL_SSL",
        KAFKA_SASL_MECHANISM="SCRAM-SHA-512",
        KAFKA_SASL_USERNAME="himflow-admin",
        KAFKA_SASL_PASSWORD="pw-123",
        KAFKA_CA_FILE="/etc/himflow/kafka-ca/ca.crt",
    )
    assert result.returncode == 0, result.stderr
    props = dict(
        line.split("=", 1) for line in (state / "client.properties").read_text().splitlines()
    )
    assert props["security.protocol"] == "SASL_SSL"
    assert props["sasl.mechanism"] == "SCRAM-SHA-512"
    assert props["sasl.jaas.config"].startswith("org.apache.kafka.common.security.scram.ScramLoginModule required")
    assert 'username="himflow-admin"' in props["sasl.jaas.config"]
    assert props["ssl.truststore.type"] == "PEM"
    assert "pw-123" not in result.stdout + result.stderr
