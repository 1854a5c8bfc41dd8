"""Lint a posting for the faults recruiters are warned about.

    lint_posting(JobPosting, ctx?) ──┐
    lint_text(markdown, ctx?) ───────┼─▶ ParsedPosting ──rules──▶ LintReport
    lint_file(path, ctx?) ───────────┘     (line numbers)          (findings, score)
    (Markdown, text, HTML or JSON)

One module per rule family: gender, inclusion, requirements, filler, structure,
readability, title, fabrication (with a context only). Findings are advisory; the
CLI decides what fails. Nothing here is heavy to import: the draft path runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..context import CompanyContext
from ..errors import PostingFileError
from ..posting import JobPosting
from . import (
    bias,
    fabrication,
    filler,
    gender,
    inclusion,
    readability,
    requirements,
    structure,
    title,
)
from ._base import Check
from .model import FAMILIES, SEVERITIES, FamilyScore, Finding, LintReport, Severity, score
from .parse import ParsedPosting, Span, from_posting, parse_text

__all__ = [
    "FAMILIES",
    "SEVERITIES",
    "FamilyScore",
    "Finding",
    "LintReport",
    "ParsedPosting",
    "Severity",
    "Span",
    "lint_file",
    "lint_parsed",
    "lint_posting",
    "lint_text",
    "parse_text",
]

_RULES = (title, structure, requirements, filler, gender, inclusion, bias, fabrication)


def lint_parsed(
    doc: ParsedPosting,
    ctx: CompanyContext | None = None,
    *,
    source: str | None = None,
    candidates: Iterable[object] | None = None,
) -> LintReport:
    """Run every rule over an already parsed posting. ``candidates`` (corpus items, or
    id -> text) let the fabrication family hold each bullet to the item it cites."""
    from ..citations import candidate_texts

    names = [n for n in {doc.company, ctx.company if ctx else None} if n]
    texts = candidate_texts(candidates) if candidates is not None else None
    check = Check(doc=doc, ctx=ctx, names=names, candidates=texts)
    findings: list[Finding] = []
    for rule in _RULES:
        findings += rule.check(check)
    more, words, grade = readability.check(check)
    findings += more
    findings.sort(key=lambda f: (f.line or 0, SEVERITIES.index(f.severity), f.rule))
    total, breakdown = score(findings, with_context=ctx is not None)
    return LintReport(
        source=source, findings=findings, score=total, breakdown=breakdown, words=words,
        grade=grade if words else None,
    )  # fmt: skip


def lint_posting(
    posting: JobPosting,
    ctx: CompanyContext | None = None,
    *,
    candidates: Iterable[object] | None = None,
) -> LintReport:
    """Lint a ``JobPosting``; lines refer to its Markdown rendering (what ``draft`` prints).
    ``candidates``: the corpus items it was drafted from, if known."""
    return lint_parsed(from_posting(posting), ctx, candidates=candidates)


def lint_text(
    text: str, ctx: CompanyContext | None = None, *, source: str | None = None
) -> LintReport:
    """Lint a Markdown or plain-text posting, whoever wrote it."""
    return lint_parsed(parse_text(text), ctx, source=source)


def lint_file(
    path: str | Path,
    ctx: CompanyContext | None = None,
    *,
    corpus: Callable[[], Iterable[object] | None] | None = None,
) -> LintReport:
    """Lint a JobPosting JSON file or a Markdown/plain-text posting (``-``: stdin).

    ``corpus`` loads the corpus items a JSON posting's bullets may cite; it is called
    only for a JSON posting that cites a corpus id and has a context to check against
    (returning None skips the citation-content check)."""
    from ..posting_file import parse_posting, read_posting_text

    text, where = read_posting_text(path, hint="pass a posting in Markdown, text, HTML or JSON")
    if where.lower().endswith(".json") or text.lstrip().startswith("{"):
        posting = parse_posting(text, where)
        cites = any(
            not source.startswith("context:")
            for _, _, bullet in posting.bullets()
            for source in bullet.sources
        )
        candidates = corpus() if corpus is not None and ctx is not None and cites else None
        report = lint_posting(posting, ctx, candidates=candidates)
        return report.model_copy(update={"source": where})
    from ..reading.html import html_to_text, looks_like_html  # not on the draft path

    if where.lower().endswith((".html", ".htm")) or looks_like_html(text):
        text, origin = html_to_text(text)
        if not origin:
            raise PostingFileError(f"{where}: holds no text outside its HTML tags")
        report = lint_text(text, ctx, source=where)
        for finding in report.findings:  # lines in the HTML file, not in its text
            if finding.line:
                finding.line = origin[min(finding.line, len(origin)) - 1]
        return report
    return lint_text(text, ctx, source=where)
