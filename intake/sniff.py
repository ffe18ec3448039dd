"""Sniff a file's media type from its first bytes, never from its name.

Scanning stations and dictation apps name files however they like; routing goes by content.
``sniff_media_type`` looks at magic numbers only (no decoding); ``check_extension`` tells
whether a name's extension agrees with the sniffed type (a lying extension is a reason to
flag or reject, never to trust the name).
"""

from __future__ import annotations

from pathlib import Path, PurePath

from himflow.errors import RejectedInput
from schemas.events import ReasonCode

SNIFF_BYTES = 4096

SCAN_TYPES = frozenset({"application/pdf", "image/tiff", "image/png", "image/jpeg"})
AUDIO_TYPES = frozenset(
    {"audio/wav", "audio/mpeg", "audio/mp4", "audio/flac", "audio/ogg", "audio/webm"}
)

EXTENSIONS: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({".pdf"}),
    "image/tiff": frozenset({".tif", ".tiff"}),
    "image/png": frozenset({".png"}),
    "image/jpeg": frozenset({".jpg", ".jpeg", ".jpe", ".jfif"}),
    "audio/wav": frozenset({".wav", ".wave"}),
    "audio/mpeg": frozenset({".mp3", ".mpga"}),
    "audio/mp4": frozenset({".m4a", ".mp4", ".aac"}),
    "audio/flac": frozenset({".flac"}),
    "audio/ogg": frozenset({".ogg", ".oga", ".opus"}),
    "audio/webm": frozenset({".webm", ".weba"}),
}
_ALL_KNOWN = frozenset().union(*EXTENSIONS.values())


def _is_mpeg_audio_frame(head: bytes) -> bool:
    # 11 sync bits, MPEG version != reserved (01), layer != reserved (00), bitrate != 1111.
    if len(head) < 4 or head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return False
    version, layer, bitrate = (head[1] >> 3) & 0x3, (head[1] >> 1) & 0x3, head[2] >> 4
    return version != 0b01 and layer != 0b00 and bitrate != 0b1111


def sniff_media_type(head: bytes) -> str:
    """The media type of a file whose first bytes are ``head`` (give at least 64, ideally 4096).

    Raises RejectedInput EMPTY_FILE for no bytes, UNSUPPORTED_TYPE for anything else than a
    PDF, TIFF, PNG, JPEG or one of the dictation audio containers.
    """
    if not head:
        raise RejectedInput("file has no bytes", reason=ReasonCode.EMPTY_FILE)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:  # junk before the header is legal
        return "application/pdf"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "image/tiff"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:4] == b"fLaC":
        return "audio/flac"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "audio/webm"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head[:3] == b"ID3" or _is_mpeg_audio_frame(head):
        return "audio/mpeg"
    raise RejectedInput(
        f"unrecognised content ({len(head)} bytes sniffed)", reason=ReasonCode.UNSUPPORTED_TYPE
    )


def sniff_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return sniff_media_type(fh.read(SNIFF_BYTES))


def check_extension(name: str, media_type: str) -> bool:
    """False when ``name``'s extension belongs to another type than the sniffed ``media_type``.

    A name without an extension, or with one we do not know (``scan_0001.tmp``), cannot lie and
    gives True; ``report.pdf`` holding a JPEG gives False.
    """
    suffix = PurePath(name).suffix.lower()
    if not suffix or suffix not in _ALL_KNOWN:
        return True
    return suffix in EXTENSIONS.get(media_type, frozenset())

