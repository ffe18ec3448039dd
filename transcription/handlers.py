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
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from faststream.kafka import KafkaBroker

from himflow import db
from himflow.errors import EngineTimeout, TransientError
from himflow.logs import log_event
from schemas import topics
from schemas.claims import transcript_key
from schemas.events import (
    DocumentKind,
    DocumentRouted,
    DocumentStatus,
    ObjectRef,
    TextExtracted,
)

log = logging.getLogger("himflow.transcription")
STAGE = "transcription"

_TRANSCRIBER: Any = None


def _init_process() -> None:
    """Runs once in the transcription process: load the model (by path, checksummed)."""
    global _TRANSCRIBER
    import torch

    from transcription import TranscribeOptions, Transcriber

    torch.set_num_threads(max(1, multiprocessing.cpu_count()))
    _TRANSCRIBER = Transcriber(options=TranscribeOptions())


def _transcribe(path: str, options_json: str) -> str:
    """In the transcription process: the pipeline with the options the handler built
    (transcription.options.dictation_options, the same builder `himflow transcribe` uses)."""
    from transcription import TranscribeOptions

    options = TranscribeOptions.model_validate_json(options_json)
    return _TRANSCRIBER.transcribe(Path(path), options=options).model_dump_json()


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    for proc in list(getattr(pool, "_processes", {}).values()):
        proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _new_pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_process,
    )


async def on_start(deps: Any) -> None:
    # The transcription package reads its model choice from the environment; the pool's
    # spawned process inherits it, so settings-file values apply there too.
    os.environ.setdefault("HIMFLOW_WHISPER_MODEL", deps.settings.whisper_model)
    if deps.settings.model_cache is not None:
        os.environ.setdefault("HIMFLOW_MODEL_CACHE", str(deps.settings.model_cache))
    deps.state["pool"] = _new_pool()
    deps.state["warm"] = _Task(asyncio.create_task(_warm_up(deps)))


class _Task:
    def __init__(self, task: asyncio.Task[None]):
        self.task = task

    def close(self) -> None:
        self.task.cancel()


def _noop() -> None:
    return None


async def _warm_up(deps: Any, delay_s: float = 3.0) -> None:
    """Start the Whisper process (it loads the model) shortly after the worker is up, so the
    first dictation does not wait for it."""
    await asyncio.sleep(delay_s)
    try:
        await asyncio.get_running_loop().run_in_executor(deps.state["pool"], _noop)
    except BrokenProcessPool:
        # The model could not load: the first dictation retries with a fresh process and,
        # if that fails too, is dead-lettered with the reason (never silently dropped).
        log_event(log, "transcription process failed to start", level=logging.ERROR)
        deps.state["pool"] = _new_pool()


def register(broker: KafkaBroker, deps: Any) -> None:
    from himflow.broker import subscriber_options

    pub = broker.publisher(
        topics.TEXT_EXTRACTED,
        title="text-extracted/transcription",
        schema=TextExtracted,
    )

    @broker.subscriber(
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


def dictation_options_for(event: DocumentRouted) -> Any:
    """The worker's options for one dictation: `himflow transcribe --author <author>`."""
    from transcription.options import dictation_options

    return dictation_options(author=event.hints.author)


async def transcribe(event: DocumentRouted, deps: Any) -> TextExtracted:
    from transcription import Transcript

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
        options = dictation_options_for(event)
        loop = asyncio.get_running_loop()
        limit = deps.settings.transcription_timeout_s or options.effective_timeout_s
        try:
            raw = await asyncio.wait_for(
                loop.run_in_executor(
                    deps.state["pool"], _transcribe, str(src), options.model_dump_json()
                ),
                timeout=limit,
            )
        except TimeoutError as e:
            # Policy: a dictation that takes longer than twice its allowed length (+2 min) is
            # stuck; the process is killed (a new one serves the next dictation) and the
            # document is dead-lettered as engine-timeout, visible in status and the queue.
            _kill_pool(deps.state["pool"])
            deps.state["pool"] = _new_pool()
            raise EngineTimeout(f"transcription exceeded {limit:.0f} s") from e
        except BrokenProcessPool as e:
            # The Whisper process died (killed, out of memory): a new one for the retry.
            deps.state["pool"].shutdown(wait=False, cancel_futures=True)
            deps.state["pool"] = _new_pool()
            raise TransientError("the transcription process died") from e
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
