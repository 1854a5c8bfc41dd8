"""The line lexer for the Markdown people write: company.md, postings, imported postings.

One reader, three users (``context``, ``lint.parse``, ``corpus.importer``). Each
function looks at one line and answers in time linear in its length: no regex
with overlapping quantifiers sees user text, so a 2,000-space heading or 16,000
unclosed links cost microseconds, not minutes. Block structure (which heading a
line belongs to, what makes a title) stays with each caller; the lexemes are here.

markdown-it-py was measured as the alternative: importing it costs ~40 ms, as much
as pydantic, jinja2, typer and yaml together (the offline ``draft`` budget is 2x
that floor), and it knows nothing of label lines ("Requirements:") or bold-line
headings that postings use. Job-board layouts (issue 16) extend the functions here.
"""

from __future__ import annotations

__all__ = [
    "atx_heading",
    "bold_line",
    "bullet",
    "fence",
    "front_matter_end",
    "inline_plain",
    "label_line",
    "setext_underline",
    "split_lines",
]

BULLET_MARKS = frozenset("-*+•·▪◦‣–")
_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '’/&-")


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` whatever its line ends (CRLF, LF+CR, CR)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\n\r", "\n").replace("\r", "\n")
    return text.split("\n")


def front_matter_end(lines: list[str]) -> int | None:
    """Index of the line closing YAML front matter opened by a first ``---`` line.

    None when there is no front matter, -1 when it is opened and never closed.
    """
    if not lines or lines[0].strip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return end
    return -1


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a ``# Heading`` line (up to three spaces before it), else None.

    A closing run of ``#`` is dropped when a space precedes it (``## C#`` keeps its ``#``).
    """
    s = line.lstrip(" ")
    if len(line) - len(s) > 3 or not s.startswith("#"):
        return None
    level = len(s) - len(s.lstrip("#"))
    rest = s[level:]
    if level > 6 or not rest[:1].isspace():
        return None
    text = rest.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1].isspace()):
        text = bare.rstrip()
    return level, text


def bullet(line: str, *, letters: bool = False) -> tuple[int, str] | None:
    """(indent, text) of a list item: ``-``, ``*``, ``•``..., ``1.``/``1)``; ``a)`` with letters."""
    s = line.lstrip()
    if not s:
        return None
    if s[0] in BULLET_MARKS:
        width = 1
    else:
        digits = 0
        while digits < len(s) and digits < 4 and "0" <= s[digits] <= "9":
            digits += 1
        if 1 <= digits <= 3 and s[digits : digits + 1] in (".", ")"):
            width = digits + 1
        elif letters and "a" <= s[0] <= "z" and s[1:2] in (".", ")"):
            width = 2
        else:
            return None
    rest = s[width:]
    if not rest[:1].isspace():
        return None
    return len(line) - len(s), rest.strip()


def fence(line: str) -> bool:
    """Whether ``line`` opens or closes a code fence (three backticks or tildes)."""
    return line.lstrip().startswith(("```", "~~~"))


def setext_underline(line: str) -> bool:
    """``===`` or ``---`` (three or more) under a line makes that line a heading."""
    s = line.strip()
    if not s or s[0] not in "=-":  # most lines: no set built
        return False
    return set(s) == {"="} or (len(s) >= 3 and set(s) == {"-"})


def bold_line(line: str) -> str | None:
    """The text of a line that is only bold (``**Requirements**`` or ``__Pay__:``)."""
    s = line.strip()
    if s.endswith(":"):
        s = s[:-1].rstrip()
    if len(s) < 6 or s[:2] not in ("**", "__") or s[-2:] not in ("**", "__"):
        return None
    inner = s[2:-2]
    if not 2 <= len(inner) <= 80 or "*" in inner or "_" in inner:
        return None
    return inner.strip()


def label_line(line: str, *, max_len: int = 61) -> str | None:
    """The label of a line that is only ``Label:`` (letters, spaces, ``'/&-``)."""
    s = line.strip()
    if not s.endswith(":"):
        return None
    label = s[:-1]
    if not 2 <= len(label) <= max_len or not ("a" <= label[0].lower() <= "z"):
        return None
    if not all(ch in _LABEL_CHARS for ch in label):
        return None
    return label.strip()


def _unlink(text: str) -> str:
    """``[text](url)`` as ``text``, in one pass."""
    out: list[str] = []
    i = 0
    while True:
        start = text.find("[", i)
        if start == -1:
            break
        close = text.find("](", start + 1)
        if close == -1:
            break
        inner = text[start + 1 : close]
        if not inner or "]" in inner or "[" in inner:
            out.append(text[i : start + 1])
            i = start + 1
            continue
        end = text.find(")", close + 2)
        if end == -1:
            break  # no ')' anywhere after: no later link can close either
        out.append(text[i:start])
        out.append(inner)
        i = end + 1
    out.append(text[i:])
    return "".join(out)


def _unbold(text: str) -> str:
    """``**x**`` and ``__x__`` as ``x``, pairing markers left to right in one pass."""
    for mark in ("**", "__"):
        if text.count(mark) < 2:
            continue
        out: list[str] = []
        i = 0
        while True:
            start = text.find(mark, i)
            if start == -1:
                break
            end = text.find(mark, start + 3)  # at least one character inside
            if end == -1:
                break
            out.append(text[i:start])
            out.append(text[start + 2 : end])
            i = end + 2
        out.append(text[i:])
        text = "".join(out)
    return text


def inline_plain(text: str) -> str:
    """Text with bold markers and link targets removed (``**Pay**`` -> ``Pay``), stripped."""
    if "**" in text or "__" in text:
        text = _unbold(text)
    if "](" in text:
        text = _unlink(text)
    return text.strip()
