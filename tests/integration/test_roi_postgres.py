"""Release-of-information records on PostgreSQL: the same never-delete / append-only triggers
as on SQLite, and a request through its states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from roi import requests as rq
from roi.chart_access import CLI
from roi.tables import boxes, disclosures, packet_pages, packets, request_events, requests
from tests.resources.roi_chart import PATIENT, make_chart
from tests.unit.test_roi_requests import FakeStore

pytestmark = pytest.mark.integration


def test_requests_are_never_deleted_on_postgresql(pg_url, tmp_path):
    chart = make_chart(pg_url, tmp_path)
    store = FakeStore()
    try:
        with chart.engine.begin() as conn:
            req = rq.create_request(conn, actor=CLI, patient_id=PATIENT["patient_id"], requester_name="Dana Brooks",
                                    requester_type="attorney", purpose="claim", store=store, bucket="b",
                                    authorization=rq.Authorization(content=b"f", signed=True,
                                                                   expires=date.today() + timedelta(days=5)))
            rq.advance(conn, actor=CLI, request_id=req["id"], to="authorization-checked")
        now = req["received_at"]
        with chart.engine.begin() as conn:
            conn.execute(packets.insert().values(id="pkt-1", request_id=req["id"], status="released",
                                                 documents="[]", excluded="[]", created_at=now))
            for pid in ("pkt-1",):
                conn.execute(packet_pages.insert().values(packet_id=pid, seq=1, doc_id="d", doc_page=1,
                                                          image_key="k", width=10, height=10))
                conn.execute(boxes.insert().values(packet_id=pid, seq=1, x0=0, y0=0, x1=5, y1=5, entity="name",
                                                   origin="proposed", decision="accepted"))
            conn.execute(disclosures.insert().values(patient_id=PATIENT["patient_id"], request_id=req["id"],
                                                     disclosed_at=now, recipient_name="x", description="d",
                                                     purpose="p", legal_basis="judicial", accountable=True))
        for stmt in (requests.delete(), sa.text("TRUNCATE roi_requests"), request_events.update().values(note="x"),
                     disclosures.delete(), disclosures.update().values(description="y"),
                     packets.update().values(sha256="0" * 64), packets.delete(),
                     boxes.update().values(decision="removed"), boxes.delete(),
                     packet_pages.update().values(image_key="x"), packet_pages.delete()):
            with pytest.raises(sa.exc.DatabaseError, match="refused"):
                with chart.engine.begin() as conn:
                    conn.execute(stmt)
        with chart.engine.begin() as conn:  # a draft packet may still change
            conn.execute(packets.insert().values(id="pkt-2", request_id=req["id"], status="draft",
                                                 documents="[]", excluded="[]", created_at=now))
            conn.execute(boxes.insert().values(packet_id="pkt-2", seq=1, x0=0, y0=0, x1=5, y1=5, entity="name",
                                               origin="proposed", decision="proposed"))
            conn.execute(boxes.update().where(boxes.c.packet_id == "pkt-2").values(decision="removed"))
            conn.execute(packets.update().where(packets.c.id == "pkt-2").values(status="discarded"))
            assert rq.get_request(conn, req["id"])["state"] == "authorization-checked"
    finally:
        chart.engine.dispose()
