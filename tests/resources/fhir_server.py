"""A tiny FHIR endpoint for tests: records PUT DocumentReference/{id}, answers per a script
(status codes or "slow"), on a free loopback port in a thread."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


class FakeFhir:
    def __init__(self) -> None:
        self.script: list[int | str] = []  # per request: a status code, or "slow"
        self.requests: list[tuple[str, str]] = []
        self.store: dict[str, dict] = {}

    async def put(self, request: Request) -> Response:
        rid = request.path_params["rid"]
        self.requests.append((request.method, rid))
        step = self.script.pop(0) if self.script else 200
        if step == "slow":
            await asyncio.sleep(1.0)
            step = 200
        if step >= 300:
            return JSONResponse({"resourceType": "OperationOutcome"}, status_code=step)
        body = json.loads(await request.body())
        created = rid not in self.store
        self.store[rid] = body
        return JSONResponse(body, status_code=201 if created else 200)


@contextlib.contextmanager
def serve() -> Iterator[tuple[FakeFhir, str]]:
    fake = FakeFhir()
    app = Starlette(routes=[Route("/fhir/DocumentReference/{rid}", fake.put, methods=["PUT"])])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off"))
    t = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield fake, f"http://127.0.0.1:{port}/fhir"
    finally:
        srv.should_exit = True
        t.join(timeout=5)
        sock.close()
