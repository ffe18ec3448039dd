"""Shared fixtures. Owners append their own below the embedded-stack section.

Embedded stack (session scope, real processes on free loopback ports, torn down at the end):
- ``seaweed``: a started SeaweedFS with generated credentials (``.endpoint``, ``.access_key``,
  ``.secret_key``, ``.client()``, ``.ensure_bucket(name)``);
- ``tansu``: a tansu broker on memory storage (``.bootstrap``, ``.create_topics(names, n)``);
- ``tansu_s3``: a tansu broker with durable ``s3://`` storage on ``seaweed`` (bucket created).
Tests that stop, kill or restart a server start their own instance instead of these.
Server logs land in the session's tmp dir (``pytest --basetemp=DIR`` keeps them findable).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from himflow.embedded.seaweed import SeaweedFS, generate_credentials
from himflow.embedded.tansu import Tansu


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    base = tmp_path_factory.mktemp("seaweed")
    creds = generate_credentials()
    server = SeaweedFS(
        base / "data",
        access_key=creds.access_key,
        secret_key=creds.secret_key,
        log_path=base / "weed.log",
    )
    server.start(timeout=60)
    try:
        yield server
    finally:
        server.stop(timeout=10)


@pytest.fixture(scope="session")
def tansu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tansu]:
    base = tmp_path_factory.mktemp("tansu")
    broker = Tansu(storage="memory://tansu/", log_path=base / "tansu.log")
    broker.start(timeout=30)
    try:
        yield broker
    finally:
        broker.stop(timeout=10)


@pytest.fixture(scope="session")
def tansu_s3(tmp_path_factory: pytest.TempPathFactory, seaweed: SeaweedFS) -> Iterator[Tansu]:
    base = tmp_path_factory.mktemp("tansu-s3")
    broker = Tansu(
        storage="s3://tansu-session/",
        s3_endpoint=seaweed.endpoint,
        access_key=seaweed.access_key,
        secret_key=seaweed.secret_key,
        log_path=base / "tansu.log",
    )
    broker.start(timeout=30)  # creates the bucket when missing
    try:
        yield broker
    finally:
        broker.stop(timeout=10)
