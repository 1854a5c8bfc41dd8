"""Words in a posting that are not its own words about the job, blanked before the rules.

    https://ninja-tools.example/jobs         a URL, an e-mail or a domain
    “the ninjas of grant writing” — Review   a quotation someone else wrote about the company
    Project Ninja, the Salesman plugin        a code name or a product name

Each is blanked with spaces (offsets hold) so "ninja" in a URL or "young" in an
award's name is not read as the posting's wording. Scans are token by token or
quote by quote with ``str`` methods: linear in the text, whatever it holds.
"""

from __future__ import annotations

from .words import lazy

__all__ = ["mask_foreign"]

_TLDS = (".com", ".io", ".ai", ".org", ".net", ".dev", ".app", ".co", ".edu", ".gov", ".example")
_OPEN_CLOSE = (("“", "”"), ('"', '"'))
_AFTER = ("—", "–", "- ", "said", "says", "wrote", "writes", "according to", "by ")
_BEFORE = ("named", "named a", "named an", "named the", "called", "call us", "calls us", "voted")
_PRODUCT = lazy(
    r"\b(?:[Pp]roject|[Oo]peration|[Cc]ode ?name) [A-Z][\w-]*"
    r"|\b[A-Z][\w-]*(?= (?:app|apps|plugin|plug-in|API|SDK|library|integration|platform|"
    r"tool|tools|service|engine|framework|module|extension|bot|Games|Studios)\b)"
)


def _blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) range turned to spaces, in one pass."""
    if not ranges:
        return text
    out, pos = [], 0
    for start, end in ranges:
        start = max(start, pos)  # overlapping ranges (a quote inside a quote) merge
        if end > start:
            out += [text[pos:start], " " * (end - start)]
            pos = end
    out.append(text[pos:])
    return "".join(out)


def _is_address(token: str) -> bool:
    core = token.strip("()[]<>,.;:!?'\"“”")
    if "://" in core or core.lower().startswith("www."):
        return True
    if "@" in core and "." in core.rpartition("@")[2]:
        return True
    low = core.lower()
    return any(low.endswith(t) or (t + "/") in low for t in _TLDS) and "." in low.strip(".")


def _addresses(text: str) -> str:
    ranges, pos = [], 0
    for token in text.split():
        start = text.index(token, pos)
        pos = start + len(token)
        if _is_address(token):
            ranges.append((start, pos))
    return _blank(text, ranges)


def _quotes(text: str) -> str:
    ranges: list[tuple[int, int]] = []
    for opening, closing in _OPEN_CLOSE:
        start = text.find(opening)
        while start != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                break
            after = text[end + 1 : end + 40].lstrip(" ,.").lower()
            before = text[max(0, start - 20) : start].rstrip().lower()
            if (after.startswith(_AFTER) or before.endswith(_BEFORE)) and len(
                text[start + 1 : end].split(None, 2)
            ) >= 2:
                ranges.append((start + 1, end))
            start = text.find(opening, end + 1)
    return _blank(text, sorted(set(ranges)))


def mask_foreign(text: str) -> str:
    """``text`` with URLs, quotations by others and product or code names blanked."""
    if "." in text or "@" in text:
        text = _addresses(text)
    if "“" in text or '"' in text:
        text = _quotes(text)
    return _PRODUCT.sub(lambda m: " " * len(m.group(0)), text)
