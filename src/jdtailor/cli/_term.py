"""Terminal conventions in one place: colour, width and rich, for every command.

Colour is used only when the stream is a terminal, ``NO_COLOR`` is unset or empty
(https://no-color.org) and ``TERM`` is not ``dumb``; ``FORCE_COLOR`` turns it on
for a pipe. Width is the terminal's (``COLUMNS`` wins), 80 when unknown. Plain
styles are ANSI codes written here, so a command that only colours a word never
imports rich; :func:`console` imports rich lazily for tables.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["colour", "console", "isatty", "paint", "paint_lines", "width"]

# SGR codes for the handful of styles the commands use.
_STYLES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "bold red": "1;31",
    "bold green": "1;32",
    "bold yellow": "1;33",
}


def isatty(stream: Any) -> bool:
    """True when ``stream`` is an open terminal (False for pipes, files, closed streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def colour(stream: TextIO | None = None) -> bool:
    """Whether to colour what is written to ``stream`` (stdout by default)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return isatty(sys.stdout if stream is None else stream)


def width(stream: TextIO | None = None, default: int = 80) -> int:
    """Columns to wrap at: ``COLUMNS``, else the terminal's, else ``default`` (at least 40)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return max(int(env), 40)
    stream = sys.stdout if stream is None else stream
    if isatty(stream):
        try:
            return max(os.get_terminal_size(stream.fileno()).columns, 40)
        except (OSError, ValueError, AttributeError):
            pass
    return default


def paint(text: str, style: str, on: bool) -> str:
    """``text`` in ``style`` (e.g. ``"bold red"``) when ``on``; unchanged otherwise."""
    code = _STYLES.get(style)
    if not on or not code or not text:
        return text
    return f"\x1b[{code}m{text}\x1b[0m"


def paint_lines(text: str, style_of: Callable[[str], str | None], on: bool) -> str:
    """``text`` with each line painted in the style ``style_of(line)`` names (None: plain)."""
    if not on:
        return text
    out = []
    for line in text.split("\n"):
        style = style_of(line)
        out.append(paint(line, style, True) if style else line)
    return "\n".join(out)


def console(stream: TextIO | None = None) -> Console:
    """A rich ``Console`` on ``stream`` that follows the rules above (rich imported here)."""
    from rich.console import Console

    stream = sys.stdout if stream is None else stream
    on = colour(stream)
    return Console(
        file=stream,
        width=width(stream),
        color_system="standard" if on else None,
        force_terminal=on,
        no_color=not on,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
