"""The bad-input corpus: every case named in the bad-input sections of issues 2, 3 and 4, plus
unicode and path-traversal object keys, oversized and malformed events, and events whose object
is gone. Everything is generated here (no committed binaries, no PHI).

Two kinds of case:
- ``ObjectCase``: bytes stored under an object key in an intake bucket and announced with the
  ObjectCreated event MinIO would send (optionally deleted again before the event goes out);
- ``EventCase``: a raw message value published as is to one of himflow's topics.

Each carries its ``Expect``: dead-lettered by a stage with an exact reason code, a counted skip
with a reason, or accepted (final, optionally with a flag). ``corpus(...)`` builds them all.
"""

from __future__ import annotations

import io
import json
import secrets
import subprocess
import wave
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PIL import Image

from schemas import topics
from schemas.events import ReasonCode
from schemas.s3event import object_created_event
from tests.resources.pages import born_digital_pdf, lines_of

R = ReasonCode
TIMEOUT_S = 120


@dataclass(frozen=True)
class Expect:
    outcome: Literal["dead-letter", "skip", "accepted"]
    reason: str = ""  # ReasonCode value (dead letter) or the counted skip's reason
    stage: str = ""  # the stage that dead-letters it
    flag: str | None = None  # accepted: a flag the document must carry


def dead(stage: str, reason: ReasonCode) -> Expect:
    return Expect("dead-letter", reason.value, stage)


@dataclass(frozen=True)
class ObjectCase:
    name: str
    key: str
    data: bytes
    expect: Expect
    bucket: Literal["intake", "dictation"] = "intake"
    delete_before_event: bool = False
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class EventCase:
    name: str
    topic: str
    body: bytes
    expect: Expect
    marker: str  # unique text inside the body: finds its dead letter
    key: str | None = None
    doc_id: str | None = None  # when the event names a document


@dataclass(frozen=True)
class Corpus:
    objects: tuple[ObjectCase, ...]
    events: tuple[EventCase, ...]
    max_object_bytes: int = field(default=16 * 1024 * 1024)  # the limit the corpus assumes

    def __len__(self) -> int:
        return len(self.objects) + len(self.events)


# ---- generated files ---------------------------------------------------------------------
def good_pdf_bytes(tmp: Path, seed: int, *, pages: int = 1) -> bytes:
    path = born_digital_pdf([lines_of(seed + p, lines=6) for p in range(pages)], tmp / f"good-{seed}.pdf")
    return path.read_bytes()


def encrypted_pdf(tmp: Path, *, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf_bytes(tmp, 11))))
    writer.encrypt(user_password=user_password, owner_password="owner-" + secrets.token_hex(4),
                   algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def pdf_with_javascript(tmp: Path) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf_bytes(tmp, 12))))
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('never run');")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def pdf_with_embedded_file(tmp: Path) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf_bytes(tmp, 13))))
    writer.add_attachment("payload.exe", b"MZ" + b"\x00" * 64)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


ACTIVE_PDF_NAMES = ("/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFiles", "/URI",
                    "/SubmitForm", "/ImportData", "/RichMedia", "/FileAttachment", "/GoToR", "/XFA")


def pdf_with_every_active_content(tmp: Path) -> bytes:
    """A readable one-page letter carrying every kind of active content a viewer might run:
    /OpenAction JavaScript, document and page /AA, /Names JavaScript and EmbeddedFiles, a
    Launch link, a URI link, a SubmitForm button in an AcroForm (with XFA), a RichMedia and a
    FileAttachment annotation, an outline item with a URI action and a catalog /URI base."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf_bytes(tmp, 14))))
    n, d = NameObject, DictionaryObject

    def action(kind: str, **extra: object) -> object:
        body = d({n("/Type"): n("/Action"), n("/S"): n(kind)})
        body.update({n("/" + k): v for k, v in extra.items()})
        return writer._add_object(body)

    js = lambda: action("/JavaScript", JS=TextStringObject("app.alert('never run');"))
    rect = ArrayObject([FloatObject(10), FloatObject(10), FloatObject(60), FloatObject(60)])
    root = writer._root_object
    root[n("/OpenAction")] = js()
    root[n("/AA")] = d({n("/WC"): js()})
    root[n("/URI")] = d({n("/Base"): TextStringObject("http://attacker.invalid/")})
    writer.add_attachment("payload.exe", b"MZ" + b"\x00" * 64)
    root["/Names"].get_object()[n("/JavaScript")] = d({n("/Names"): ArrayObject([TextStringObject("x"), js()])})
    page = writer.pages[0]
    page[n("/AA")] = d({n("/O"): js()})
    submit = action("/SubmitForm", F=d({n("/FS"): n("/URL"), n("/F"): TextStringObject("http://attacker.invalid/")}))
    widget = writer._add_object(d({n("/Type"): n("/Annot"), n("/Subtype"): n("/Widget"), n("/FT"): n("/Btn"),
                                   n("/T"): TextStringObject("send"), n("/Rect"): rect, n("/A"): submit,
                                   n("/AA"): d({n("/E"): js()})}))
    annots = [
        d({n("/Type"): n("/Annot"), n("/Subtype"): n("/Link"), n("/Rect"): rect,
           n("/A"): action("/Launch", F=TextStringObject("cmd.exe"))}),
        d({n("/Type"): n("/Annot"), n("/Subtype"): n("/Link"), n("/Rect"): rect,
           n("/A"): action("/URI", URI=TextStringObject("http://attacker.invalid/x"))}),
        d({n("/Type"): n("/Annot"), n("/Subtype"): n("/RichMedia"), n("/Rect"): rect,
           n("/RichMediaContent"): d({n("/Assets"): d()})}),
        d({n("/Type"): n("/Annot"), n("/Subtype"): n("/FileAttachment"), n("/Rect"): rect,
           n("/FS"): d({n("/Type"): n("/Filespec"), n("/F"): TextStringObject("x.exe")})}),
        d({n("/Type"): n("/Annot"), n("/Subtype"): n("/Link"), n("/Rect"): rect,
           n("/A"): action("/ImportData", F=TextStringObject("data.fdf"))}),
        d({n("/Type"): n("/Annot"), n("/Subtype"): n("/Link"), n("/Rect"): rect,
           n("/A"): action("/GoToR", F=TextStringObject("other.pdf"), D=ArrayObject([NumberObject(0)]))}),
    ]
    page[n("/Annots")] = ArrayObject([writer._add_object(a) for a in annots] + [widget])
    root[n("/AcroForm")] = writer._add_object(d({n("/Fields"): ArrayObject([widget]),
                                                n("/XFA"): TextStringObject("<xdp/>")}))
    outline = writer.add_outline_item(title="see", page_number=0)
    outline.get_object()[n("/A")] = action("/URI", URI=TextStringObject("http://attacker.invalid/o"))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def pdf_nested_arrays(depth: int = 200_000) -> bytes:
    """A one-page letter whose page dictionary holds ``depth`` nested arrays: pdfium renders
    it, pypdf's recursive parser cannot read it (the searchable-PDF step)."""
    content = b"BT /F1 12 Tf 72 720 Td (Referral letter, nested junk below) Tj ET"
    return _pdf_of([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
                    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
                    b"/Resources<</Font<</F1 5 0 R>>>>/Junk " + b"[" * depth + b"]" * depth + b">>",
                    b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
                    b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"])


def _pdf_of(objs: list[bytes]) -> bytes:
    """A PDF file of the given object bodies (1 = catalog) with a correct xref."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def pdf_with_a_kid_that_is_not_a_page() -> bytes:
    """Two pages announced, the second a string: pdfium opens the file, then fails the page."""
    return _pdf_of([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>",
                    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>", b"(not a page)"])


def tiff_second_page_without_width() -> bytes:
    """A two-page TIFF whose second directory lost its ImageWidth tag (Pillow: TypeError)."""
    frames = [Image.new("1", (16, 16), 1) for _ in range(2)]
    data = image_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:], compression="group4")
    width_entry = b"\x00\x01\x03\x00\x01\x00\x00\x00"  # tag 256, SHORT, count 1 (little-endian)
    at = data.rfind(width_entry)
    assert at > data.find(width_entry), "the second directory's width entry"
    return data[:at] + b"\xfe\xff" + data[at + 2:]


def pdf_without_pages() -> bytes:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    xref_at = len(body)
    return body + (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000053 00000 n \n"
                   b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n" + str(xref_at).encode() + b"\n%%EOF\n")


def pdf_of_blank_pages(n: int, *, width_pt: float = 612, height_pt: float = 792) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=width_pt, height=height_pt)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def image_bytes(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def png_bomb(side: int = 12_000) -> bytes:
    """A 1-bit PNG of side x side pixels (144 Mpx at 12,000): a few KB on disk."""
    return image_bytes(Image.new("1", (side, side), 1), "PNG", optimize=True)


def tiff_of_pages(n: int) -> bytes:
    frames = [Image.new("1", (16, 16), 1) for _ in range(n)]
    return image_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:], compression="group4")


def small_jpeg() -> bytes:
    return image_bytes(Image.new("L", (200, 100), 255), "JPEG")


def wav_bytes(frames: int, *, rate: int = 16_000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * frames)
    return buf.getvalue()


def ffmpeg_audio(out: Path, *args: str) -> bytes:
    """Encode silence with ffmpeg (``args`` give duration and codec); cached by file name."""
    if not out.exists():
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", *args,
                        str(out)], check=True, timeout=TIMEOUT_S, capture_output=True)
    return out.read_bytes()


# ---- the corpus --------------------------------------------------------------------------
def object_cases(tmp: Path, *, max_object_bytes: int) -> list[ObjectCase]:
    tmp.mkdir(parents=True, exist_ok=True)
    good = good_pdf_bytes(tmp, 1)
    jpeg = small_jpeg()
    png = image_bytes(Image.new("L", (300, 200), 255), "PNG")
    text = b"Referral letter, plain text, not a scan.\n" * 20
    mp3_head = b"ID3\x03\x00\x00\x00\x00\x00\x00"
    cases = [
        # issue 2/3: empty, lying extensions, unknown content
        ObjectCase("zero-byte-pdf", "station/zero.pdf", b"", dead("intake", R.EMPTY_FILE)),
        ObjectCase("text-named-pdf", "station/letter.pdf", text, dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("html-named-pdf", "station/page.pdf", b"<!doctype html><html><body>x</body></html>",
                   dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("zip-named-pdf", "station/archive.pdf", _zip_bytes(), dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("random-bytes-no-extension", "station/blob", secrets.token_bytes(4096),
                   dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("gif-image", "station/fax.gif", image_bytes(Image.new("L", (50, 50), 255), "GIF"),
                   dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("jpeg-named-pdf", "station/scan.pdf", jpeg, dead("intake", R.EXTENSION_MISMATCH)),
        ObjectCase("pdf-named-png", "station/scan.png", good, dead("intake", R.EXTENSION_MISMATCH)),
        ObjectCase("png-named-tiff", "station/scan.tif", png, dead("intake", R.EXTENSION_MISMATCH)),
        ObjectCase("too-large", "station/huge.pdf", b"%PDF-1.4\n" + b"0" * (max_object_bytes + 1024),
                   dead("intake", R.TOO_LARGE)),
        # issue 3: PDFs
        ObjectCase("encrypted-pdf-with-password", "station/locked.pdf", encrypted_pdf(tmp, user_password="s3cret"),
                   dead("ocr", R.ENCRYPTED)),
        ObjectCase("encrypted-pdf-empty-password", "station/owner-only.pdf", encrypted_pdf(tmp, user_password=""),
                   Expect("accepted")),
        ObjectCase("corrupt-pdf", "station/corrupt.pdf", b"%PDF-1.7\n" + secrets.token_bytes(3000),
                   dead("ocr", R.CORRUPT)),
        ObjectCase("truncated-pdf-header-only", "station/cut.pdf", good[:40], dead("ocr", R.CORRUPT)),
        ObjectCase("pdf-without-pages", "station/nopages.pdf", pdf_without_pages(), dead("ocr", R.CORRUPT)),
        ObjectCase("pdf-with-javascript", "station/js.pdf", pdf_with_javascript(tmp),
                   Expect("accepted", flag="active-content-ignored")),
        ObjectCase("pdf-with-embedded-file", "station/attach.pdf", pdf_with_embedded_file(tmp),
                   Expect("accepted", flag="active-content-ignored")),
        # issue 11: hostile PDFs and images end at the first attempt; renditions are inert
        ObjectCase("pdf-with-every-active-content", "station/active.pdf", pdf_with_every_active_content(tmp),
                   Expect("accepted", flag="active-content-ignored")),
        ObjectCase("pdf-200k-nested-arrays", "station/nested.pdf", pdf_nested_arrays(), dead("ocr", R.CORRUPT)),
        ObjectCase("pdf-kid-not-a-page", "station/kid.pdf", pdf_with_a_kid_that_is_not_a_page(),
                   dead("ocr", R.CORRUPT)),
        ObjectCase("tiff-second-page-without-width", "station/nowidth.tif", tiff_second_page_without_width(),
                   dead("ocr", R.CORRUPT)),
        ObjectCase("pdf-of-500-pages", "station/batch500.pdf", pdf_of_blank_pages(500),
                   dead("ocr", R.TOO_MANY_PAGES)),
        ObjectCase("pdf-page-of-200-inches", "station/poster.pdf", pdf_of_blank_pages(1, width_pt=14400,
                                                                                      height_pt=14400),
                   dead("ocr", R.IMAGE_BOMB)),
        # issue 3: images
        ObjectCase("png-image-bomb", "station/bomb.png", png_bomb(), dead("ocr", R.IMAGE_BOMB)),
        ObjectCase("tiff-of-500-pages", "station/batch500.tif", tiff_of_pages(500), dead("ocr", R.TOO_MANY_PAGES)),
        ObjectCase("truncated-png", "station/cut.png", png[:60], dead("ocr", R.CORRUPT)),
        ObjectCase("corrupt-tiff", "station/bad.tif", b"II*\x00" + b"\xff" * 200, dead("ocr", R.CORRUPT)),
        ObjectCase("jpeg-garbage-after-header", "station/bad.jpg", b"\xff\xd8\xff\xe0" + secrets.token_bytes(500),
                   dead("ocr", R.CORRUPT)),
        # object keys: unicode, escaping, traversal, control characters, length
        ObjectCase("unicode-key-good-pdf", "station/Überweisung – 文件 🙂.pdf", good_pdf_bytes(tmp, 2),
                   Expect("accepted")),
        ObjectCase("unicode-key-lying-extension", "station/Röntgen résumé 報告.pdf", jpeg,
                   dead("intake", R.EXTENSION_MISMATCH)),
        ObjectCase("escape-characters-in-key", "station/a+b%20c&d=e?f#g.pdf", b"", dead("intake", R.EMPTY_FILE)),
        ObjectCase("traversal-key-good-pdf", "station/..%2F..%2F..%2Fetc%2Fpasswd.pdf", good_pdf_bytes(tmp, 3),
                   Expect("accepted")),
        ObjectCase("traversal-key-text", "..%2F..%2Fetc/shadow.pdf", text, dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("control-characters-in-key", "station/tab\there\rnl.pdf", text,
                   dead("intake", R.UNSUPPORTED_TYPE)),
        ObjectCase("very-long-key", "station/" + "x" * 200 + "/" + "y" * 200 + ".pdf", b"", dead("intake", R.EMPTY_FILE)),
        ObjectCase("object-deleted-before-event", "station/gone.pdf", good, dead("intake", R.OBJECT_MISSING),
                   delete_before_event=True),
        # issue 4: dictation
        ObjectCase("text-named-wav", "dictation/note.wav", text, dead("intake", R.UNSUPPORTED_TYPE), bucket="dictation"),
        ObjectCase("zero-byte-mp3", "dictation/empty.mp3", b"", dead("intake", R.EMPTY_FILE), bucket="dictation"),
        ObjectCase("corrupt-mp3", "dictation/corrupt.mp3", mp3_head + secrets.token_bytes(4000),
                   dead("transcription", R.AUDIO_UNDECODABLE), bucket="dictation"),
        ObjectCase("zero-length-wav", "dictation/silent0.wav", wav_bytes(0),
                   dead("transcription", R.AUDIO_EMPTY), bucket="dictation"),
        ObjectCase("three-hours-of-silence", "dictation/long.mp3",
                   ffmpeg_audio(tmp / "silence-3h.mp3", "-t", "10800", "-c:a", "libmp3lame", "-b:a", "8k"),
                   dead("transcription", R.AUDIO_TOO_LONG), bucket="dictation"),
        ObjectCase("unsupported-codec-adpcm", "dictation/adpcm.wav",
                   ffmpeg_audio(tmp / "adpcm.wav", "-t", "3", "-c:a", "adpcm_ms"),
                   dead("transcription", R.UNSUPPORTED_TYPE), bucket="dictation"),
        ObjectCase("pdf-named-wav", "dictation/scan.wav", good, dead("intake", R.EXTENSION_MISMATCH),
                   bucket="dictation"),
    ]
    return cases


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


def _marker(name: str) -> str:
    return f"badcase-{name}-{secrets.token_hex(4)}"


def _s3_event(*, bucket: str, key: str, marker: str, event_name: str = "s3:ObjectCreated:Put",
              etag: str = "0" * 32) -> bytes:
    _, ev = object_created_event(bucket=bucket, key=key, size=10, etag=etag, event_name=event_name,
                                 principal=marker)
    return ev.model_dump_json(by_alias=True).encode()


def _routed(doc_id: str, *, bucket: str, key: str, marker: str, kind: str = "scan", **extra: object) -> bytes:
    body = {"schema_version": 1, "doc_id": doc_id, "kind": kind,
            "source": {"bucket": bucket, "key": key, "etag": "0" * 32, "size": 10},
            "media_type": "application/pdf" if kind == "scan" else "audio/wav", "sha256": "0" * 64,
            "hints": {"source": "none", "encounter": marker}}
    body.update(extra)
    return json.dumps(body).encode()


def event_cases(*, intake_bucket: str, derived_bucket: str, max_event_bytes: int) -> list[EventCase]:
    OC = topics.OBJECT_CREATED
    out: list[EventCase] = []

    def add(name: str, topic: str, make, expect: Expect, *, doc_id: str | None = None) -> None:
        m = _marker(name)
        out.append(EventCase(name, topic, make(m), expect, m, key=None, doc_id=doc_id))

    malformed = lambda stage: dead(stage, R.MALFORMED_EVENT)
    add("not-json", OC, lambda m: f"this is not json {m}".encode(), malformed("intake"))
    add("invalid-utf8", OC, lambda m: b"\xff\xfe\x00" + m.encode() + b"\xc3\x28", malformed("intake"))
    add("json-array", OC, lambda m: json.dumps([m, 1, 2]).encode(), malformed("intake"))
    add("json-scalar", OC, lambda m: json.dumps(m).encode(), malformed("intake"))
    add("records-missing", OC, lambda m: json.dumps({"EventName": "s3:ObjectCreated:Put", "Key": m}).encode(),
        malformed("intake"))
    add("records-wrong-types", OC, lambda m: json.dumps({"EventName": "x", "Key": m, "Records": [{"s3": 5}]}).encode(),
        malformed("intake"))
    add("deeply-nested-json", OC, lambda m: ('{"m":"' + m + '","x":' + "[" * 50_000 + "]" * 50_000 + "}").encode(),
        malformed("intake"))
    add("oversized-event", OC, lambda m: (json.dumps({"m": m}) + " " * (max_event_bytes + 10_000)).encode(),
        dead("intake", R.OVERSIZED_EVENT))
    add("unwatched-bucket", OC, lambda m: _s3_event(bucket="payroll-exports", key="a.pdf", marker=m),
        dead("intake", R.UNWATCHED_BUCKET))
    add("traversal-key-never-stored", OC,
        lambda m: _s3_event(bucket=intake_bucket, key=f"../../../etc/passwd-{m}", marker=m),
        dead("intake", R.MALFORMED_EVENT))  # no S3 store holds a "../" segment: the event is bad
    add("unicode-key-never-stored", OC, lambda m: _s3_event(bucket=intake_bucket, key=f"Ärztebrief 患者 {m}.pdf",
                                                            marker=m),
        dead("intake", R.OBJECT_MISSING))
    add("records-empty", OC, lambda m: json.dumps({"EventName": "s3:ObjectCreated:Put", "Key": m,
                                                   "Records": []}).encode(),
        Expect("skip", "no-records"))
    add("object-removed-event", OC, lambda m: _s3_event(bucket=intake_bucket, key=f"x-{m}.pdf", marker=m,
                                                        event_name="s3:ObjectRemoved:Delete"),
        Expect("skip", R.NOT_OBJECT_CREATED.value))
    # later stages: malformed, oversized, and claim checks whose object is gone
    gone_scan = secrets.token_hex(16)
    add("scan-routed-not-json", topics.SCAN_ROUTED, lambda m: f"{{broken {m}".encode(), malformed("ocr"))
    add("scan-routed-unknown-field", topics.SCAN_ROUTED,
        lambda m: _routed(secrets.token_hex(16), bucket=intake_bucket, key="k.pdf", marker=m, surprise=True),
        malformed("ocr"))
    add("scan-routed-schema-version-2", topics.SCAN_ROUTED,
        lambda m: _routed(secrets.token_hex(16), bucket=intake_bucket, key="k.pdf", marker=m, schema_version=2),
        malformed("ocr"))
    add("scan-routed-object-gone", topics.SCAN_ROUTED,
        lambda m: _routed(gone_scan, bucket=intake_bucket, key=f"gone/{m}.pdf", marker=m),
        dead("ocr", R.OBJECT_MISSING), doc_id=gone_scan)
    add("scan-routed-oversized", topics.SCAN_ROUTED, lambda m: (m + " " * (max_event_bytes + 1)).encode(),
        dead("ocr", R.OVERSIZED_EVENT))
    add("dictation-routed-not-json", topics.DICTATION_ROUTED, lambda m: f"<xml>{m}</xml>".encode(),
        malformed("transcription"))
    gone_audio = secrets.token_hex(16)
    add("dictation-routed-object-gone", topics.DICTATION_ROUTED,
        lambda m: _routed(gone_audio, bucket=intake_bucket, key=f"gone/{m}.wav", marker=m, kind="dictation"),
        dead("transcription", R.OBJECT_MISSING), doc_id=gone_audio)
    add("text-extracted-not-json", topics.TEXT_EXTRACTED, lambda m: f"[{m}".encode(), malformed("indexing"))
    gone_text = secrets.token_hex(16)
    add("text-extracted-claim-check-gone", topics.TEXT_EXTRACTED,
        lambda m: json.dumps({"schema_version": 1, "doc_id": gone_text, "kind": "scan", "engine": m,
                              "text_ref": {"bucket": derived_bucket, "key": f"ocr/{m}.json"},
                              "text_chars": 10, "confidence": 0.9}).encode(),
        dead("indexing", R.OBJECT_MISSING), doc_id=gone_text)
    add("patients-missing-fields", topics.PATIENTS, lambda m: json.dumps({"given": m}).encode(),
        malformed("indexing"))
    add("document-indexed-bad-status", topics.DOCUMENT_INDEXED,
        lambda m: json.dumps({"doc_id": secrets.token_hex(16), "status": m}).encode(), malformed("publishing"))
    return out


def corpus(tmp: Path, *, intake_bucket: str, derived_bucket: str, max_event_bytes: int,
           max_object_bytes: int = 16 * 1024 * 1024) -> Corpus:
    return Corpus(
        objects=tuple(object_cases(tmp, max_object_bytes=max_object_bytes)),
        events=tuple(event_cases(intake_bucket=intake_bucket, derived_bucket=derived_bucket,
                                 max_event_bytes=max_event_bytes)),
        max_object_bytes=max_object_bytes,
    )


__all__ = ["ACTIVE_PDF_NAMES", "Corpus", "EventCase", "Expect", "ObjectCase", "corpus", "good_pdf_bytes"]
