"""The document viewer (issue 16.3): a page turned by a reviewer is saved (row, history, audit)
and served turned, the stored original untouched; a phone photo (EXIF Orientation 6 or 8)
comes out upright in the desk's page image, as intake OCRs it and wraps it into the
searchable PDF; thumbnails; a duplicate-of / rescan-of pair side by side, both views audited.
Over HTTP against a real SQLite database, with the object store in memory."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image
from pypdf import PdfReader

from desk import views
from desk.db import audit_log, page_rotations
from himflow.db import document_history
from intake.ocr.models import OcrOptions
from intake.ocr.page import PageJob, load_page_image
from intake.searchable import _image_pdf
from tests.resources.desk_testkit import add_review_document, add_users, make_env, signed_in
from tests.resources.viewer_pages import (
    HEIGHT,
    WIDTH,
    mark_corner,
    marked_page,
    phone_photo,
    png_of,
    size_of,
    tiff_of,
)
from tests.unit.test_roi_requests import FakeStore


@pytest.fixture()
def env(tmp_path):
    store = FakeStore()
    env = make_env(tmp_path, store=store)
    env.store = store
    add_users(env.engine, rita="records-staff", sam="records-staff", phil="physician")
    return env


def _scan(env, doc_id: str, data: bytes, media_type: str, **values) -> None:
    key = f"station/{doc_id}"
    env.store.put_bytes("intake", key, data)
    add_review_document(env.engine, doc_id, bucket="intake", object_key=key,
                        media_type=media_type, **values)


def _rows(env, table, *where):
    with env.engine.connect() as conn:
        return conn.execute(sa.select(table).where(*where)).all()


# -- EXIF orientation ----------------------------------------------------------------------
@pytest.mark.parametrize("orientation", [6, 8])
def test_a_phone_photo_is_shown_upright_as_intake_ocrs_it(env, tmp_path, orientation):
    photo = phone_photo(orientation)
    stored = Image.open(io.BytesIO(photo))
    assert stored.size == (HEIGHT, WIDTH)  # the bytes are sideways
    assert mark_corner(stored) != "top-left"
    _scan(env, "d-photo", photo, "image/jpeg", text="phone photo")
    c, _ = signed_in(env.app, "rita")
    page = c.get("/documents/d-photo/pages/1")
    assert page.status_code == 200
    w, h = size_of(page.content)
    assert h > w and mark_corner(page.content) == "top-left"  # the desk shows it upright
    # ... as OCR reads it, and as the searchable PDF wraps it (its page is portrait too)
    path = tmp_path / "photo.jpg"
    path.write_bytes(photo)
    gray, _dpi = load_page_image(PageJob(path=str(path), kind="image", index=0, options=OcrOptions()))
    assert gray.size == (WIDTH, HEIGHT) and mark_corner(gray) == "top-left"
    box = PdfReader(_image_pdf(path)).pages[0].mediabox
    assert float(box.height) > float(box.width)
    assert env.store.get_bytes("intake", "station/d-photo") == photo  # never rewritten


def test_an_image_without_exif_orientation_is_shown_as_stored(env):
    _scan(env, "d-plain", png_of(marked_page()), "image/png")
    c, _ = signed_in(env.app, "rita")
    page = c.get("/documents/d-plain/pages/1").content
    assert size_of(page) == (WIDTH, HEIGHT) and mark_corner(page) == "top-left"


# -- rotation corrections ------------------------------------------------------------------
def test_a_turned_page_is_saved_audited_and_served_turned(env):
    original = png_of(marked_page())
    _scan(env, "d-turn", original, "image/png")
    c, csrf = signed_in(env.app, "rita")
    r = c.post("/documents/d-turn/rotate", data={"csrf": csrf, "page": "1", "turn": "90"})
    assert r.status_code == 303 and r.headers["location"] == "/documents/d-turn?page=1"
    assert [(x.page, x.degrees) for x in _rows(env, page_rotations)] == [(1, 90)]
    history = _rows(env, document_history, document_history.c.doc_id == "d-turn",
                    document_history.c.status == "page-rotated")
    assert len(history) == 1 and "90 degrees clockwise" in history[0].detail
    audits = _rows(env, audit_log, audit_log.c.action == "rotate-page")
    assert len(audits) == 1 and audits[0].doc_id == "d-turn" and audits[0].username == "rita"
    served = c.get("/documents/d-turn/pages/1").content
    assert size_of(served) == (HEIGHT, WIDTH) and mark_corner(served) == "top-right"
    assert "shown turned 90° clockwise" in c.get("/documents/d-turn").text
    # another reviewer, a new session: still turned; turns add up
    c2, csrf2 = signed_in(env.app, "rita")
    assert c2.post("/documents/d-turn/rotate",
                   data={"csrf": csrf2, "page": "1", "turn": "180"}).status_code == 303
    assert mark_corner(c2.get("/documents/d-turn/pages/1").content) == "bottom-left"  # 270
    c2.post("/documents/d-turn/rotate", data={"csrf": csrf2, "page": "1", "turn": "90"})
    back = c2.get("/documents/d-turn/pages/1").content
    assert size_of(back) == (WIDTH, HEIGHT) and mark_corner(back) == "top-left"
    assert env.store.get_bytes("intake", "station/d-turn") == original


def test_turns_other_than_quarter_turns_and_held_documents_are_refused(env):
    _scan(env, "d-held", png_of(marked_page()), "image/png")
    sam, sam_csrf = signed_in(env.app, "sam")
    assert sam.post("/documents/d-held/claim", data={"csrf": sam_csrf}).status_code == 303
    c, csrf = signed_in(env.app, "rita")
    assert c.post("/documents/d-held/rotate",
                  data={"csrf": csrf, "page": "1", "turn": "45"}).status_code == 400
    assert c.post("/documents/d-held/rotate",  # a one-page document has no page 2
                  data={"csrf": csrf, "page": "2", "turn": "90"}).status_code == 400
    assert c.post("/documents/d-held/rotate",
                  data={"csrf": csrf, "page": "1", "turn": "90"}).status_code == 409
    assert _rows(env, page_rotations) == []
    phil, phil_csrf = signed_in(env.app, "phil")
    assert phil.post("/documents/d-held/rotate",
                     data={"csrf": phil_csrf, "page": "1", "turn": "90"}).status_code == 403


def test_turning_a_page_of_a_document_the_machine_rejected_keeps_it_in_the_queue(env):
    _scan(env, "d-bad", png_of(marked_page()), "image/png", status="rejected",
          reasons='["page-unreadable"]')
    c, csrf = signed_in(env.app, "rita")
    assert c.post("/documents/d-bad/rotate",
                  data={"csrf": csrf, "page": "1", "turn": "90"}).status_code == 303
    assert 'data-doc="d-bad"' in c.get("/queue").text


def test_a_rotation_belongs_to_the_page_of_the_source_file(env):
    pages = [marked_page(label=i) for i in range(1, 5)]
    _scan(env, "d-part", tiff_of(pages), "image/tiff", pages="[3, 4]")
    c, csrf = signed_in(env.app, "rita")
    c.post("/documents/d-part/rotate", data={"csrf": csrf, "page": "2", "turn": "180"})
    assert [(x.page, x.degrees) for x in _rows(env, page_rotations)] == [(4, 180)]
    assert mark_corner(c.get("/documents/d-part/pages/2").content) == "bottom-right"
    assert mark_corner(c.get("/documents/d-part/pages/1").content) == "top-left"
    assert c.post("/documents/d-part/rotate",
                  data={"csrf": csrf, "page": "3", "turn": "90"}).status_code == 400


def test_the_viewer_offers_thumbnails_zoom_and_turning(env):
    _scan(env, "d-three", tiff_of([marked_page(label=i) for i in range(3)]), "image/tiff",
          text="one\fthree\fpages")
    c, _ = signed_in(env.app, "rita")
    html = c.get("/documents/d-three?page=2").text
    for n in (1, 2, 3):
        assert f'src="/documents/d-three/pages/{n}?size=thumb"' in html
    assert 'data-page="2" data-turn="0" aria-current="page"' in html
    assert 'id="page-image" src="/documents/d-three/pages/2"' in html
    for control in ('id="zoom-in"', 'id="zoom-out"', 'id="fit-width"', 'name="turn" value="90"'):
        assert control in html
    assert "<script>" not in html
    thumb = c.get("/documents/d-three/pages/2?size=thumb")
    assert size_of(thumb.content)[0] <= views.THUMB_PX
    details = [r.detail for r in _rows(env, audit_log, audit_log.c.action == "view-original")]
    assert "page 2 thumbnail" in details


# -- duplicates side by side ---------------------------------------------------------------
def test_a_duplicate_links_to_the_other_document_and_compares_side_by_side(env):
    _scan(env, "d-first", png_of(marked_page(label=1)), "image/png", status="filed",
          patient_id="pat-a", reasons="[]")
    _scan(env, "d-copy", png_of(marked_page(label=1)), "image/png", patient_id="pat-b",
          reasons='["duplicate-of:d-first"]')
    _scan(env, "d-other", png_of(marked_page()), "image/png", reasons="[]")
    c, _ = signed_in(env.app, "rita")
    html = c.get("/documents/d-copy").text
    assert 'href="/documents/d-first"' in html
    assert 'href="/documents/d-copy/compare/d-first"' in html
    page = c.get("/documents/d-copy/compare/d-first")
    assert page.status_code == 200
    assert 'src="/documents/d-copy/pages/1"' in page.text
    assert 'src="/documents/d-first/pages/1"' in page.text
    views_ = {(r.doc_id, r.patient_id, r.detail)
              for r in _rows(env, audit_log, audit_log.c.action == "view-document")}
    assert ("d-first", "pat-a", "side by side with d-copy") in views_
    assert ("d-copy", "pat-b", "side by side with d-first") in views_
    # the other way round works too (the filed one is named by the copy's reason)
    assert c.get("/documents/d-first/compare/d-copy").status_code == 200
    # not a way to open any two documents together
    assert c.get("/documents/d-copy/compare/d-other").status_code == 400
    phil, _ = signed_in(env.app, "phil")
    assert phil.get("/documents/d-copy/compare/d-first").status_code == 403
