"""Spine figures, measured side by side in one run:

1. Cold start of `himflow up` to its `ready` line (workers up; no model loading), N runs on
   fresh data dirs, against the bare cost of starting SeaweedFS + tansu alone.
2. Spine overhead per document: the intake worker's ObjectCreated -> DocumentRouted time
   (broker timestamps of the two records) over M documents on the same broker, against a raw
   aiokafka consume-and-republish echo of the same events (the floor any consumer pays).

    .venv/bin/python bench/bench_spine.py [--starts 3] [--docs 100] [--out bench/results/spine.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def cold_starts(n: int) -> dict:
    from himflow.embedded.seaweed import SeaweedFS
    from himflow.embedded.tansu import Tansu

    up_s, base_s = [], []
    for _ in range(n):
        d = Path(tempfile.mkdtemp(prefix="himflow-bench-"))
        t0 = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "himflow.cli", "up", "--data-dir", str(d / "stack")],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        for raw in proc.stdout:  # type: ignore[union-attr]
            if b"ready" in raw:
                up_s.append(time.monotonic() - t0)
                break
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        # The floor: the two servers alone, started the same way.
        t0 = time.monotonic()
        sw = SeaweedFS(d / "raw-s3", access_key="bench", secret_key=secrets.token_hex(12), log_path=d / "w.log")
        sw.start()
        sw.ensure_bucket("tansu")
        tz = Tansu(storage="s3://tansu/", s3_endpoint=sw.url, access_key="bench", secret_key=sw.secret_key,
                   log_path=d / "t.log")
        tz.start()
        base_s.append(time.monotonic() - t0)
        tz.stop()
        sw.stop()
    return {"himflow_up_to_ready_s": up_s, "servers_only_s": base_s,
            "median_up_s": statistics.median(up_s), "median_servers_s": statistics.median(base_s),
            "ratio": statistics.median(up_s) / statistics.median(base_s)}


async def spine_overhead(docs: int) -> dict:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
    from pydantic import SecretStr

    from himflow import db
    from himflow.embedded.seaweed import SeaweedFS
    from himflow.embedded.tansu import Tansu
    from himflow.objectstore import ObjectStore
    from himflow.settings import Settings
    from himflow.app.worker import build
    from schemas import topics
    from schemas.s3event import object_created_event

    d = Path(tempfile.mkdtemp(prefix="himflow-bench-"))
    sk = secrets.token_hex(12)
    sw = SeaweedFS(d / "s3", access_key="bench", secret_key=sk, log_path=d / "w.log")
    sw.start()
    tz = Tansu(storage="memory://tansu/", log_path=d / "t.log")
    tz.start()
    tz.create_topics(list(topics.ALL_TOPICS) + ["bench.echo-in", "bench.echo-out"], partitions=1)
    s = Settings(data_dir=d, database_url=f"sqlite:///{d / 'db.sqlite'}")
    s.store.endpoint, s.store.access_key, s.store.secret_key = sw.endpoint, "bench", SecretStr(sk)
    s.broker.bootstrap_servers = tz.bootstrap
    s.broker.session_timeout_ms = 2000
    s.broker.fetch_max_wait_ms = 25  # as the embedded stack; raw consumers below use the same
    wait = s.broker.fetch_max_wait_ms
    store = ObjectStore(s.store)
    store.ensure_buckets()
    db.migrate(db.make_engine(s.db_url))
    pdf = b"%PDF-1.4\n" + b"x" * 2000
    events = []
    for i in range(docs):
        info = store.put_bytes(s.store.intake_bucket, f"bench/{i}.pdf", pdf)
        events.append(object_created_event(bucket=s.store.intake_bucket, key=f"bench/{i}.pdf",
                                           size=info.size, etag=info.etag))
    app, deps = build("intake", s)
    await deps.broker.start()
    producer = AIOKafkaProducer(bootstrap_servers=tz.bootstrap, acks="all")
    await producer.start()
    out = AIOKafkaConsumer(topics.SCAN_ROUTED, bootstrap_servers=tz.bootstrap, auto_offset_reset="earliest",
                           group_id="bench-out-" + secrets.token_hex(3), session_timeout_ms=2000,
                           fetch_max_wait_ms=wait)
    await out.start()

    async def one(topic_in: str, value: bytes, consumer: AIOKafkaConsumer) -> float:
        meta = await producer.send_and_wait(topic_in, value)
        while True:
            batch = await consumer.getmany(timeout_ms=5000)
            for records in batch.values():
                for r in records:
                    return (r.timestamp - meta.timestamp) / 1000.0
            raise TimeoutError

    spine = []
    for key, ev in events:
        spine.append(await one(topics.OBJECT_CREATED, ev.model_dump_json(by_alias=True).encode(), out))
    await deps.broker.stop()

    # Raw floor: an aiokafka consumer that republishes each event unchanged.
    echo_in = AIOKafkaConsumer("bench.echo-in", bootstrap_servers=tz.bootstrap, auto_offset_reset="earliest",
                               group_id="bench-echo", session_timeout_ms=2000, enable_auto_commit=False,
                               fetch_max_wait_ms=wait)
    await echo_in.start()

    async def echo() -> None:
        async for r in echo_in:
            await producer.send_and_wait("bench.echo-out", r.value)
            await echo_in.commit()

    task = asyncio.create_task(echo())
    echo_out = AIOKafkaConsumer("bench.echo-out", bootstrap_servers=tz.bootstrap, auto_offset_reset="earliest",
                                group_id="bench-echo-out", session_timeout_ms=2000,
                                fetch_max_wait_ms=wait)
    await echo_out.start()
    raw = []
    for key, ev in events:
        raw.append(await one("bench.echo-in", ev.model_dump_json(by_alias=True).encode(), echo_out))
    task.cancel()
    for c in (echo_in, echo_out, out):
        await c.stop()
    await producer.stop()
    tz.stop()
    sw.stop()
    med_spine, med_raw = statistics.median(spine) * 1000, statistics.median(raw) * 1000
    return {"docs": docs, "median_intake_ms": med_spine, "p95_intake_ms": sorted(spine)[int(0.95 * len(spine)) - 1] * 1000,
            "median_raw_echo_ms": med_raw, "median_overhead_ms": med_spine - med_raw,
            "ratio_to_raw_echo": med_spine / med_raw if med_raw else None}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--out", type=Path, default=Path("bench/results/spine.json"))
    args = ap.parse_args()
    result = {"cold_start": cold_starts(args.starts), "spine": asyncio.run(spine_overhead(args.docs))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
