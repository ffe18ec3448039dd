"""Word error rate: (substitutions + deletions + insertions) / reference words.

Text is normalised first: lower case, hyphens and punctuation to spaces, so "50-year-old."
and "50 year old" compare equal. Levenshtein distance over words, O(n*m) with two rows.
"""

from __future__ import annotations

import re


def normalize_words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9']+", " ", text.lower().replace("-", " ")).split()


def word_edit_distance(ref: list[str], hyp: list[str]) -> int:
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def wer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return word_edit_distance(ref, hyp) / len(ref)
