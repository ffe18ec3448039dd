"""Per-class precision / recall / F1, macro-F1 and the confusion matrix of a classifier."""

from __future__ import annotations

from typing import Iterable, Protocol

from pydantic import BaseModel, ConfigDict

from indexing.doctypes import UNKNOWN


class _Classifies(Protocol):
    def classify(self, text: str): ...


class ClassMetrics(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    precision: float
    recall: float
    f1: float
    support: int


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)
    documents: int
    accuracy: float  # abstentions count as wrong
    abstained: int
    macro_f1: float  # over the true classes present
    per_class: tuple[ClassMetrics, ...]
    labels: tuple[str, ...]  # rows = truth, columns = prediction (incl. "unknown")
    confusion: tuple[tuple[int, ...], ...]

    def confusion_table(self) -> str:
        w = max(len(label) for label in self.labels) + 1
        lines = [" " * w + "".join(f"{label[:8]:>9}" for label in self.labels)]
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{label:<{w}}" + "".join(f"{v:>9}" for v in row))
        return "\n".join(lines)


def report_from_pairs(pairs: list[tuple[str, str]]) -> Report:
    """Build a report from (truth, prediction) codes."""
    truths = sorted({t for t, _ in pairs})
    preds = {p for _, p in pairs}
    labels = tuple(truths + sorted(preds - set(truths) - {UNKNOWN.code}) + [UNKNOWN.code])
    pos = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in pairs:
        matrix[pos[t]][pos[p]] += 1
    per_class = []
    for c in truths:
        i = pos[c]
        tp = matrix[i][i]
        predicted = sum(matrix[r][i] for r in range(len(labels)))
        actual = sum(matrix[i])
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class.append(ClassMetrics(code=c, precision=round(precision, 4), recall=round(recall, 4),
                                      f1=round(f1, 4), support=actual))
    n = len(pairs)
    return Report(
        documents=n,
        accuracy=round(sum(1 for t, p in pairs if t == p) / n, 4) if n else 0.0,
        abstained=sum(1 for _, p in pairs if p == UNKNOWN.code),
        macro_f1=round(sum(m.f1 for m in per_class) / len(per_class), 4) if per_class else 0.0,
        per_class=tuple(per_class),
        labels=labels,
        confusion=tuple(tuple(r) for r in matrix),
    )


def evaluate(classifier: _Classifies, labelled: Iterable[tuple[str, str]]) -> Report:
    """Classify every (text, true code) and report. Truth ``unknown`` is allowed."""
    return report_from_pairs([(code, classifier.classify(text).code) for text, code in labelled])
