"""Patient ids are opaque: a patient imported without an id (or with one that carries the MRN)
gets ``pat-`` + 26 random base32 characters, kept across re-imports; ids from before (``mrn-<MRN>``)
are migrated at start with everything that refers to them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import sqlalchemy as sa

from himflow import db
from indexing.patients import PatientIndex, import_patients, parse_patients
from himflow.patients_db import former_ids, mrn_key, patients_table
from indexing.publishing import record_publications
from indexing.web import audit
from indexing.web.db import audit_log
from schemas.events import PatientUpserted

OPAQUE = re.compile(r"^pat-[a-z2-7]{26}$")
CSV_NO_IDS = """mrn,family,given,birth_date
QX4471902,Kowalski,Olga,1956-03-14
100002,Haddad,Ahmed,1980-07-01
"""


def _no_mrn(pid: str, mrn: str) -> bool:
    return mrn_key(mrn) not in mrn_key(pid) and mrn.lower() not in pid.lower()


def test_patients_imported_without_an_id_get_opaque_ids(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text(CSV_NO_IDS)
    patients, report = parse_patients(f)
    assert report.ok
    for p in patients:
        assert OPAQUE.match(p.patient_id), p.patient_id
        assert _no_mrn(p.patient_id, p.mrn)


def test_a_source_id_that_is_the_mrn_is_replaced_by_an_opaque_one(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("patient_id,mrn,family\nQX4471902,QX4471902,Kowalski\nmrn-100002,100002,Haddad\n"
                 "ehr-81726,100003,Nguyen\n")
    patients, _ = parse_patients(f)
    assert [bool(OPAQUE.match(p.patient_id)) for p in patients] == [True, True, False]
    assert patients[2].patient_id == "ehr-81726"  # the source's own opaque id is kept


def test_reimport_keeps_the_ids(tmp_path):
    index = PatientIndex(f"sqlite:///{tmp_path / 'h.db'}")
    index.create_schema()
    f = tmp_path / "p.csv"
    f.write_text(CSV_NO_IDS)
    assert import_patients(f, index=index).imported == 2
    first = {m: index.get_by_mrn(m).patient_id for m in ("QX4471902", "100002")}
    f.write_text(CSV_NO_IDS.replace("Olga", "Olga Maria"))
    assert import_patients(f, index=index).ok
    assert {m: index.get_by_mrn(m).patient_id for m in first} == first
    assert index.count() == 2 and index.get(first["QX4471902"]).given == "Olga Maria"
    # the ADT feed naming the patient by an MRN-bearing id updates the same row
    index.apply_event(PatientUpserted(patient_id="mrn-QX4471902", mrn="QX4471902", family="Kowalski-Nowak"))
    assert index.count() == 2 and index.get(first["QX4471902"]).family == "Kowalski-Nowak"
    assert all(OPAQUE.match(pid) for pid in first.values())


def _old_database(tmp_path):
    """A database as main left it: a patient ``mrn-QX4471902`` with a filed, published
    document, a resource still in the outbox, and an audit row under the old id."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'himflow.db'}")
    db.migrate(engine)
    now = datetime.now(UTC)
    old = "mrn-QX4471902"
    resource = {"resourceType": "DocumentReference", "id": "r1", "subject": {"reference": f"Patient/{old}"}}
    with engine.begin() as conn:
        conn.execute(patients_table.insert().values(
            patient_id=old, mrn="QX4471902", mrn_key="QX4471902", family="Kowalski", given="Olga",
            family_key="kowalski", given_key="olga", source="import", updated_at=now))
        conn.execute(db.documents.insert().values(id="d1", kind="scan", status="filed", patient_id=old,
                                                  type_code="18842-5", created_at=now, updated_at=now))
        conn.execute(record_publications.insert().values(
            doc_id="d1", version=1, resource_id="r1", fingerprint="f", patient_id=old, type_code="18842-5",
            status="current", doc_status="final", resource=json.dumps(resource), published_at=now))
        conn.execute(db.outbox.insert().values(topic="t", msg_key="d1", value=json.dumps(resource), created_at=now))
        conn.execute(db.outbox.insert().values(topic="t", msg_key="d1", value=json.dumps(resource), created_at=now,
                                               published_at=now))
        conn.execute(audit_log.insert().values(at=now, username="clerk", role="records", action="view-patient",
                                               patient_id=old))
    return engine, old


def test_migration_gives_an_old_mrn_id_an_opaque_one_and_keeps_its_documents(tmp_path):
    engine, old = _old_database(tmp_path)
    db.migrate(engine)  # what every worker and `himflow up` run at start
    with engine.connect() as conn:
        new = conn.execute(sa.select(patients_table.c.patient_id)).scalar_one()
        assert OPAQUE.match(new) and _no_mrn(new, "QX4471902")
        assert conn.execute(sa.select(db.documents.c.patient_id)).scalar_one() == new
        assert conn.execute(sa.select(record_publications.c.patient_id)).scalar_one() == new
        pending, sent = conn.execute(sa.select(db.outbox.c.value).order_by(db.outbox.c.id)).scalars()
        assert json.loads(pending)["subject"]["reference"] == f"Patient/{new}"
        assert json.loads(sent)["subject"]["reference"] == f"Patient/{old}"  # already out: as sent
        assert former_ids(conn, new) == [old]
        # the append-only audit row keeps the old id, and a query for the patient still finds it
        rows = audit.query(conn, patient_id=new)
        assert [r.patient_id for r in rows] == [old]
    db.migrate(engine)  # idempotent
    with engine.connect() as conn:
        assert conn.execute(sa.select(patients_table.c.patient_id)).scalar_one() == new
    # re-importing the same MRN without an id keeps the migrated id
    f = tmp_path / "p.csv"
    f.write_text("mrn,family,given\nQX4471902,Kowalski,Olga\n")
    index = PatientIndex(engine)
    assert import_patients(f, index=index).ok
    assert index.get_by_mrn("QX4471902").patient_id == new and index.count() == 1
