"""Transcription worker: DocumentRouted (dictation) -> TextExtracted.

Whisper runs in a separate process (one per worker, the model loaded once there), never in
the consumer's event loop; `max_poll_interval_ms` covers the longest allowed dictation.
The transcript JSON, WebVTT and plain text are stored beside the audio in the derived bucket.
A transcript is `preliminary` until its author signs it in the review UI.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from faststream.kafka import KafkaRouter

from himflow import db
from himflow.broker import subscriber_options
from himflow.engines import EnginePool
from himflow.errors import TransientError
from himflow.logs import log_event
from himflow.stage import StageDeps, stage_router
from schemas import topics
from schemas.claims import transcript_key
from schemas.events import (
    DocumentKind,
    DocumentRouted,
    DocumentStatus,
    ObjectRef,
    TextExtracted,
)
from transcription.options import dictation_options
from transcription import Transcript

log = logging.getLogger("himflow.transcription")
STAGE = "transcription"

_TRANSCRIBER: Any = None


def _init_process(options_json: str, model_cache: str | None) -> None:
    """Runs once in the transcription process: load the engine and model the settings name
    (transcription.engines; weights by path, checksummed). torch only for openai-whisper."""
    global _TRANSCRIBER
    if model_cache:
        os.environ["HIMFLOW_MODEL_CACHE"] = model_cache
    # the engine's own process: the pipeline (numpy, onnxruntime, the engine) loads here only
    from transcription import TranscribeOptions, Transcriber

    options = TranscribeOptions.model_validate_json(options_json)
    if options.engine == "openai-whisper":
        import torch  # openai-whisper's runtime, in the engine process only

        torch.set_num_threads(options.threads or max(1, multiprocessing.cpu_count()))
    _TRANSCRIBER = Transcriber(options=options)


def _loads_the_same(a: Any, b: Any) -> bool:
    return (a.engine, a.model, a.compute_type) == (b.engine, b.model, b.compute_type)


def _transcribe(path: str, options_json: str) -> str:
    """In the transcription process: the pipeline with the options the handler built
    (transcription.options.dictation_options, the same builder `himflow transcribe` uses)."""
    global _TRANSCRIBER
    from transcription import TranscribeOptions, Transcriber  # the engine's process, as above

    options = TranscribeOptions.model_validate_json(options_json)
    if not _loads_the_same(options, _TRANSCRIBER.options):
        # Never transcribe with another engine or model than the options name.
        _TRANSCRIBER = Transcriber(options=options)
    return _TRANSCRIBER.transcribe(Path(path), options=options).model_dump_json()


def make_pool(settings: Any) -> EnginePool:
    """One Whisper process (the engine the settings name, loaded once there), spawned: torch
    does not fork well."""
    cache = settings.model_cache
    return EnginePool("transcription", processes=1, start_method="spawn", initializer=_init_process,
                      initargs=(engine_options(settings).model_dump_json(), str(cache) if cache is not None else None))


def engine_options(settings: Any) -> Any:
    """The options the transcription process loads with: the settings' engine, model and
    threads, no dictation's vocabulary (loading needs only those)."""

    return dictation_options(settings=settings, vocabulary=False)


@dataclass(frozen=True, kw_only=True)
class Deps(StageDeps):
    pool: EnginePool

    def close(self) -> None:
        self.pool.close()


def make_deps(base: StageDeps) -> Deps:
    return Deps(**vars(base), pool=make_pool(base.settings))


def on_start(deps: Deps) -> list[asyncio.Task[None]]:
    return [asyncio.create_task(_warm_up(deps))]


def _noop() -> None:
    return None


async def _warm_up(deps: Deps, delay_s: float = 3.0) -> None:
    """Start the Whisper process (it loads the model) shortly after the worker is up, so the
    first dictation does not wait for it."""
    await asyncio.sleep(delay_s)
    try:
        await deps.pool.run(_noop)
    except TransientError:
        # The model could not load (the pool was replaced): the first dictation retries with a
        # fresh process and, if that fails too, is dead-lettered with the reason (never
        # silently dropped).
        log_event(log, "transcription process failed to start", level=logging.ERROR)


def build(deps: Deps) -> KafkaRouter:
    router = stage_router(deps)
    pub = router.publisher(
        topics.TEXT_EXTRACTED,
        title="text-extracted/transcription",
        schema=TextExtracted,
    )

    @router.subscriber(
        topics.DICTATION_ROUTED,
        title="dictation-routed",
        description="Dictation audio routed by intake, to speech-to-text.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_TRANSCRIPTION),
    )
    async def on_dictation_routed(event: DocumentRouted) -> None:
        status = await asyncio.to_thread(db.status_of, deps.engine, event.doc_id)
        if status is not None and status not in (
            DocumentStatus.RECEIVED.value,
            DocumentStatus.ROUTED.value,
        ):
            return
        extracted = await transcribe(event, deps)
        await pub.publish(extracted, key=extracted.doc_id.encode())
        await asyncio.to_thread(db.with_retries, lambda: _mark(deps.engine, extracted))
        log_event(log, "transcribed", doc_id=event.doc_id, chars=extracted.text_chars)

    return router


def dictation_options_for(event: DocumentRouted, settings: Any) -> Any:
    """The worker's options for one dictation: `himflow transcribe --author <author>` with
    the same settings (engine, model)."""

    return dictation_options(author=event.hints.author, settings=settings)


async def transcribe(event: DocumentRouted, deps: Deps) -> TextExtracted:
    store, derived = deps.store, deps.settings.store.derived_bucket
    with tempfile.TemporaryDirectory(prefix="himflow-asr-") as tmp:
        src = Path(tmp) / "audio"
        await asyncio.to_thread(
            store.download,
            event.source.bucket,
            event.source.key,
            src,
            version_id=event.source.version_id or None,
            max_bytes=deps.settings.limits.max_object_bytes,
        )
        # The initial prompt: common medical terms plus the dictating physician's own list,
        # built exactly as `himflow transcribe --author X` builds it.
        options = dictation_options_for(event, deps.settings)
        limit = deps.settings.transcription_timeout_s or options.effective_timeout_s
        # Policy: a dictation that takes longer than twice its allowed length (+2 min) is
        # stuck; the process is killed (a new one serves the next dictation) and the document
        # is dead-lettered as engine-timeout, visible in status and the queue. A Whisper
        # process that died (killed, out of memory): a new one for the retry.
        raw = await deps.pool.run(_transcribe, str(src), options.model_dump_json(), timeout_s=limit)
    transcript = Transcript.model_validate_json(raw)
    json_info = await asyncio.to_thread(
        store.put_bytes,
        derived,
        transcript_key(event.doc_id),
        raw.encode(),
        content_type="application/json",
    )
    renditions = {}
    for name, body, ctype in (
        ("vtt", transcript.to_vtt(), "text/vtt"),
        ("txt", transcript.to_text(), "text/plain"),
    ):
        info = await asyncio.to_thread(
            store.put_bytes,
            derived,
            transcript_key(event.doc_id, name),
            body.encode(),
            content_type=f"{ctype}; charset=utf-8",
        )
        renditions[name] = ObjectRef(
            bucket=derived, key=transcript_key(event.doc_id, name), etag=info.etag, size=info.size
        )
    renditions["audio"] = event.source
    return TextExtracted(
        doc_id=event.doc_id,
        kind=DocumentKind.DICTATION,
        text_ref=ObjectRef(
            bucket=derived, key=transcript_key(event.doc_id), etag=json_info.etag, size=json_info.size
        ),
        text_chars=len(transcript.text),
        confidence=transcript.confidence,
        # coverage-low travels with its figure and ranges: "coverage-low:0.91 uncovered 12.0-27.5s"
        flags=transcript.review_flags(),
        engine=f"whisper:{transcript.model}",
        renditions=renditions,
    )


def _mark(engine: sa.Engine, out: TextExtracted) -> None:
    with engine.begin() as conn:
        db.upsert_document(
            conn,
            out.doc_id,
            status=DocumentStatus.EXTRACTED.value,
            text_ref=out.text_ref.key,
            text_chars=out.text_chars,
            confidence=out.confidence,
            flags=db.dumps(list(out.flags)),
            renditions=db.dumps({k: v.key for k, v in out.renditions.items()}),
        )
        db.add_history(
            conn, out.doc_id, stage=STAGE, status="extracted", detail=out.engine
        )
        db.count(conn, stage=STAGE, outcome="extracted")
