"""Fabrication (needs a context): pay, benefits, location, company name or figures in
the posting that the context does not contain."""

from __future__ import annotations

import re

from ..context import CompanyContext
from ._base import Check, content_tokens, finding, overlap
from .model import Finding
from .words import lazy

_FIGURE = lazy(r"(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?\s?(?:[kKmM](?![a-zA-Z])|%)?")
_YEARS_OF = lazy(
    r"(?<!\d)\d+\s*(?:\+\s*)?(?:(?:-|–|to)\s*\d+\s*(?:\+\s*)?)?years?\b", re.IGNORECASE
)
# tried at the start of a word only, so a 40,000-character word is scanned once
_URL = lazy(r"(?<!\S)(?:\S+://\S+|[^\s@]+@[^\s@]+\.\S+)|www\.\S+")
SUPPORTED = 0.5


def _number(raw: str) -> str:
    """A figure reduced to comparable form: '$72k' and '72,000' both become '72000'."""
    s = raw.strip().lstrip("$€£").replace(",", "").replace(" ", "")
    mult = 1.0
    if s[-1:] in "kK":
        mult, s = 1000.0, s[:-1]
    elif s[-1:] in "mM":
        mult, s = 1_000_000.0, s[:-1]
    s = s.rstrip("%")
    try:
        value = float(s) * mult
    except ValueError:
        return raw
    return f"{value:g}" if value < 1e15 else raw


def _context_text(ctx: CompanyContext) -> str:
    parts = [
        ctx.company, ctx.role, ctx.location, ctx.customers, ctx.product, ctx.about,
        ctx.why_hiring, ctx.outcomes, ctx.team, ctx.apply, ctx.valid_through,
    ]  # fmt: skip
    parts += ctx.must_haves + ctx.nice_to_haves + ctx.benefits + ctx.outcome_items
    parts += [text for _, text in ctx.extra]
    return "\n".join(p for p in parts if p)


def _norm_place(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def check(c: Check) -> list[Finding]:
    ctx = c.ctx
    if ctx is None:
        return []
    doc = c.doc
    findings: list[Finding] = []
    # pay
    if doc.pay is not None:
        if ctx.salary is None:
            findings.append(
                finding(
                    "fabrication/pay",
                    "error",
                    "the posting states pay but the context gives none",
                    text=doc.pay.text or None,
                    line=doc.pay.line,
                    suggestion="remove the pay, or add `salary:` to the context",
                )
            )
        else:
            allowed = {ctx.salary.min, ctx.salary.max}
            stated = set(doc.pay.amounts)
            if doc.structured_pay is not None:
                bad = doc.structured_pay != ctx.salary
            else:
                bad = not stated <= allowed
            if bad:
                findings.append(
                    finding(
                        "fabrication/pay",
                        "error",
                        "the pay differs from the context's "
                        f"({ctx.salary.min:,.0f}-{ctx.salary.max:,.0f} {ctx.salary.currency} "
                        f"per {ctx.salary.period})",
                        text=doc.pay.text or None,
                        line=doc.pay.line,
                        suggestion="use the context's range exactly",
                    )
                )
    # benefits
    ctx_benefits = [content_tokens(b) for b in ctx.benefits]
    for span in doc.benefits:
        if span.text in ctx.benefits:
            continue
        words = content_tokens(span.text)
        if words and not any(overlap(words, b) >= SUPPORTED for b in ctx_benefits):
            findings.append(
                finding(
                    "fabrication/benefit",
                    "error",
                    "benefit not in the context",
                    span=span,
                    suggestion="list only the benefits the context names",
                )
            )
    # location
    if doc.location is not None and doc.location.text.strip():
        stated = _norm_place(doc.location.text)
        known = _norm_place(ctx.location or "")
        if stated and (not known or (stated not in known and known not in stated)):
            findings.append(
                finding(
                    "fabrication/location",
                    "error",
                    "location "
                    + (f"differs from the context's ({ctx.location})" if known else
                       "is not in the context"),
                    span=doc.location,
                    suggestion="use the context's location, or add `location:` to it",
                )
            )  # fmt: skip
    # company
    if doc.company:
        if not ctx.company or doc.company.strip().lower() != ctx.company.strip().lower():
            findings.append(
                finding(
                    "fabrication/company",
                    "error",
                    "company name "
                    + (f"differs from the context's ({ctx.company})" if ctx.company else
                       "is not in the context"),
                    text=doc.company,
                    line=doc.title.line if doc.title else None,
                    suggestion="use the company name exactly as the context gives it",
                )
            )  # fmt: skip
    # figures
    source = _URL.sub(" ", _context_text(ctx))
    known_figures = {_number(m.group(0)) for m in _FIGURE.finditer(source)}
    if ctx.salary is not None:
        known_figures |= {f"{ctx.salary.min:g}", f"{ctx.salary.max:g}"}
    pay_line = doc.pay.line if doc.pay else None
    for span in doc.body():
        if span.line == pay_line:
            continue
        text = _YEARS_OF.sub(" ", _URL.sub(" ", c.masked(span)))
        corpus_ids = [s for s in doc.sources.get(span.line, []) if not s.startswith("context:")]
        for m in _FIGURE.finditer(text):
            if _number(m.group(0)) in known_figures:
                continue
            figure = m.group(0).strip()
            if corpus_ids:  # a corpus item's own figure ("within 30 days"), not a company fact
                findings.append(
                    finding(
                        "fabrication/figure",
                        "info",
                        f"figure '{figure}' is not in the context; the bullet cites "
                        + ", ".join(corpus_ids),
                        text=figure,
                        line=span.line,
                        suggestion="keep it only if it holds for this company",
                    )
                )
                continue
            findings.append(
                finding(
                    "fabrication/figure",
                    "warning",
                    f"figure '{figure}' is not in the context",
                    text=figure,
                    line=span.line,
                    suggestion="check it against the company's facts, or remove it",
                )
            )
    findings += _set_aside(c)
    return findings


def _set_aside(c: Check) -> list[Finding]:
    """Context sentences a draft must not carry (instructions to a tool, pay or perks that
    contradict the front matter): an error where the posting repeats one, else a note."""
    assert c.ctx is not None
    out: list[Finding] = []
    spans = c.doc.body()
    for field, sentence, reason in c.ctx.set_aside:
        words = content_tokens(sentence)
        hit = next(
            (s for s in spans if words and overlap(words, content_tokens(s.text)) >= 0.6), None
        )
        if hit is not None:
            out.append(
                finding(
                    "fabrication/context-sentence",
                    "error",
                    f"repeats a context sentence that {reason}",
                    span=hit,
                    suggestion="remove it; a posting states only facts the front matter backs",
                )
            )
        else:
            out.append(
                finding(
                    "fabrication/context-sentence",
                    "info",
                    f"company.md ({field}): {sentence!r} {reason}; drafts leave it out",
                    text=sentence,
                    suggestion="edit or remove the sentence in company.md",
                )
            )
    return out
