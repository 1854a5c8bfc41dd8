"""The model options ``draft`` (and other commands) share, and building a drafter
from them. Imports nothing heavy: the HTTP client loads on the first request."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._util import say

if TYPE_CHECKING:
    from ..drafters import Drafter

__all__ = [
    "CacheMode",
    "Structured",
    "model_drafter",
    "reporting_usage",
]

PANEL = "Model"


class Structured(str, Enum):
    auto = "auto"
    json_schema = "json_schema"
    json_object = "json_object"
    prompt = "prompt"


class CacheMode(str, Enum):
    use = "use"
    refresh = "refresh"
    off = "off"
    only = "only"


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        envvar="JDTAILOR_MODEL",
        help="Tailor with this model (needs OPENAI_API_KEY; OPENAI_BASE_URL for other servers).",
        rich_help_panel=PANEL,
        show_default=False,
    ),
]
OfflineOpt = Annotated[
    bool,
    typer.Option("--offline", help="Draft offline even if a model is set.", rich_help_panel=PANEL),
]
StructuredOpt = Annotated[
    Structured,
    typer.Option(
        "--structured",
        help="How to ask for JSON: auto (json_schema, falling back as the server refuses), "
        "json_schema (OpenAI, vLLM, Ollama), json_object (llama.cpp), prompt (no response_format).",
        rich_help_panel=PANEL,
    ),
]
MaxAttemptsOpt = Annotated[
    int,
    typer.Option(
        "--max-attempts", min=1, help="Requests per posting when replies fail validation.",
        rich_help_panel=PANEL,
    ),
]  # fmt: skip
RetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--retries", min=0, show_default=False, rich_help_panel=PANEL,
        help="Resends on a dropped connection, 429 or 502-504 [default: 1 local, 2 remote].",
    ),
]  # fmt: skip
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.001,
        show_default=False,
        rich_help_panel=PANEL,
        help="Seconds of silence allowed while a reply streams in "
        "[default: 600 for a server on this machine, 60 otherwise].",
    ),
]
MaxTokensOpt = Annotated[
    int,
    typer.Option(
        "--max-tokens", min=1, help="Longest reply allowed, in tokens.", rich_help_panel=PANEL
    ),
]
CacheOpt = Annotated[
    CacheMode,
    typer.Option(
        "--cache",
        help="Reply cache: use, refresh (ask again), off, only (never ask; fail on a miss).",
        rich_help_panel=PANEL,
    ),
]
UsageOpt = Annotated[
    bool,
    typer.Option(
        "--usage", "-u", help="Print tokens and estimated cost on stderr.", rich_help_panel=PANEL
    ),
]


def model_drafter(
    model: str | None,
    *,
    offline: bool,
    structured: Structured,
    max_attempts: int,
    retries: int | None,
    timeout: float | None,
    max_tokens: int,
    cache: CacheMode,
    output: Path | None = None,
) -> Drafter | None:
    """A ``ModelDrafter`` when a model is named and ``--offline`` is not given, else None.

    A failed reply is saved next to ``-o`` when there is one, else in the cache dir.
    """
    if offline or not model or not model.strip():
        return None
    from ..drafters import make_drafter
    from ._spinner import spinner

    failed = output.with_name(f"{output.name}.reply.txt") if output is not None else None
    return make_drafter(
        model.strip(),
        structured=structured.value,
        max_attempts=max_attempts,
        retries=retries,
        timeout=timeout,
        max_tokens=max_tokens,
        cache=cache.value,
        progress=spinner,
        failed_reply_path=failed,
    )


@contextlib.contextmanager
def reporting_usage(
    drafter: object, enabled: bool, *, on_error_only: bool = False
) -> Iterator[None]:
    """After the block, print the drafter's usage if asked: always when the block
    fails, and when it succeeds unless ``on_error_only`` (a later block will report
    the total, as ``draft -i`` does after the refinement)."""
    try:
        yield
    except BaseException:
        # nothing was sent (no key, bad option): the error alone says what happened
        sent: int = getattr(getattr(drafter, "usage", None), "requests", 0)
        if enabled and sent:
            _say_usage(drafter)
        raise
    if enabled and not on_error_only:
        _say_usage(drafter)


def _say_usage(drafter: object) -> None:
    usage = getattr(drafter, "usage", None)
    if usage is None:
        say("usage: offline draft; no model requests")
        return
    from ..errors import JdtailorError
    from ..llm.usage import usage_line

    try:
        local = bool(getattr(drafter, "local", False))
        say(usage_line(usage, getattr(drafter, "model", "?"), local=local))
    except JdtailorError as exc:  # a bad config.toml must not hide the draft's outcome
        say(f"usage: {exc.message}")
