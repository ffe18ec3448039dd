"""deploy/compose.yaml: valid Compose, real commands, real settings, MinIO -> Kafka wiring.

Checked without Docker: the file is validated against the Compose Specification JSON schema
(vendored by check-jsonschema), every himflow service's command is parsed by the real CLI
parser, every HIMFLOW_* variable is a field of himflow.settings.Settings and its value
validates, and MinIO's Kafka notification targets the object-created topic for the watched
buckets of StoreSettings.
"""

from __future__ import annotations

import copy
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from himflow.settings import Settings, StoreSettings
from schemas import topics

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
WORKER_KINDS = ("intake", "ocr", "transcription", "indexing", "publishing")
# Every MINIO_NOTIFY_KAFKA_* key MinIO reads (internal/event/target/kafka.go), without the _ID suffix.
MINIO_KAFKA_KEYS = {
    "ENABLE", "BROKERS", "TOPIC", "QUEUE_DIR", "QUEUE_LIMIT", "TLS", "TLS_SKIP_VERIFY",
    "TLS_CLIENT_AUTH", "SASL", "SASL_USERNAME", "SASL_PASSWORD", "SASL_MECHANISM",
    "CLIENT_TLS_CERT", "CLIENT_TLS_KEY", "VERSION", "BATCH_SIZE", "BATCH_COMMIT_TIMEOUT",
    "PRODUCER_COMPRESSION_CODEC", "PRODUCER_COMPRESSION_LEVEL", "COMMENT",
}
_INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}")


# ----------------------------------------------------------------------------- helpers


def load_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def compose_schema() -> dict[str, Any]:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(vendor.joinpath("compose-spec.json").read_text())


def schema_errors(doc: dict[str, Any]) -> list[str]:
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]


def env_dict(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def interpolate(value: str) -> str:
    """Stand-in values for ${VAR...}: what an operator's .env would supply."""
    return _INTERPOLATION.sub("placeholder", value)


def himflow_services(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: svc
        for name, svc in doc["services"].items()
        if str(svc.get("image", "")).startswith(("${HIMFLOW_IMAGE", "${HIMFLOW_TRANSCRIPTION_IMAGE"))
    }


def test_torch_and_the_weights_are_built_only_for_the_transcription_worker():
    targets = {name: svc["build"]["target"] for name, svc in himflow_services(load_compose()).items()}
    assert {n for n, t in targets.items() if t == "transcription"} == {"worker-transcription"}
    assert set(targets.values()) == {"worker", "transcription"}


def settings_env_names(model: type[BaseModel] = Settings, prefix: str = "HIMFLOW_") -> set[str]:
    names: set[str] = set()
    for name, field in model.model_fields.items():
        env = prefix + name.upper()
        names.add(env)
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            names |= settings_env_names(ann, env + "__")
    return names


def web_option_names() -> set[str]:
    """The review UI's own settings (desk.app.WebOptions, prefix HIMFLOW_WEB_)."""
    from desk.app import WebOptions

    return {"HIMFLOW_WEB_" + name.upper() for name in WebOptions.model_fields}


def settings_from_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key in list(os.environ):
        if key.startswith("HIMFLOW_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Settings()


# ------------------------------------------------------------------------------- tests


def test_compose_file_validates_against_the_compose_specification():
    assert schema_errors(load_compose()) == []


def test_compose_schema_check_rejects_a_misspelt_service_key():
    broken = copy.deepcopy(load_compose())
    broken["services"]["web"]["healthcheck"]["intervall"] = "5s"
    broken["services"]["kafka"]["restart_policy"] = "always"
    assert len(schema_errors(broken)) >= 2


def test_every_himflow_service_runs_a_command_the_cli_accepts():
    from himflow.cli import build_parser

    failures = []
    for name, svc in himflow_services(load_compose()).items():
        argv = svc["command"]
        assert isinstance(argv, list), f"{name}: command must be an exec-form list"
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            failures.append(f"{name}: himflow {' '.join(argv)}")
    assert failures == [], f"commands the CLI rejects: {failures}"


def test_each_worker_kind_the_review_ui_and_the_migration_have_a_service():
    commands = {tuple(svc["command"][:2]) for svc in himflow_services(load_compose()).values()}
    for kind in WORKER_KINDS:
        assert ("worker", kind) in commands
    assert ("web",) in {c[:1] for c in commands}
    services = load_compose()["services"]
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"


def test_every_himflow_variable_is_a_real_setting():
    known = settings_env_names() | web_option_names()
    unknown = {
        name: sorted(k for k in env_dict(svc) if k.startswith("HIMFLOW_") and k not in known)
        for name, svc in himflow_services(load_compose()).items()
    }
    assert {n: u for n, u in unknown.items() if u} == {}, "not fields of himflow.settings.Settings"


def test_every_himflow_setting_value_validates(monkeypatch):
    known = settings_env_names()
    for svc in himflow_services(load_compose()).values():
        env = {k: interpolate(v) for k, v in env_dict(svc).items() if k in known}
        settings_from_env(env, monkeypatch)  # raises on a value of the wrong type


def test_workers_talk_to_kafka_minio_and_postgres_not_the_embedded_stack(monkeypatch):
    svc = load_compose()["services"]["worker-intake"]
    env = {k: interpolate(v) for k, v in env_dict(svc).items() if k.startswith("HIMFLOW_")}
    settings = settings_from_env(env, monkeypatch)
    assert settings.broker.bootstrap_servers == "kafka:9092"
    assert settings.broker.enable_idempotence is True  # Apache Kafka supports it; tansu does not
    assert settings.store.endpoint == "minio:9000"
    # MinIO publishes ObjectCreated itself: the app's upload path must not publish it again.
    assert settings.store.emit_object_events is False
    assert settings.db_url.startswith("postgresql+psycopg://")
    assert settings.store.watched_buckets == StoreSettings().watched_buckets


def test_kafka_runs_in_kraft_mode_from_the_apache_image():
    kafka = load_compose()["services"]["kafka"]
    env = env_dict(kafka)
    assert "apache/kafka:" in kafka["image"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert not any("ZOOKEEPER" in k for k in env)
    assert "CONTROLLER" in env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].startswith(env["KAFKA_NODE_ID"] + "@")
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"  # kafka-init creates them


def test_minio_publishes_object_created_events_to_the_intake_topic():
    services = load_compose()["services"]
    env = env_dict(services["minio"])
    notify = {k: v for k, v in env.items() if k.startswith("MINIO_NOTIFY_KAFKA_")}
    ids = {k.rsplit("_", 1)[1] for k in notify}
    assert ids == {"HIMFLOW"}, "one Kafka target, id HIMFLOW"
    for key in notify:
        assert key.removeprefix("MINIO_NOTIFY_KAFKA_").removesuffix("_HIMFLOW") in MINIO_KAFKA_KEYS, key
    assert notify["MINIO_NOTIFY_KAFKA_ENABLE_HIMFLOW"] == "on"
    assert notify["MINIO_NOTIFY_KAFKA_TOPIC_HIMFLOW"] == topics.OBJECT_CREATED
    kafka_env = env_dict(services["kafka"])
    advertised = kafka_env["KAFKA_ADVERTISED_LISTENERS"].split("//", 1)[1]
    assert notify["MINIO_NOTIFY_KAFKA_BROKERS_HIMFLOW"] == advertised


def test_minio_queues_undelivered_events_on_a_named_volume():
    doc = load_compose()
    minio = doc["services"]["minio"]
    queue_dir = env_dict(minio)["MINIO_NOTIFY_KAFKA_QUEUE_DIR_HIMFLOW"]
    assert queue_dir.startswith("/")
    mounts = dict(reversed(v.split(":")[:2]) for v in minio["volumes"])
    assert queue_dir in mounts, "the event queue must survive a container restart"
    assert mounts[queue_dir] in doc["volumes"]


def test_minio_init_subscribes_the_watched_buckets_to_the_kafka_target():
    init = load_compose()["services"]["minio-init"]
    env = env_dict(init)
    assert tuple(env["WATCHED_BUCKETS"].split()) == StoreSettings().watched_buckets
    assert tuple(env["OTHER_BUCKETS"].split()) == (StoreSettings().derived_bucket,)
    assert env["NOTIFY_ARN"] == "arn:minio:sqs::HIMFLOW:kafka"
    # mc's "put" = every s3:ObjectCreated:* event (Put, Post, Copy, CompleteMultipartUpload).
    assert env["NOTIFY_EVENTS"] == "put"
    assert init["entrypoint"][-1].endswith("setup-notifications.sh")


def test_himflow_bucket_settings_match_the_buckets_minio_init_creates():
    doc = load_compose()
    init_env = env_dict(doc["services"]["minio-init"])
    created = set(init_env["WATCHED_BUCKETS"].split()) | set(init_env["OTHER_BUCKETS"].split())
    for name, svc in himflow_services(doc).items():
        env = env_dict(svc)
        buckets = {env[k] for k in env if k.startswith("HIMFLOW_STORE__") and k.endswith("_BUCKET")}
        assert buckets == created, name


def test_bind_mounted_scripts_exist_next_to_the_compose_file():
    for name, svc in load_compose()["services"].items():
        for volume in svc.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("."):
                assert (DEPLOY / source).is_file(), f"{name}: {source}"


def test_stateful_services_keep_their_data_on_declared_named_volumes():
    doc = load_compose()
    declared = set(doc["volumes"])
    for name in ("kafka", "minio", "postgres"):
        named = [v.split(":", 1)[0] for v in doc["services"][name]["volumes"] if not v.startswith(".")]
        assert named, name
    used = {
        v.split(":", 1)[0]
        for svc in doc["services"].values()
        for v in svc.get("volumes", [])
        if not v.startswith((".", "/"))
    }
    assert used == declared


def test_services_have_health_checks_and_wait_for_their_dependencies():
    services = load_compose()["services"]
    for name in ("kafka", "minio", "postgres", "web") + tuple(f"worker-{k}" for k in WORKER_KINDS):
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no health check"
    one_shots = {n for n, s in services.items() if s.get("restart") == "no"}
    for name, svc in services.items():
        for dep, spec in (svc.get("depends_on") or {}).items():
            assert dep in services, f"{name} depends on unknown {dep}"
            expected = "service_completed_successfully" if dep in one_shots else "service_healthy"
            assert spec["condition"] == expected, f"{name} -> {dep}"
            if expected == "service_healthy":
                assert services[dep].get("healthcheck"), f"{name} waits on {dep}, which has no check"


def test_ocr_runs_one_tesseract_per_core_of_its_cpu_limit():
    svc = load_compose()["services"]["worker-ocr"]
    env = env_dict(svc)
    cpus = float(svc["deploy"]["resources"]["limits"]["cpus"])
    assert cpus == int(cpus) and cpus >= 1
    assert int(env["HIMFLOW_OCR_PROCESSES"]) == int(cpus)
    assert env["OMP_THREAD_LIMIT"] == "1"


def test_secrets_come_from_the_operator_not_the_file():
    text = COMPOSE.read_text()
    for var in ("POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD", "STORE_SECRET_KEY"):
        assert re.search(r"\$\{" + var + r":\?", text), f"{var} must be required, not defaulted"
