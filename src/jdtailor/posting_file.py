"""Reading a ``JobPosting`` back from the JSON ``jdtailor draft -f json`` writes."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import PostingFileError
from .posting import JobPosting

__all__ = ["MAX_POSTING_BYTES", "load_posting", "parse_posting"]

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
    try:
        return JobPosting.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "posting"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise PostingFileError(f"{where}: `{loc}`: {msg}{more}; {_HINT}") from None


def load_posting(path: str | Path) -> JobPosting:
    """Read a posting JSON file, with one clear error line for every way it can be wrong."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise PostingFileError(f"{where}: no such file; check the path")
    if path.is_dir():
        raise PostingFileError(f"{where}: is a directory; give the posting's JSON file")
    if path.stat().st_size > MAX_POSTING_BYTES:
        raise PostingFileError(f"{where}: is larger than {MAX_POSTING_BYTES:,} bytes; {_HINT}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PostingFileError(f"{where}: byte {exc.start}: not UTF-8 text; {_HINT}") from None
    return parse_posting(text, where)
