"""Chart deficiencies as documents arrive through the real broker (tansu, SeaweedFS) and are
signed (issue 15): an inpatient stay starts with its H&P and discharge summary missing; the
scanned H&P filed through intake -> OCR -> indexing clears one; the physician's dictated
discharge summary (intake -> Whisper -> indexing) turns the other into *unsigned*, theirs; their
signature (the sign screen's function) clears it."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from chart.deficiencies import DEFAULT_RULES, open_deficiencies
from desk import review
from desk.auth import get_user_by_name
from himflow import db
from himflow.encounters import Encounter, upsert_encounter
from himflow.upload import upload_files, wait_final
from tests.resources.desk_testkit import add_patient, add_users
from tests.resources.pages import born_digital_pdf
from tests.resources.speech import speak
from tests.resources.workers import workers

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MRN = "MR-7001"
HP = ["HISTORY AND PHYSICAL", "Patient: Ola Nilsen   MRN: MR-7001   DOB: 02/01/1950",
      "Chief complaint: shortness of breath for three days.",
      "History of present illness: a 76 year old man with heart failure admitted for worsening dyspnea.",
      "Review of systems: negative except as above. Physical examination: bibasilar crackles.",
      "Assessment and plan: acute on chronic systolic heart failure; admit, intravenous diuresis."]
SUMMARY = ("Discharge summary. The patient was admitted with heart failure, was treated with "
           "intravenous diuretics and is discharged home in stable condition.")


def _open(engine) -> list[tuple[str, str, str | None]]:
    with engine.connect() as conn:
        return sorted((d.kind, d.type_code, d.physician) for d in open_deficiencies(conn, DEFAULT_RULES))


async def test_deficiencies_appear_and_clear_as_documents_arrive_and_are_signed(spine_settings, tmp_path: Path):
    spine_settings.whisper_model = "tiny.en"
    spine_settings.ocr_processes = 1
    engine = db.make_engine(spine_settings.db_url)
    db.migrate(engine)
    add_patient(engine, "pat-nilsen", MRN, "Nilsen", "Ola", date(1950, 1, 2))
    add_users(engine, **{"dr-att": "physician"})
    now = datetime.now(UTC)
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-7001", identifier="V-7001", patient_id="pat-nilsen",
                                         enc_class="IMP", admitted_at=now - timedelta(days=6),
                                         discharged_at=now - timedelta(days=2), attending="dr-att"))
    assert _open(engine) == [("missing", "18842-5", "dr-att"), ("missing", "34117-2", "dr-att")]

    hp = born_digital_pdf([HP], tmp_path / "hp.pdf")
    wav = speak(SUMMARY, tmp_path / "summary.wav")
    async with workers(spine_settings, roles=("intake", "ocr", "transcription", "indexing", "publishing")):
        up = (await asyncio.to_thread(upload_files, spine_settings, [hp], patient=MRN, encounter="V-7001",
                                      document_type="34117-2"))[0]
        rec = (await asyncio.to_thread(wait_final, spine_settings, [up.doc_id], timeout_s=300))[up.doc_id]
        assert rec["status"] in ("filed", "review"), rec
        assert _open(engine) == [("missing", "18842-5", "dr-att")]  # the H&P is in

        up = (await asyncio.to_thread(upload_files, spine_settings, [wav], patient=MRN, encounter="V-7001",
                                      author="dr-att", document_type="18842-5"))[0]
        rec = (await asyncio.to_thread(wait_final, spine_settings, [up.doc_id], timeout_s=600))[up.doc_id]
        assert rec["kind"] == "dictation" and "unsigned-dictation" in rec["reasons"], rec
        assert _open(engine) == [("unsigned", "18842-5", "dr-att")]  # there, not signed

        with engine.begin() as conn:
            review.save_dictation(conn, up.doc_id, get_user_by_name(conn, "dr-att"), text=rec["text"], sign=True)
        assert _open(engine) == []
    engine.dispose()
