"""Talking to an OpenAI-compatible model: client factory, structured call,
re-asks, reply cache, usage and prices. No posting logic lives here; see
``jdtailor.drafters.model`` for the drafter built on it.

Importing this package is cheap: the HTTP client is imported on the first request,
and the openai SDK never (``transport`` speaks the protocol itself).
"""

from __future__ import annotations

from .ask import LLMSettings, Outcome, Progress, RepairsExhausted, StructuredClient
from .cache import CACHE_MODES
from .structured import MODES
from .usage import Usage, estimate_tokens

__all__ = [
    "CACHE_MODES",
    "MODES",
    "LLMSettings",
    "Outcome",
    "Progress",
    "RepairsExhausted",
    "StructuredClient",
    "Usage",
    "estimate_tokens",
]
