"""Structured logging that never carries PHI.

Log only what is ours: document ids (hashes), stage names, reason codes, counts, durations,
worker roles. Never names, MRNs, birth dates, document text, or object keys chosen by users.
`log_event(logger, "routed", doc_id=..., kind=...)` is the one way workers log; keyword values
are restricted to numbers, booleans and short identifiers of our own making.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any

_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.:\-/]{0,80}$")
# Fields whose values are ours by construction (hash ids, codes, roles), shown verbatim.
_SAFE_FIELDS = {
    "doc_id", "parent_id", "stage", "reason", "kind", "status", "role", "topic", "partition",
    "offset", "attempt", "attempts", "retryable", "pid", "pages", "count", "ms", "seconds",
    "media_type", "engine", "group", "error_type", "children", "outcome", "port", "url",
    "code", "chars", "confidence", "model",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update(getattr(record, "fields", {}) or {})
        if record.exc_info and record.exc_info[0] is not None:
            # The exception type only: exception texts from libraries may quote input.
            payload["exc_type"] = record.exc_info[0].__name__
        return json.dumps(payload, separators=(",", ":"), default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {}) or {}
        extra = " ".join(f"{k}={v}" for k, v in fields.items())
        base = f"{self.formatTime(record, '%H:%M:%S')} {record.levelname:<7} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[0] is not None:
            base += f" exc_type={record.exc_info[0].__name__}"
        return f"{base} {extra}".rstrip()


def configure(*, json_logs: bool = False, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_logs else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Library loggers that print message bodies or keys at INFO/DEBUG.
    for noisy in ("aiokafka", "faststream", "kafka", "urllib3", "minio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def scrub(name: str, value: Any) -> Any:
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [scrub(name, v) for v in value][:20]
    text = str(value)
    if name in _SAFE_FIELDS and _SAFE_VALUE.match(text):
        return text
    return "[redacted]"


def log_event(logger: logging.Logger, message: str, *, level: int = logging.INFO, **fields: Any) -> None:
    """Log a fixed message with scrubbed fields (unknown or unsafe values are redacted)."""
    safe = {k: scrub(k, v) for k, v in fields.items()}
    logger.log(level, message, extra={"fields": safe})
