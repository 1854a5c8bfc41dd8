"""HTML to text in one linear pass: the one HTML reader for company.md and postings.

Python's ``html.parser`` takes quadratic time on unclosed constructs (20,000 ``<a ``
take over a minute) and raises on some marked sections (``<![foo[bar]]>``), so
tags are found here by a small scanner that never looks at a character twice
more than a constant number of times. Two views of the same tokens:

* ``html_to_text``: a saved job page as the Markdown-like text lint reads
  (headings as ``#``, list items as ``- ``, each line with the HTML line it came from);
* ``strip_html``: HTML pasted into Markdown (company.md), tags out, lines kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["html_to_text", "looks_like_html", "strip_html", "unescape"]

_HEADINGS = {f"h{n}": "#" * n + " " for n in range(1, 7)}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
    "tr", "ul", *_HEADINGS,
}  # fmt: skip
_SKIPPED = {"head", "noscript", "script", "style", "svg", "template", "title"}
_RAW = ("script", "style")  # their content is not markup: skip to the closing tag
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-:")
# a character reference too long to be one (html.unescape would raise on 5,000 digits)
_LONG_REF = re.compile(r"&#(?:[xX][0-9a-fA-F]{7,}|[0-9]{8,});?")


def unescape(text: str) -> str:
    """``html.unescape`` that cannot raise on an absurd numeric reference."""
    if "&" not in text:
        return text
    import html

    if "&#" in text:
        text = _LONG_REF.sub("\ufffd", text)
    return html.unescape(text)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than Markdown or prose."""
    start = text.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<body", "<div", "<p>", "<h1", "<ul"))


def _tag_end(text: str, i: int) -> int:
    """Index just past the ``>`` closing the tag that starts at ``i`` (quotes respected), or -1."""
    quote = ""
    n = len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch == ">":
            return i + 1
        elif ch in "\"'":
            quote = ch
        i += 1
    return -1


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, value, offset): kind is "text", "start" or "end"; tag names in lower case."""
    low = text.lower()
    n = len(text)
    i = 0
    while i < n:
        lt = text.find("<", i)
        if lt == -1:
            yield "text", text[i:], i
            return
        if lt > i:
            yield "text", text[i:lt], i
        nxt = text[lt + 1 : lt + 2]
        if text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            i = n if end == -1 else end + 3  # an unclosed comment runs to the end, as in browsers
            continue
        if text.startswith("<![CDATA[", lt):
            end = text.find("]]>", lt + 9)
            yield "text", text[lt + 9 : n if end == -1 else end], lt
            i = n if end == -1 else end + 3
            continue
        if nxt in ("!", "?"):  # a declaration or processing instruction: dropped
            end = text.find(">", lt + 2)
            i = n if end == -1 else end + 1
            continue
        closing = nxt == "/"
        start = lt + 2 if closing else lt + 1
        j = start
        while j < n and low[j] in _NAME_CHARS:
            j += 1
        if j == start or not low[start].isalpha():
            yield "text", "<", lt
            i = lt + 1
            continue
        name = low[start:j]
        end = _tag_end(text, j)
        if end == -1:  # never closed: the rest is text, and no later tag can close either
            yield "text", text[lt:], lt
            return
        yield ("end" if closing else "start"), name, lt
        i = end
        if not closing and name in _RAW and not text[j:end].rstrip(">").rstrip().endswith("/"):
            close = low.find(f"</{name}", end)
            i = n if close == -1 else close


class _Lines:
    """Offsets to 1-based line numbers, walking forward only (linear overall)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset > self.pos:
            self.line += self.text.count("\n", self.pos, offset)
            self.pos = offset
        return self.line


def html_to_text(html: str) -> tuple[str, list[int]]:
    """The posting as lintable text, and for each of its lines the HTML line it came from."""
    where = _Lines(html)
    blocks: list[tuple[str, int]] = []  # (text, line in the HTML)
    parts: list[str] = []
    state: dict = {"line": 1, "prefix": "", "started": False}
    skipping = 0
    after_dt = False

    def flush() -> None:
        text = " ".join(unescape("".join(parts)).split())
        if text:
            blocks.append((state["prefix"] + text, state["line"]))
        parts.clear()
        state["prefix"] = ""
        state["started"] = False

    for kind, value, offset in _tokens(html):
        if kind == "text":
            if skipping:
                continue
            if not state["started"] and value.strip():
                lead = len(value) - len(value.lstrip())
                state["line"] = where.at(offset + lead)
                state["started"] = True
            parts.append(value)
        elif kind == "start":
            if value in _SKIPPED:
                skipping += 1
            elif value == "dd" and after_dt:  # <dt>Pay</dt><dd>$90k</dd> reads "Pay: $90k"
                after_dt = False
            elif value == "br" and state["prefix"].startswith("#"):
                parts.append(" ")  # <h2>Minimum Standards for<br>a Guard</h2>: one heading
            elif value in _BLOCKS and not skipping:
                flush()
                state["line"] = where.at(offset)
                state["prefix"] = _HEADINGS.get(value, "- " if value == "li" else "")
        else:
            if value in _SKIPPED:
                skipping = max(0, skipping - 1)
            elif value == "dt" and not skipping and state["started"]:
                parts.append(": ")
                after_dt = True
            elif value in _BLOCKS and not skipping:
                flush()
    flush()
    out: list[str] = []
    origin: list[int] = []
    for n, (text, line) in enumerate(blocks):
        # a blank line between blocks, except between items of one list
        if n and not (text.startswith("- ") and out[-1].startswith("- ")):
            out.append("")
            origin.append(line)
        out.append(text)
        origin.append(line)
    return ("\n".join(out) + "\n" if out else ""), origin


_BREAKS = {"br", "p", "div", "li", *_HEADINGS}


def strip_html(text: str) -> str:
    """Plain text from text pasted with HTML in it: scripts, styles and comments go
    entirely, list items become bullets, other tags are dropped and entities decoded.
    Line breaks in the text are kept."""
    if "<" not in text and "&" not in text:
        return text
    out: list[str] = []
    for kind, value, _ in _tokens(text):
        if kind == "text":
            out.append(value)
        elif kind == "start" and value == "li":
            out.append("\n- ")
        elif value == "br" or (kind == "end" and value in _BREAKS):
            out.append("\n")
    return unescape("".join(out))
