"""Workers for the real-broker tests: the real worker code (`himflow.app.worker.build`, what
`himflow worker ROLE` runs), one worker process per role, started and stopped in the test's
own process."""

from __future__ import annotations

import asyncio
import contextlib

from himflow import db
from himflow.app.worker import build


@contextlib.asynccontextmanager
async def workers(settings, roles=("intake", "ocr", "indexing", "publishing")):
    """One worker process per role, in this process, with the real worker code (started and
    stopped as `himflow worker ROLE` starts and stops them)."""
    started = []
    try:
        for role in roles:
            _app, process = build(role, settings)
            await asyncio.to_thread(db.migrate, process.engine)
            await process.start()
            started.append(process)
        yield started
    finally:
        for process in reversed(started):
            await process.stop()
