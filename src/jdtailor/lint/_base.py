"""What the rule modules share: the check signature, finding helper, token sets, levels."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..context import CompanyContext
from ..levels import title_level
from ..levels import title_level_word as title_level_word
from ..levels import years_asked as years_asked
from .foreign import mask_foreign
from .model import Finding, Severity
from .parse import ParsedPosting, Span
from .words import Phrases, lazy, mask, words_in

__all__ = [
    "Check",
    "content_tokens",
    "driving_role",
    "finding",
    "level_of",
    "physical_role",
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
        self._body: list[tuple[Span, str]] | None = None
        self._index: dict[str, list[int]] | None = None
        self._joined: str | None = None

    def masked(self, span: Span) -> str:
        """The span's text with company names blanked, so "Driven Labs" is not a trait,
        and with URLs, quotations by others and product names blanked (see ``foreign``)."""
        got = self._masked.get(span.text)
        if got is None:
            text = mask(span.text, self.names) if self.names else span.text
            got = self._masked[span.text] = mask_foreign(text)
        return got

    # A long posting has tens of thousands of spans and each rule family looks for a few
    # phrase lists and patterns in every one; most spans hold none of them. These find
    # the spans worth reading in one pass (lint of 1 MB of one-line items: see CHANGELOG).

    def body(self) -> list[tuple[Span, str]]:
        """Every body span with its masked text, in order."""
        if self._body is None:
            self._body = [(span, self.masked(span)) for span in self.doc.body()]
        return self._body

    def having(self, phrases: Phrases) -> list[tuple[Span, str]]:
        """The body spans (with masked text) holding a word some phrase starts with, in
        order: no other span can hold one of ``phrases``."""
        body = self.body()
        if self._index is None:
            self._index = {}
            for i, (_, text) in enumerate(body):
                for word in words_in(text):
                    self._index.setdefault(word, []).append(i)
        hits: set[int] = set()
        for word in phrases.firsts.intersection(self._index):
            hits.update(self._index[word])
        return [body[i] for i in sorted(hits)]

    def may_match(self, *patterns: re.Pattern[str]) -> bool:
        """Whether any of ``patterns`` matches in the masked body, read as one text.

        False means no span holds a match: for patterns with no ``^``/``$`` anchors the
        text around a span (joined by NUL, which is neither a word nor a space) changes
        nothing a span's own match needs.
        """
        if self._joined is None:
            self._joined = "\0".join(text for _, text in self.body())
        return any(p.search(self._joined) for p in patterns)


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


# A job whose essential tasks are physical: its title names the trade, or its text
# shows two kinds of hands-on work (a kitchen line, pallets, patient transfers...).
_PHYSICAL_TITLE = frozenset(
    """
    warehouse electrician nurse nursing aide cna technician tech installer mover driver
    picker packer loader stocker cook chef server housekeeper housekeeping porter laborer
    labourer construction mechanic caregiver carpenter plumber welder associate cashier
    barista fulfillment fulfilment courier attendant custodian janitor dishwasher steward
    guard security veterinary vet kennel groomer landscaper groundskeeper painter roofer
    handler operator forklift stock assembler machinist trucker hvac apprentice helper
    busser bartender host housekeeper cleaner sanitation lifeguard caretaker orderly
    """.split()
)
_HANDS_ON = lazy(
    r"\b(forklifts?|pallet jacks?|pallets?|loading docks?|mise en place|fryers?|broiler|"
    r"prep cook|line cooks?|cook line|kitchen equipment|patient care|bathing|toileting|"
    r"transfers|vital signs|tractor[- ]trailers?|cdl|dot physical|pre-trip|guest rooms?|"
    r"linens|vacuuming|mopping|shelves|job ?sites?|ladders?|hand tools|power tools|"
    r"kennels?|animals|cash registers?|dishes|restock(?:ing)?|unload(?:ing)?|"
    r"essential (?:duties|duty|functions?)|reasonable accommodations?)\b",
    re.IGNORECASE,
)
_DRIVING = lazy(
    r"\b(?:cdl|commercial driver'?s? licen[cs]e|dot physical|tractor[- ]trailers?|fmcsa|"
    r"cmv|class [ab] (?:cdl|licen[cs]e|driver))\b",
    re.IGNORECASE,
)


def _title_words(check: Check) -> set[str]:
    if check.doc.title is None:
        return set()
    words = re.findall(r"[a-z]+", check.doc.title.text.lower())
    return {w[:-1] if w.endswith("s") and w[:-1] in _PHYSICAL_TITLE else w for w in words}


def physical_role(check: Check) -> bool:
    """Whether lifting, standing or driving is plausibly an essential function here."""
    if _title_words(check) & _PHYSICAL_TITLE:
        return True
    text = " ".join(s.text for s in check.doc.body())
    return len({m.group(1).lower().rstrip("s") for m in _HANDS_ON.finditer(text)}) >= 2


def driving_role(check: Check) -> bool:
    """Whether the job is driving a vehicle, where carriers and the law set ages."""
    if _title_words(check) & {"driver", "trucker", "chauffeur", "courier", "cdl"}:
        return True
    return any(_DRIVING.search(s.text) for s in check.doc.body())
