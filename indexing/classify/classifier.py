"""Document-type classifier: title/heading evidence, section structure, setting cues + TF-IDF
softmax model, calibrated, abstaining.

    clf = Classifier.load_default()
    result = clf.classify(text)        # Classification(code, display, confidence, ...)

Confidence is the temperature-calibrated probability of the top type (calibrated on noisy
synthetic documents: titles missing, OCR noise, distractor sentences, note wording training never
saw). Below ``abstain_below``, or when the text is empty, too short or mostly words that are
not medical English (gibberish, another language: "known" means the model's vocabulary, the
ICD-10-CM word list and medical word shapes, see lexicon.py), the classifier abstains: code
``unknown``, to review.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from himflow.errors import RejectedInput
from indexing.classify.features import HeadingHit, HeadingMatcher, Vectorizer, tokenize
from indexing.classify.lexicon import medical_words
from indexing.classify.model import SoftmaxModel
from indexing.doctypes import UNKNOWN, DocType, load_doctypes
from schemas.events import ReasonCode
from indexing.seed.corpus import generate, generate_notes
from indexing.seed.corpus import corpus_fingerprint
from indexing.doctypes import DEFAULT_DOCTYPES

FORMAT = "himflow-doctype-classifier"
FORMAT_VERSION = 2  # 2: section/cue features and the known-word lexicon; 1 still loads
MAX_MODEL_BYTES = 20 * 1024 * 1024
MODEL_L2 = 1e-4  # weight decay of the softmax model


class Classification(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    display: str
    confidence: float = Field(ge=0.0, le=1.0)
    alternatives: tuple[tuple[str, str, float], ...] = ()
    evidence: tuple[str, ...] = ()
    abstained: bool = False
    model_version: str = ""


class ClassifierSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    abstain_below: float = Field(default=0.5, ge=0.0, le=1.0)
    # Share of a document's words the model knows; below it the text is not what we learned
    # from (gibberish, another language) and the classifier abstains whatever the scores say.
    min_known_ratio: float = Field(default=0.45, ge=0.0, le=1.0)
    min_tokens: int = Field(default=3, ge=1)
    max_chars: int = Field(default=200_000, ge=1000)  # a 5 MB text is classified on its start
    alternatives: int = Field(default=3, ge=0)
    # Confidence given to a configured type the model has no training data for, when a title
    # names it (always below the auto-file threshold: such documents go to review).
    untrained_title_confidence: float = Field(default=0.6, ge=0.0, le=1.0)


class Classifier:
    def __init__(self, *, vectorizer: Vectorizer, model: SoftmaxModel, classes: tuple[str, ...],
                 doctypes: tuple[DocType, ...] | None = None,
                 settings: ClassifierSettings | None = None, meta: dict[str, Any] | None = None,
                 lexicon: frozenset[str] | None = None):
        self.vectorizer = vectorizer
        # Known words beyond the model's own vocabulary (ICD-10-CM + common clinical English).
        self.lexicon = lexicon if lexicon is not None else medical_words()
        self.model = model
        self.classes = classes
        self.doctypes = doctypes if doctypes is not None else load_doctypes()
        self.settings = settings or ClassifierSettings()
        self.meta = dict(meta or {})
        self._types = {d.code: d for d in self.doctypes}
        self._matcher = HeadingMatcher(self.doctypes)
        # Model classes still configured (a removed type is never answered).
        self._active = np.array([c in self._types for c in classes], dtype=bool)

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def load_default(cls) -> "Classifier":
        """The classifier trained on the seed corpus (committed model, or trained now)."""
        return _load_default_cached(_doctypes_key())

    @classmethod
    def train(cls, labelled: Iterable[tuple[str, str]], *, calibration: Iterable[tuple[str, str]] = (),
              weights: Iterable[float] | None = None, doctypes: tuple[DocType, ...] | None = None,
              settings: ClassifierSettings | None = None, meta: dict[str, Any] | None = None,
              ) -> "Classifier":
        types = doctypes if doctypes is not None else load_doctypes()
        known = {d.code for d in types}
        pairs = list(labelled)
        bad = sorted({c for _, c in pairs if c not in known})
        if bad:
            raise RejectedInput(f"{len(bad)} label code(s) not among the configured document types",
                                reason=ReasonCode.MALFORMED_EVENT)
        if not pairs:
            raise RejectedInput("no labelled documents", reason=ReasonCode.MALFORMED_EVENT)
        classes = tuple(sorted({c for _, c in pairs}))
        pos = {c: i for i, c in enumerate(classes)}
        matcher = HeadingMatcher(types)
        toks = [tokenize(t) for t, _ in pairs]
        vec = Vectorizer.fit(toks, tuple(d.code for d in types))
        X = np.stack([vec.transform_one(tk, matcher.hits(t), t) for tk, (t, _) in zip(toks, pairs, strict=True)])
        y = np.array([pos[c] for _, c in pairs])
        w = np.asarray(list(weights), dtype=np.float32) if weights is not None else None
        model = SoftmaxModel.fit(X, y, len(classes), sample_weight=w, l2=MODEL_L2)
        cal = [(t, c) for t, c in calibration if c in pos]
        if cal:
            Xc = np.stack([vec.transform_one(tokenize(t), matcher.hits(t), t) for t, _ in cal])
            model.calibrate(Xc, np.array([pos[c] for _, c in cal]))
        m = dict(meta or {})
        m.setdefault("trained_docs", len(pairs))
        m.setdefault("calibration_docs", len(cal))
        return cls(vectorizer=vec, model=model, classes=classes, doctypes=types, settings=settings, meta=m)

    # ---- inference -----------------------------------------------------------------------
    def _abstain(self, reason: str, alternatives: tuple = (), evidence: tuple[str, ...] = ()) -> Classification:
        return Classification(code=UNKNOWN.code, display=UNKNOWN.display, confidence=0.0,
                              alternatives=alternatives, evidence=(reason, *evidence), abstained=True,
                              model_version=self.version)

    def classify(self, text: str) -> Classification:
        s = self.settings
        clipped = text[: s.max_chars]
        tokens = tokenize(clipped)
        if len(tokens) < s.min_tokens:
            return self._abstain("too-little-text")
        hits = self._matcher.hits(clipped)
        x = self.vectorizer.transform_one(tokens, hits, clipped)
        probs = self.model.proba(x[None, :])[0]
        probs = np.where(self._active, probs, 0.0)
        probs = probs / max(float(probs.sum()), 1e-12)
        scored = [(self.classes[i], float(p)) for i, p in enumerate(probs)]
        untrained = [h for h in hits if h.where == "title" and h.code not in self.classes]
        if untrained:
            u = s.untrained_title_confidence
            scored = [(c, p * (1 - u)) for c, p in scored] + [(untrained[0].code, u)]
        scored.sort(key=lambda cp: -cp[1])
        evidence = self._evidence(x, scored[0][0], hits)
        alts = tuple((c, self._types[c].display, round(p, 4)) for c, p in scored[1: 1 + s.alternatives])
        known = self.vectorizer.known_ratio(tokens, self.lexicon)
        if known < s.min_known_ratio:
            top = tuple((c, self._types[c].display, round(p, 4)) for c, p in scored[: s.alternatives])
            return self._abstain("unfamiliar-vocabulary", top, evidence)
        code, conf = scored[0]
        if conf < s.abstain_below:
            top = tuple((c, self._types[c].display, round(p, 4)) for c, p in scored[: s.alternatives])
            return self._abstain("low-confidence", top, evidence)
        if len(text) > s.max_chars:
            evidence = (*evidence, "classified-on-first-chars")
        return Classification(code=code, display=self._types[code].display, confidence=round(conf, 4),
                              alternatives=alts, evidence=evidence, abstained=False,
                              model_version=self.version)

    def _evidence(self, x: np.ndarray, code: str, hits: list[HeadingHit]) -> tuple[str, ...]:
        ev = [f"{h.where}:{h.line}" for h in hits if h.code == code]
        if code in self.classes:
            k = self.classes.index(code)
            contrib = x * self.model.W[:, k]
            for j in np.argsort(-contrib)[:5]:
                if contrib[j] > 0 and j < len(self.vectorizer.vocab):
                    ev.append(f"term:{self.vectorizer.feature_name(int(j))}")
        return tuple(ev[:8])

    # ---- persistence (JSON only: no pickle, nothing executable) ---------------------------
    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "classes": list(self.classes),
                "settings": self.settings.model_dump(), "meta": self.meta,
                "vectorizer": self.vectorizer.to_dict(), "model": self.model.to_dict(),
                "lexicon": " ".join(sorted(self.lexicon))}

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, doctypes: tuple[DocType, ...] | None = None) -> "Classifier":
        try:
            if d.get("format") != FORMAT or d.get("format_version") not in (1, FORMAT_VERSION):
                raise ValueError("not a classifier model of this format")
            classes = tuple(str(c) for c in d["classes"])
            model = SoftmaxModel.from_dict(d["model"])
            vec = Vectorizer.from_dict(d["vectorizer"])
            if model.W.shape != (vec.dim, len(classes)):
                raise ValueError("model shape does not match its vocabulary")
            settings = ClassifierSettings.model_validate(d.get("settings", {}))
            lexicon = frozenset(str(d["lexicon"]).split()) if "lexicon" in d else None
        except (KeyError, TypeError, ValueError) as e:
            raise RejectedInput("classifier model file invalid", reason=ReasonCode.CORRUPT) from e
        return cls(vectorizer=vec, model=model, classes=classes, doctypes=doctypes,
                   settings=settings, meta=dict(d.get("meta", {})), lexicon=lexicon)

    @classmethod
    def from_json(cls, data: bytes, *, doctypes: tuple[DocType, ...] | None = None) -> "Classifier":
        if len(data) > MAX_MODEL_BYTES:
            raise RejectedInput("classifier model file too large", reason=ReasonCode.TOO_LARGE)
        try:
            d = json.loads(data)
        except ValueError as e:
            raise RejectedInput("classifier model file is not JSON", reason=ReasonCode.CORRUPT) from e
        return cls.from_dict(d, doctypes=doctypes)

    def with_settings(self, **changes: Any) -> "Classifier":
        return Classifier(vectorizer=self.vectorizer, model=self.model, classes=self.classes,
                          doctypes=self.doctypes, settings=self.settings.model_copy(update=changes),
                          meta=self.meta, lexicon=self.lexicon)


# ---- the seed-trained default --------------------------------------------------------------
SEED_TRAIN_PER_TYPE = 40
SEED_NOISY_TRAIN_PER_TYPE = 15
SEED_CALIBRATION_PER_TYPE = 20
SEED_NOTES_PER_TYPE = 160  # structured clinical notes per clinical type (indexing.seed.notes)
SEED_NOTES_CALIBRATION_PER_TYPE = 40
NOTES_DISTRACT = 0.3  # share of training notes quoting a paragraph of another type's note
NOTES_CAL_DISTRACT = 0.5  # calibration on notes quoting other types: a more cautious temperature
CORRECTION_WEIGHT = 3.0


def seed_training_set() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(training, calibration) documents: template documents for every type plus structured
    clinical notes in many styles; calibration uses held-out wording and noisier documents."""

    train = generate(style="train", per_type=SEED_TRAIN_PER_TYPE, seed=11)
    train += generate(style="noisy", per_type=SEED_NOISY_TRAIN_PER_TYPE, seed=12)
    train += generate_notes(split="train", per_type=SEED_NOTES_PER_TYPE, seed=14, distract=NOTES_DISTRACT)
    calibration = generate(style="noisy", per_type=SEED_CALIBRATION_PER_TYPE, seed=13)
    calibration += generate_notes(split="heldout", per_type=SEED_NOTES_CALIBRATION_PER_TYPE, seed=15, noise=0.3,
                                  distract=NOTES_CAL_DISTRACT)
    return train, calibration


def build_default(doctypes: tuple[DocType, ...] | None = None) -> Classifier:
    train, calibration = seed_training_set()
    types = doctypes if doctypes is not None else load_doctypes()
    known = {d.code for d in types}
    train = [(t, c) for t, c in train if c in known]
    return Classifier.train(train, calibration=calibration, doctypes=types,
                            meta={"version": "seed", "seed_fingerprint": corpus_fingerprint(),
                                  "corrections": 0})


def retrain(labelled: Iterable[tuple[str, str]], *, base: Classifier) -> Classifier:
    """A new classifier from the seed corpus plus records staff's approved labels.

    ``labelled`` should hold every approved (text, LOINC code) to date; corrections weigh
    ``CORRECTION_WEIGHT`` times a seed document. Settings and document types come from ``base``.
    Labels ``unknown`` are ignored (they say nothing about what a document is).
    """
    limit = base.settings.max_chars  # learn from what classify() reads
    corrections = [(t[:limit], c) for t, c in labelled if c != UNKNOWN.code and t.strip()]
    train, calibration = seed_training_set()
    known = {d.code for d in base.doctypes}
    train = [(t, c) for t, c in train if c in known]
    weights = [1.0] * len(train) + [CORRECTION_WEIGHT] * len(corrections)
    digest = hashlib.sha256()
    for t, c in corrections:
        digest.update(c.encode() + b"\0" + t.encode("utf-8", "replace") + b"\0")

    return Classifier.train(train + corrections, calibration=calibration, weights=weights,
                            doctypes=base.doctypes, settings=base.settings,
                            meta={"version": "", "seed_fingerprint": corpus_fingerprint(),
                                  "corrections": len(corrections),
                                  "corrections_sha256": digest.hexdigest()[:16],
                                  "base_version": base.version})


def _doctypes_key() -> tuple[DocType, ...]:
    return load_doctypes()


def default_cache_dir() -> Path:
    """Where the seed-trained model is cached (training takes a few seconds)."""
    base = os.environ.get("HIMFLOW_MODEL_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "himflow" if base else Path.home() / ".cache" / "himflow"


@lru_cache(maxsize=4)
def _load_default_cached(doctypes: tuple[DocType, ...]) -> Classifier:
    """Seed model: from the cache when its fingerprint matches the seed corpus, else trained.

    The cache holds JSON numbers only (never pickle): a tampered file can at worst give bad
    answers, never run code; a stale or unreadable one is retrained and rewritten.
    """

    fp = corpus_fingerprint()
    path = default_cache_dir() / f"doctype-model-{fp}.json"
    try:
        clf = Classifier.from_json(path.read_bytes(), doctypes=doctypes)
        if clf.meta.get("seed_fingerprint") == fp:
            return clf
    except (OSError, RejectedInput):
        pass
    clf = build_default(DEFAULT_DOCTYPES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(clf.to_json())
        tmp.replace(path)
    except OSError:
        pass  # read-only home: train again next time
    return Classifier.from_dict(clf.to_dict(), doctypes=doctypes)
