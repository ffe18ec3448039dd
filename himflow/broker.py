"""Kafka broker adapter: one factory for FastStream brokers and plain aiokafka clients, so
security, timeouts and idempotence come from settings alone (tansu locally, Apache Kafka in
production)."""

from __future__ import annotations

import ipaddress
import logging
import ssl
from typing import Any

from faststream.kafka import KafkaBroker
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from himflow.settings import BrokerSettings
from faststream import AckPolicy


def _ssl_context(s: BrokerSettings) -> ssl.SSLContext | None:
    if s.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    ctx = ssl.create_default_context(cafile=s.ssl_cafile)
    if s.ssl_certfile:
        ctx.load_cert_chain(s.ssl_certfile, s.ssl_keyfile)
    return ctx


_CLEAR_TEXT = "Sending username and password in the clear"


def _loopback(servers: str | list[str]) -> bool:
    hosts = servers.split(",") if isinstance(servers, str) else list(servers)
    for hp in hosts:
        host = hp.strip().rsplit(":", 1)[0].strip("[]")
        if host == "localhost":
            continue
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return False
        except ValueError:
            return False
    return bool(hosts)


class _LoopbackPlain(logging.Filter):
    """aiokafka warns "Sending username and password in the clear" on every SASL/PLAIN connection.
    To a clerk running ``himflow upload`` against the embedded stack (SASL/PLAIN on 127.0.0.1,
    never leaving the machine) that line reads as an alarm on every command. It is dropped only
    for loopback brokers; against any other address it stays, because there it is true."""

    def __init__(self) -> None:
        super().__init__()
        self.loopback_only = True

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.loopback_only and record.getMessage() == _CLEAR_TEXT)


_FILTER = _LoopbackPlain()


def _note_servers(s: BrokerSettings) -> None:
    """Keep the warning once any non-loopback broker is configured in this process."""
    if s.security_protocol == "SASL_PLAINTEXT" and not _loopback(s.bootstrap_servers):
        _FILTER.loopback_only = False
    conn_log = logging.getLogger("aiokafka.conn")
    if _FILTER not in conn_log.filters:
        conn_log.addFilter(_FILTER)


def security(s: BrokerSettings) -> BaseSecurity | None:
    ctx = _ssl_context(s)
    _note_servers(s)
    if s.security_protocol.startswith("SASL"):
        user = s.sasl_username or ""
        password = s.sasl_password.get_secret_value() if s.sasl_password else ""
        cls = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}[
            s.sasl_mechanism or "PLAIN"
        ]
        return cls(username=user, password=password, ssl_context=ctx, use_ssl=ctx is not None)
    if ctx is not None:
        return BaseSecurity(ssl_context=ctx, use_ssl=True)
    return None


def build_broker(s: BrokerSettings, *, middlewares: tuple[Any, ...] = (), **kwargs: Any) -> KafkaBroker:
    return KafkaBroker(
        s.bootstrap_servers,
        client_id=s.client_id,
        security=security(s),
        acks="all",
        enable_idempotence=s.enable_idempotence,
        max_request_size=s.max_message_bytes,
        request_timeout_ms=30_000,
        middlewares=middlewares,
        **kwargs,
    )


def subscriber_options(s: BrokerSettings, *, group_id: str) -> dict[str, Any]:
    """At-least-once consumer settings shared by every worker.

    Offsets are committed only after the handler returned (the outcome is published, or the
    dead letter is); an exception that escapes the policy (the broker itself is down) seeks
    back and redelivers. Never "latest": tansu's end offsets are wrong after batches.
    """

    return dict(
        group_id=group_id,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        session_timeout_ms=s.session_timeout_ms,
        heartbeat_interval_ms=min(s.heartbeat_interval_ms, max(100, s.session_timeout_ms // 3)),
        max_poll_interval_ms=s.max_poll_interval_ms,
        max_poll_records=1,
        fetch_max_wait_ms=s.fetch_max_wait_ms,
    )


def aiokafka_kwargs(s: BrokerSettings) -> dict[str, Any]:
    """Connection kwargs for plain aiokafka clients (admin, status, test producers)."""
    kw: dict[str, Any] = dict(bootstrap_servers=s.bootstrap_servers, security_protocol=s.security_protocol)
    ctx = _ssl_context(s)
    if ctx is not None:
        kw["ssl_context"] = ctx
    _note_servers(s)
    if s.security_protocol.startswith("SASL"):
        kw["sasl_mechanism"] = s.sasl_mechanism or "PLAIN"
        kw["sasl_plain_username"] = s.sasl_username
        kw["sasl_plain_password"] = s.sasl_password.get_secret_value() if s.sasl_password else None
    return kw
