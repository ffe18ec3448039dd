"""The embedded stack's process layer: free ports, SeaweedFS, tansu and the worker supervisor.

    from himflow.embedded import SeaweedFS, Tansu, Supervisor, ChildSpec, free_port

Exports are loaded lazily so a worker child that only calls ``notify_ready`` does not import
the S3 client.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "free_port": "ports",
    "free_ports": "ports",
    "SeaweedFS": "seaweed",
    "S3Credentials": "seaweed",
    "generate_credentials": "seaweed",
    "ensure_bucket": "seaweed",
    "s3_client": "seaweed",
    "weed_binary": "seaweed",
    "Tansu": "tansu",
    "tansu_binary": "tansu",
    "kafka_metadata": "tansu",
    "Supervisor": "supervisor",
    "ChildSpec": "supervisor",
    "BackoffPolicy": "supervisor",
    "DataDirLock": "supervisor",
    "ProcessInfo": "supervisor",
    "ProcessTable": "supervisor",
    "StackAlreadyRunning": "supervisor",
    "ChildrenNotReady": "supervisor",
    "read_processes": "supervisor",
    "notify_ready": "supervisor",
    "install_signal_handlers": "supervisor",
}

__all__ = sorted(_EXPORTS)  # noqa: PLE0605 - one table (_EXPORTS) drives both __all__ and the lazy __getattr__


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
