"""The batch manifest: what each item was drafted from and what came of it.

``manifest.jsonl`` in the output folder holds one JSON record per line; the
last record for an item wins. A record is appended (and flushed to disk) as
soon as the item's files are written, so a kill loses at most the item in
flight, and a half-written last line is ignored. At the end of a run the file
is rewritten compactly (atomically), one line per item.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["MANIFEST", "Manifest"]

MANIFEST = "manifest.jsonl"
VERSION = 1


class Manifest:
    """Records by item key; ``append`` persists one at once."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.records: dict[str, dict[str, Any]] = {}
        self._fh: Any = None
        if self.path.exists():
            self._load()

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"{self.path}: cannot be read ({exc}); move it away to start the batch afresh"
            ) from None
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # the line being written when a run was killed
            if isinstance(record, dict) and isinstance(record.get("key"), str):
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
