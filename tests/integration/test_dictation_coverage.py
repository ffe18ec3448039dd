"""Every spoken sentence survives the worker path: `himflow upload`'s upload_files -> intake
-> the transcription worker (the engine in its own process, the handler's options) -> the
transcript it stores and the flags it publishes, on espeak-ng dictations with real pauses:

    ~45 s with the physician's vocabulary prompt       ~45 s without any prompt
    ~3 min with the prompt, then 20 s of true silence  ~10 min without the prompt, pauses
                                                        of 1-3 s and a 6 s one in each cycle

One worker session serves all four (module fixture; the model loads once), each assertion
reads the stored transcripts. The base model on the fastest engine installed.

Per sentence, two checks against the script:
- nothing dropped: the transcript has >= 0.7 as many words timed inside the sentence
  (+-0.5 s) as the sentence has words (0.9-1.4 in every healthy run; a dropped sentence 0,
  a half-dropped one ~0.5), whatever the recogniser made of them;
- it is this sentence: >= 0.2 of its content words heard within 1 s of it (bag of words,
  a misspelt or split word counted: "podatrist", "met for mint",
  tests.resources.speech.sentence_recall near_misses). A dropped sentence scores 0 (its
  neighbours' words alone); base without a prompt hears espeak's "She denies chest pain,
  shortness of breath, or dizziness" as "She the eyes cast pain, short as a breath, or
  daisiness" (0.33) and "She takes metformin twice daily and lisinopril once daily" as
  "She takes met for mid-to-I stale and lives in a pro-1 stale" (0.29): recognition.
Over the script >= 0.9 of the content words with the prompt, >= 0.85 without. Nothing missing over voiced audio: coverage
(voiced seconds under text / voiced seconds, Silero VAD) >= 0.97, no `speech not
transcribed` placeholder, no coverage-low review reason. Nothing over the trailing
silence. Each transcript is also written beside the audio (`<name>.json` in the module's
tmp dir) for a look after a failure."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import secrets
from pathlib import Path

import pytest
from pydantic import SecretStr

from himflow import db
from himflow.embedded.tansu import Tansu
from himflow.objectstore import ObjectStore
from himflow.settings import Settings
from himflow.upload import upload_files, wait_final
from schemas import topics
from tests.resources.workers import workers
from tests.resources.speech import (
    content_words,
    make_script_dictation,
    script_of,
    sentence_recall,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MIN_WORDS = 0.7  # words timed inside a sentence / its spoken words
MIN_RECALL = 0.2  # per sentence, content words, near misses counted
# Over all content words of the script: a recognition floor, not the drop check (that is
# MIN_WORDS per sentence). Base on espeak-ng speech without a prompt hears fewer drug names:
# measured in a clean-clone CI run 0.959 (45 s, prompt), 0.918 (45 s, none), 0.94 (3 min,
# prompt), 0.892 (10 min, none; every sentence kept, coverage 0.993).
MIN_SCRIPT_RECALL = {True: 0.9, False: 0.85}  # by vocabulary prompt
MIN_COVERAGE = 0.97
TRAIL_S = 20.0

# name -> (seconds of script, vocabulary prompt, trailing silence, pauses between sentences)
DICTATIONS = {
    "45s-prompt": (45, True, 0.0, (1.0, 2.0, 3.0, 1.5)),
    "45s-no-prompt": (45, False, 0.0, (1.0, 2.0, 3.0, 1.5)),
    "3min-prompt-silence": (180, True, TRAIL_S, (1.0, 2.0, 3.0, 1.5)),
    "10min-no-prompt": (600, False, 0.0, (1.0, 2.0, 3.0, 1.5, 6.0)),
}


def _settings(base: Path, seaweed, kafka: Tansu) -> Settings:
    tag = secrets.token_hex(3)
    s = Settings(data_dir=base, database_url=f"sqlite:///{base / 'himflow.db'}")
    s.store.endpoint = seaweed.endpoint
    s.store.access_key = seaweed.access_key
    s.store.secret_key = SecretStr(seaweed.secret_key)
    s.store.intake_bucket = f"intake-{tag}"
    s.store.dictation_bucket = f"dictation-{tag}"
    s.store.derived_bucket = f"derived-{tag}"
    s.broker.bootstrap_servers = kafka.bootstrap
    s.broker.session_timeout_ms = 2000
    s.broker.heartbeat_interval_ms = 500
    s.broker.fetch_max_wait_ms = 20
    s.retry.attempts = 3
    s.retry.base_delay_s = 0.01
    s.whisper_model = "base"
    ObjectStore(s.store).ensure_buckets()
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    engine.dispose()
    return s


async def _worker_session(settings: Settings, jobs, monkeypatch) -> dict[str, tuple[dict, dict]]:
    """One worker session; the dictations one after another (the vocabulary switch is read
    when the worker handles each one)."""
    out = {}
    store = ObjectStore(settings.store)
    async with workers(settings, roles=("intake", "transcription", "indexing")):
        for name, wav, prompt in jobs:
            monkeypatch.setenv("HIMFLOW_VOCABULARY", "on" if prompt else "off")
            up = (await asyncio.to_thread(upload_files, settings, [wav], author="drokafor"))[0]
            rec = (await asyncio.to_thread(wait_final, settings, [up.doc_id], timeout_s=1800))[
                up.doc_id
            ]
            key = f"asr/{up.doc_id}.json"
            out[name] = (rec, json.loads(store.get_bytes(settings.store.derived_bucket, key)))
    return out


@pytest.fixture(scope="module")
def dictated(tmp_path_factory: pytest.TempPathFactory, seaweed):
    """{name: (record, transcript, sentence times)} for every dictation in DICTATIONS."""
    base = tmp_path_factory.mktemp("dictations")
    vocabulary = base / "vocabulary"
    vocabulary.mkdir()
    # the dictating physician's own term list, as a deployment keeps it
    (vocabulary / "physician_drokafor.txt").write_text("metformin\nlisinopril\natorvastatin\n")
    jobs, times = [], {}
    for name, (seconds, prompt, trail, pauses) in DICTATIONS.items():
        wav, times[name] = make_script_dictation(
            base / f"{name}.wav", script_of(seconds), pauses_s=pauses, trail_s=trail
        )
        jobs.append((name, wav, prompt))
    kafka = Tansu(storage="memory://tansu/", log_path=base / "tansu.log")
    kafka.start(timeout=30)
    try:
        kafka.create_topics(topics.ALL_TOPICS, partitions=3)
        settings = _settings(base, seaweed, kafka)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("HIMFLOW_VOCABULARY_DIR", str(vocabulary))
            mp.setenv("HIMFLOW_WHISPER_MODEL", "base")
            if importlib.util.find_spec("faster_whisper") is not None:
                mp.setenv("HIMFLOW_WHISPER_BACKEND", "faster-whisper")  # ~3x openai-whisper
            results = asyncio.run(_worker_session(settings, jobs, mp))
    finally:
        kafka.stop(timeout=10)
    for name, (_rec, transcript) in results.items():
        (base / f"{name}.json").write_text(json.dumps(transcript, indent=1))
    return {name: (*results[name], times[name]) for name in DICTATIONS}


def _words_between(transcript: dict, start: float, end: float) -> str:
    return " ".join(
        w["word"]
        for s in transcript["segments"]
        for w in s["words"]
        if start <= (w["start"] + w["end"]) / 2 <= end
    )


def _assert_every_sentence_kept(rec: dict, transcript: dict, times, *, prompt: bool) -> None:
    missing, found, wanted = [], 0.0, 0
    for sentence, start, end in times:
        heard = _words_between(transcript, start - 1.0, end + 1.0)
        recall = sentence_recall(sentence, heard, near_misses=True)
        n = len(content_words(sentence))
        found, wanted = found + recall * n, wanted + n
        inside = len(_words_between(transcript, start - 0.5, end + 0.5).split())
        said = inside / len(sentence.split())
        if recall < MIN_RECALL or said < MIN_WORDS:
            missing.append((round(start, 1), sentence, heard, round(recall, 2), round(said, 2)))
    assert not missing, missing
    assert found / wanted >= MIN_SCRIPT_RECALL[prompt], round(found / wanted, 3)
    # nothing missing over voiced audio
    assert transcript["coverage"] >= MIN_COVERAGE, transcript["uncovered"]
    holes = [s["text"] for s in transcript["segments"] if s["unsure_reason"] == "not-transcribed"]
    assert holes == []
    assert not [r for r in rec["reasons"] if "coverage-low" in r], rec["reasons"]
    assert rec["status"] in ("review", "filed"), rec


@pytest.mark.parametrize("name", ["45s-prompt", "45s-no-prompt"])
def test_a_45_s_dictation_keeps_every_sentence_with_and_without_the_prompt(dictated, name):
    rec, transcript, times = dictated[name]
    _assert_every_sentence_kept(rec, transcript, times, prompt=DICTATIONS[name][1])


def test_a_3_min_dictation_ending_in_20_s_of_silence_keeps_every_sentence_and_invents_nothing(
        dictated):
    rec, transcript, times = dictated["3min-prompt-silence"]
    _assert_every_sentence_kept(rec, transcript, times, prompt=True)
    spoken_end = times[-1][2]
    assert transcript["duration"] >= spoken_end + TRAIL_S - 0.5
    late = [s["text"] for s in transcript["segments"] if s["end"] > spoken_end + 1.0]
    assert late == []  # no text, and no placeholder either, over the trailing silence
    assert not [
        w for s in transcript["segments"] for w in s["words"] if w["start"] > spoken_end + 0.5
    ]


def test_a_10_min_dictation_with_long_pauses_keeps_every_sentence_to_the_end(dictated):
    rec, transcript, times = dictated["10min-no-prompt"]
    assert transcript["duration"] >= 590
    _assert_every_sentence_kept(rec, transcript, times, prompt=False)
    # the text runs to the end, where the last sentences used to be lost
    last_word_end = max(w["end"] for s in transcript["segments"] for w in s["words"])
    assert last_word_end >= times[-1][1], (last_word_end, times[-1])
