"""Where a dictation is cut for the engine, and what the pipeline does with what the engine
returns, with a scripted stand-in for the engine (no model): clips of whole utterances under
30 s, words over silence gone, every skipped range of a long file decoded again."""

from __future__ import annotations

import numpy as np
import pytest

from transcription import pipeline
from transcription.chunks import MAX_CHUNK_S, speech_chunks
from transcription.options import TranscribeOptions
from transcription.pipeline import Transcriber
from transcription.vad import FRAME, SAMPLE_RATE, VoiceActivity


def test_clips_hold_whole_utterances_and_cut_at_the_longest_late_pause():
    # 4 s utterances with 1 s pauses, and one 3 s pause after the utterance ending at 19 s
    spans = [(0.0, 4.0), (5.0, 9.0), (10.0, 14.0), (15.0, 19.0), (22.0, 26.0), (27.0, 31.0),
             (32.0, 36.0), (37.0, 41.0)]
    chunks = speech_chunks(VoiceActivity(intervals=tuple(spans)), duration_s=45.0)
    assert chunks[0] == (0.0, 19.2)  # cut at the 3 s pause, not at the last fitting one
    assert chunks[1] == (21.8, 41.2)
    for a, b in spans:  # every utterance inside one clip
        assert any(c <= a and b <= d for c, d in chunks)
    assert all(d - c <= MAX_CHUNK_S + 0.4 for c, d in chunks)


def test_padding_never_reaches_into_the_next_clip():
    chunks = speech_chunks(
        VoiceActivity(intervals=((0.0, 27.0), (27.1, 40.0))), duration_s=40.0
    )
    assert chunks == ((0.0, 27.05), (27.05, 40.0))


def test_an_utterance_longer_than_a_clip_is_cut_at_its_quietest_frame():
    step = FRAME / SAMPLE_RATE
    probs = np.full(int(70 / step), 0.9, np.float32)
    probs[int(20.0 / step)] = 0.4  # a near-pause at 20 s
    voice = VoiceActivity(intervals=((0.0, 70.0),), probs=probs)
    chunks = speech_chunks(voice, duration_s=70.0)
    assert abs(chunks[0][1] - 20.0) < 0.3
    assert chunks[-1][1] == 70.0
    assert all(d - c <= MAX_CHUNK_S + 0.4 for c, d in chunks)
    assert all(abs(chunks[k][1] - chunks[k + 1][0]) < 1e-6 for k in range(len(chunks) - 1))


def test_no_speech_no_clips():
    assert speech_chunks(VoiceActivity(intervals=()), duration_s=30.0) == ()


# A scripted engine. The audio's samples carry their own time (sample i of the file holds
# i / n), so the stand-in knows which part of the file a clip is; it "says" the script's words
# that lie in the clip, skips the words in `skip_with_prompt` when prompted on a long clip (as
# Whisper skips words echoing the prompt; a sentence decoded alone is heard), and may run on in a loop after the last word of a clip.
class ScriptedEngine:
    backend = "faster-whisper"  # the pipeline calls .transcribe(audio, opts=, prompt=, language=)
    is_multilingual = False
    label = "scripted"

    def __init__(self, words, total_samples, *, skip_with_prompt=(), loop_after=None):
        self.words = words
        self.n = total_samples
        self.skip = set(skip_with_prompt)
        self.loop_after = loop_after
        self.clips: list[tuple[float, float, bool]] = []

    def transcribe(self, audio, *, opts, prompt, language):
        start = float(audio[0]) * self.n / SAMPLE_RATE
        end = start + audio.size / SAMPLE_RATE
        self.clips.append((start, end, bool(prompt)))
        said = [
            (w, a, b) for k, (w, a, b) in enumerate(self.words)
            if start <= (a + b) / 2 <= end
            and not (prompt and k in self.skip and end - start > 10.0)  # alone, it is heard
        ]
        if self.loop_after is not None and self.words[self.loop_after] in said:
            w, _a, b = self.words[self.loop_after]  # the word again, three times, in the pause
            k = said.index(self.words[self.loop_after]) + 1
            said[k:k] = [(w, b + 0.3 + 0.5 * i, b + 0.7 + 0.5 * i) for i in range(3)]
        if not said:
            return {"language": "en", "segments": []}
        rel = [{"word": " " + w, "start": a - start, "end": b - start, "probability": 0.9}
               for w, a, b in said]
        return {"language": "en", "segments": [{
            "start": rel[0]["start"], "end": rel[-1]["end"],
            "text": "".join(x["word"] for x in rel), "avg_logprob": -0.2,
            "no_speech_prob": 0.01, "compression_ratio": 1.2, "temperature": 0.0,
            "words": rel}]}


def _timed_audio(seconds: float) -> np.ndarray:
    n = int(seconds * SAMPLE_RATE)
    return (np.arange(n, dtype=np.float64) / n).astype(np.float32)


def _script(seconds: float, *, every: float = 5.0, length: float = 3.0):
    """One two-word 'sentence' of `length` s every `every` s."""
    words, spans = [], []
    t = 1.0
    while t + length < seconds - 1.0:
        words += [(f"alpha{len(spans)}", t, t + length / 2), (f"beta{len(spans)}", t + length / 2, t + length)]
        spans.append((t - 0.1, t + length + 0.1))
        t += every
    return words, tuple(spans)


@pytest.fixture
def scripted(monkeypatch):
    def make(seconds, **kw):
        words, spans = _script(seconds)
        audio = _timed_audio(seconds)
        monkeypatch.setattr(
            pipeline.VoiceActivity, "detect", classmethod(lambda cls, a: VoiceActivity(spans))
        )
        engine = ScriptedEngine(words, audio.size, **kw)
        return Transcriber(TranscribeOptions(), model=engine, label="scripted"), engine, audio, words
    return make


def test_the_engine_only_ever_sees_clips_shorter_than_its_window(scripted):
    transcriber, engine, audio, words = scripted(600.0)
    t = transcriber.transcribe_audio(audio)
    assert max(b - a for a, b, _ in engine.clips) < 30.0
    assert len(engine.clips) <= 600 / 20  # ~whole 28 s clips, not one call per utterance
    assert [w.word.strip() for s in t.segments for w in s.words] == [w for w, _, _ in words]
    assert t.coverage == 1.0 and not t.uncovered


def test_every_range_a_long_prompted_decode_skipped_is_decoded_again_to_the_end(scripted):
    # the prompt makes the engine skip 60 sentences of a 10 min file: more than the fixed
    # 24 re-decodes that used to end the file in placeholders
    skipped = {k for k in range(0, 238, 4)} | {k + 1 for k in range(0, 238, 4)}
    transcriber, _engine, audio, words = scripted(600.0, skip_with_prompt=skipped)
    opts = TranscribeOptions(initial_prompt="Terms used: alpha, beta.")
    t = transcriber.transcribe_audio(audio, options=opts)
    heard = [w.word.strip() for w in sorted((w for s in t.segments for w in s.words),
                                            key=lambda w: w.start)]
    assert heard == [w for w, _, _ in words]
    assert t.coverage == 1.0 and not [s for s in t.segments if s.placeholder]
    assert "coverage-low" not in t.flags


def test_a_loop_running_on_into_a_pause_leaves_nothing_over_the_silence(scripted):
    transcriber, _engine, audio, words = scripted(60.0, loop_after=5)  # after "beta2"
    t = transcriber.transcribe_audio(audio)
    assert [w.word.strip() for s in t.segments for w in s.words] == [w for w, _, _ in words]
    assert "hallucination-suspected" in t.flags  # the invented words went, and it says so
    assert not [s for s in t.segments if s.placeholder]  # nobody spoke there: nothing to review


def _heading_case(monkeypatch, *, engine_words):
    """Two sentences with a one-word heading spoken in 0.6 s between them (as "Heart." and
    "Imaging." in the independent 15-min script 009, which base dropped without a flag
    while gaps under 0.8 s of speech were neither decoded again nor marked)."""
    spans = ((0.9, 4.1), (5.95, 6.55), (7.9, 11.1))
    audio = _timed_audio(14.0)
    monkeypatch.setattr(pipeline.VoiceActivity, "detect", classmethod(lambda cls, a: VoiceActivity(spans)))
    engine = ScriptedEngine(engine_words, audio.size, skip_with_prompt={2})
    transcriber = Transcriber(TranscribeOptions(), model=engine, label="scripted")
    return transcriber.transcribe_audio(audio, options=TranscribeOptions(initial_prompt="Terms used: heart."))


WORDS = [("alpha0", 1.0, 2.5), ("beta0", 2.5, 4.0), ("Heart.", 6.0, 6.5), ("alpha1", 8.0, 9.5),
         ("beta1", 9.5, 11.0)]


def test_a_short_heading_the_long_decode_skipped_is_decoded_again(monkeypatch):
    t = _heading_case(monkeypatch, engine_words=WORDS)
    heard = [w.word.strip() for w in sorted((w for s in t.segments for w in s.words), key=lambda w: w.start)]
    assert heard == [w for w, _, _ in WORDS]
    assert t.coverage == 1.0 and not [s for s in t.segments if s.placeholder]


def test_a_short_heading_never_heard_stays_visible_with_its_times(monkeypatch):
    t = _heading_case(monkeypatch, engine_words=[w for w in WORDS if w[0] != "Heart."])
    marks = [s for s in t.segments if s.placeholder]
    assert [(m.start, m.end, m.unsure_reason) for m in marks] == [(5.95, 6.55, "not-transcribed")]
    assert "speech not transcribed" in marks[0].text and t.uncovered == ((5.95, 6.55),)
