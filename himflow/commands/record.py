"""`himflow record tail`: what was published to the patient record. (`himflow record token`,
the integration credentials for fetching attachments, is the desk's: desk/cli.py.)

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import collections
import json
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    from himflow.cliargs import add_data_dir, command_group

    rsub = command_group(sub, "record", help="what goes to the patient record: tail it, integration tokens")
    tail = rsub.add_parser("tail", help="print the DocumentReferences published on the patient-record topic")
    add_data_dir(tail)
    tail.add_argument("--json", action="store_true", help="one JSON resource per line (as published)")
    tail.add_argument("--follow", "-f", action="store_true", help="keep printing new publications")
    tail.add_argument("--limit", "-n", type=int, default=20, help="the last N publications (default 20, 0 = all)")
    tail.add_argument("--hl7", action="store_true", help="the HL7 v2 MDM^T02 topic instead (ER7 per message)")
    tail.add_argument("--idle-s", type=float, default=3.0, help=argparse.SUPPRESS)
    tail.set_defaults(func=run_tail)


# -- tail ------------------------------------------------------------------------------------
def summary(resource: dict[str, Any]) -> str:
    """One line for a person: id, status, type, subject, date and the contents' types."""
    coding = (resource.get("type", {}).get("coding") or [{}])[0]
    contents = ", ".join(
        c["attachment"].get("contentType", "?").split(";")[0] + ("+data" if c["attachment"].get("data") else "")
        for c in resource.get("content", []))
    return (f"{resource.get('id')}  {resource.get('status')}/{resource.get('docStatus', '-')}  "
            f"{coding.get('display') or coding.get('code', '?')}  "
            f"{resource.get('subject', {}).get('reference', '-')}  {resource.get('date', '')}  [{contents}]")


def _line(value: bytes, *, as_json: bool, hl7: bool) -> str:
    data = json.loads(value)
    if hl7:
        return json.dumps(data) if as_json else data.get("er7", "").replace("\r", "\n")
    return json.dumps(data, separators=(",", ":")) if as_json else summary(data)


async def tail(settings: Any, *, as_json: bool, follow: bool, limit: int, hl7: bool, idle_s: float,
               out: Any = None) -> int:
    """Read the topic from the beginning (no consumer group: nothing is committed, every run
    sees everything), print the last ``limit``, then keep printing when ``follow``."""
    from aiokafka import AIOKafkaConsumer

    from himflow.broker import aiokafka_kwargs
    from schemas import topics

    out = out or sys.stdout
    topic = topics.PATIENT_RECORD_HL7 if hl7 else topics.PATIENT_RECORD
    consumer = AIOKafkaConsumer(topic, group_id=None, enable_auto_commit=False, auto_offset_reset="earliest",
                                fetch_max_wait_ms=100, **aiokafka_kwargs(settings.broker))
    await consumer.start()
    count = 0
    try:
        recent: collections.deque[str] = collections.deque(maxlen=limit or None)
        idle = 0.0
        while idle < idle_s:  # the backlog: until the topic is quiet
            batch = await consumer.getmany(timeout_ms=500)
            records = [r for rs in batch.values() for r in sorted(rs, key=lambda r: (r.timestamp, r.offset))]
            idle = 0.0 if records else idle + 0.5
            recent.extend(_line(r.value, as_json=as_json, hl7=hl7) for r in records)
        for line in recent:
            print(line, file=out, flush=True)
            count += 1
        while follow:
            batch = await consumer.getmany(timeout_ms=1000)
            for rs in batch.values():
                for r in rs:
                    print(_line(r.value, as_json=as_json, hl7=hl7), file=out, flush=True)
                    count += 1
    finally:
        await consumer.stop()
    return count


def run_tail(args: argparse.Namespace) -> int:
    import asyncio  # at the point of use: `himflow --help` start-up

    from himflow.settings import load_settings

    settings = load_settings(args.data_dir)
    try:
        asyncio.run(tail(settings, as_json=args.json, follow=args.follow, limit=max(0, args.limit),
                         hl7=args.hl7, idle_s=args.idle_s))
    except OSError as e:
        print(f"himflow record tail: broker unreachable ({type(e).__name__}); is the stack up?", file=sys.stderr)
        return 3
    return 0
