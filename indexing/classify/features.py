"""Text -> feature vector: TF-IDF over words and word pairs, plus title/heading evidence.

Title evidence: a document-type keyword in one of the first short lines (``T:<code>``);
heading evidence: a keyword in a heading-like line anywhere (``H:<code>``). Both are features
of the same model, so their weight is learned and calibrated with the words.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from indexing.doctypes import DocType

_TOKEN = re.compile(r"[a-z][a-z&']+")
_TITLE_LINES = 8
_HEADING_MAX = 60
_TITLE_MAX = 90


def tokenize(text: str) -> list[str]:
    return [t.strip("'") for t in _TOKEN.findall(text.lower()) if len(t.strip("'")) >= 2]


def terms(tokens: list[str]) -> list[str]:
    """Unigrams and adjacent pairs."""
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


@dataclass(frozen=True)
class HeadingHit:
    code: str
    where: str  # "title" | "heading"
    line: str


class HeadingMatcher:
    """Finds document-type keywords in titles and section headings (one regex for all)."""

    def __init__(self, doctypes: tuple[DocType, ...]):
        self.codes = tuple(d.code for d in doctypes)
        self._codes_for: dict[str, list[str]] = {}
        for d in doctypes:
            for k in d.keywords:
                self._codes_for.setdefault(k.lower(), []).append(d.code)
        alts = sorted(self._codes_for, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![a-z0-9])(" + "|".join(re.escape(k) for k in alts) + r")(?![a-z0-9])") if alts else None

    def hits(self, text: str) -> list[HeadingHit]:
        if self._pattern is None:
            return []
        lines = [ln.strip() for ln in text[:20_000].splitlines() if ln.strip()]
        out: list[HeadingHit] = []
        seen: set[tuple[str, str]] = set()
        for i, line in enumerate(lines):
            low = line.lower()
            if i < _TITLE_LINES and len(line) <= _TITLE_MAX and ":" not in line:
                where, probe = "title", low
            else:
                head = low.split(":", 1)[0] if ":" in low else low
                if len(head) > _HEADING_MAX:
                    continue
                where, probe = "heading", head
            for m in self._pattern.finditer(probe):
                for code in self._codes_for[m.group(1)]:
                    if (code, where) not in seen:
                        seen.add((code, where))
                        out.append(HeadingHit(code, where, line[:80]))
        return out


def _b64(a: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def _unb64(s: str, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=dtype).reshape(shape).astype(np.float32)


class Vectorizer:
    """Sublinear TF-IDF (l2-normalised) + heading indicators for a fixed list of codes."""

    def __init__(self, vocab: list[str], idf: np.ndarray, heading_codes: tuple[str, ...]):
        self.vocab = vocab
        self.index = {t: i for i, t in enumerate(vocab)}
        self.idf = idf.astype(np.float32)
        self.heading_codes = heading_codes
        self._code_pos = {c: i for i, c in enumerate(heading_codes)}
        self.unigrams = {t for t in vocab if " " not in t}

    @property
    def dim(self) -> int:
        return len(self.vocab) + 2 * len(self.heading_codes)

    @classmethod
    def fit(cls, docs: list[list[str]], heading_codes: tuple[str, ...], *,
            max_features: int = 5000, min_df: int = 2) -> "Vectorizer":
        df: Counter[str] = Counter()
        for d in docs:
            df.update(set(terms(d)))
        n = len(docs)
        kept = [t for t, c in df.items() if c >= min_df and c < 0.9 * n]
        kept.sort(key=lambda t: (-df[t], t))
        vocab = sorted(kept[:max_features])
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float32)
        return cls(vocab, idf, heading_codes)

    def transform_one(self, tokens: list[str], hits: list[HeadingHit]) -> np.ndarray:
        x = np.zeros(self.dim, dtype=np.float32)
        counts = Counter(t for t in terms(tokens) if t in self.index)
        if counts:
            idx = np.fromiter((self.index[t] for t in counts), dtype=np.int64)
            tf = np.fromiter(counts.values(), dtype=np.float32)
            vals = (1.0 + np.log(tf)) * self.idf[idx]
            vals /= max(float(np.linalg.norm(vals)), 1e-9)
            x[idx] = vals
        base = len(self.vocab)
        for h in hits:
            pos = self._code_pos.get(h.code)
            if pos is not None:
                x[base + 2 * pos + (0 if h.where == "title" else 1)] = 1.0
        return x

    def feature_name(self, j: int) -> str:
        if j < len(self.vocab):
            return self.vocab[j]
        k = j - len(self.vocab)
        return f"{'title' if k % 2 == 0 else 'heading'}:{self.heading_codes[k // 2]}"

    def known_ratio(self, tokens: list[str]) -> float:
        if not tokens:
            return 0.0
        return sum(1 for t in tokens if t in self.unigrams) / len(tokens)

    def to_dict(self) -> dict:
        return {"vocab": self.vocab, "idf": _b64(self.idf, "<f4"),
                "heading_codes": list(self.heading_codes)}

    @classmethod
    def from_dict(cls, d: dict) -> "Vectorizer":
        vocab = [str(t) for t in d["vocab"]]
        return cls(vocab, _unb64(d["idf"], "<f4", (len(vocab),)), tuple(d["heading_codes"]))


__all__ = ["HeadingHit", "HeadingMatcher", "Vectorizer", "tokenize", "terms", "_b64", "_unb64"]
