"""What the rule modules share: the check signature, finding helper, token sets, levels."""

from __future__ import annotations

from collections.abc import Mapping

from ..context import CompanyContext
from ..levels import title_level
from ..levels import title_level_word as title_level_word
from ..levels import years_asked as years_asked
from .foreign import mask_foreign
from .model import Finding, Severity
from .parse import ParsedPosting, Span
from .words import lazy, mask

__all__ = [
    "Check",
    "content_tokens",
    "finding",
    "level_of",
    "overlap",
    "title_level_word",
    "years_asked",
]


class Check:
    """One lint run: the parsed posting, the optional context, names to leave alone."""

    def __init__(
        self,
        doc: ParsedPosting,
        ctx: CompanyContext | None,
        names: list[str] | None = None,
        candidates: Mapping[str, str] | None = None,
    ) -> None:
        self.doc = doc
        self.ctx = ctx
        self.names = names or []
        # corpus id -> text, where the caller knows them (a bullet is held to its item)
        self.candidates: Mapping[str, str] = candidates or {}
        self._masked: dict[str, str] = {}  # every rule module asks for every span

    def masked(self, span: Span) -> str:
        """The span's text with company names blanked, so "Driven Labs" is not a trait,
        and with URLs, quotations by others and product names blanked (see ``foreign``)."""
        got = self._masked.get(span.text)
        if got is None:
            text = mask(span.text, self.names) if self.names else span.text
            got = self._masked[span.text] = mask_foreign(text)
        return got


def finding(
    rule: str,
    severity: Severity,
    message: str,
    *,
    span: Span | None = None,
    text: str | None = None,
    line: int | None = None,
    suggestion: str | None = None,
) -> Finding:
    family = rule.split("/", 1)[0]
    return Finding(
        rule=rule,
        family=family,
        severity=severity,
        message=message,
        text=text if text is not None else (span.text if span else None),
        line=line if line is not None else (span.line if span else None),
        suggestion=suggestion,
    )


_TOKEN = lazy(r"[a-z0-9][a-z0-9+#]*")
STOPWORDS = frozenset(
    """
    a an and are as at be by can for from has have in into is it its of on or our that the
    their them this to we with you your will who what when which while more than other any
    all each per via able using use work working well also across such both not but they
    """.split()
)


def content_tokens(text: str) -> set[str]:
    """Lower-case content words cut to five letters, so "renewals" meets "renewal"."""
    return {t[:5] for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS and len(t) > 2}


def overlap(part: set[str], whole: set[str]) -> float:
    """Share of ``part`` found in ``whole`` (0 when ``part`` is empty)."""
    return len(part & whole) / len(part) if part else 0.0


def level_of(check: Check) -> str | None:
    """The role's level: the context's seniority, else a level word in the title."""
    if check.ctx is not None and check.ctx.seniority:
        return check.ctx.seniority
    if check.doc.title is None:
        return None
    return title_level(check.doc.title.text)
