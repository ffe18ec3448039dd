"""Settings come from HIMFLOW_* env and the stack's settings file; logs never carry PHI."""

from __future__ import annotations

import json
import logging
import os
import stat

from himflow.logs import JsonFormatter, log_event, scrub
from himflow.settings import load_settings, write_settings_file


def test_env_overrides_the_settings_file_which_overrides_defaults(tmp_path, monkeypatch):
    s = load_settings(tmp_path)
    s.broker.bootstrap_servers = "127.0.0.1:1111"
    s.store.endpoint = "127.0.0.1:2222"
    s.broker.session_timeout_ms = 2000
    path = write_settings_file(s)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    monkeypatch.setenv("HIMFLOW_BROKER__BOOTSTRAP_SERVERS", "kafka:9093")
    monkeypatch.setenv("HIMFLOW_BROKER__ENABLE_IDEMPOTENCE", "true")
    again = load_settings(tmp_path)
    assert again.broker.bootstrap_servers == "kafka:9093"  # env wins
    assert again.broker.enable_idempotence is True
    assert again.store.endpoint == "127.0.0.1:2222"  # from the file
    assert again.broker.session_timeout_ms == 2000
    assert again.db_url == f"sqlite:///{(tmp_path / 'himflow.db').resolve()}"


def test_secrets_are_written_for_the_stack_but_never_printed(tmp_path):
    s = load_settings(tmp_path)
    from pydantic import SecretStr

    s.store.secret_key = SecretStr("s3cr3t-value")
    write_settings_file(s)
    assert json.loads((tmp_path / "himflow.json").read_text())["store"]["secret_key"] == "s3cr3t-value"
    assert "s3cr3t-value" not in repr(load_settings(tmp_path))


def test_production_settings_take_a_postgres_url_and_sasl(monkeypatch, tmp_path):
    monkeypatch.setenv("HIMFLOW_DATABASE_URL", "postgresql+psycopg://u@db/himflow")
    monkeypatch.setenv("HIMFLOW_BROKER__SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("HIMFLOW_BROKER__SASL_MECHANISM", "SCRAM-SHA-512")
    s = load_settings(tmp_path)
    assert s.db_url.startswith("postgresql")
    from himflow.broker import aiokafka_kwargs

    kw = aiokafka_kwargs(s.broker)
    assert kw["security_protocol"] == "SASL_SSL" and kw["sasl_mechanism"] == "SCRAM-SHA-512"


def test_log_fields_that_could_carry_phi_are_redacted(caplog):
    logger = logging.getLogger("himflow.test")
    record_holder = []

    class Keep(logging.Handler):
        def emit(self, record):
            record_holder.append(JsonFormatter().format(record))

    logger.addHandler(Keep())
    logger.setLevel(logging.INFO)
    log_event(logger, "routed", doc_id="0123abcd", key="Doe, John/scan.pdf", mrn="MRN-1234",
              reason="corrupt", detail="John Doe born 1950-01-01")
    line = json.loads(record_holder[-1])
    assert line["doc_id"] == "0123abcd" and line["reason"] == "corrupt"
    assert line["key"] == line["mrn"] == line["detail"] == "[redacted]"
    assert scrub("doc_id", "has space and, comma") == "[redacted]"
