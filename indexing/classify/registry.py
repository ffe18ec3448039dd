"""Versioned classifier models on disk: save, list, activate, roll back.

    reg = ModelRegistry(data_dir / "models" / "doctype")
    v = reg.save(retrain(approved, base=reg.active_or_default()), note="weekly retrain")
    reg.activate(v)      # workers pick it up through reg.active()
    reg.rollback()       # back to the version active before

Layout: ``<dir>/<version>.json`` (JSON numbers only, never pickle) and ``<dir>/registry.json``
(versions with sha256, created time, metrics; the active version; the activation history).
Only names matching ``v0001`` are ever read, only inside ``dir``, and each file's sha256 is
checked against the manifest before it is parsed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ConfigDict, Field

from himflow.errors import RejectedInput
from indexing.classify.classifier import Classifier
from schemas.events import ReasonCode

_VERSION = re.compile(r"^v\d{4,6}$")


class ModelVersion(BaseModel):
    model_config = ConfigDict(frozen=True)
    version: str
    sha256: str
    created_at: datetime
    note: str = ""
    corrections: int = 0
    metrics: dict[str, float] = Field(default_factory=dict)


class _Manifest(BaseModel):
    versions: list[ModelVersion] = Field(default_factory=list)
    active: str | None = None
    history: list[str] = Field(default_factory=list)  # activations, oldest first


class ModelRegistry:
    def __init__(self, directory: Path | str):
        self.dir = Path(directory)
        self._lock = threading.Lock()

    # ---- manifest ------------------------------------------------------------------------
    @property
    def _manifest_path(self) -> Path:
        return self.dir / "registry.json"

    def _read(self) -> _Manifest:
        try:
            return _Manifest.model_validate_json(self._manifest_path.read_bytes())
        except FileNotFoundError:
            return _Manifest()
        except ValueError as e:
            raise RejectedInput("model registry manifest invalid", reason=ReasonCode.CORRUPT) from e

    def _write(self, m: _Manifest) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self._manifest_path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(m.model_dump_json(indent=2))
        tmp.replace(self._manifest_path)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across threads and processes (workers, CLI, web UI)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.dir / ".lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _path(self, version: str) -> Path:
        if not _VERSION.match(version):
            raise RejectedInput("not a model version name", reason=ReasonCode.MALFORMED_EVENT)
        return self.dir / f"{version}.json"

    # ---- public --------------------------------------------------------------------------
    def versions(self) -> list[ModelVersion]:
        return list(self._read().versions)

    @property
    def active_version(self) -> str | None:
        return self._read().active

    def save(self, classifier: Classifier, *, note: str = "", metrics: dict[str, float] | None = None) -> str:
        """Store a new version (not activated). Returns its name."""
        with self._locked():
            m = self._read()
            n = max((int(v.version[1:]) for v in m.versions), default=0) + 1
            version = f"v{n:04d}"
            meta = dict(classifier.meta, version=version)
            data = Classifier(vectorizer=classifier.vectorizer, model=classifier.model,
                              classes=classifier.classes, doctypes=classifier.doctypes,
                              settings=classifier.settings, meta=meta).to_json()
            path = self._path(version)
            self.dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
            m.versions.append(ModelVersion(
                version=version, sha256=hashlib.sha256(data).hexdigest(),
                created_at=datetime.now(timezone.utc), note=note,
                corrections=int(classifier.meta.get("corrections", 0)), metrics=dict(metrics or {})))
            self._write(m)
            return version

    def load(self, version: str) -> Classifier:
        entry = next((v for v in self._read().versions if v.version == version), None)
        if entry is None:
            raise RejectedInput("unknown model version", reason=ReasonCode.OBJECT_MISSING)
        data = self._path(version).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise RejectedInput("model file does not match the registry", reason=ReasonCode.CORRUPT)
        return Classifier.from_json(data)

    def activate(self, version: str) -> None:
        with self._locked():
            m = self._read()
            if not any(v.version == version for v in m.versions):
                raise RejectedInput("unknown model version", reason=ReasonCode.OBJECT_MISSING)
            self.load(version)  # refuse to activate a file that does not load
            m.active = version
            m.history.append(version)
            self._write(m)

    def rollback(self) -> str | None:
        """Re-activate the version active before the current one; None = the seed default."""
        with self._locked():
            m = self._read()
            if not m.history:
                raise RejectedInput("nothing to roll back", reason=ReasonCode.OBJECT_MISSING)
            m.history.pop()
            m.active = m.history[-1] if m.history else None
            self._write(m)
            return m.active

    def active(self) -> Classifier | None:
        v = self.active_version
        return self.load(v) if v else None

    def active_or_default(self) -> Classifier:
        return self.active() or Classifier.load_default()

    def describe(self) -> dict[str, Any]:
        m = self._read()
        return {"active": m.active, "versions": [v.model_dump(mode="json") for v in m.versions]}
