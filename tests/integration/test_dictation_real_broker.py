"""A dictation through the real broker: upload -> intake routes audio -> Whisper in its own
process -> indexing. The transcript, WebVTT and text land beside the audio; the document waits
for its author's signature (review, preliminary)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from himflow import db
from himflow.objectstore import ObjectStore
from himflow.upload import upload_files, wait_final
from tests.resources.workers import workers
from tests.resources.speech import speak

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TEXT = "Progress note. The patient reports less shortness of breath. Continue the inhaler twice daily."


@pytest.mark.parametrize("engine", ["ctranslate2", "openai-whisper"])
async def test_a_dictation_is_transcribed_indexed_and_waits_for_signature(spine_settings, tmp_path: Path,
                                                                          engine):
    # the worker takes engine and model from its settings, as `himflow transcribe` does
    spine_settings.whisper_engine = engine
    spine_settings.whisper_model = "tiny.en"  # the smallest bundled model for speed
    wav = speak(TEXT, tmp_path / "dictation.wav")
    async with workers(spine_settings, roles=("intake", "transcription", "indexing", "publishing")):
        up = (await asyncio.to_thread(upload_files, spine_settings, [wav], author="dr-ruiz"))[0]
        # a liveness bound, not a speed check: openai-whisper on a host with 13-24 runnable
        # processes on 2 cores had not finished this 6 s dictation in 240 s (twice)
        rec = (await asyncio.to_thread(wait_final, spine_settings, [up.doc_id], timeout_s=600))[up.doc_id]
    assert up.bucket == spine_settings.store.dictation_bucket
    assert rec["kind"] == "dictation" and rec["media_type"] == "audio/wav"
    assert rec["status"] == "review" and "unsigned-dictation" in rec["reasons"]
    words = rec["text"].lower()
    assert all(w in words for w in ("progress note", "shortness", "breath", "inhaler", "twice daily"))
    store = ObjectStore(spine_settings.store)
    derived = spine_settings.store.derived_bucket
    vtt = store.get_bytes(derived, f"asr/{up.doc_id}.vtt").decode()
    assert vtt.startswith("WEBVTT") and "-->" in vtt
    transcript = json.loads(store.get_bytes(derived, f"asr/{up.doc_id}.json"))
    assert transcript["segments"] and transcript["segments"][0]["words"]
    assert transcript["model"] == f"tiny.en ({engine}{' int8' if engine == 'ctranslate2' else ''})"
    # the reports' unsure words per minute: counted from this transcript at indexing
    unsure = sum(1 for s in transcript["segments"] if s.get("placeholder")) + sum(
        1 for s in transcript["segments"] if not s.get("placeholder") for w in s["words"] if w.get("flagged"))
    with db.make_engine(spine_settings.db_url).connect() as conn:
        row = db.get_document(conn, up.doc_id)
    assert row.audio_seconds == round(transcript["duration"], 3) and row.audio_seconds > 3
    assert row.unsure_words == unsure and row.ocr_pages is None


async def test_a_stuck_transcription_is_killed_and_dead_lettered_and_the_worker_goes_on(
        spine_settings, tmp_path: Path):
    from himflow.deadletters import list_dead_letters

    spine_settings.whisper_model = "tiny.en"
    spine_settings.transcription_timeout_s = 0.5  # far below what even a short clip takes
    wav = speak("Short dictation for the timeout test.", tmp_path / "short.wav")
    async with workers(spine_settings, roles=("intake", "transcription")) as started:
        up = (await asyncio.to_thread(upload_files, spine_settings, [wav]))[0]
        rec = (await asyncio.to_thread(wait_final, spine_settings, [up.doc_id], timeout_s=120))[up.doc_id]
        pool = started[1].stage("transcription").pool
        assert pool.executor.submit(len, "alive").result(timeout=120) == 5  # a fresh Whisper process serves on
    assert rec["status"] == "rejected"
    letters = list_dead_letters(spine_settings)
    assert [(l["stage"], l["reason"]) for l in letters] == [("transcription", "engine-timeout")]
