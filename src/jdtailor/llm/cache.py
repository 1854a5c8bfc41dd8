"""Validated replies on disk, keyed by everything that shapes the answer.

key = sha256 of (base URL without credentials, model, rendered messages,
response_format/schema, request parameters, template hash). A hit makes no
request. Only replies that passed validation are stored: errors, refusals,
truncated and invalid replies never are. The API key is not part of any entry.

    use      read, and write on a miss (default)
    refresh  never read, always write
    off      neither
    only     read; a miss is an error (fully offline replays)
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import JdtailorError, ModelConfigError

__all__ = ["CACHE_MODES", "CachedReply", "ReplyCache", "cache_key"]

CACHE_MODES: tuple[str, ...] = ("use", "refresh", "off", "only")
VERSION = 1
MAX_ENTRY_BYTES = 16_000_000  # a reply is at most --max-tokens long; more is damage


def cache_key(**parts: Any) -> str:
    """A stable hash of JSON-serialisable parts."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass
class CachedReply:
    content: str
    attempts: int
    prompt_tokens: int
    completion_tokens: int
    created: float


class ReplyCache:
    """A directory of ``<key[:2]>/<key>.json`` files."""

    def __init__(self, directory: Path, mode: str = "use") -> None:
        if mode not in CACHE_MODES:
            modes = ", ".join(CACHE_MODES)
            raise ModelConfigError(f"unknown cache mode {mode!r}; use one of {modes}")
        self.directory = directory
        self.mode = mode

    @property
    def reads(self) -> bool:
        return self.mode in ("use", "only")

    @property
    def writes(self) -> bool:
        return self.mode in ("use", "refresh")

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedReply | None:
        if not self.reads:
            return None
        from ..reading.files import load_json, read_own

        try:
            # bounded and never blocking: a FIFO, a folder or a huge file is a miss
            blob = read_own(self.path(key), limit=MAX_ENTRY_BYTES, what="cache entry")
            data = load_json(blob, "cache entry") if blob is not None else None
            if not isinstance(data, dict) or data.get("version") != VERSION:
                return None
            return CachedReply(
                content=str(data["content"]),
                attempts=int(data["attempts"]),
                prompt_tokens=int(data["prompt_tokens"]),
                completion_tokens=int(data["completion_tokens"]),
                created=float(data["created"]),
            )
        except (JdtailorError, OSError, ValueError, KeyError, TypeError, OverflowError):
            return None  # a missing or damaged entry is a miss

    def put(self, key: str, reply: CachedReply, *, model: str) -> None:
        if not self.writes:
            return
        from ..files import atomic_write

        entry = {
            "version": VERSION,
            "model": model,
            "content": reply.content,
            "attempts": reply.attempts,
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "created": reply.created or time.time(),
        }
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps(entry, indent=1, ensure_ascii=False), force=True)
        except (OSError, JdtailorError):
            pass  # a cache that cannot be written costs a request next time, nothing more
