"""`himflow status`: per-stage counts, consumer lag, dead letters, supervised processes;
or one document's history through the stages. Reads the database, the broker and the stack's
run dir; prints ids and codes only (no PHI)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from himflow import db, upload_status
from himflow.broker import aiokafka_kwargs
from himflow.embedded.supervisor import DataDirLock
from himflow.settings import Settings
from schemas import topics

GROUPS = {
    topics.GROUP_INTAKE: (topics.OBJECT_CREATED,),
    topics.GROUP_OCR: (topics.SCAN_ROUTED,),
    topics.GROUP_TRANSCRIPTION: (topics.DICTATION_ROUTED,),
    topics.GROUP_INDEXING: (topics.TEXT_EXTRACTED, topics.PATIENTS),
    topics.GROUP_PUBLISHER: (topics.DOCUMENT_INDEXED,),
}


def stack_status(settings: Settings, *, with_lag: bool = True) -> dict[str, Any]:
    engine = db.make_engine(settings.db_url)
    with engine.connect() as conn:
        by_status: dict[str, int] = dict(
            conn.execute(sa.select(db.documents.c.status, sa.func.count()).group_by(db.documents.c.status)).all()
        )
        counters = [
            dict(stage=r.stage, outcome=r.outcome, reason=r.reason, count=r.count)
            for r in conn.execute(sa.select(db.stage_counters).order_by(db.stage_counters.c.stage)).all()
        ]
        dlq = [
            dict(stage=r.stage, reason=r.reason, count=r[2])
            for r in conn.execute(
                sa.select(db.dead_letters.c.stage, db.dead_letters.c.reason, sa.func.count())
                .where(db.dead_letters.c.replayed_at.is_(None))
                .group_by(db.dead_letters.c.stage, db.dead_letters.c.reason)
            ).all()
        ]
        outbox_pending = conn.execute(
            sa.select(sa.func.count()).select_from(db.outbox).where(db.outbox.c.published_at.is_(None))
        ).scalar()
    engine.dispose()
    report: dict[str, Any] = {
        "documents": by_status,
        "stages": counters,
        "dead_letters": dlq,
        "outbox_pending": outbox_pending,
        "processes": _processes(settings),
        "broker_isolated": _broker_isolated(settings),
    }
    if with_lag:
        try:
            report["lag"] = asyncio.run(asyncio.wait_for(consumer_lag(settings), timeout=15))
        except Exception as e:  # noqa: BLE001 - the broker may be down: say so, don't fail the report
            report["lag"] = {"error": type(e).__name__}
    return report


def _broker_isolated(settings: Settings) -> bool | None:
    """Does the running stack's tansu live in its own network namespace? None: no stack."""
    path = settings.data_dir / "run" / "broker-isolation.json"
    if not path.is_file() or DataDirLock.holder(settings.data_dir) is None:
        return None
    try:
        return bool(json.loads(path.read_text()).get("network_namespace"))
    except ValueError:
        return None


def _processes(settings: Settings) -> list[dict[str, Any]]:
    path = settings.data_dir / "run" / "processes.json"
    if not path.is_file() or DataDirLock.holder(settings.data_dir) is None:
        return []  # no stack holds this data dir: the table is stale (e.g. after kill -9)
    try:
        data = json.loads(path.read_text())
    except ValueError:
        return []
    return data if isinstance(data, list) else data.get("processes", [])


async def consumer_lag(settings: Settings) -> dict[str, dict[str, int]]:
    """Per group and topic: end offset minus committed offset, summed over partitions."""
    kw = aiokafka_kwargs(settings.broker)
    admin = AIOKafkaAdminClient(**kw)
    consumer = AIOKafkaConsumer(**kw, enable_auto_commit=False)
    await admin.start()
    await consumer.start()
    try:
        result: dict[str, dict[str, int]] = {}
        for group, group_topics in GROUPS.items():
            for topic in group_topics:
                parts = consumer.partitions_for_topic(topic) or set()
                if not parts:
                    await consumer._client.force_metadata_update()  # aiokafka has no public call for this
                    parts = consumer.partitions_for_topic(topic) or set()
                tps = [TopicPartition(topic, p) for p in sorted(parts)]
                if not tps:
                    continue
                ends = await consumer.end_offsets(tps)
                committed = await admin.list_consumer_group_offsets(group, partitions=tps)
                lag = 0
                for tp in tps:
                    meta = committed.get(tp)
                    done = meta.offset if meta is not None and meta.offset >= 0 else 0
                    lag += max(0, ends.get(tp, 0) - done)
                result.setdefault(group, {})[topic] = lag
        return result
    finally:
        await consumer.stop()
        await admin.close()


def document_status(settings: Settings, doc_id: str) -> dict[str, Any] | None:
    """One document's history; ``doc_id`` may also be an upload's reference (the id the desk's
    upload page shows) or its upload id: an upload intake has not taken yet answers as
    ``received`` with what the upload stored (no file name: it may name a patient)."""
    engine = db.make_engine(settings.db_url)
    with engine.connect() as conn:
        upload = upload_status.find_upload(conn, doc_id)
        if upload is not None:
            doc_id = upload.reference
        row = db.get_document(conn, doc_id)
        if row is None:
            engine.dispose()
            if upload is None:
                return None
            return {"id": upload.reference, "kind": upload.kind, "status": "received",
                    "upload": _upload_facts(upload), "waiting": "stored and announced; intake has "
                    "not taken it yet", "reasons": [], "flags": [], "parent_id": None,
                    "children": [], "dead_letters": [], "history": []}
        history = conn.execute(
            sa.select(db.document_history).where(db.document_history.c.doc_id == doc_id)
            .order_by(db.document_history.c.id)
        ).all()
        children = conn.execute(
            sa.select(db.documents.c.id, db.documents.c.status).where(db.documents.c.parent_id == doc_id)
        ).all()
        letters = conn.execute(
            sa.select(db.dead_letters.c.id, db.dead_letters.c.stage, db.dead_letters.c.reason,
                      db.dead_letters.c.detail, db.dead_letters.c.at)
            .where(db.dead_letters.c.doc_id == doc_id)
        ).all()
    engine.dispose()
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "media_type": row.media_type,
        "type": row.type_code,
        "confidence": row.type_confidence,
        "patient": row.patient_id,
        "reasons": db.loads_list(row.reasons),
        "flags": db.loads_list(row.flags),
        "parent_id": row.parent_id,
        "children": [dict(id=c.id, status=c.status) for c in children],
        "dead_letters": [dict(id=d.id, stage=d.stage, reason=d.reason, detail=d.detail, at=d.at) for d in letters],
        "history": [dict(at=h.at, stage=h.stage, status=h.status, detail=h.detail) for h in history],
        **({"upload": _upload_facts(upload)} if upload is not None else {}),
    }


def _upload_facts(upload: upload_status.UploadStatus) -> dict[str, Any]:
    return {"reference": upload.reference, "upload_id": upload.upload_id, "size": upload.size,
            "uploaded_by": upload.uploaded_by, "uploaded_at": upload.uploaded_at,
            "stage": upload.stage}


def render_text(report: dict[str, Any]) -> str:
    lines: list[str] = []
    if "history" in report:
        lines.append(f"document {report['id']}  {report['kind'] or '-'}  status={report['status']}")
        if "upload" in report:
            u = report["upload"]
            lines.append(f"  upload {u['upload_id']}  {u['uploaded_at']:%Y-%m-%d %H:%M:%S}  "
                         f"{u['size'] if u['size'] is not None else '-'} bytes  "
                         f"by {u['uploaded_by'] or '-'}  stage={u['stage']}")
        if report.get("waiting"):
            lines.append(f"  {report['waiting']}")
        if report["reasons"]:
            lines.append("  reasons: " + ", ".join(report["reasons"]))
        for h in report["history"]:
            lines.append(f"  {h['at']:%Y-%m-%d %H:%M:%S}  {h['stage']:<13} {h['status']:<12} {h['detail']}")
        for d in report["dead_letters"]:
            lines.append(f"  dead letter #{d['id']}: {d['stage']} {d['reason']} {d['detail']}")
        for c in report["children"]:
            lines.append(f"  child {c['id']}  {c['status']}")
        return "\n".join(lines)
    docs = report["documents"]
    lines.append("documents: " + (", ".join(f"{k}={v}" for k, v in sorted(docs.items())) or "none"))
    lines.append("stages:")
    for c in report["stages"]:
        reason = f" ({c['reason']})" if c["reason"] else ""
        lines.append(f"  {c['stage']:<13} {c['outcome']:<12}{reason:<28} {c['count']}")
    lines.append("dead letters (not replayed):")
    for d in report["dead_letters"] or []:
        lines.append(f"  {d['stage']:<13} {d['reason']:<24} {d['count']}")
    if not report["dead_letters"]:
        lines.append("  none")
    lag = report.get("lag", {})
    lines.append("consumer lag:")
    if "error" in lag:
        lines.append(f"  unavailable ({lag['error']})")
    for group, per_topic in lag.items():
        if group == "error":
            continue
        for topic, n in per_topic.items():
            lines.append(f"  {group:<24} {topic:<32} {n}")
    lines.append(f"outbox pending: {report['outbox_pending']}")
    lines.append("processes:")
    for p in report["processes"]:
        lines.append(f"  {p.get('name', '?'):<14} pid={p.get('pid')} state={p.get('state')} "
                     f"restarts={p.get('restarts', 0)}")
    if not report["processes"]:
        lines.append("  none (no stack running on this data dir)")
    if report.get("broker_isolated") is False:
        lines.append("WARNING: the embedded broker runs without its own network namespace: its port "
                     "is reachable by any local process without credentials (docs/operations.md)")
    return "\n".join(lines)
