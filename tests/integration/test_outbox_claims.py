"""Several relays (one per worker process) drain one outbox: each row is leased to one drainer; a crashed
drainer's lease expires and another takes the rows over. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from himflow import db, outbox

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'o.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    e = db.make_engine(url)
    db.migrate(e)
    with e.begin() as conn:
        for i in range(300):
            outbox.enqueue(conn, topic="t", key=f"k{i}", value=f'{{"n": {i}}}')
    yield e
    e.dispose()


def test_concurrent_drainers_get_disjoint_rows_and_all_rows_are_taken(engine):
    got: dict[str, list[int]] = {}
    barrier = threading.Barrier(4)

    def drain(owner: str) -> None:
        barrier.wait()
        mine: list[int] = []
        while True:
            rows = outbox.claim(engine, owner=owner, batch=25)
            if not rows:
                break
            with engine.begin() as conn:  # "publish", then mark, as the worker does
                for r in rows:
                    conn.execute(db.outbox.update().where(db.outbox.c.id == r.id).values(published_at=db.utcnow()))
            mine += [r.id for r in rows]
        got[owner] = mine

    threads = [threading.Thread(target=drain, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    everything = [i for ids in got.values() for i in ids]
    assert len(everything) == len(set(everything)) == 300  # each row published by exactly one


def test_an_expired_lease_is_taken_over(engine):
    first = outbox.claim(engine, owner="crashed", batch=10)
    assert len(first) == 10
    assert [r.id for r in outbox.claim(engine, owner="other", batch=10)] == list(range(11, 21))
    with engine.begin() as conn:  # the crashed drainer's lease runs out
        conn.execute(db.outbox.update().where(db.outbox.c.claimed_by == "crashed")
                     .values(claimed_until=db.utcnow() - timedelta(seconds=1)))
    taken = [r.id for r in outbox.claim(engine, owner="other", batch=10)]
    assert set(range(1, 11)) <= set(taken)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.outbox)
                            .where(db.outbox.c.claimed_by == "crashed")).scalar() == 0


def test_the_rows_of_one_key_are_delivered_in_order_by_one_relay_at_a_time(engine):
    with engine.begin() as conn:  # a resource and its correction, for one document
        outbox.enqueue(conn, topic="t", key="doc-1", value='{"v": 1}')
        outbox.enqueue(conn, topic="t", key="doc-1", value='{"v": 2}')
    for _ in range(30):  # the 300 unrelated rows first
        for r in outbox.claim(engine, owner="a", batch=10):
            outbox.mark_published(engine, r.id)
    (first,) = outbox.claim(engine, owner="a", batch=1)
    assert first.value == '{"v": 1}'
    assert outbox.claim(engine, owner="b", batch=10) == []  # doc-1's earlier row is a's
    outbox.mark_published(engine, first.id)
    assert [r.value for r in outbox.claim(engine, owner="b", batch=10)] == ['{"v": 2}']

