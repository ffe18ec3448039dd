"""A reviewer's rotation of a page: a correction of how the desk shows it.

Saved as corrections are (desk/review.py): in the caller's one transaction, the rotation row
(``web_page_rotations``), a document_history entry and (by the route) an audit row. The stored
original is never touched; the desk's page images (desk/views.py) are turned on the way out.
Degrees are clockwise from the upright original (EXIF orientation already honoured,
``himflow.page_orientation``). A page is named by its number within the document's source
file (``source_page``), so splitting pages off keeps the rotations of the pages that stay.

A document waiting for review must be claimed (acting on an unclaimed one claims it, another
person's claim is a ClaimConflict), as with every other correction; a filed document may be
turned by anyone who reviews, since only the view changes.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.db import add_history, loads_list, utcnow
from himflow.errors import RejectedInput
from himflow.page_orientation import TURNS
from desk.auth import User
from desk.db import page_rotations
from chart.holds import refuse_if_held
from desk.review import is_open_for_review, require_claim

# The history stage of a turn. Not the review stage: a review-stage row marks a document the
# machine rejected as looked at (review.in_queue), and turning a page decides nothing.
VIEWER_STAGE = "viewer"


def source_page(row: Any, position: int) -> int:
    """The page number within the source file of the document's ``position``-th page (1-based).
    A document split out of a batch names its pages within the batch's file (``row.pages``)."""
    pages = tuple(int(p) for p in loads_list(row.pages))
    if pages and not 1 <= position <= len(pages):
        raise RejectedInput("no such page")
    if position < 1:
        raise RejectedInput("no such page")
    return pages[position - 1] if pages else position


def rotations(conn: Connection, doc_id: str) -> dict[int, int]:
    """{source page: clockwise degrees} of the pages a reviewer turned."""
    rows = conn.execute(sa.select(page_rotations.c.page, page_rotations.c.degrees)
                        .where(page_rotations.c.doc_id == doc_id))
    return {int(r.page): int(r.degrees) for r in rows if r.degrees}


def rotation(conn: Connection, doc_id: str, page: int) -> int:
    found = conn.execute(sa.select(page_rotations.c.degrees).where(
        page_rotations.c.doc_id == doc_id, page_rotations.c.page == page)).scalar()
    return int(found or 0)


def rotate_page(conn: Connection, row: Any, user: User, *, position: int, turn: int,
                page_count: int) -> int:
    """Turn the ``position``-th of the ``page_count`` pages of the document ``row`` a further
    ``turn`` degrees clockwise (90, 180 or 270). Returns the page's rotation after the turn."""
    if turn not in TURNS or turn == 0:
        raise RejectedInput("turn a page by 90, 180 or 270 degrees")
    if not 1 <= position <= page_count:
        raise RejectedInput("no such page")
    if row.kind == "dictation":
        raise RejectedInput("a dictation has no pages to turn")
    refuse_if_held(conn, row.id, action="turned")  # a turn is a correction of the record
    if is_open_for_review(conn, row.id):
        require_claim(conn, row.id, user)
    page = source_page(row, position)
    degrees = (rotation(conn, row.id, page) + turn) % 360
    now = utcnow()
    updated = conn.execute(page_rotations.update().where(
        page_rotations.c.doc_id == row.id, page_rotations.c.page == page,
    ).values(degrees=degrees, user_id=user.id, updated_at=now)).rowcount
    if not updated:
        conn.execute(page_rotations.insert().values(doc_id=row.id, page=page, degrees=degrees,
                                                    user_id=user.id, updated_at=now))
    add_history(conn, row.id, stage=VIEWER_STAGE, status="page-rotated",
                detail=f"page {position} shown turned {degrees} degrees clockwise by user {user.id}")
    return degrees
