"""deploy/k8s: valid manifests, one scaled Deployment per worker kind, real commands/settings.

Kubernetes kinds are validated (strict: unknown fields fail) against the OpenAPI-derived JSON
schemas that kubernetes-validate ships for each Kubernetes version; KEDA's and Kustomize's
kinds against the structural schemas below (the subset of their CRDs these manifests use).
"""

from __future__ import annotations

import copy
import functools
import os
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from pydantic import BaseModel

from himflow.settings import Settings, StoreSettings
from schemas import topics

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.30"
HIMFLOW_IMAGE = "himflow"
TRANSCRIPTION_IMAGE = "himflow-transcription"  # the same code with torch and the weights
HIMFLOW_IMAGES = (HIMFLOW_IMAGE, TRANSCRIPTION_IMAGE)
# worker kind -> (consumer group, topic it consumes)
# Per worker kind: the (consumer group, topic) pairs whose lag scales it. Low-volume feeds
# (the patients topic) are consumed but not scaled on.
WORKERS = {
    "intake": ((topics.GROUP_INTAKE, topics.OBJECT_CREATED),),
    "ocr": ((topics.GROUP_OCR, topics.SCAN_ROUTED),),
    "transcription": ((topics.GROUP_TRANSCRIPTION, topics.DICTATION_ROUTED),),
    "indexing": ((topics.GROUP_INDEXING, topics.TEXT_EXTRACTED),),
    "publishing": ((topics.GROUP_PUBLISHER, topics.DOCUMENT_INDEXED),),
}

_NAME = {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 63}
_METADATA = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": _NAME,
        "namespace": _NAME,
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
# The KEDA Kafka scaler's trigger metadata and authentication parameters.
KAFKA_TRIGGER_METADATA = {
    "bootstrapServers", "consumerGroup", "topic", "lagThreshold", "activationLagThreshold",
    "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
    "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version",
    "unsafeSsl", "ensureEvenDistributionOfPartitions",
}
KAFKA_AUTH_PARAMS = {"sasl", "username", "password", "tls", "ca", "cert", "key", "keyPassword"}

SCHEMAS: dict[str, dict[str, Any]] = {
    "ScaledObject": {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "additionalProperties": False,
        "properties": {
            "apiVersion": {"const": "keda.sh/v1alpha1"},
            "kind": {"const": "ScaledObject"},
            "metadata": _METADATA,
            "spec": {
                "type": "object",
                "required": ["scaleTargetRef", "triggers"],
                "additionalProperties": False,
                "properties": {
                    "scaleTargetRef": {
                        "type": "object",
                        "required": ["name"],
                        "additionalProperties": False,
                        "properties": {
                            "apiVersion": {"type": "string"},
                            "kind": {"type": "string"},
                            "name": _NAME,
                            "envSourceContainerName": {"type": "string"},
                        },
                    },
                    "minReplicaCount": {"type": "integer", "minimum": 0},
                    "maxReplicaCount": {"type": "integer", "minimum": 1},
                    "idleReplicaCount": {"type": "integer", "minimum": 0},
                    "pollingInterval": {"type": "integer", "minimum": 1},
                    "cooldownPeriod": {"type": "integer", "minimum": 0},
                    "initialCooldownPeriod": {"type": "integer", "minimum": 0},
                    "fallback": {
                        "type": "object",
                        "required": ["failureThreshold", "replicas"],
                        "properties": {
                            "failureThreshold": {"type": "integer"},
                            "replicas": {"type": "integer"},
                        },
                    },
                    "advanced": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "restoreToOriginalReplicaCount": {"type": "boolean"},
                            "horizontalPodAutoscalerConfig": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "name": {"type": "string"},
                                    "behavior": {"type": "object"},  # checked as HPA below
                                },
                            },
                        },
                    },
                    "triggers": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["type", "metadata"],
                            "additionalProperties": False,
                            "properties": {
                                "type": {"type": "string"},
                                "name": {"type": "string"},
                                "useCachedMetrics": {"type": "boolean"},
                                "metricType": {"enum": ["AverageValue", "Value", "Utilization"]},
                                # KEDA reads trigger metadata as map[string]string.
                                "metadata": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "authenticationRef": {
                                    "type": "object",
                                    "required": ["name"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "name": _NAME,
                                        "kind": {
                                            "enum": [
                                                "TriggerAuthentication",
                                                "ClusterTriggerAuthentication",
                                            ]
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "TriggerAuthentication": {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "additionalProperties": False,
        "properties": {
            "apiVersion": {"const": "keda.sh/v1alpha1"},
            "kind": {"const": "TriggerAuthentication"},
            "metadata": _METADATA,
            "spec": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "secretTargetRef": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["parameter", "name", "key"],
                            "additionalProperties": False,
                            "properties": {
                                "parameter": {"type": "string"},
                                "name": _NAME,
                                "key": {"type": "string"},
                            },
                        },
                    },
                    "env": {"type": "array"},
                },
            },
        },
    },
    "Kustomization": {
        "type": "object",
        "required": ["apiVersion", "kind", "resources"],
        "additionalProperties": False,
        "properties": {
            "apiVersion": {"const": "kustomize.config.k8s.io/v1beta1"},
            "kind": {"const": "Kustomization"},
            "namespace": _NAME,
            "resources": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            "labels": {"type": "array"},
            "images": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "newName": {"type": "string"},
                        "newTag": {"type": "string"},
                        "digest": {"type": "string"},
                    },
                },
            },
        },
    },
}


# ----------------------------------------------------------------------------- helpers


def manifest_files() -> list[Path]:
    return sorted(K8S.glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def _parsed(path: Path) -> tuple[dict[str, Any], ...]:
    return tuple(d for d in yaml.safe_load_all(path.read_text()) if d is not None)


def load_docs(path: Path) -> list[dict[str, Any]]:
    return copy.deepcopy(list(_parsed(path)))


def all_docs() -> list[dict[str, Any]]:
    return [d for f in manifest_files() for d in load_docs(f)]


def by_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in all_docs() if d["kind"] == kind}


def validate(doc: dict[str, Any]) -> None:
    """Raise if `doc` is not a valid object of its kind."""
    schema = SCHEMAS.get(doc.get("kind", ""))
    if schema is not None:
        jsonschema.Draft202012Validator(schema).validate(doc)
        if doc["kind"] == "ScaledObject":
            validate_hpa_behavior(doc)
        return
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def validate_hpa_behavior(scaled_object: dict[str, Any]) -> None:
    """KEDA passes `advanced.horizontalPodAutoscalerConfig.behavior` to an autoscaling/v2 HPA."""
    spec = scaled_object["spec"]
    behavior = spec.get("advanced", {}).get("horizontalPodAutoscalerConfig", {}).get("behavior")
    if behavior is None:
        return
    hpa = {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": scaled_object["metadata"]["name"]},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "x"},
            "maxReplicas": spec.get("maxReplicaCount", 100),
            "behavior": behavior,
        },
    }
    kubernetes_validate.validate(hpa, KUBERNETES_VERSION, strict=True)


def pod_specs() -> dict[str, dict[str, Any]]:
    """Every pod template, by owner name."""
    out = {}
    for doc in all_docs():
        spec = doc.get("spec", {})
        if doc["kind"] in ("Deployment", "Job"):
            out[doc["metadata"]["name"]] = spec["template"]["spec"]
        elif doc["kind"] == "CronJob":
            out[doc["metadata"]["name"]] = spec["jobTemplate"]["spec"]["template"]["spec"]
    return out


def himflow_containers() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(owner, pod spec, container) for every container running the himflow image."""
    return [
        (owner, pod, c)
        for owner, pod in pod_specs().items()
        for c in pod["containers"]
        if c["image"].split(":")[0] in HIMFLOW_IMAGES
    ]


def example_secrets() -> dict[str, dict[str, str]]:
    return {
        d["metadata"]["name"]: {**d.get("stringData", {}), **d.get("data", {})}
        for d in load_docs(K8S / "secrets.example.yaml")
    }


def config_maps() -> dict[str, dict[str, str]]:
    return {name: d.get("data", {}) for name, d in by_kind("ConfigMap").items()}


def whole_cores(quantity: str) -> int:
    assert not str(quantity).endswith("m"), f"CPU {quantity} is not whole cores"
    return int(quantity)


def container_env(container: dict[str, Any]) -> dict[str, str]:
    """The environment the container gets, with Secret values from secrets.example.yaml."""
    secrets, maps = example_secrets(), config_maps()
    env: dict[str, str] = {}
    for src in container.get("envFrom", []):
        if "configMapRef" in src:
            env.update(maps[src["configMapRef"]["name"]])
        if "secretRef" in src:
            env.update(secrets[src["secretRef"]["name"]])
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = str(item["value"])
            continue
        ref = item["valueFrom"]
        if "secretKeyRef" in ref:
            env[item["name"]] = secrets[ref["secretKeyRef"]["name"]][ref["secretKeyRef"]["key"]]
        elif "configMapKeyRef" in ref:
            env[item["name"]] = maps[ref["configMapKeyRef"]["name"]][ref["configMapKeyRef"]["key"]]
        elif "resourceFieldRef" in ref:
            field = ref["resourceFieldRef"]
            kind, resource = field["resource"].split(".")
            env[item["name"]] = str(whole_cores(container["resources"][kind][resource]))
        else:  # pragma: no cover - a new kind of reference needs a rule here
            raise AssertionError(f"unhandled valueFrom {ref}")
    return env


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
        if key.startswith("HIMFLOW_"):
            monkeypatch.setenv(key, value)
    return Settings()


def worker_docs(kind: str) -> dict[str, dict[str, Any]]:
    return {d["kind"]: d for d in load_docs(K8S / f"worker-{kind}.yaml")}


# ------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", manifest_files(), ids=lambda p: p.name)
def test_manifest_validates_against_its_kinds_schema(path):
    for doc in load_docs(path):
        validate(doc)


def test_validation_rejects_unknown_fields_and_wrong_types():
    deployment = copy.deepcopy(worker_docs("ocr")["Deployment"])
    deployment["spec"]["template"]["spec"]["containers"][0]["resourcez"] = {}
    with pytest.raises(Exception, match="resourcez"):
        validate(deployment)
    scaled = copy.deepcopy(worker_docs("ocr")["ScaledObject"])
    scaled["spec"]["triggers"][0]["metadata"]["lagThreshold"] = 4  # KEDA wants strings
    with pytest.raises(jsonschema.ValidationError):
        validate(scaled)
    scaled = copy.deepcopy(worker_docs("ocr")["ScaledObject"])
    scaled["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]["scaleDown"]["window"] = 1
    with pytest.raises(Exception, match="window"):
        validate(scaled)


def test_kustomization_applies_every_manifest_except_the_secret_template():
    kustomization = load_docs(K8S / "kustomization.yaml")[0]
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in manifest_files()} - {"kustomization.yaml", "secrets.example.yaml"}
    assert listed == on_disk
    assert "secrets.example.yaml" not in listed  # placeholders would undo a rotation
    assert [i["name"] for i in kustomization["images"]] == list(HIMFLOW_IMAGES)


def test_only_the_transcription_worker_runs_the_transcription_image():
    images = {owner: c["image"].split(":")[0] for owner, _pod, c in himflow_containers()}
    on_it = {o for o, i in images.items() if i == TRANSCRIPTION_IMAGE}
    assert on_it == {"himflow-worker-transcription"}, images


@pytest.mark.parametrize("kind", WORKERS)
def test_each_worker_kind_has_a_deployment_a_disruption_budget_and_lag_autoscaling(kind):
    docs = worker_docs(kind)
    assert set(docs) == {"Deployment", "PodDisruptionBudget", "ScaledObject"}
    deployment, pdb, scaled = docs["Deployment"], docs["PodDisruptionBudget"], docs["ScaledObject"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= pod_labels.items()
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert pdb["spec"].get("maxUnavailable", 0) >= 1 or pdb["spec"].get("minAvailable") is not None
    assert scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["args"][:2] == ["worker", kind]


@pytest.mark.parametrize("kind", WORKERS)
def test_autoscaling_follows_the_consumer_lag_of_the_workers_own_group(kind):
    scaled = worker_docs(kind)["ScaledObject"]
    triggers = scaled["spec"]["triggers"]
    assert {(t["metadata"]["consumerGroup"], t["metadata"]["topic"]) for t in triggers} == set(WORKERS[kind])
    settings = config_maps()["himflow-settings"]
    for trigger in triggers:
        meta = trigger["metadata"]
        assert trigger["type"] == "kafka"
        assert set(meta) <= KAFKA_TRIGGER_METADATA
        assert int(meta["lagThreshold"]) >= 1
        # Consumers start from committed offsets or the earliest (never "latest").
        assert meta["offsetResetPolicy"] == "earliest"
        assert meta["bootstrapServers"] == settings["HIMFLOW_BROKER__BOOTSTRAP_SERVERS"]
        assert trigger["authenticationRef"]["name"] in by_kind("TriggerAuthentication")
    partitions = int(next(e["value"] for e in kafka_topics_env() if e["name"] == "PARTITIONS"))
    assert scaled["spec"]["minReplicaCount"] >= 1
    assert scaled["spec"]["maxReplicaCount"] <= partitions, "extra consumers would sit idle"


def test_keda_authenticates_like_the_workers():
    (auth,) = by_kind("TriggerAuthentication").values()
    refs = {r["parameter"]: r for r in auth["spec"]["secretTargetRef"]}
    assert set(refs) <= KAFKA_AUTH_PARAMS
    secrets = example_secrets()
    values = {p: secrets[r["name"]][r["key"]] for p, r in refs.items()}
    settings = config_maps()["himflow-settings"]
    mechanism = settings["HIMFLOW_BROKER__SASL_MECHANISM"]
    assert values["sasl"] == mechanism.lower().replace("-", "_").replace("scram_sha_", "scram_sha")
    assert values["tls"] == ("enable" if "SSL" in settings["HIMFLOW_BROKER__SECURITY_PROTOCOL"] else "disable")
    assert refs["username"]["name"] == refs["password"]["name"] == "himflow-kafka"


def test_ocr_runs_one_tesseract_per_core_of_its_cpu_limit():
    deployment = worker_docs("ocr")["Deployment"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    resources = container["resources"]
    cores = whole_cores(resources["limits"]["cpu"])
    assert resources["requests"]["cpu"] == resources["limits"]["cpu"], "Guaranteed CPU"
    env = container_env(container)
    assert int(env["HIMFLOW_OCR_PROCESSES"]) == cores
    assert env["OMP_THREAD_LIMIT"] == "1"
    field = next(e for e in container["env"] if e["name"] == "HIMFLOW_OCR_PROCESSES")
    assert field["valueFrom"]["resourceFieldRef"]["containerName"] == container["name"]


def test_transcription_threads_follow_its_cpu_limit():
    (container,) = worker_docs("transcription")["Deployment"]["spec"]["template"]["spec"]["containers"]
    resources = container["resources"]
    assert resources["requests"]["cpu"] == resources["limits"]["cpu"]
    env = container_env(container)
    assert int(env["OMP_NUM_THREADS"]) == whole_cores(resources["limits"]["cpu"])


def test_every_container_has_cpu_and_memory_requests_and_limits():
    for owner, pod in pod_specs().items():
        for c in pod["containers"]:
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(c["resources"][kind]), f"{owner}/{c['name']} {kind}"


def test_every_himflow_container_runs_a_command_the_cli_accepts():
    from himflow.cli import build_parser

    failures = []
    for owner, _pod, container in himflow_containers():
        assert "command" not in container, "the image's entrypoint is `himflow`"
        try:
            build_parser().parse_args(container["args"])
        except SystemExit:
            failures.append(f"{owner}: himflow {' '.join(container['args'])}")
    assert failures == [], f"commands the CLI rejects: {failures}"


def test_every_himflow_variable_is_a_real_setting():
    known = settings_env_names() | web_option_names()
    unknown = {
        owner: sorted(k for k in container_env(c) if k.startswith("HIMFLOW_") and k not in known)
        for owner, _pod, c in himflow_containers()
    }
    assert {o: u for o, u in unknown.items() if u} == {}, "not fields of himflow.settings.Settings"


def test_every_himflow_setting_value_validates_for_production(monkeypatch):
    known = settings_env_names()
    for _owner, _pod, container in himflow_containers():
        env = {k: v for k, v in container_env(container).items() if k in known}
        settings = settings_from_env(env, monkeypatch)
        assert settings.broker.security_protocol == "SASL_SSL"
        assert settings.broker.sasl_password is not None
        assert settings.broker.enable_idempotence is True
        assert settings.store.secure is True and settings.store.sse is True
        assert settings.store.emit_object_events is False  # MinIO publishes ObjectCreated
        assert settings.store.watched_buckets == StoreSettings().watched_buckets
        assert settings.db_url.startswith("postgresql+psycopg://")


def test_every_secret_and_config_reference_resolves():
    secrets, maps = example_secrets(), config_maps()
    for owner, pod in pod_specs().items():
        for c in pod["containers"]:
            for src in c.get("envFrom", []):
                ref = src.get("secretRef") or src.get("configMapRef")
                assert ref["name"] in (secrets if "secretRef" in src else maps), owner
            for item in c.get("env", []):
                ref = item.get("valueFrom", {})
                if "secretKeyRef" in ref:
                    assert ref["secretKeyRef"]["key"] in secrets[ref["secretKeyRef"]["name"]], owner
                if "configMapKeyRef" in ref:
                    assert ref["configMapKeyRef"]["key"] in maps[ref["configMapKeyRef"]["name"]], owner
            mounted = {m["name"] for m in c.get("volumeMounts", [])}
            assert mounted <= {v["name"] for v in pod.get("volumes", [])}, owner
        for volume in pod.get("volumes", []):
            if "secret" in volume:
                assert volume["secret"]["secretName"] in secrets, owner
            if "configMap" in volume:
                assert volume["configMap"]["name"] in maps, owner
    (auth,) = by_kind("TriggerAuthentication").values()
    for ref in auth["spec"]["secretTargetRef"]:
        assert ref["key"] in secrets[ref["name"]]


def test_mounted_ca_files_are_where_the_settings_point():
    settings = config_maps()["himflow-settings"]
    for owner, pod, container in himflow_containers():
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["volumes"]}
        for path in (settings["HIMFLOW_BROKER__SSL_CAFILE"], settings["SSL_CERT_FILE"]):
            directory, filename = path.rsplit("/", 1)
            secret = volumes[mounts[directory]]["secret"]["secretName"]
            assert filename in example_secrets()[secret], owner


def test_pods_run_unprivileged_with_a_read_only_root():
    for owner, pod in pod_specs().items():
        assert pod["securityContext"]["runAsNonRoot"] is True, owner
        assert pod["securityContext"].get("runAsUser", 0) != 0, owner
        assert pod.get("automountServiceAccountToken") is False, owner
        # Pod Security "restricted" (the namespace enforces it) also wants a seccomp profile.
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", owner
        for c in pod["containers"]:
            sc = c["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False, owner
            assert sc["readOnlyRootFilesystem"] is True, owner
            assert sc["capabilities"]["drop"] == ["ALL"], owner


def test_workers_roll_out_one_ready_pod_at_a_time():
    for kind in WORKERS:
        spec = worker_docs(kind)["Deployment"]["spec"]
        assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
        (container,) = spec["template"]["spec"]["containers"]
        ready_file = container["args"][container["args"].index("--ready-file") + 1]
        assert container["readinessProbe"]["exec"]["command"] == ["test", "-f", ready_file]


def test_the_schema_migration_and_reconciliation_run_as_jobs():
    (job,) = (d for d in by_kind("Job").values() if d["metadata"]["name"] == "himflow-migrate")
    pod = job["spec"]["template"]["spec"]
    assert pod["restartPolicy"] == "Never"
    assert pod["containers"][0]["args"] == ["migrate"]
    (cron,) = by_kind("CronJob").values()
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["containers"][0]["args"][0] == "reconcile"


def kafka_topics_env() -> list[dict[str, Any]]:
    job = by_kind("Job")["himflow-kafka-topics"]
    return job["spec"]["template"]["spec"]["containers"][0]["env"]


def test_topic_job_runs_the_same_script_as_compose_with_replicated_topics():
    script = config_maps()["himflow-kafka-topics"]["kafka-create-topics.sh"]
    assert script == (K8S.parent / "docker" / "kafka-create-topics.sh").read_text()
    env = {e["name"]: e.get("value") for e in kafka_topics_env()}
    assert int(env["REPLICATION_FACTOR"]) >= 3
    assert 1 < int(env["MIN_INSYNC_REPLICAS"]) < int(env["REPLICATION_FACTOR"])


def test_the_secret_template_holds_placeholders_only():
    for name, data in example_secrets().items():
        for key, value in data.items():
            if key in ("username", "HIMFLOW_STORE__ACCESS_KEY", "keda-sasl", "keda-tls"):
                continue
            assert "CHANGE-ME" in value, f"{name}/{key} looks like a real secret"


def test_scaled_topics_and_groups_are_what_the_worker_code_subscribes_to():
    from himflow.app.roles import ROLES
    from himflow.app.worker import build

    assert set(ROLES) == set(WORKERS)
    settings = Settings(data_dir=Path("/nonexistent-himflow"), database_url="sqlite://")
    for kind in WORKERS:
        _app, deps = build(kind, settings)
        subscribed = {
            (sub.group_id, topic) for sub in deps.broker.subscribers for topic in sub.topic_names
        }
        for trigger in worker_docs(kind)["ScaledObject"]["spec"]["triggers"]:
            meta = trigger["metadata"]
            assert (meta["consumerGroup"], meta["topic"]) in subscribed, f"{kind}: {subscribed}"


def test_minio_setup_job_runs_the_same_script_for_the_watched_buckets():
    script = config_maps()["himflow-minio-setup"]["setup-notifications.sh"]
    assert script == (K8S.parent / "minio" / "setup-notifications.sh").read_text()
    job = by_kind("Job")["himflow-minio-setup"]
    env = {e["name"]: e for e in job["spec"]["template"]["spec"]["containers"][0]["env"]}
    store = StoreSettings()
    assert tuple(env["WATCHED_BUCKETS"]["value"].split()) == store.watched_buckets
    assert tuple(env["OTHER_BUCKETS"]["value"].split()) == (store.derived_bucket,)
    assert env["NOTIFY_ARN"]["value"] == "arn:minio:sqs::HIMFLOW:kafka"
    assert env["NOTIFY_EVENTS"]["value"] == "put"
    # The workers' key is the one the job creates, with default SSE where the app asks for it.
    for name in ("STORE_ACCESS_KEY", "STORE_SECRET_KEY"):
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "himflow-store"
    sse = config_maps()["himflow-settings"]["HIMFLOW_STORE__SSE"] == "true"
    assert env["SSE"]["value"] == ("on" if sse else "off")


def test_review_ui_options_validate_and_cookies_are_secure(monkeypatch):
    from desk.app import WebOptions

    (container,) = by_kind("Deployment")["himflow-web"]["spec"]["template"]["spec"]["containers"]
    env = {k: v for k, v in container_env(container).items() if k in web_option_names()}
    settings_from_env(env, monkeypatch)
    assert WebOptions().cookie_secure is True
