"""The batch manifest: what each item was drafted from and what came of it.

``manifest.jsonl`` in the output folder holds one JSON record per line; the
last record for an item wins. A record is appended (and flushed to disk) as
soon as the item's files are written, so a kill loses at most the item in
flight, and a half-written last line is ignored. At the end of a run the file
is rewritten compactly (atomically), one line per item.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["MANIFEST", "Manifest", "plain_name"]

MANIFEST = "manifest.jsonl"
VERSION = 1
MAX_BYTES = 100_000_000  # ~300 bytes an item: 300,000 items

_LISTS = ("files", "flags")
_NUMBERS = ("prompt_tokens", "completion_tokens", "cost_usd", "confidence", "lint_score")


def plain_name(name: object) -> bool:
    """A file name in the output folder itself: no folder part, no ``..``."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
    )


def _finite(value: object) -> bool:
    """A number JSON wrote (json.loads also takes ``Infinity``, ``NaN`` and ``1e400``)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) < 1e15
    )


def _usable(record: object) -> bool:
    """Whether a manifest line is a record this code wrote: a damaged or edited one
    (wrong types, a name that leaves the folder) is dropped, and its item redone."""
    if not isinstance(record, dict) or not isinstance(record.get("key"), str):
        return False
    for name, value in record.items():
        if name in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return False
        elif name in _NUMBERS:
            if value is not None and not _finite(value):
                return False
        elif isinstance(value, list):  # notes
            if not all(isinstance(v, str) for v in value):
                return False
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            return False
    if "name" in record and not plain_name(record["name"]):
        return False
    return all(plain_name(f) for f in record.get("files", []))


class Manifest:
    """Records by item key; ``append`` persists one at once."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.records: dict[str, dict[str, Any]] = {}
        self._fh: Any = None
        self._load()

    def _load(self) -> None:
        from ..reading.files import read_own

        fix = "move it away to start the batch afresh"
        data = read_own(self.path, limit=MAX_BYTES, what="batch manifest", fix=fix)
        try:
            text = (data or b"").decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{self.path}: is not UTF-8 text; {fix}") from None
        for line in text.splitlines():
            if not line.startswith("{"):  # every record is an object: 10^6 lines of junk
                continue  # would cost a JSON error each (25 s)
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                continue  # the line being written when a run was killed, or damage
            if _usable(record):
                self.records[record["key"]] = record

    def names(self) -> dict[str, str]:
        """Item key -> the file name stem it was given."""
        return {k: r["name"] for k, r in self.records.items() if isinstance(r.get("name"), str)}

    def done(self, key: str, fingerprint: str, out_dir: Path) -> bool:
        """Whether ``key`` was drafted from the same inputs and its files are all there."""
        record = self.records.get(key)
        if not record or record.get("status") != "ok" or record.get("fingerprint") != fingerprint:
            return False
        return all((out_dir / name).is_file() for name in record.get("files", []))

    def append(self, *records: dict[str, Any]) -> None:
        """Persist ``records`` now, with one sync (a kill after this keeps them)."""
        if not records:
            return
        if self._fh is None:
            self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open
        for record in records:
            self.records[record["key"]] = record
            self._fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def compact(self) -> None:
        """Rewrite the file with one line per item (atomically)."""
        from ..files import atomic_write

        self.close()
        lines = [
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in self.records.values()
        ]
        atomic_write(self.path, "".join(line + "\n" for line in lines), force=True)
