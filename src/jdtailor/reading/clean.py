"""Text as it may reach output or a prompt: no control characters, no escape sequences."""

from __future__ import annotations

import re

__all__ = ["clean_text", "clean_values", "one_line", "shown"]

# ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), and any other ESC pair.
# The three classes of a CSI are disjoint, so the match is linear.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
# C0 controls except tab and newline, DEL, C1 controls, lone surrogates, and the bidi
# embeddings, overrides and isolates (U+202A-E, U+2066-9) that make text read in an order
# other than it is stored ("Trojan Source"); right-to-left text needs none of them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """``text`` with line ends as ``\\n`` and no terminal escapes or control characters.

    CRLF, LF+CR and lone CR all become LF; tabs and newlines stay; bidi overrides go.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\n\r", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_values(value: object) -> object:
    """Every string in parsed JSON cleaned as ``clean_text`` does: a JSON escape
    (``\\u001b``) makes a control character after the file's text was cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_values(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_values(v) for k, v in value.items()}
    return value


def one_line(text: str, limit: int = 200) -> str:
    """A field that stands on one line (a role, a company): clean, spaces collapsed, bounded."""
    text = _SPACES.sub(" ", clean_text(text)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown(value: object, limit: int = 80) -> str:
    """``repr(value)`` for a message, at most ``limit`` characters (a bad value can be huge)."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit]
        out = repr(clean_text(text))
        return out if len(value) <= limit else out[:-1] + "…" + out[-1]
    if isinstance(value, (dict, list, tuple, set)):
        return f"a {type(value).__name__} of {len(value)}"
    try:
        out = repr(value)
    except (ValueError, RecursionError):  # a 5,000-digit int cannot even be shown
        return f"a {type(value).__name__}"
    return out if len(out) <= limit else out[: limit - 1] + "…"
