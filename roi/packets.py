"""Packets: the documents picked for a request, their page images and redaction boxes, and
the released PDF."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from roi.tables import packets


def draft_packet(conn: Connection, request_id: str) -> Any | None:
    """The request's packet being prepared (not yet released), or None."""
    return conn.execute(sa.select(packets).where(packets.c.request_id == request_id,
                                                 packets.c.status == "draft")
                        .order_by(packets.c.created_at.desc()).limit(1)).first()
