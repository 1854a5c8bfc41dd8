"""What several commands share: the output formats; the model options as one typed
``ModelOptions``, built once by ``with_model_options`` for draft, refine and eval; and
the usage report.
Imports nothing heavy: the HTTP client loads on the first request."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ._util import say

if TYPE_CHECKING:
    from ..drafters import Drafter

__all__ = [
    "CacheMode",
    "ModelOptions",
    "OutputFormat",
    "Structured",
    "reporting_usage",
    "with_model_options",
]

PANEL = "Model"
F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"
    txt = "txt"
    jsonld = "jsonld"
    docx = "docx"


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


def _opt(*names: str, help: str, **kw: Any) -> Any:
    return typer.Option(*names, help=help, rich_help_panel=PANEL, **kw)


# name -> (the command-line option, its default); ModelOptions has the same fields.
_OPTIONS: dict[str, tuple[Any, Any]] = {
    "model": (
        Annotated[
            str | None,
            _opt(
                "--model", "-m", envvar="JDTAILOR_MODEL", show_default=False,
                help="Tailor with this model (needs OPENAI_API_KEY; OPENAI_BASE_URL for other "
                "servers).",
            ),
        ],
        None,
    ),
    "offline": (
        Annotated[bool, _opt("--offline", help="Draft offline even if a model is set.")],
        False,
    ),
    "structured": (
        Annotated[
            Structured,
            _opt(
                "--structured",
                help="How to ask for JSON: auto (json_schema, falling back as the server "
                "refuses), json_schema (OpenAI, vLLM, Ollama), json_object (llama.cpp), prompt "
                "(no response_format).",
            ),
        ],
        Structured.auto,
    ),
    "max_attempts": (
        Annotated[
            int,
            _opt(
                "--max-attempts", min=1,
                help="Requests per posting when replies fail validation.",
            ),
        ],
        3,
    ),
    "retries": (
        Annotated[
            int | None,
            _opt(
                "--retries", min=0, show_default=False,
                help="Resends on a dropped connection, 429 or 502-504 [default: 1 local, 2 "
                "remote].",
            ),
        ],
        None,
    ),
    "timeout": (
        Annotated[
            float | None,
            _opt(
                "--timeout", min=0.001, show_default=False,
                help="Seconds of silence allowed while a reply streams in [default: 600 for a "
                "server on this machine, 60 otherwise].",
            ),
        ],
        None,
    ),
    "max_tokens": (
        Annotated[int, _opt("--max-tokens", min=1, help="Longest reply allowed, in tokens.")],
        4096,
    ),
    "cache": (
        Annotated[
            CacheMode,
            _opt(
                "--cache",
                help="Reply cache: use, refresh (ask again), off, only (never ask; fail on a "
                "miss).",
            ),
        ],
        CacheMode.use,
    ),
    "usage": (
        Annotated[bool, _opt("--usage", "-u", help="Print tokens and estimated cost on stderr.")],
        False,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class ModelOptions:
    """The model options of one command line, built once (``with_model_options``)."""

    model: str | None = None
    offline: bool = False
    structured: Structured = Structured.auto
    max_attempts: int = 3
    retries: int | None = None
    timeout: float | None = None
    max_tokens: int = 4096
    cache: CacheMode = CacheMode.use
    usage: bool = False

    @property
    def model_name(self) -> str | None:
        """The model to ask, or None when drafting offline."""
        if self.offline or not self.model or not self.model.strip():
            return None
        return self.model.strip()

    def llm_options(self) -> dict[str, Any]:
        """Keywords for ``make_drafter`` and ``ModelJudge``."""
        return {
            "structured": self.structured.value,
            "max_attempts": self.max_attempts,
            "retries": self.retries,
            "timeout": self.timeout,
            "max_tokens": self.max_tokens,
            "cache": self.cache.value,
        }

    def drafter(self, output: Path | None = None) -> Drafter | None:
        """A ``ModelDrafter`` when a model is named and ``--offline`` is not given, else None.

        A failed reply is saved next to ``-o`` when there is one, else in the cache dir.
        """
        name = self.model_name
        if name is None:
            return None
        from ..drafters import make_drafter
        from ._spinner import spinner

        failed = output.with_name(f"{output.name}.reply.txt") if output is not None else None
        return make_drafter(name, progress=spinner, failed_reply_path=failed, **self.llm_options())


assert [f.name for f in fields(ModelOptions)] == list(_OPTIONS)


def with_model_options(
    *, leave_out: tuple[str, ...] = (), defaults: dict[str, Any] | None = None
) -> Callable[[F], F]:
    """Give a command the model options (all but ``leave_out``; ``defaults`` where the
    command's differ) and pass them to it as one ``options: ModelOptions`` keyword."""
    names = [n for n in _OPTIONS if n not in leave_out]
    default = {n: _OPTIONS[n][1] for n in names} | (defaults or {})

    def decorate(func: F) -> F:
        signature = inspect.signature(func, eval_str=True)
        params = [p for p in signature.parameters.values() if p.name != "options"]
        params += [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=_OPTIONS[name][0],
                default=default[name],
            )
            for name in names
        ]  # fmt: skip

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            options = ModelOptions(**{name: kwargs.pop(name) for name in names})
            return func(*args, options=options, **kwargs)

        command.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        return command  # type: ignore[return-value]

    return decorate


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
