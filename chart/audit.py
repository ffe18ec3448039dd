"""Chart audit (issue 15.4): a records clerk checks an encounter's record against a checklist
and records pass or fail with findings; a random sample of encounters makes a worklist for a
quality programme.

The checklist of an encounter has two parts:
  * the documents its class requires (the deficiency rules, ``chart.deficiencies.load_rules``),
    each *present*, *missing* or *unsigned* (a dictation waiting for its author's signature)
    from the documents linked to the encounter (``chart.deficiencies.encounter_documents``),
    the same reading as ``open_deficiencies``, so the audit and the signature queue agree;
  * checks the clerk answers yes / no / not applicable: ``DEFAULT_CHECKS`` (patient
    identification on every page, legibility, correct encounter, entries dated and signed),
    replaced by ``<data dir>/chart-audit-checks.json`` (a list of ``{"key", "label"}``).
Findings are what the checklist shows wrong (a required document missing or unsigned, a check
answered no) and the clerk's own lines. A *fail* needs at least one finding; a *pass* is the
clerk's judgement (a finding may be noted on a record that still passes). The stored row keeps
the checklist as it was answered (JSON), so a later document does not rewrite an audit.

A sample: ``n`` encounters of one class discharged within a period (UTC calendar days,
inclusive; an encounter not discharged is not in any period). Each candidate is ranked by
SHA-256 of ``"<seed>:<encounter id>"`` and the ``n`` lowest are drawn: anyone with the seed
and the ids draws the same sample (no language's random generator involved), and the sample
row records the seed, the population's size and a digest of its ids, so ``redraw`` can show
the population is still the one it was drawn from.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chart.deficiencies import awaits_signature, encounter_documents, open_deficiencies
from chart.tables import audit_samples, audits
from himflow.encounters import Encounter, get_encounter, list_encounters
from himflow.errors import RejectedInput
from himflow.patients_db import encounters_table

CHECKS_FILE = "chart-audit-checks.json"
DEFAULT_CHECKS: tuple[dict[str, str], ...] = (
    {"key": "identification", "label": "Patient identification (name and MRN) on every page"},
    {"key": "legible", "label": "Every page legible"},
    {"key": "encounter", "label": "Every document belongs to this encounter"},
    {"key": "authenticated", "label": "Entries dated, timed and signed"},
)
ANSWERS = {"yes": "Yes", "no": "No", "na": "Not applicable"}
PRESENT, MISSING, UNSIGNED = "present", "missing", "unsigned"
PASS, FAIL = "pass", "fail"
RESULTS = (PASS, FAIL)
CLASSES = ("IMP", "EMER", "AMB")
MAX_NOTES = 4000
MAX_FINDING = 300
MAX_SAMPLE = 500


def load_checks(data_dir: Path | str | None) -> list[dict[str, str]]:
    path = Path(data_dir) / CHECKS_FILE if data_dir is not None else None
    if path is not None and path.is_file():
        raw = json.loads(path.read_text())
        return [{"key": str(c["key"]), "label": str(c["label"])} for c in raw]
    return [dict(c) for c in DEFAULT_CHECKS]


# -- the checklist ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RequiredDocument:
    type_code: str
    display: str
    status: str  # present | missing | unsigned
    doc_ids: tuple[str, ...]  # the encounter's documents of this type
    limit_days: int
    counted_from: str  # admission | discharge: where the limit's days start
    delinquent: bool  # an open deficiency past its limit (chart.deficiencies)


@dataclass(frozen=True)
class LinkedDocument:
    doc_id: str
    type_code: str
    type_display: str
    status: str
    awaiting_signature: bool


@dataclass(frozen=True)
class Checklist:
    encounter: Encounter
    required: list[RequiredDocument]
    linked: list[LinkedDocument]
    checks: list[dict[str, str]]

    @property
    def patient_id(self) -> str:
        return self.encounter.patient_id


def checklist(conn: Connection, encounter_id: str, *, rules: dict[str, list[dict]],
              checks: list[dict[str, str]], now: datetime | None = None) -> Checklist | None:
    """The checklist of one encounter as its documents stand now; None for an unknown id."""
    enc = get_encounter(conn, encounter_id)
    if enc is None:
        return None
    docs = encounter_documents(conn, enc, list_encounters(conn, patient_id=enc.patient_id))
    delinquent = {(d.type_code, d.kind) for d in open_deficiencies(conn, rules, now=now, patient_id=enc.patient_id)
                  if d.encounter_id == enc.encounter_id and d.delinquent}
    required = []
    for rule in rules.get(enc.enc_class, []):
        of_type = [d for d in docs if d.type_code == rule["type"]]
        if not of_type:
            status = MISSING
        elif any(awaits_signature(d.reasons) for d in of_type):
            status = UNSIGNED
        else:
            status = PRESENT
        required.append(RequiredDocument(
            type_code=rule["type"], display=rule.get("display", rule["type"]), status=status,
            doc_ids=tuple(d.id for d in of_type), limit_days=int(rule["days"]),
            counted_from="discharge" if rule.get("from") == "discharge" else "admission",
            delinquent=(rule["type"], status) in delinquent))
    linked = [LinkedDocument(doc_id=d.id, type_code=d.type_code or "", type_display=d.type_display or
                             "Unclassified document", status=d.status or "",
                             awaiting_signature=awaits_signature(d.reasons))
              for d in sorted(docs, key=lambda d: (d.service_date or "", d.id))]
    return Checklist(encounter=enc, required=required, linked=linked, checks=list(checks))


# -- recording an audit ----------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    code: str  # stable, for counting: missing:<type>, unsigned:<type>, check:<key>, note
    label: str


@dataclass(frozen=True)
class AuditRecord:
    id: int
    encounter_id: str
    patient_id: str
    sample_id: str | None
    auditor: str
    audited_at: datetime
    result: str
    checklist: dict[str, Any]
    findings: list[Finding]
    notes: str


def findings_of(cl: Checklist, answers: dict[str, str], extra: list[str] | tuple[str, ...] = ()) -> list[Finding]:
    out = [Finding(f"{r.status}:{r.type_code}", f"{r.display} {'missing' if r.status == MISSING else 'not signed'}")
           for r in cl.required if r.status != PRESENT]
    out += [Finding(f"check:{c['key']}", f"No: {c['label']}") for c in cl.checks if answers.get(c["key"]) == "no"]
    out += [Finding("note", line.strip()[:MAX_FINDING]) for line in extra if line.strip()]
    return out


def _validate(cl: Checklist, answers: dict[str, str], result: str, findings: list[Finding], notes: str) -> None:
    if result not in RESULTS:
        raise RejectedInput("the result is pass or fail")
    unanswered = [c["label"] for c in cl.checks if answers.get(c["key"]) not in ANSWERS]
    if unanswered:
        raise RejectedInput("answer every check: " + "; ".join(unanswered))
    if result == FAIL and not findings:
        raise RejectedInput("a failed audit needs at least one finding")
    if len(notes) > MAX_NOTES:
        raise RejectedInput(f"notes are {MAX_NOTES} characters at most")


def record_audit(conn: Connection, cl: Checklist, *, answers: dict[str, str], result: str, auditor: str,
                 notes: str = "", extra_findings: list[str] | tuple[str, ...] = (), sample_id: str | None = None,
                 now: datetime | None = None) -> AuditRecord:
    """Store one audit of ``cl``'s encounter, in the caller's transaction (the desk writes its
    audit-log row in the same one). Refuses (``RejectedInput``) an unanswered check, a result
    other than pass/fail, a fail without findings, and a sample that does not hold the encounter."""
    now = now or datetime.now(UTC)
    notes = notes.strip()
    findings = findings_of(cl, answers, extra_findings)
    _validate(cl, answers, result, findings, notes)
    if sample_id is not None:
        sample = get_sample(conn, sample_id)
        if sample is None or cl.encounter.encounter_id not in sample.encounter_ids:
            raise RejectedInput("this encounter is not in that sample")
    answered = {
        "encounter_class": cl.encounter.enc_class,
        "documents": [{"type": r.type_code, "display": r.display, "status": r.status, "doc_ids": list(r.doc_ids),
                       "delinquent": r.delinquent} for r in cl.required],
        "checks": [{"key": c["key"], "label": c["label"], "answer": answers[c["key"]]} for c in cl.checks],
        "linked_documents": [d.doc_id for d in cl.linked],
    }
    found = [{"code": f.code, "label": f.label} for f in findings]
    inserted = conn.execute(audits.insert().values(
        encounter_id=cl.encounter.encounter_id, patient_id=cl.patient_id, sample_id=sample_id, auditor=auditor,
        audited_at=now, result=result, checklist=json.dumps(answered), findings=json.dumps(found), notes=notes,
    ))
    new_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]  # a Row after a single insert
    return AuditRecord(id=new_id, encounter_id=cl.encounter.encounter_id, patient_id=cl.patient_id,
                       sample_id=sample_id, auditor=auditor, audited_at=now, result=result, checklist=answered,
                       findings=findings, notes=notes)


def _aware(v: datetime) -> datetime:
    return v.replace(tzinfo=UTC) if v.tzinfo is None else v


def _record(r: Any) -> AuditRecord:
    return AuditRecord(id=r.id, encounter_id=r.encounter_id, patient_id=r.patient_id, sample_id=r.sample_id,
                       auditor=r.auditor, audited_at=_aware(r.audited_at), result=r.result,
                       checklist=json.loads(r.checklist),
                       findings=[Finding(f["code"], f["label"]) for f in json.loads(r.findings)], notes=r.notes)


def list_audits(conn: Connection, *, encounter_id: str | None = None, sample_id: str | None = None,
                limit: int = 200) -> list[AuditRecord]:
    """Recorded audits, newest first."""
    q = sa.select(audits)
    if encounter_id:
        q = q.where(audits.c.encounter_id == encounter_id)
    if sample_id:
        q = q.where(audits.c.sample_id == sample_id)
    return [_record(r) for r in conn.execute(q.order_by(audits.c.id.desc()).limit(limit))]


# -- random samples --------------------------------------------------------------------------
@dataclass(frozen=True)
class Sample:
    sample_id: str
    created_at: datetime
    created_by: str
    enc_class: str
    period_start: date
    period_end: date
    seed: int
    requested: int
    population: int
    population_digest: str
    encounter_ids: tuple[str, ...]


def new_seed() -> int:
    return secrets.randbelow(2**31)


def rank(seed: int, encounter_id: str) -> str:
    return hashlib.sha256(f"{seed}:{encounter_id}".encode()).hexdigest()


def draw(candidate_ids: list[str] | tuple[str, ...], n: int, seed: int) -> list[str]:
    """The ``n`` candidates of lowest rank under ``seed`` (all of them when fewer)."""
    return sorted(set(candidate_ids), key=lambda e: (rank(seed, e), e))[:n]


def population_digest(candidate_ids: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha256("\n".join(sorted(set(candidate_ids))).encode()).hexdigest()


def candidates(conn: Connection, *, enc_class: str, start: date, end: date) -> list[str]:
    """Ids of the encounters of ``enc_class`` discharged on a day in start..end (UTC)."""
    return sorted(e.encounter_id for e in list_encounters(conn)
                  if e.enc_class == enc_class and e.discharged_at is not None
                  and start <= e.discharged_at.astimezone(UTC).date() <= end)


def _check_request(enc_class: str, start: date, end: date, n: int) -> None:
    if enc_class not in CLASSES:
        raise RejectedInput("the encounter class is one of " + ", ".join(CLASSES))
    if start > end:
        raise RejectedInput("the first day is after the last day")
    if not 1 <= n <= MAX_SAMPLE:
        raise RejectedInput(f"a sample has 1 to {MAX_SAMPLE} encounters")


def create_sample(conn: Connection, *, enc_class: str, start: date, end: date, n: int, created_by: str,
                  seed: int | None = None, now: datetime | None = None) -> Sample:
    """Draw and store a sample (the caller's transaction). A seed not given is made here and
    stored with the sample."""
    _check_request(enc_class, start, end, n)
    seed = new_seed() if seed is None else int(seed)
    if not 0 <= seed < 2**63:
        raise RejectedInput("the seed is a whole number from 0")
    pool = candidates(conn, enc_class=enc_class, start=start, end=end)
    sample = Sample(sample_id="cas-" + secrets.token_hex(10), created_at=now or datetime.now(UTC),
                    created_by=created_by[:64], enc_class=enc_class, period_start=start, period_end=end,
                    seed=seed, requested=n, population=len(pool), population_digest=population_digest(pool),
                    encounter_ids=tuple(draw(pool, n, seed)))
    conn.execute(audit_samples.insert().values(
        sample_id=sample.sample_id, created_at=sample.created_at, created_by=sample.created_by,
        enc_class=enc_class, period_start=start, period_end=end, seed=seed, requested=n,
        population=sample.population, population_digest=sample.population_digest,
        encounter_ids=json.dumps(list(sample.encounter_ids))))
    return sample


def _sample(r: Any) -> Sample:
    return Sample(sample_id=r.sample_id, created_at=_aware(r.created_at), created_by=r.created_by,
                  enc_class=r.enc_class, period_start=r.period_start, period_end=r.period_end, seed=int(r.seed),
                  requested=r.requested, population=r.population, population_digest=r.population_digest,
                  encounter_ids=tuple(json.loads(r.encounter_ids)))


def get_sample(conn: Connection, sample_id: str) -> Sample | None:
    r = conn.execute(sa.select(audit_samples).where(audit_samples.c.sample_id == sample_id)).first()
    return _sample(r) if r else None


def list_samples(conn: Connection, *, limit: int = 200) -> list[Sample]:
    q = sa.select(audit_samples).order_by(audit_samples.c.created_at.desc(), audit_samples.c.sample_id).limit(limit)
    return [_sample(r) for r in conn.execute(q)]


@dataclass(frozen=True)
class Redraw:
    encounter_ids: tuple[str, ...]
    same_population: bool  # the period's encounters are still the ones the sample was drawn from
    same_sample: bool


def redraw(conn: Connection, sample: Sample) -> Redraw:
    """Draw ``sample`` again from the encounters as they are now, with its seed."""
    pool = candidates(conn, enc_class=sample.enc_class, start=sample.period_start, end=sample.period_end)
    again = tuple(draw(pool, sample.requested, sample.seed))
    return Redraw(encounter_ids=again, same_population=population_digest(pool) == sample.population_digest,
                  same_sample=again == sample.encounter_ids)


# -- worklist and summary --------------------------------------------------------------------
@dataclass(frozen=True)
class WorkItem:
    encounter_id: str
    patient_id: str | None  # None: the encounter is gone from the index
    latest: AuditRecord | None  # the sample's latest audit of it


@dataclass(frozen=True)
class Summary:
    total: int
    audited: int
    passed: int
    failed: int
    common_findings: list[tuple[str, int]] = field(default_factory=list)  # (label, encounters), most first

    @property
    def remaining(self) -> int:
        return self.total - self.audited


def worklist(conn: Connection, sample: Sample) -> list[WorkItem]:
    """The sample's encounters in draw order, each with its latest audit in this sample."""
    latest: dict[str, AuditRecord] = {}
    for a in list_audits(conn, sample_id=sample.sample_id, limit=100_000):
        latest.setdefault(a.encounter_id, a)  # newest first
    patients: dict[str, str] = {}
    ids = list(sample.encounter_ids)
    for i in range(0, len(ids), 500):  # two queries per sample, whatever its size
        t = encounters_table
        for r in conn.execute(sa.select(t.c.encounter_id, t.c.patient_id).where(t.c.encounter_id.in_(ids[i:i + 500]))):
            patients[r.encounter_id] = r.patient_id
    return [WorkItem(encounter_id=e, patient_id=patients.get(e), latest=latest.get(e)) for e in ids]


def summarize(items: list[WorkItem], *, top: int = 5) -> Summary:
    """Counts over the latest audit of each item; findings counted once per encounter."""
    done = [i.latest for i in items if i.latest is not None]
    counts: Counter[str] = Counter()
    for a in done:
        counts.update({f.label for f in a.findings})
    common = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return Summary(total=len(items), audited=len(done), passed=sum(a.result == PASS for a in done),
                   failed=sum(a.result == FAIL for a in done), common_findings=common)
