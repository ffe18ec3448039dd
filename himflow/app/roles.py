"""The table of worker roles: the one registry `himflow worker`, the embedded stack, the
AsyncAPI export and the deploy checks read.

Each role is one stage's router (its module follows himflow/stage.py: ``Deps``,
``make_deps``, ``build``, optional ``on_start``). Production runs one role per pod and scales
each on its own consumer lag (deploy/k8s/worker-<role>.yaml); the embedded stack runs them in
the processes named by ``EMBEDDED_PROCESSES``. Modules are named, not imported, so `himflow
--help` stays quick.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str  # `himflow worker NAME`, the stage's name in dead letters and counters
    module: str  # the stage module
    summary: str


ROLES: dict[str, Role] = {r.name: r for r in (
    Role("intake", "intake.handlers", "S3 object events -> routed scans and dictations"),
    Role("ocr", "intake.ocr_handler", "scans -> text (tesseract process pool)"),
    Role("transcription", "transcription.handlers", "dictations -> transcripts (Whisper process)"),
    Role("indexing", "indexing.handlers", "text -> classified, matched, indexed, filed or queued"),
    Role("publishing", "publishing.handlers", "filing decisions -> the patient record (FHIR, HL7)"),
)}

# The embedded stack's worker processes: name -> the roles it runs. The engines (tesseract,
# Whisper) have processes of their own either way; the consumers are cheap, so one process
# runs every role (one interpreter, one broker connection, one outbox relay).
EMBEDDED_PROCESSES: dict[str, tuple[str, ...]] = {
    "workers": tuple(ROLES),
}
