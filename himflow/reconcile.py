"""The reconciler: objects in the intake buckets with no record get their ObjectCreated event
(again). For stores without notifications and for events lost upstream. Idempotent: intake
dedupes on the document id, so announcing twice costs a counted skip, never a duplicate."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from himflow import db
from himflow.events_out import announce_objects
from himflow.logs import log_event
from himflow.objectstore import ObjectStore
from himflow.settings import Settings
from schemas.events import DocumentStatus
from schemas.ids import doc_id_for

log = logging.getLogger("himflow.reconcile")


def reconcile(settings: Settings, *, min_age_s: float = 30.0, store: ObjectStore | None = None) -> int:
    store = store or ObjectStore(settings.store)
    engine = db.make_engine(settings.db_url)
    cutoff = datetime.now(timezone.utc) - timedelta(seconds=min_age_s)
    missing: list[dict] = []
    try:
        for bucket in settings.store.watched_buckets:
            listing = list(store.list_keys(bucket))
            ids = {doc_id_for(o.bucket, o.key, o.version_id or o.etag): o for o in listing}
            known: dict[str, tuple[str, datetime]] = {}
            with engine.connect() as conn:
                id_list = list(ids)
                for i in range(0, len(id_list), 500):
                    chunk = id_list[i:i + 500]
                    for r in conn.execute(
                        sa.select(db.documents.c.id, db.documents.c.status, db.documents.c.updated_at)
                        .where(db.documents.c.id.in_(chunk))
                    ).all():
                        known[r.id] = (r.status, r.updated_at)
            for doc_id, o in ids.items():
                state = known.get(doc_id)
                stuck = state is not None and state[0] == DocumentStatus.RECEIVED.value and \
                    _aware(state[1]) < cutoff
                if state is None or stuck:
                    info = store.stat(bucket, o.key)
                    modified_ok = True
                    last = getattr(info, "last_modified", None)
                    if last is not None and _aware(last) > cutoff:
                        modified_ok = False
                    if modified_ok:
                        missing.append(dict(bucket=bucket, key=o.key, size=info.size, etag=info.etag,
                                            version_id=info.version_id, content_type=info.content_type,
                                            metadata=info.metadata))
        n = announce_objects(settings.broker, missing)
        if n:
            log_event(log, "re-announced objects without a record", count=n)
        return n
    finally:
        engine.dispose()


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)
