"""Reading a posting file (or stdin, as ``-``) and the JobPosting JSON ``draft -f json`` writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import PostingFileError
from .posting import JobPosting

__all__ = ["MAX_POSTING_BYTES", "load_posting", "parse_posting", "read_posting_text"]

MAX_POSTING_BYTES = 1_000_000
_HINT = "give a JobPosting JSON as `jdtailor draft --format json` writes it"


def parse_posting(text: str, where: str) -> JobPosting:
    """Parse posting JSON ``text``; ``where`` names its source in error messages."""
    from pydantic import ValidationError

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PostingFileError(
            f"{where}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg}); {_HINT}"
        ) from None
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise PostingFileError(f"{where}: holds a JSON {kind}, not a posting; {_HINT}")
    if "@type" in data or "@context" in data:
        raise PostingFileError(f"{where}: is schema.org JSON-LD, not jdtailor's posting; {_HINT}")
    try:
        return JobPosting.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "posting"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise PostingFileError(f"{where}: `{loc}`: {msg}{more}; {_HINT}") from None


def read_posting_text(path: str | Path, *, hint: str = _HINT) -> tuple[str, str]:
    """The text of a posting file, or of stdin when ``path`` is ``-``, and its display name.

    Every way the input can be unreadable (missing, a directory, too large, not UTF-8,
    empty, stdin closed) is one ``PostingFileError`` naming it; ``hint`` says what to give.
    """
    too_big = f"is over {MAX_POSTING_BYTES:,} bytes, too large for a posting; {hint}"
    try:
        if str(path) == "-":
            where = "<stdin>"
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise PostingFileError(f"{where}: stdin is closed; pass the posting file instead")
            data = stream.read(MAX_POSTING_BYTES + 1)
            if len(data) > MAX_POSTING_BYTES:
                raise PostingFileError(f"{where}: {too_big}")
        else:
            path = Path(path)
            where = str(path)
            if not path.exists():
                raise PostingFileError(f"{where}: no such file; check the path")
            if path.is_dir():
                raise PostingFileError(f"{where}: is a directory; pass the posting file inside it")
            if path.stat().st_size > MAX_POSTING_BYTES:
                raise PostingFileError(f"{where}: {too_big}")
            data = path.read_bytes()
    except OSError as exc:
        raise PostingFileError(f"{path}: cannot be read ({exc.strerror}); {hint}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PostingFileError(
            f"{where}: byte {exc.start}: not UTF-8 text; save the file as UTF-8"
        ) from None
    if not text.strip():
        raise PostingFileError(f"{where}: is empty; {hint}")
    return text, where


def load_posting(path: str | Path) -> JobPosting:
    """Read a posting JSON file (``-``: stdin), with one clear error line for every fault."""
    return parse_posting(*read_posting_text(path))
