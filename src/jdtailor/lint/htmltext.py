"""An HTML posting (a saved job page, or the page ``draft -f html`` writes) as the
Markdown-like text lint reads: headings as ``#``, list items as ``- ``, paragraphs
as lines. Scripts, styles and the page head are dropped. Each output line keeps
the line of the HTML it came from, so findings point into the file the user has.
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_HEADINGS = {f"h{n}": "#" * n + " " for n in range(1, 7)}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
    "tr", "ul", *_HEADINGS,
}  # fmt: skip
_SKIPPED = {"head", "noscript", "script", "style", "svg", "template", "title"}


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than Markdown or prose."""
    start = text.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<body", "<div", "<p>", "<h1", "<ul"))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, int]] = []  # (text, line in the HTML)
        self._parts: list[str] = []
        self._line = 1
        self._prefix = ""
        self._skipping = 0
        self._after_dt = False

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.lines.append((self._prefix + text, self._line))
        self._parts, self._prefix = [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "dd" and self._after_dt:  # <dt>Pay</dt><dd>$90k</dd> reads "Pay: $90k"
            self._after_dt = False
        elif tag in _BLOCKS and not self._skipping:
            self._flush()
            self._line = self.getpos()[0]
            self._prefix = _HEADINGS.get(tag, "- " if tag == "li" else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "dt" and not self._skipping and "".join(self._parts).strip():
            self._parts.append(": ")
            self._after_dt = True
        elif tag in _BLOCKS and not self._skipping:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if not "".join(self._parts).strip() and data.strip():
            self._line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._parts.append(data)


def html_to_text(html: str) -> tuple[str, list[int]]:
    """The posting as lintable text, and for each of its lines the HTML line it came from."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    out: list[str] = []
    origin: list[int] = []
    for n, (text, line) in enumerate(parser.lines):
        # a blank line between blocks, except between items of one list
        if n and not (text.startswith("- ") and out[-1].startswith("- ")):
            out.append("")
            origin.append(line)
        out.append(text)
        origin.append(line)
    return ("\n".join(out) + "\n" if out else ""), origin
