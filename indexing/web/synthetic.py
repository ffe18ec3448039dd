"""Synthetic documents for the web UI's tests, demos and benchmark. No real PHI: patient ids
are P-numbers, text is random clinical vocabulary. Bulk insert (executemany in batches) into
documents and the full-text index, so 100,000 documents take seconds, not minutes."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from himflow.db import documents
from himflow.text_index import document_text

VOCABULARY = ["patient", "admitted", "discharge", "summary", "history", "physical", "examination", "assessment", "plan", "medication", "allergies", "penicillin", "metformin", "lisinopril", "atorvastatin", "insulin", "aspirin", "hypertension", "diabetes", "mellitus", "asthma", "pneumonia", "fracture", "radiology", "report", "chest", "abdomen", "normal", "findings", "impression", "follow", "clinic", "weeks", "laboratory", "results", "glucose", "hemoglobin", "creatinine", "sodium", "potassium", "blood", "pressure", "pulse", "temperature", "oxygen", "saturation", "consultation", "referral", "surgery", "procedure", "stable"]
_SYLLABLES = ("ka", "lo", "mi", "tre", "zan", "vol", "dex", "pra", "nu", "sol", "ri", "ben",
              "cor", "fa", "gel", "hy", "mor", "ta", "quin", "ox")
# A long tail of rarer terms (drug-like and condition-like pseudo-words), Zipf-distributed, so
# a search for one of them is selective the way a drug or diagnosis name is in real records.
RARE_TERMS = tuple(a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES)[:5000]
_RARE_WEIGHTS = tuple(__import__("itertools").accumulate(1.0 / (r + 1) for r in range(len(RARE_TERMS))))
TYPES = (("18842-5", "Discharge summary"), ("11488-4", "Consult note"),
         ("34117-2", "History and physical note"), ("11506-3", "Progress note"),
         ("18748-4", "Diagnostic imaging study"), ("11502-2", "Laboratory report"))
REVIEW_REASONS = ("low-type-confidence", "no-patient-match", "low-ocr-confidence",
                  "patient-conflict", "low-confidence-words")


def doc_id_for(i: int, seed: int = 0) -> str:
    return hashlib.sha256(f"synthetic-{seed}-{i}".encode()).hexdigest()


def insert_documents(
    engine: Engine, n: int, *, seed: int = 1, review_share: float = 0.1, patients: int = 5000,
    batch: int = 5000, now: datetime | None = None, days: int = 30,
) -> list[str]:
    """Insert ``n`` documents (filed, or in review with reasons) with indexed text."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    fts = engine.dialect.name != "postgresql"
    ids: list[str] = []
    with engine.begin() as conn:
        for start in range(0, n, batch):
            docs, texts = [], []
            for i in range(start, min(n, start + batch)):
                did = doc_id_for(i, seed)
                ids.append(did)
                code, display = rng.choice(TYPES)
                in_review = rng.random() < review_share
                created = now - timedelta(seconds=rng.randint(0, days * 86400))
                reasons = [rng.choice(REVIEW_REASONS)] if in_review else []
                if in_review and rng.random() < 0.05:
                    reasons.append("urgent")
                kind = "dictation" if rng.random() < 0.2 else "scan"
                docs.append(dict(
                    id=did, kind=kind, status="review" if in_review else "filed",
                    media_type="audio/wav" if kind == "dictation" else "application/pdf",
                    type_code=code, type_display=display,
                    type_confidence=round(rng.uniform(0.3, 0.7) if in_review else rng.uniform(0.8, 1), 3),
                    patient_id=None if "no-patient-match" in reasons else f"P{rng.randrange(patients):06d}",
                    confidence=round(rng.uniform(0.6, 0.99), 3), reasons=json.dumps(reasons),
                    flags="[]", renditions="{}", created_at=created, updated_at=created,
                    service_date=created.date().isoformat(),
                ))
                words = [rng.choice(VOCABULARY) for _ in range(80)]
                words += rng.choices(RARE_TERMS, cum_weights=_RARE_WEIGHTS, k=40)
                rng.shuffle(words)
                texts.append({"doc_id": did, "text": " ".join(words)})
            conn.execute(documents.insert(), docs)
            conn.execute(document_text.insert(), texts)
            if fts:
                conn.execute(sa.text("INSERT INTO document_fts (doc_id, text) VALUES (:doc_id, :text)"),
                             texts)
            else:
                pass  # PostgreSQL: the tsvector column is generated
    return ids
