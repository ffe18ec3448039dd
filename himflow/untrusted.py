"""Library calls on untrusted bytes (pypdf, pdfium, Pillow, zxing-cpp, ffmpeg's output): what a
hostile file makes a parser raise is converted once, at the boundary, into a permanent
``RejectedInput`` with a reason code, so it is dead-lettered at the first attempt instead of
being retried as an internal error while it holds its partition.

Policy:
- parser errors (ValueError, KeyError, struct.error, zlib.error, RecursionError from deep
  nesting, MemoryError from a bomb, the library's own error classes, ...) -> RejectedInput;
- an OSError with an errno (disk full, I/O error on the worker's own temp files) is the
  machine, not the file -> TransientError (retried, bounded);
- an OSError without an errno is how Pillow says "cannot identify / truncated" -> RejectedInput.
Details name the exception class only, never its text (it can quote document content).
"""

from __future__ import annotations

import errno as _errno
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from himflow.errors import HimflowError, RejectedInput, TransientError
from schemas.events import ReasonCode

# What parsers raise on malformed input (UnicodeDecodeError, binascii.Error are ValueErrors;
# OverflowError, ZeroDivisionError are ArithmeticErrors).
PARSER_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError, EOFError,
    SyntaxError, ArithmeticError, LookupError, RecursionError, MemoryError, struct.error, zlib.error,
)


def rejection(exc: BaseException, what: str, *, reason: ReasonCode = ReasonCode.CORRUPT) -> HimflowError:
    """The typed error for ``exc`` raised while a library read untrusted ``what``."""
    if isinstance(exc, HimflowError):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None:
        name = _errno.errorcode.get(exc.errno, str(exc.errno))
        return TransientError(f"{what}: local I/O failed ({name})")
    if isinstance(exc, MemoryError):
        return RejectedInput(f"{what} needs more memory than allowed to read", reason=reason)
    if isinstance(exc, RecursionError):
        return RejectedInput(f"{what} is nested too deeply to read", reason=reason)
    return RejectedInput(f"{what} could not be read ({type(exc).__name__})", reason=reason)


@contextmanager
def untrusted(what: str, *, library: tuple[type[BaseException], ...] = (),
              reason: ReasonCode = ReasonCode.CORRUPT) -> Iterator[None]:
    """Run a library call on untrusted bytes; ``library`` adds the library's own error classes
    (pypdf's PyPdfError, pdfium's PdfiumError, ...)."""
    errors: tuple[type[BaseException], ...] = (*PARSER_ERRORS, *library, OSError)
    try:
        yield
    except HimflowError:
        raise
    except errors as e:
        raise rejection(e, what, reason=reason) from e
