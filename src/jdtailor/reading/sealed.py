"""marshal caches that are unmarshalled only when they are exactly what we wrote.

marshal is fast (a corpus's parsed YAML loads in ~15 ms) but not meant for data it
did not write: five bytes can ask it for a 16 GB tuple, and a FIFO where the cache
belongs would block the open. So a sealed file is ``magic``, the length and CRC-32
of the marshal data, then the data; it is read bounded and never blocking
(``read_own``), and anything else at the path (damaged, truncated, a folder, a
FIFO, a link to a device, another format) reads as no cache at all.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

__all__ = ["load_sealed", "seal"]


def seal(data: Any, magic: bytes) -> bytes:
    """``data`` as sealed marshal bytes (raises ``ValueError`` for what marshal cannot write)."""
    body = marshal.dumps(data)
    return magic + len(body).to_bytes(8, "big") + zlib.crc32(body).to_bytes(4, "big") + body


def load_sealed(path: str | Path, magic: bytes, limit: int) -> Any:
    """The data of the sealed file at ``path``, or None when there is none we wrote."""
    from ..errors import JdtailorError
    from .files import read_own

    try:
        raw = read_own(path, limit=limit, what="cache")
    except (JdtailorError, OSError):
        return None
    head = len(magic) + 12
    if raw is None or len(raw) < head or not raw.startswith(magic):
        return None
    body = memoryview(raw)[head:]
    if len(body) != int.from_bytes(raw[head - 12 : head - 4], "big"):
        return None
    if zlib.crc32(body) != int.from_bytes(raw[head - 4 : head], "big"):
        return None
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError, RecursionError, MemoryError):
        return None
