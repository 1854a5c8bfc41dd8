"""Bounded reads: a regular file (or stdin) of at most ``limit`` bytes, as text.

``/dev/zero``, a FIFO, a socket or a symlink to one is refused before it is opened
for reading, and the size is checked while reading (a file can grow after ``stat``).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from ..errors import InputError
from .clean import clean_text

__all__ = ["decode", "load_json", "read_bytes", "read_input", "read_own", "read_text_file"]

_CHUNK = 1 << 16


def _too_big(where: str, limit: int, hint: str) -> str:
    return f"{where}: is over {limit:,} bytes; {hint}"


def _read_bounded(fd: int, limit: int, size: int = 0) -> bytes | None:
    """Up to ``limit`` bytes from ``fd``; None if there is more. ``size`` (the size
    ``stat`` gave) is read in one call: a 2 MB cache in one read, not 32."""
    parts: list[bytes] = []
    total = 0
    while True:
        want = max(_CHUNK, size + 1 - total) if size else _CHUNK
        chunk = os.read(fd, min(want, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def read_bytes(
    path: str | Path,
    *,
    limit: int,
    error: type[InputError] = InputError,
    what: str = "file",
    big_hint: str = "give a smaller file",
) -> tuple[bytes, str]:
    """The bytes of ``path`` (``-``: stdin) and its display name; every fault is ``error``."""
    if str(path) == "-":
        where = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise error(f"{where}: stdin is closed; pass the {what} instead")
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise error(f"{where}: cannot be read ({exc.strerror or exc})") from None
        if len(data) > limit:
            raise error(_too_big(where, limit, big_hint))
        return data, where
    path = Path(path)
    where = str(path)
    try:
        st = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise error(f"{where}: no such file; check the path") from None
    except OSError as exc:
        raise error(f"{where}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{where}: is a directory; pass the {what} inside it")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{where}: is not a regular file (a device, FIFO or socket); pass a {what}")
    if st.st_size > limit:
        raise error(_too_big(where, limit, big_hint))
    try:
        # O_NONBLOCK: a FIFO swapped in after the stat must not block the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise error(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise error(f"{where}: is not a regular file; pass a {what}")
        data = _read_bounded(fd, limit, st.st_size)
    except OSError as exc:
        raise error(f"{where}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if data is None:
        raise error(_too_big(where, limit, big_hint))
    return data, where


def decode(data: bytes, where: str, error: type[InputError] = InputError) -> str:
    """UTF-8 (a BOM is dropped) with control characters removed and line ends as LF."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{where}: byte {exc.start}: not UTF-8 text; save the file as UTF-8") from None
    return clean_text(text)


def read_input(
    path: str | Path,
    *,
    limit: int,
    error: type[InputError] = InputError,
    what: str = "file",
    big_hint: str = "give a smaller file",
) -> tuple[str, str]:
    """(clean text, display name) of ``path`` or stdin (``-``), bounded by ``limit`` bytes."""
    data, where = read_bytes(path, limit=limit, error=error, what=what, big_hint=big_hint)
    return decode(data, where, error), where


def read_text_file(
    path: str | Path,
    *,
    limit: int,
    error: type[InputError] = InputError,
    what: str = "file",
    big_hint: str = "give a smaller file",
) -> str:
    """The clean text of a regular file of at most ``limit`` bytes (no stdin)."""
    if str(path) == "-":
        raise error(f"-: give a {what} path, not stdin")
    return read_input(path, limit=limit, error=error, what=what, big_hint=big_hint)[0]


def read_own(
    path: str | Path,
    *,
    limit: int,
    error: type[InputError] = InputError,
    what: str = "file",
    fix: str = "move it away",
) -> bytes | None:
    """The bytes of a file jdtailor keeps for itself (a cache, a batch's state), or None
    when nothing is there.

    Whatever else stands at ``path`` (a folder, a FIFO, a link to a device or to nothing,
    a file over ``limit``) is ``error`` naming it and ending in ``fix``: a cache ignores
    it, state the user depends on is refused with it. Never blocks, never reads more
    than ``limit`` bytes.
    """
    if not os.path.lexists(path):
        return None
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: is a link to nothing, not a {what}; {fix}") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc}); {fix}") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{path}: is a folder, not a {what}; {fix}")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{path}: is a device, FIFO or socket, not a {what}; {fix}")
    hint = f"too big for a {what}; {fix}"
    return read_bytes(path, limit=limit, error=error, what=what, big_hint=hint)[0]


def load_json(
    data: bytes | str, where: str, error: type[InputError] = InputError, fix: str = ""
) -> object:
    """JSON text as Python values; bad bytes, bad JSON and nesting past what the parser
    takes are all ``error`` (never a ``RecursionError``), its message ending in ``fix``."""
    import json

    tail = f"; {fix}" if fix else ""
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        raise error(f"{where}: is not UTF-8 text{tail}") from None
    except ValueError as exc:
        raise error(f"{where}: is not valid JSON ({str(exc)[:80]}){tail}") from None
    except RecursionError:
        raise error(f"{where}: JSON nested too deep{tail}") from None
