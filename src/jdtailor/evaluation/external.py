"""A posting written elsewhere — by hand, by another tool, by a model — as a ``JobPosting``.

The eval scores any posting against its company.md: a Markdown or plain-text file is
read with lint's parser (the one that reads anyone's posting), a ``.json`` file is
taken as jdtailor's own posting JSON. A posting from text has no sources, so its
bullets carry none and the grounded scorer leaves it out. Facts are matched to the
context the way a reader would: a location or benefit that says what the context
says counts as the context's (the eval then checks them with ``grounding``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..context import CompanyContext
from ..posting import Bullet, JobPosting, Pay
from ..text import restates

__all__ = [
    "POSTING_SUFFIXES",
    "find_posting",
    "posting_from_text",
    "read_posting",
    "score_text",
]

POSTING_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".json")
_WORKPLACE = (
    ("remote", re.compile(r"\b(?:fully )?remote\b(?!-friendly)", re.I)),
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("onsite", re.compile(r"\bon[- ]?site\b|\bin[- ]person\b|\bin the office\b", re.I)),
)
_URL = re.compile(r"https?://\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_PAY_LINE = re.compile(
    r"\b(?:pay|salary|pay range|compensation)\W{0,3}:\W{0,3}\s*([^·|\n]+)", re.IGNORECASE
)


def _same(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower() or restates(a, b, 0.8)


def _stated_pay(text: str) -> Pay | None:
    """The pay on a "Pay: ..." line, read with the context's own salary parser."""
    from ..context import parse_salary
    from ..errors import ContextError

    for m in _PAY_LINE.finditer(text):
        value = m.group(1).strip(" *_.")
        if "CA$" in value:  # how the renderer writes Canadian dollars
            value = re.sub(r"(?<!\s)\s*per\s+", " CAD per ", value.replace("CA$", ""), count=1)
        try:
            return parse_salary(value, "pay")
        except ContextError:
            continue
    return None


def _pay(stated: Pay | None, amounts: list[float], ctx: CompanyContext) -> Pay | None:
    """The context's pay when the posting states the same figures, else the figures as
    stated (currency and period from the context when the posting does not say)."""
    if stated is not None:
        amounts = [stated.min, stated.max]
    if not amounts:
        return None
    lo, hi = min(amounts), max(amounts)
    sal = ctx.salary
    if sal is not None and {lo, hi} == {sal.min, sal.max}:
        return sal
    if stated is not None:
        return stated
    currency = sal.currency if sal is not None else "USD"
    period = sal.period if sal is not None else "year"
    return Pay(min=lo, max=hi, currency=currency, period=period)


def posting_from_text(text: str, ctx: CompanyContext) -> JobPosting:
    """Read a Markdown or plain-text posting into the posting contract; never raises."""
    from ..lint.parse import parse_text

    doc = parse_text(text)

    def bullets(section: str) -> list[Bullet]:
        return [Bullet(text=s.text, sources=[]) for s in getattr(doc, section)]

    location = doc.location.text if doc.location else None
    if location and any(rx.fullmatch(location.strip(" ()")) for _, rx in _WORKPLACE):
        location = None  # "Location: Remote" names the workplace, not a place
    if location and ctx.location and _same(location, ctx.location):
        location = ctx.location
    said = [w for w, rx in _WORKPLACE if rx.search(text)]
    # "remote" may be a word in a duty; the context's own workplace, when said, is the one
    workplace = ctx.workplace if ctx.workplace in said else next(iter(said), None)
    benefits = []
    for span in doc.benefits:
        if _PAY_LINE.match(span.text):
            continue  # "Pay: ..." listed with the benefits is the pay
        match = next((b for b in ctx.benefits if _same(span.text, b)), None)
        benefits.append(match or span.text)
    company = doc.company or ""
    if ctx.company and (not company or _same(company, ctx.company)):
        company = ctx.company if ctx.company.lower() in text.lower() else company
    apply = None
    for span in doc.apply + doc.about + doc.other:
        m = _URL.search(span.text)
        if m:
            apply = m.group(0).rstrip(".,)")
            break
    if apply and ctx.apply and apply.rstrip("/") == ctx.apply.rstrip("/"):
        apply = ctx.apply
    summary = " ".join(s.text for s in doc.summary + doc.why)
    return JobPosting(
        title=doc.title.text if doc.title else "",
        company=company,
        location=location,
        workplace=workplace,  # type: ignore[arg-type]
        employment_type=ctx.employment_type if ctx.employment_type else None,
        summary=summary,
        responsibilities=bullets("responsibilities"),
        requirements=bullets("requirements"),
        nice_to_haves=bullets("nice_to_haves"),
        benefits=benefits,
        pay=_pay(_stated_pay(text), doc.pay.amounts if doc.pay else [], ctx),
        about=" ".join(s.text for s in doc.about + doc.other) or None,
        apply=apply,
    )


def read_posting(path: Path, ctx: CompanyContext) -> tuple[JobPosting, str]:
    """A posting file (JSON as ``draft -f json`` writes it, HTML, Markdown or text) and
    its text as a reader sees it."""
    from ..errors import PostingFileError
    from ..posting_file import parse_posting, read_posting_text

    text, where = read_posting_text(path, hint="pass a posting in Markdown, text, HTML or JSON")
    if where.lower().endswith(".json") or text.lstrip().startswith("{"):
        from ..render import render

        posting = parse_posting(text, where)
        return posting, render(posting, "md")
    from ..reading.html import html_to_text, looks_like_html

    if where.lower().endswith((".html", ".htm")) or looks_like_html(text):
        text, _ = html_to_text(text)
        if not text.strip():
            raise PostingFileError(f"{where}: holds no text outside its HTML tags")
    return posting_from_text(text, ctx), text


def find_posting(folder: Path, case_id: str) -> Path | None:
    """``<case_id>.md`` (or .markdown, .txt, .html, .json) in ``folder``, if there is one."""
    for suffix in POSTING_SUFFIXES:
        path = folder / f"{case_id}{suffix}"
        if path.is_file():
            return path
    return None


def score_text(
    case: Any, ctx: CompanyContext, context_text: str, text: str, corpus: Any
) -> dict[str, Any]:
    """Every scorer's verdict on a Markdown or plain-text posting (no sources to check)."""
    from ..lint import lint_text
    from .scorers import Subject, score_all

    posting = posting_from_text(text, ctx)
    report = lint_text(text, ctx)
    subject = Subject(case, ctx, context_text, posting, None, text, report, corpus, [], False)
    return score_all(subject)
