"""What we learnt about each server, kept between runs in the cache dir.

    {"http://127.0.0.1:8080/v1": {"structured": "json_object"},
     "http://127.0.0.1:8080/v1 gemma": {"system": "user"}}

``structured`` is the mode ``--structured auto`` settled on for a base URL;
``system`` is "user" when the model's chat template drops system messages (the
rules then travel in the user turn) and "ok" when it was seen to keep them. A
damaged or unwritable file is forgotten, never an error: it costs a request.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

__all__ = ["ServerMemory"]

_LOCK = threading.Lock()


class ServerMemory:
    """A small JSON file of per-server facts."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict[str, Any]]:
        from ..errors import JdtailorError
        from ..reading.files import load_json, read_own

        try:  # bounded and never blocking: a FIFO, a folder or a huge file is forgotten
            blob = read_own(self.path, limit=1_000_000, what="server memory")
            data = load_json(blob, str(self.path)) if blob is not None else {}
        except (JdtailorError, OSError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str, name: str) -> Any:
        entry = self._load().get(key)
        return entry.get(name) if isinstance(entry, dict) else None

    def set(self, key: str, name: str, value: Any) -> None:
        from ..errors import JdtailorError
        from ..files import atomic_write

        with _LOCK:
            data = self._load()
            found = data.get(key)
            entry: dict[str, Any] = found if isinstance(found, dict) else {}
            if entry.get(name) == value:
                return
            data[key] = {**entry, name: value}
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(self.path, json.dumps(data, indent=1, sort_keys=True), force=True)
            except (OSError, JdtailorError):
                pass
