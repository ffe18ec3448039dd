"""Seconds from process start to ready for the embedded servers (not a test threshold).

    .venv/bin/python bench/bench_embedded_start.py [--runs 5]

weed: ready = a signed S3 list_buckets succeeds; fresh data dir and restart on an existing one.
tansu: ready = a Kafka Metadata request is answered; memory:// and durable s3:// storage.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from himflow.embedded.seaweed import SeaweedFS, generate_credentials
from himflow.embedded.tansu import Tansu


def summary(name: str, values: list[float]) -> str:
    return (f"{name:<28} median {statistics.median(values):6.3f} s   "
            f"min {min(values):6.3f}   max {max(values):6.3f}   (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    fresh, restart, stop_s, mem, s3 = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="himflow-bench-") as tmp:
        base = Path(tmp)
        creds = generate_credentials()
        for i in range(args.runs):
            weed = SeaweedFS(base / f"fresh{i}", access_key=creds.access_key,
                             secret_key=creds.secret_key, log_path=base / f"weed{i}.log")
            weed.start(timeout=60)
            fresh.append(weed.last_start_seconds or 0.0)
            t0 = time.monotonic()
            weed.stop()
            stop_s.append(time.monotonic() - t0)
            weed.start(timeout=60)
            restart.append(weed.last_start_seconds or 0.0)

            broker = Tansu(storage="memory://tansu/", log_path=base / f"tansu-mem{i}.log")
            broker.start()
            mem.append(broker.last_start_seconds or 0.0)
            broker.stop()

            durable = Tansu(storage="s3://tansu/", s3_endpoint=weed.endpoint, access_key=creds.access_key,
                            secret_key=creds.secret_key, log_path=base / f"tansu-s3{i}.log")
            durable.start()
            durable.create_topics(["bench.v1"], partitions=3)
            durable.stop()
            durable.start()  # restart on existing durable state
            s3.append(durable.last_start_seconds or 0.0)
            durable.stop()
            weed.stop()
    print(summary("weed mini, fresh data dir", fresh))
    print(summary("weed mini, existing dir", restart))
    print(summary("weed mini, SIGTERM to exit", stop_s))
    print(summary("tansu memory://", mem))
    print(summary("tansu s3:// (restart)", s3))


if __name__ == "__main__":
    main()
