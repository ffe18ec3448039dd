"""The patient index: import (FHIR Patient bundle or CSV), matching, misfile check.

Matching order (first that answers wins), each with a score 0..1:
  1. upload metadata (the uploader named the MRN)       method "upload"
  2. cover-sheet barcode MRN                               method "coversheet"
  3. an MRN printed in the text, found exactly             method "mrn"
  4. patient name + birth date, fuzzy (Jaro-Winkler on names, typo-tolerant dates)
                                                           method "demographics"
  otherwise                                                method "none" (with candidates)
Pure logic works over any ``PatientLookup`` (``MemoryPatientIndex`` for a list, or the
SQLAlchemy ``PatientIndex`` on SQLite / PostgreSQL). Messages never carry PHI.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Literal, Protocol, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rapidfuzz.distance import JaroWinkler
from sqlalchemy import Engine, and_, create_engine, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from himflow.errors import DatabaseUnavailable, RejectedInput
from indexing.identifiers import Identifiers, parse_date
from himflow.patients_db import (
    PATIENT_TABLES,
    id_contains_mrn,
    metadata,
    migrate_patient_ids,
    mrn_key,
    new_patient_id,
    patients_table,
)
from schemas.events import PatientHints, PatientUpserted, ReasonCode
from himflow.encounters import upsert_encounter
from indexing.encounters import EncounterError, apply_adt, parse_fhir_encounter, subject_key
from indexing.identifiers import DEFAULT, extract

MAX_IMPORT_BYTES = 100 * 1024 * 1024
MIN_DEMOGRAPHIC_SCORE = 0.85
MIN_MARGIN = 0.05


# ---- model ---------------------------------------------------------------------------------
def name_key(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_.lower())


class Patient(BaseModel):
    """``id_assigned``: the id was made here (the source gave none, or one carrying the MRN);
    on write, a patient already in the index under this MRN keeps the id it has."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    patient_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-.]+$")
    mrn: str = Field(min_length=1, max_length=64)
    family: str = Field(min_length=1, max_length=200)
    given: str = Field(default="", max_length=200)
    birth_date: date | None = None
    sex: str | None = Field(default=None, max_length=16)
    id_assigned: bool = False

    @field_validator("mrn")
    @classmethod
    def _mrn_has_alnum(cls, v: str) -> str:
        if not mrn_key(v):
            raise ValueError("MRN has no letters or digits")
        return v.strip()

    @classmethod
    def from_event(cls, ev: PatientUpserted) -> "Patient":
        pid, assigned = opaque_id(ev.patient_id or "", ev.mrn)
        return cls(patient_id=pid, mrn=ev.mrn, family=ev.family, given=ev.given, id_assigned=assigned,
                   birth_date=date.fromisoformat(ev.birth_date) if ev.birth_date else None, sex=ev.sex)


def opaque_id(given_id: str, mrn: str) -> tuple[str, bool]:
    """The id to keep for a patient the source sent with ``given_id`` (may be empty):
    the source's own id when it is one and does not carry the MRN, else a new opaque id.
    Returns (id, assigned here)."""
    given_id = given_id.strip()
    if given_id and not id_contains_mrn(given_id, mrn):
        return given_id, False
    return new_patient_id(mrn), True


class RowError(BaseModel):
    model_config = ConfigDict(frozen=True)
    row: int  # CSV: data row number (1 = first row after the header); FHIR: entry number (1-based)
    field: str
    message: str  # never the value itself


class ImportReport(BaseModel):
    model_config = ConfigDict(frozen=True)
    format: Literal["csv", "fhir"]
    rows: int
    imported: int
    errors: tuple[RowError, ...] = ()
    encounters: int = 0  # FHIR Encounter resources written (issue 15)

    @property
    def ok(self) -> bool:
        return not self.errors


class Candidate(BaseModel):
    model_config = ConfigDict(frozen=True)
    patient_id: str
    score: float


class PatientMatch(BaseModel):
    model_config = ConfigDict(frozen=True)
    patient_id: str | None
    score: float = Field(ge=0.0, le=1.0)
    method: Literal["upload", "coversheet", "mrn", "demographics", "none"]
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = ()


class PatientLookup(Protocol):
    def get(self, patient_id: str) -> Patient | None: ...
    def get_by_mrn(self, mrn: str) -> Patient | None: ...
    def candidates(self, *, family: str, given: str, birth_date: date | None, limit: int = 50) -> list[Patient]: ...


# ---- parsing -------------------------------------------------------------------------------
_CSV_ALIASES = {
    "patient_id": ("patient_id", "id", "patientid"),
    "mrn": ("mrn", "medical_record_number", "mr_number"),
    "family": ("family", "last_name", "lastname", "surname", "family_name"),
    "given": ("given", "first_name", "firstname", "given_name"),
    "birth_date": ("birth_date", "dob", "birthdate", "date_of_birth"),
    "sex": ("sex", "gender"),
}


def _row_errors(row: int, e: ValidationError) -> list[RowError]:
    return [RowError(row=row, field=".".join(str(p) for p in err["loc"]) or "row",
                     message=err["msg"]) for err in e.errors(include_input=False)]


def _build(row: int, values: dict[str, str | None]) -> tuple[Patient | None, list[RowError]]:
    errors: list[RowError] = []
    raw_dob = (values.get("birth_date") or "").strip()
    dob = None
    if raw_dob:
        dob = parse_date(raw_dob)
        if dob is None:
            errors.append(RowError(row=row, field="birth_date", message="not a date (YYYY-MM-DD)"))
        elif dob > date.today():  # noqa: DTZ011 - the local calendar day is meant
            errors.append(RowError(row=row, field="birth_date", message="in the future"))
            dob = None
    mrn = (values.get("mrn") or "").strip()
    pid, assigned = opaque_id(values.get("patient_id") or "", mrn)
    try:
        p = Patient(patient_id=pid, id_assigned=assigned, mrn=mrn, family=(values.get("family") or "").strip(),
                    given=(values.get("given") or "").strip(), birth_date=dob,
                    sex=(values.get("sex") or "").strip().lower() or None)
    except ValidationError as e:
        return None, errors + _row_errors(row, e)
    return (None if errors else p), errors


def _parse_csv(text: str) -> tuple[list[Patient], list[RowError], int]:
    reader = csv.DictReader(io.StringIO(text))
    header = {(h or "").strip().lower(): h for h in (reader.fieldnames or [])}
    cols: dict[str, str] = {}
    for field, aliases in _CSV_ALIASES.items():
        for a in aliases:
            if a in header:
                cols[field] = header[a]
                break
    missing = [f for f in ("mrn", "family") if f not in cols]
    if missing:
        return [], [RowError(row=0, field=f, message="column missing from the header") for f in missing], 0
    patients, errors, n = [], [], 0
    for n, raw in enumerate(reader, 1):
        if None in raw:
            errors.append(RowError(row=n, field="row", message="more cells than header columns"))
            continue
        p, errs = _build(n, {f: raw.get(c) for f, c in cols.items()})
        errors += errs
        if p:
            patients.append(p)
    return patients, errors, n


def _fhir_mrn(identifiers: list | None) -> str:
    for ident in identifiers or []:
        if not isinstance(ident, dict):
            continue
        codings = ((ident.get("type") or {}).get("coding") or [])
        if any(isinstance(c, dict) and c.get("code") == "MR" for c in codings):
            return str(ident.get("value") or "")
    for ident in identifiers or []:
        if isinstance(ident, dict) and "mrn" in str(ident.get("system", "")).lower():
            return str(ident.get("value") or "")
    first = next((i for i in identifiers or [] if isinstance(i, dict)), None)
    return str(first.get("value") or "") if first else ""


def _parse_fhir(doc: object, encounters: list | None = None) -> tuple[list[Patient], list[RowError], int]:
    """Patients of a bundle; ``Encounter`` entries go to ``encounters`` as (entry number,
    resource, patient key) for import_patients to write once the patients are stored."""
    if not isinstance(doc, dict) or doc.get("resourceType") not in ("Bundle", "Patient"):
        return [], [RowError(row=0, field="resourceType", message="not a FHIR Bundle or Patient")], 0
    entries = doc.get("entry") or [] if doc["resourceType"] == "Bundle" else [{"resource": doc}]
    if not isinstance(entries, list):
        return [], [RowError(row=0, field="entry", message="not a list")], 0

    patients, errors = [], []
    keys: dict[str, Patient] = {}
    pending: list[tuple[int, dict]] = []
    for n, entry in enumerate(entries, 1):
        res = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(res, dict) and res.get("resourceType") == "Encounter":
            pending.append((n, res))
            continue
        if not isinstance(res, dict) or res.get("resourceType") != "Patient":
            errors.append(RowError(row=n, field="resource", message="not a Patient resource"))
            continue
        names = [x for x in res.get("name") or [] if isinstance(x, dict)]
        name = next((x for x in names if x.get("use") == "official"), names[0] if names else {})
        given = name.get("given") or []
        p, errs = _build(n, {"patient_id": str(res.get("id") or ""), "mrn": _fhir_mrn(res.get("identifier")),
                             "family": str(name.get("family") or ""),
                             "given": str(given[0]) if given else "",
                             "birth_date": str(res.get("birthDate") or ""), "sex": str(res.get("gender") or "")})
        errors += errs
        if p:
            patients.append(p)
            for k in (str(res.get("id") or ""), str(entry.get("fullUrl") or "")):
                if k:
                    keys[k] = p
    for n, res in pending:
        owner = keys.get(subject_key(res))
        if owner is None:
            errors.append(RowError(row=n, field="subject", message="Encounter of no Patient in this bundle"))
        if encounters is not None:
            encounters.append((n, res, owner))
    return patients, errors, len(entries)


def _duplicates(patients: list[Patient], rows: dict[int, int]) -> list[RowError]:
    """An MRN or a patient id may appear once per file (two rows for one MRN disagree somewhere)."""
    errors: list[RowError] = []
    seen_mrn: set[str] = set()
    seen_id: set[str] = set()
    for i, p in enumerate(patients):
        k = mrn_key(p.mrn)
        if k in seen_mrn:
            errors.append(RowError(row=rows[i], field="mrn", message="MRN already in an earlier row"))
        elif p.patient_id in seen_id:
            errors.append(RowError(row=rows[i], field="patient_id", message="id already in an earlier row"))
        seen_mrn.add(k)
        seen_id.add(p.patient_id)
    return errors


def parse_patients(path: Path | str, encounters: list | None = None) -> tuple[tuple[Patient, ...], ImportReport]:
    """Read a FHIR Patient bundle (.json) or a CSV. Pure: nothing is written. A bundle's
    Encounter entries are appended to ``encounters`` as (entry number, resource, Patient)."""
    encounters = [] if encounters is None else encounters
    p = Path(path)
    try:
        if p.stat().st_size > MAX_IMPORT_BYTES:
            raise RejectedInput("patient file too large", reason=ReasonCode.TOO_LARGE)
        raw = p.read_bytes()
    except OSError as e:
        raise RejectedInput("patient file unreadable", reason=ReasonCode.OBJECT_MISSING) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RejectedInput("patient file is not UTF-8", reason=ReasonCode.CORRUPT) from e
    stripped = text.lstrip()
    if stripped.startswith("{") or p.suffix.lower() == ".json":
        try:
            doc = json.loads(text)
        except ValueError as e:
            raise RejectedInput("patient file is not valid JSON", reason=ReasonCode.CORRUPT) from e
        fmt, (patients, errors, rows) = "fhir", _parse_fhir(doc, encounters)
    else:
        fmt, (patients, errors, rows) = "csv", _parse_csv(text)
    # row numbers of the valid patients, for duplicate reporting
    bad_rows = {e.row for e in errors}
    enc_rows = {n for n, _, _ in encounters}
    good_rows = [r for r in range(1, rows + 1) if r not in bad_rows and r not in enc_rows]
    errors += _duplicates(patients, dict(enumerate(good_rows)))
    report = ImportReport(format=fmt, rows=rows, imported=0, errors=tuple(sorted(errors, key=lambda e: e.row)))
    return tuple(patients), report


def import_patients(path: Path | str, *, index: "PatientIndex | None" = None) -> ImportReport:
    """Parse, then (when ``index`` is given and every row is valid) write all rows in one
    transaction. Any row error, or an MRN already owned by another patient: nothing written."""
    encounters: list = []
    patients, report = parse_patients(path, encounters)
    if not report.errors:  # an Encounter that cannot be read fails the file like a bad row
        bad = []
        for n, res, owner in encounters:
            try:
                parse_fhir_encounter(res, patient_id=owner.patient_id, mrn=owner.mrn)
            except (EncounterError, ValidationError) as e:
                field = str(e) if isinstance(e, EncounterError) else "encounter"
                bad.append(RowError(row=n, field=field, message="Encounter not usable"))
        if bad:
            report = report.model_copy(update={"errors": tuple(bad)})
    if report.errors or index is None:
        return report
    conflicts = index.upsert_many(patients)
    if conflicts:
        return report.model_copy(update={"errors": tuple(conflicts)})
    written = index.upsert_encounters(encounters) if encounters else 0
    return report.model_copy(update={"imported": len(patients), "encounters": written})


# ---- matching ------------------------------------------------------------------------------
class MemoryPatientIndex:
    """A PatientLookup over a list (tests, benchmarks, small sites)."""

    def __init__(self, patients: Iterable[Patient]):
        self._by_id = {p.patient_id: p for p in patients}
        self._by_mrn = {mrn_key(p.mrn): p for p in self._by_id.values()}

    def get(self, patient_id: str) -> Patient | None:
        return self._by_id.get(patient_id)

    def get_by_mrn(self, mrn: str) -> Patient | None:
        return self._by_mrn.get(mrn_key(mrn))

    def candidates(self, *, family: str, given: str, birth_date: date | None, limit: int = 50) -> list[Patient]:
        """The same blocking as PatientIndex.candidates."""
        fk, gk = name_key(family)[:2], name_key(given)[:2]
        out = []
        for p in self._by_id.values():
            pf, pg, b = name_key(p.family), name_key(p.given), p.birth_date
            if birth_date:
                if b == birth_date:
                    out.append(p)
                elif b and fk and pf.startswith(fk) and (
                        b.year == birth_date.year or (b.month, b.day) in ((birth_date.month, birth_date.day),
                                                                          (birth_date.day, birth_date.month))):
                    out.append(p)
                elif b and gk and pg.startswith(gk) and b.year == birth_date.year:
                    out.append(p)
            elif fk and pf == name_key(family):
                out.append(p)
        return out[: max(limit, 1) * 10]


MIN_PART_SIMILARITY = 0.75  # below this, a name part is a different name, not a typo


def _name_similarity(given: str, family: str, p: Patient) -> float:
    """0..1. Jaro-Winkler per part (either order); a part that is clearly another name
    (e.g. Olga vs Liam: 0.67) caps the result so that a shared surname and birth date alone
    never reach a filing score."""
    g, f, pg, pf = name_key(given), name_key(family), name_key(p.given), name_key(p.family)

    def sim(a: str, b: str) -> float:
        return JaroWinkler.normalized_similarity(a, b) if a and b else 0.0

    def score(fam: float, giv: float | None) -> float:
        parts = [fam] if giv is None else [fam, giv]
        s = 0.6 * fam + 0.4 * (0.8 * fam if giv is None else giv)
        return min(s, 0.6) if min(parts) < MIN_PART_SIMILARITY else s

    has_given = bool(g and pg)
    straight = score(sim(f, pf), sim(g, pg) if has_given else None)
    swapped = score(sim(g, pf), sim(f, pg)) if has_given else 0.0
    return max(straight, swapped)


def _date_similarity(found: date | None, known: date | None) -> float:
    if found is None or known is None:
        return 0.5
    if found == known:
        return 1.0
    if (found.year, found.month, found.day) == (known.year, known.day, known.month):
        return 0.75  # day and month swapped (US / European order)
    a, b = found.strftime("%Y%m%d"), known.strftime("%Y%m%d")
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]  # %Y of a year < 1000 is shorter
    if len(diff) == 1:
        return 0.75  # one digit mistyped
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return 0.7  # two adjacent digits transposed
    return 0.0


def demographic_score(given: str, family: str, birth_date: date | None, p: Patient) -> float:
    score = 0.55 * _name_similarity(given, family, p) + 0.45 * _date_similarity(birth_date, p.birth_date)
    if birth_date is None:
        score = min(score, 0.75)  # a name alone never files a document
    return round(score, 4)


def misfile_check(identifiers: Identifiers, patient: Patient) -> list[str]:
    """Reasons the page's demographics disagree with ``patient`` (empty list: consistent)."""
    reasons = []
    keys = {mrn_key(m.value) for m in identifiers.mrns}
    if keys and mrn_key(patient.mrn) not in keys:
        reasons.append("misfile:mrn-mismatch")
    dobs = {d.value for d in identifiers.birth_dates}
    if dobs and patient.birth_date and patient.birth_date.isoformat() not in dobs:
        reasons.append("misfile:birth-date-mismatch")
    if identifiers.patient_names:
        best = max(_name_similarity(n.given, n.family, patient) for n in identifiers.patient_names)
        if best < 0.8:
            reasons.append("misfile:name-mismatch")
    return reasons


PatientSource = PatientLookup | list[Patient] | tuple[Patient, ...]  # a list/tuple is wrapped in memory


def _as_lookup(index: PatientSource) -> PatientLookup:
    return MemoryPatientIndex(index) if isinstance(index, (list, tuple)) else index


def match_patient(*, hints: PatientHints | None, identifiers: Identifiers,
                  index: PatientSource,
                  min_score: float = MIN_DEMOGRAPHIC_SCORE, min_margin: float = MIN_MARGIN) -> PatientMatch:
    lookup = _as_lookup(index)
    reasons: list[str] = []
    # 1-2: what the uploader or the cover sheet said
    if hints is not None and hints.mrn:
        method = "coversheet" if hints.source == "coversheet" else "upload"
        p = lookup.get_by_mrn(hints.mrn)
        if p is not None:
            return PatientMatch(patient_id=p.patient_id, score=1.0 if method == "upload" else 0.99,
                                method=method, candidates=(Candidate(patient_id=p.patient_id, score=1.0),),
                                reasons=tuple(misfile_check(identifiers, p)))
        reasons.append(f"{method}-mrn-not-in-index")
    # 3: exact MRN from the text
    found = {}
    for m in identifiers.mrns:
        p = lookup.get_by_mrn(m.value)
        if p is not None:
            found[p.patient_id] = p
    if len(found) == 1:
        p = next(iter(found.values()))
        disagree = [r for r in misfile_check(identifiers, p) if r != "misfile:mrn-mismatch"]
        return PatientMatch(patient_id=p.patient_id, score=0.7 if disagree else 0.97, method="mrn",
                            candidates=(Candidate(patient_id=p.patient_id, score=0.97),),
                            reasons=tuple(reasons + disagree))
    if len(found) > 1:
        reasons.append("mrn-ambiguous")
    elif identifiers.mrns:
        reasons.append("mrn-not-in-index")
    # 4: name + birth date, fuzzy
    scores: dict[str, float] = {pid: 0.5 for pid in found}
    dobs = [parse_date(d.value) for d in identifiers.birth_dates][:3] or [None]
    for name in identifiers.patient_names[:3]:
        for dob in dobs:
            for p in lookup.candidates(family=name.family, given=name.given, birth_date=dob):
                s = demographic_score(name.given, name.family, dob, p)
                scores[p.patient_id] = max(scores.get(p.patient_id, 0.0), s)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:5]
    cands = tuple(Candidate(patient_id=pid, score=s) for pid, s in ranked)
    if ranked and ranked[0][1] >= min_score and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= min_margin):
        return PatientMatch(patient_id=ranked[0][0], score=ranked[0][1], method="demographics",
                            candidates=cands, reasons=tuple(reasons))
    if ranked and ranked[0][1] >= min_score:
        reasons.append("demographics-ambiguous")
    elif not identifiers.patient_names:
        reasons.append("no-patient-name-found")
    else:
        reasons.append("no-confident-match")
    return PatientMatch(patient_id=None, score=ranked[0][1] if ranked else 0.0, method="none",
                        candidates=cands, reasons=tuple(reasons))


# ---- SQLAlchemy-backed index ---------------------------------------------------------------
def _row_to_patient(r) -> Patient:
    return Patient(patient_id=r.patient_id, mrn=r.mrn, family=r.family, given=r.given or "",
                   birth_date=r.birth_date, sex=r.sex)


def _values(p: Patient, source: str) -> dict:
    return {"patient_id": p.patient_id, "mrn": p.mrn, "mrn_key": mrn_key(p.mrn), "family": p.family,
            "given": p.given, "family_key": name_key(p.family), "given_key": name_key(p.given),
            "birth_date": p.birth_date, "birth_year": p.birth_date.year if p.birth_date else None,
            "birth_md": p.birth_date.strftime("%m%d") if p.birth_date else None, "sex": p.sex, "source": source,
            "updated_at": datetime.now(timezone.utc)}


class PatientIndex:
    """The patient index in SQL (SQLite or PostgreSQL). ``schema`` puts the table in a
    PostgreSQL schema (tests use one per run)."""

    def __init__(self, engine: Engine | str, *, schema: str | None = None):
        engine = create_engine(engine) if isinstance(engine, str) else engine
        self.schema = schema
        self.engine = engine.execution_options(schema_translate_map={None: schema}) if schema else engine

    def create_schema(self) -> None:
        with self._guard(), self.engine.begin() as conn:
            metadata.create_all(conn, tables=list(PATIENT_TABLES))  # this index's tables only
            migrate_patient_ids(conn, schema=self.schema)

    @staticmethod
    @contextmanager
    def _guard() -> Iterator[None]:
        try:
            yield
        except OperationalError as e:
            raise DatabaseUnavailable("patient index unavailable") from e

    def get(self, patient_id: str) -> Patient | None:
        with self._guard(), self.engine.connect() as c:
            r = c.execute(select(patients_table).where(patients_table.c.patient_id == patient_id)).first()
        return _row_to_patient(r) if r else None

    def get_by_mrn(self, mrn: str) -> Patient | None:
        with self._guard(), self.engine.connect() as c:
            r = c.execute(select(patients_table).where(patients_table.c.mrn_key == mrn_key(mrn))).first()
        return _row_to_patient(r) if r else None

    def count(self) -> int:
        with self._guard(), self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(patients_table)).scalar_one())

    def candidates(self, *, family: str, given: str, birth_date: date | None, limit: int = 50) -> list[Patient]:
        """Blocking: same birth date; or a similar family name (first two letters) with the same
        birth year, or the same month+day (a mistyped year), or month and day swapped; or a
        similar given name with the same birth year. Without a birth date: the family name."""
        t = patients_table
        fk, gk = name_key(family)[:2], name_key(given)[:2]
        conds = []
        if birth_date:
            md, swapped = birth_date.strftime("%m%d"), birth_date.strftime("%d%m")
            conds.append(t.c.birth_date == birth_date)
            if fk:
                conds.append(and_(t.c.family_key.like(f"{fk}%"),
                                  or_(t.c.birth_year == birth_date.year, t.c.birth_md.in_((md, swapped)))))
            if gk:
                conds.append(and_(t.c.given_key.like(f"{gk}%"), t.c.birth_year == birth_date.year))
        elif fk:
            conds.append(t.c.family_key == name_key(family))
        if not conds:
            return []
        with self._guard(), self.engine.connect() as c:
            rows = c.execute(select(t).where(or_(*conds)).limit(max(limit, 1) * 10)).all()
        return [_row_to_patient(r) for r in rows]

    def upsert(self, patient: Patient, *, source: str = "topic") -> None:
        conflicts = self.upsert_many([patient], source=source)
        if conflicts:
            raise RejectedInput("MRN already belongs to another patient", reason=ReasonCode.MALFORMED_EVENT)

    def apply_event(self, event: PatientUpserted) -> None:
        """A record from the patients topic (idempotent: the same event twice is one row).
        An ADT-like event carries the visit as a FHIR Encounter in ``extra["encounter"]``."""
        patient = Patient.from_event(event)
        self.upsert(patient, source="topic")
        enc = event.extra.get("encounter") if isinstance(event.extra, dict) else None
        if isinstance(enc, dict):
            stored = self.get_by_mrn(patient.mrn)
            try:
                apply_adt(self.engine, enc, patient_id=stored.patient_id if stored else patient.patient_id,
                          mrn=patient.mrn)
            except (EncounterError, ValidationError) as e:
                raise RejectedInput("encounter not usable", reason=ReasonCode.MALFORMED_EVENT) from e

    def upsert_encounters(self, encounters: Sequence[tuple[int, dict, Patient]]) -> int:
        """Encounters of patients just written (each resolved by MRN to its stored id)."""

        with self._guard(), self.engine.begin() as conn:
            for _, res, owner in encounters:
                pid = conn.execute(select(patients_table.c.patient_id)
                                   .where(patients_table.c.mrn_key == mrn_key(owner.mrn))).scalar_one()
                upsert_encounter(conn, parse_fhir_encounter(res, patient_id=pid, mrn=owner.mrn))
        return len(encounters)

    def upsert_many(self, patients: Sequence[Patient], *, source: str = "import") -> list[RowError]:
        """All in one transaction. Returns row errors (nothing written) for MRNs that already
        belong to a different patient in the index."""
        t = patients_table
        try:
            with self._guard(), self.engine.begin() as conn:
                keys = [mrn_key(p.mrn) for p in patients]
                owners: dict[str, str] = {}
                for i in range(0, len(keys), 500):
                    chunk = keys[i: i + 500]
                    for r in conn.execute(select(t.c.mrn_key, t.c.patient_id).where(t.c.mrn_key.in_(chunk))):
                        owners[r.mrn_key] = r.patient_id
                # an id made here yields to the id the index already has for this MRN (stable)
                patients = [p.model_copy(update={"patient_id": owners[mrn_key(p.mrn)]})
                            if p.id_assigned and mrn_key(p.mrn) in owners else p for p in patients]
                conflicts = [RowError(row=i, field="mrn", message="MRN already belongs to another patient")
                             for i, p in enumerate(patients, 1)
                             if owners.get(mrn_key(p.mrn), p.patient_id) != p.patient_id]
                if conflicts:
                    return conflicts
                latest = {p.patient_id: p for p in patients}  # the same patient twice: last wins
                patients = list(latest.values())
                ids = list(latest)
                existing: set[str] = set()
                for i in range(0, len(ids), 500):
                    existing |= set(conn.execute(select(t.c.patient_id).where(t.c.patient_id.in_(ids[i: i + 500]))).scalars())
                new = [_values(p, source) for p in patients if p.patient_id not in existing]
                if new:
                    conn.execute(insert(t), new)
                for p in patients:
                    if p.patient_id in existing:
                        v = _values(p, source)
                        v.pop("patient_id")
                        conn.execute(update(t).where(t.c.patient_id == p.patient_id).values(**v))
                return []
        except IntegrityError as e:  # a concurrent writer took the MRN between check and write
            raise RejectedInput("patient index constraint violated", reason=ReasonCode.MALFORMED_EVENT) from e
        except OperationalError as e:
            raise DatabaseUnavailable("patient index unavailable") from e
        except SQLAlchemyError as e:
            raise DatabaseUnavailable("patient index error") from e


# ---- one call for the indexing handler -----------------------------------------------------
class DocumentMatch(PatientMatch):
    """A PatientMatch plus what the text said (service date for the index, identifiers)."""

    service_date: str | None = None  # ISO, the first date of service found
    identifiers: Identifiers = Field(default_factory=Identifiers)


def match_document(*, text: str, hints: PatientHints | dict | None, engine: Engine | PatientLookup,
                   mrn_patterns: Sequence[str] | None = None, schema: str | None = None) -> DocumentMatch:
    """Extract identifiers from ``text`` and match them (hints first) against the patient index
    in ``engine`` (or any PatientLookup). ``hints`` may be the PatientHints model or its dict."""

    if isinstance(hints, dict):
        known = {k: v for k, v in hints.items() if k in PatientHints.model_fields and v is not None}
        hints = PatientHints.model_validate(known) if known else None
    lookup: PatientLookup = PatientIndex(engine, schema=schema) if isinstance(engine, Engine) else engine
    ids = extract(text, mrn_patterns=mrn_patterns or DEFAULT)
    m = match_patient(hints=hints, identifiers=ids, index=lookup)
    return DocumentMatch(**m.model_dump(), service_date=ids.service_dates[0].value if ids.service_dates else None,
                         identifiers=ids)
