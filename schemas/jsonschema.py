"""JSON Schema export of every event, claim check and record (`himflow schemas -o DIR`).

The committed copies under schemas/json/ are checked against the models by the test suite,
so a contract change is always a visible diff."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.chart import ChartDeficiencyReminded
from schemas.claims import DictationTranscript, ScanText
from schemas.events import (
    DeadLetter,
    DocumentIndexed,
    DocumentRouted,
    PatientUpserted,
    TextExtracted,
)
from schemas.records import DocumentRecord, SearchHit, StageEntry
from schemas.s3event import S3EventNotification

MODELS: dict[str, type[BaseModel]] = {
    "S3EventNotification": S3EventNotification,
    "DocumentRouted": DocumentRouted,
    "TextExtracted": TextExtracted,
    "DocumentIndexed": DocumentIndexed,
    "DeadLetter": DeadLetter,
    "PatientUpserted": PatientUpserted,
    "ChartDeficiencyReminded": ChartDeficiencyReminded,
    "DocumentRecord": DocumentRecord,
    "SearchHit": SearchHit,
    "StageEntry": StageEntry,
    # claim checks in the derived bucket (ocr/<id>.json, asr/<id>.json)
    "ScanText": ScanText,
    "DictationTranscript": DictationTranscript,
}

COMMITTED_DIR = Path(__file__).resolve().parent / "json"


def schemas() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(by_alias=True), indent=2, sort_keys=True) + "\n"
        for name, model in MODELS.items()
    }


def export(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in schemas().items():
        path = directory / filename
        path.write_text(text)
        written.append(path)
    return written
