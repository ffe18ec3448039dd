"""Settings: one object, read from HIMFLOW_* env vars and the stack's settings file.

Precedence (highest first): explicit keyword arguments, environment (HIMFLOW_*), the
settings file `<data_dir>/himflow.json` written by `himflow up`, defaults.
The same code runs on the embedded stack and in production: only these values differ.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

SETTINGS_FILE_NAME = "himflow.json"


def default_data_dir() -> Path:
    return Path(os.environ.get("HIMFLOW_DATA_DIR") or Path.home() / ".local/share/himflow")


class BrokerSettings(BaseModel):
    bootstrap_servers: str = "127.0.0.1:9092"
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    # tansu holds a group join for half the session timeout: keep it short locally.
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 3_000
    # Idempotent producer: on for Apache Kafka, off for tansu (no InitProducerId v3+).
    enable_idempotence: bool = False
    client_id: str = "himflow"
    # Longest a fetch waits for data. Apache Kafka answers as soon as data arrives; tansu
    # only at the end of the wait, so the embedded stack uses a short one (latency ~ half).
    fetch_max_wait_ms: int = 500
    # Partitions for topics the stack creates (scale-out = more partitions + more workers).
    partitions: int = 3
    # Longest a handler may run between polls (OCR of a 100-page scan, a long dictation).
    max_poll_interval_ms: int = 3_600_000
    # Largest message we accept or publish (events are claim checks, never document bytes).
    max_message_bytes: int = 1_000_000


class StoreSettings(BaseModel):
    endpoint: str = "127.0.0.1:9000"
    access_key: str = "himflow"
    secret_key: SecretStr = SecretStr("change-me")
    secure: bool = False
    cert_check: bool = True
    ca_file: str | None = None  # CA bundle for the store's TLS (instead of the system store)
    region: str = "us-east-1"
    intake_bucket: str = "himflow-intake"
    dictation_bucket: str = "himflow-dictation"
    derived_bucket: str = "himflow-derived"
    # Our own upload path publishes the ObjectCreated event itself when the store cannot
    # (SeaweedFS). Against MinIO with Kafka notifications set this to False.
    emit_object_events: bool = True
    # Server-side encryption (SSE-S3) on every object we write.
    sse: bool = False

    @property
    def watched_buckets(self) -> tuple[str, ...]:
        return (self.intake_bucket, self.dictation_bucket)


class RetrySettings(BaseModel):
    # Backoff sleeps between attempts: 1, 2, 4, 8, 16, 30, 30 s, each jittered to 50-100 %:
    # 45-91 s in all, so a 30 s store/database/broker outage (connections refused) is ridden
    # out instead of dead-lettered (5 x 0.5 s gave 3.75-7.5 s).
    attempts: int = 8
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0


class LimitSettings(BaseModel):
    max_object_bytes: int = 512 * 1024 * 1024
    max_event_bytes: int = 256 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="HIMFLOW_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None  # default: sqlite file in data_dir
    broker: BrokerSettings = Field(default_factory=BrokerSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    retry: RetrySettings = Field(default_factory=RetrySettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    log_json: bool = False
    log_level: str = "INFO"
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    # Base URL of the review UI as the EHR reaches it (DocumentReference attachment URLs).
    public_url: str | None = None
    # FHIR server to PUT DocumentReferences to (besides the patient-record topic); None = topic only.
    fhir_base_url: str | None = None
    # Also publish each patient-record change as HL7 v2 MDM^T02 (for EHRs without FHIR).
    hl7_mdm: bool = False
    # Filing thresholds (indexing.decision.Thresholds): HIMFLOW_FILING__MIN_TYPE_CONFIDENCE=0.9 ...
    filing: dict[str, Any] = Field(default_factory=dict)
    # Ages (days since a chart rule's clock started) at which a physician is reminded of an
    # open deficiency (chart/reminders.py); the rule's delinquency limit is always one more.
    # HIMFLOW_CHART_REMINDER_DAYS='[3, 7]'.
    chart_reminder_days: list[int] = Field(default_factory=lambda: [3, 7])
    # How often the stack's reconciler looks for objects without a record (seconds).
    reconcile_interval_s: float = 60.0
    # Whisper model: a bundled name ("base", "tiny.en"), a path to a .pt, or an official name.
    whisper_model: str = "base"
    # Transcription engine (transcription.engines): "ctranslate2" (faster-whisper int8, the
    # default: ~3x faster, same words) or "openai-whisper" (the reference engine). The
    # worker and `himflow transcribe` both take it from here (HIMFLOW_WHISPER_ENGINE).
    whisper_engine: Literal["ctranslate2", "openai-whisper"] = "ctranslate2"
    # Where converted Whisper checkpoints are cached (default ~/.cache/himflow/whisper).
    model_cache: Path | None = None
    # Longest one dictation may take in Whisper before its process is killed and the document
    # dead-lettered (engine-timeout). None: 2 x the longest allowed dictation + 120 s.
    transcription_timeout_s: float | None = None
    # Workers create missing tables at start (embedded stack). Production runs `himflow
    # migrate` once (a Job) and turns this off, so replicas never race on DDL.
    auto_migrate: bool = True
    # Documents one OCR worker handles at once: that many consumers of its group in the process
    # (each owns its partitions and commits them in order: still at-least-once). Their pages
    # share the one pool below, so tesseract stays at one per core.
    ocr_concurrency: int = 2
    # OCR worker processes per OCR worker (one tesseract per core).
    ocr_processes: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1))

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'himflow.db').resolve()}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _DataDirFileSource(settings_cls, init_settings))


class _DataDirFileSource(PydanticBaseSettingsSource):
    """Reads `<data_dir>/himflow.json`, where data_dir comes from init kwargs or env."""

    def __init__(self, settings_cls: type[BaseSettings], init: PydanticBaseSettingsSource):
        super().__init__(settings_cls)
        self._init = init

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        init_values = self._init()
        data_dir = init_values.get("data_dir") or default_data_dir()
        path = Path(data_dir) / SETTINGS_FILE_NAME
        if not path.is_file():
            return {}
        return json.loads(path.read_text())


def load_settings(data_dir: Path | str | None = None, **overrides: Any) -> Settings:
    if data_dir is not None:
        overrides["data_dir"] = Path(data_dir)
    return Settings(**overrides)


def write_settings_file(settings: Settings) -> Path:
    """Persist the stack's settings (ports, generated credentials) into its data dir, 0600."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / SETTINGS_FILE_NAME
    payload = settings.model_dump(mode="json", exclude={"data_dir"})
    payload["store"]["secret_key"] = settings.store.secret_key.get_secret_value()
    if settings.broker.sasl_password is not None:
        payload["broker"]["sasl_password"] = settings.broker.sasl_password.get_secret_value()
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(payload, fh, indent=2)
    os.replace(tmp, path)
    return path
