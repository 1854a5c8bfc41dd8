"""Drafters turn a context and candidates into a ``JobPosting``.

A drafter is a two-method contract (``draft`` and ``revise``); the core is handed a
drafter and never builds one. ``offline.OfflineDrafter`` is the embedded default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..context import CompanyContext
from ..posting import JobPosting
from ..retrieval import Retrieval

__all__ = ["Draft", "Drafter", "Trace", "make_drafter"]


@dataclass
class Trace:
    """How a posting was made: which backend, how many tries, what it cost."""

    backend: str
    model: str | None = None
    attempts: int = 1
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hit: bool = False
    ms: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "backend": self.backend,
            "model": self.model,
            "attempts": self.attempts,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cache_hit": self.cache_hit,
            "ms": round(self.ms, 1),
            "notes": list(self.notes),
        }


@dataclass
class Draft:
    posting: JobPosting
    trace: Trace


class Drafter(Protocol):
    def draft(self, ctx: CompanyContext, retrieval: Retrieval) -> Draft:
        """A complete posting for the context from the retrieved candidates."""
        ...

    def revise(
        self, posting: JobPosting, feedback: str, ctx: CompanyContext, retrieval: Retrieval
    ) -> Draft:
        """The posting changed as the feedback asks, under the same rules."""
        ...


def make_drafter(
    model: str | None = None, *, offline: bool = False, **llm_options: object
) -> Drafter:
    """The drafter ``jdtailor draft`` would use: offline without a model (or with
    ``offline``), else a ``ModelDrafter`` for ``model``.

    ``llm_options`` are ``ModelDrafter`` keywords: ``structured``, ``max_attempts``,
    ``retries``, ``timeout``, ``max_tokens``, ``cache``, ``base_url``, ``api_key``,
    ``cache_dir``, ``progress``, ``failed_reply_path``. No HTTP client is imported
    until the first request.
    """
    if offline or not model:
        from .offline import OfflineDrafter

        return OfflineDrafter()
    from .model import ModelDrafter

    return ModelDrafter(model, **llm_options)  # type: ignore[arg-type]
