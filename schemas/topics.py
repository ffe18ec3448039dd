"""Topic names. Versioned: a breaking change to an event gets a new topic (…v2), never a
silent change of an existing one. Events are facts, named in the past tense."""

from __future__ import annotations

PREFIX = "himflow"

# MinIO's bucket notification (or our own upload path, which emits the same format).
OBJECT_CREATED = f"{PREFIX}.object-created.v1"
# intake -> OCR
SCAN_ROUTED = f"{PREFIX}.scan-routed.v1"
# intake -> transcription
DICTATION_ROUTED = f"{PREFIX}.dictation-routed.v1"
# OCR / transcription -> indexing
TEXT_EXTRACTED = f"{PREFIX}.text-extracted.v1"
# indexing -> anyone (status, UI, notifications)
DOCUMENT_INDEXED = f"{PREFIX}.document-indexed.v1"
# publishing -> the patient record (FHIR R4 DocumentReference)
PATIENT_RECORD = f"{PREFIX}.patient-record.v1"
# the same, as HL7 v2 MDM^T02 (ER7 text), when enabled (settings.hl7_mdm)
PATIENT_RECORD_HL7 = f"{PREFIX}.patient-record-hl7.v1"
# patient index feed (ADT-like)
PATIENTS = f"{PREFIX}.patients.v1"
# chart completion -> physicians (mail, EHR inbox): reminders of open deficiencies
CHART_REMINDERS = f"{PREFIX}.chart-reminders.v1"
# every stage: permanent failures and exhausted retries
DEAD_LETTER = f"{PREFIX}.dead-letter.v1"

ALL_TOPICS: tuple[str, ...] = (
    OBJECT_CREATED,
    SCAN_ROUTED,
    DICTATION_ROUTED,
    TEXT_EXTRACTED,
    DOCUMENT_INDEXED,
    PATIENT_RECORD,
    PATIENT_RECORD_HL7,
    PATIENTS,
    CHART_REMINDERS,
    DEAD_LETTER,
)

# Consumer groups, one per worker kind.
GROUP_INTAKE = f"{PREFIX}-intake"
GROUP_OCR = f"{PREFIX}-ocr"
GROUP_TRANSCRIPTION = f"{PREFIX}-transcription"
GROUP_INDEXING = f"{PREFIX}-indexing"
GROUP_PUBLISHER = f"{PREFIX}-publisher"  # publishing worker: DocumentIndexed -> patient record
