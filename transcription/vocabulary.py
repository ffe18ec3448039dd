"""Medical vocabulary for Whisper's initial prompt, from configurable term lists.

Sources, merged in this order (later = closer to the audio = more weight, and kept when the
prompt must be cut, since Whisper keeps the END of an over-long prompt):
  1. package `transcription/terms/common.txt`
  2. package `transcription/terms/specialty_<specialty>.txt`
  3. deployment dir (HIMFLOW_VOCABULARY_DIR): `common.txt`, `specialty_<specialty>.txt`,
     `physician_<physician>.txt`
  4. the patient's known medications (from the record, when it has them)
Files hold one term per line; `#` starts a comment. Duplicates (case-insensitive) are dropped,
keeping the latest position.
"""

from __future__ import annotations

import importlib.resources
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

PROMPT_LEAD = "Terms used: "
MAX_PROMPT_CHARS = 700  # ~200 tokens; Whisper allows n_text_ctx // 2 - 1 = 223
_SAFE_KEY = re.compile(r"[^a-z0-9_-]+")


def default_vocabulary_dir() -> Path | None:
    value = os.environ.get("HIMFLOW_VOCABULARY_DIR")
    return Path(value) if value else None


def _key(value: str) -> str:
    """A list name from a specialty/physician id: lower case, no path characters."""
    return _SAFE_KEY.sub("_", value.strip().lower()).strip("_")


def parse_terms(text: str) -> list[str]:
    terms = []
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(" ".join(term.split()))
    return terms


def _package_terms(name: str) -> list[str]:
    res = importlib.resources.files("transcription.terms").joinpath(name)
    return parse_terms(res.read_text(encoding="utf-8")) if res.is_file() else []


def _dir_terms(folder: Path | None, name: str) -> list[str]:
    if folder is None:
        return []
    path = folder / name
    return parse_terms(path.read_text(encoding="utf-8")) if path.is_file() else []


def available_specialties(*, terms_dir: Path | None = None) -> tuple[str, ...]:
    names = {
        p.name[len("specialty_") : -len(".txt")]
        for p in importlib.resources.files("transcription.terms").iterdir()
        if p.name.startswith("specialty_") and p.name.endswith(".txt")
    }
    folder = terms_dir or default_vocabulary_dir()
    if folder and folder.is_dir():
        names |= {
            p.name[len("specialty_") : -len(".txt")]
            for p in folder.glob("specialty_*.txt")
        }
    return tuple(sorted(names))


def collect_terms(
    *,
    specialty: str | None,
    physician: str | None,
    medications: Sequence[str] = (),
    terms_dir: Path | None = None,
) -> tuple[str, ...]:
    folder = terms_dir or default_vocabulary_dir()
    ordered: list[str] = []
    ordered += _package_terms("common.txt")
    ordered += _dir_terms(folder, "common.txt")
    if specialty and _key(specialty):
        ordered += _package_terms(f"specialty_{_key(specialty)}.txt")
        ordered += _dir_terms(folder, f"specialty_{_key(specialty)}.txt")
    if physician and _key(physician):
        ordered += _dir_terms(folder, f"physician_{_key(physician)}.txt")
    ordered += [" ".join(m.split()) for m in medications if m and m.strip()]
    return dedupe_keep_last(ordered)


def dedupe_keep_last(terms: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for term in reversed(list(terms)):
        k = term.lower()
        if k not in seen:
            seen.add(k)
            out.append(term)
    return tuple(reversed(out))


def prompt_from_terms(
    terms: Sequence[str], *, max_chars: int = MAX_PROMPT_CHARS
) -> str:
    """ "Terms used: a, b, c." -- measured with tiny.en and base on espeak dictation, this form
    fixed drug and disease names, while other lead-ins ("Medical dictation:", "Glossary:")
    sometimes made tiny.en garble the first words of the dictation.
    Cut from the front when too long, so the latest (most specific) terms survive.
    """
    kept: list[str] = []
    size = len(PROMPT_LEAD) + 1
    for term in reversed(terms):
        if size + len(term) + 2 > max_chars:
            break
        kept.append(term)
        size += len(term) + 2
    if not kept:
        return ""
    return PROMPT_LEAD + ", ".join(reversed(kept)) + "."


def build_prompt(
    *,
    specialty: str | None,
    physician: str | None,
    medications: Sequence[str] = (),
    terms_dir: Path | None = None,
) -> str:
    """The initial prompt for a dictation by `physician` in `specialty` for a patient on `medications`."""
    return prompt_from_terms(
        collect_terms(
            specialty=specialty,
            physician=physician,
            medications=medications,
            terms_dir=terms_dir,
        )
    )
