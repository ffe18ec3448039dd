"""Document-type classification (LOINC document codes): pure, text in, Classification out."""

from indexing.classify.classifier import (
    Classification,
    Classifier,
    ClassifierSettings,
    build_default,
    retrain,
)
from indexing.classify.evaluate import ClassMetrics, Report, evaluate
from indexing.classify.registry import ModelRegistry, ModelVersion

__all__ = [
    "Classification",
    "Classifier",
    "ClassifierSettings",
    "ClassMetrics",
    "ModelRegistry",
    "ModelVersion",
    "Report",
    "build_default",
    "evaluate",
    "retrain",
]
