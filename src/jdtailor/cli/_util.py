"""What every command shares: error mapping and stderr output."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..errors import (
    GroundingError,
    InputError,
    JdtailorError,
    ModelConfigError,
    ModelError,
    RepairFailedError,
    TruncatedReplyError,
)

F = TypeVar("F", bound=Callable[..., Any])

# The --corpus option every command that reads the corpus takes.
CorpusDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--corpus",
        metavar="DIR",
        help="Extra corpus directory layered over the built-in one (repeatable).",
    ),
]


MAX_MESSAGE = 2000  # characters of one stderr line; a message quoting a huge input is cut


def for_terminal(message: str) -> str:
    """A message safe to print: no API key, no escape sequences, bounded length."""
    import os

    from ..reading.clean import clean_text

    key = os.environ.get("OPENAI_API_KEY", "").strip()
    if len(key) >= 8 and key in message:
        message = message.replace(key, "***")
    message = clean_text(message)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


class _OutputPath(type(Path())):  # type: ignore[misc]
    """A ``Path`` that remembers the user typed a trailing slash (``-o newdir/``)."""

    folder = False


def output_path(value: str) -> Path:
    """Parser for ``-o``: pathlib drops a trailing slash, so it is noted for ``check_writable``."""
    path = _OutputPath(value)
    path.folder = value.endswith(("/", "\\")) and len(value) > 1
    return path


# Exit codes by error class, most specific first (README's table).
EXIT_CODES: tuple[tuple[type[JdtailorError], int], ...] = (
    (InputError, 2),
    (ModelConfigError, 2),
    (GroundingError, 3),
    (RepairFailedError, 3),
    (TruncatedReplyError, 3),
    (ModelError, 4),
    (JdtailorError, 1),
)


def exit_code(exc: JdtailorError) -> int:
    """The exit code for ``exc``: the first class in ``EXIT_CODES`` it is an instance of."""
    return next(code for cls, code in EXIT_CODES if isinstance(exc, cls))


def say(message: str) -> None:
    """One line for the user on stderr (stdout carries only the requested output)."""
    print(f"jdtailor: {for_terminal(message)}", file=sys.stderr)


def handles_errors(func: F) -> F:
    """Turn a ``JdtailorError`` into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except JdtailorError as exc:
            print(f"jdtailor: error: {for_terminal(exc.message)}", file=sys.stderr)
            raise typer.Exit(exit_code(exc)) from None
        except KeyboardInterrupt:
            print("jdtailor: interrupted", file=sys.stderr)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except OSError as exc:  # the system said no: permissions, disk full, a vanished folder
            where = exc.filename2 or exc.filename
            what = f"{where}: {exc.strerror or exc}" if where else str(exc.strerror or exc)
            print(f"jdtailor: error: {for_terminal(what)}; nothing was written", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]
