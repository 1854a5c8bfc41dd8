"""Fabrication (needs a context): pay, benefits, location, company name or figures in
the posting that the context does not contain; and the citation checks ``grounding``
runs for every drafter (``citations``): a bullet sharing nothing with the item it
cites, a benefit listed as a duty or requirement, one bullet in two places."""

from __future__ import annotations

from ..citations import find_citation_problems
from ..grounding import context_text, known_figures, same_place, unstated_figures
from ._base import Check, content_tokens, finding, overlap
from .model import Finding

SUPPORTED = 0.5


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
    if doc.location is not None and not same_place(doc.location.text, ctx.location):
        findings.append(
            finding(
                "fabrication/location",
                "error",
                "location "
                + (f"differs from the context's ({ctx.location})" if ctx.location else
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
    known = known_figures(context_text(ctx))
    pay_line = doc.pay.line if doc.pay else None
    for span in doc.body():
        if span.line == pay_line:
            continue
        corpus_ids = [s for s in doc.sources.get(span.line, []) if not s.startswith("context:")]
        for figure in unstated_figures(c.masked(span), known):
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
    findings += _citations(c)
    return findings


_SECTION_WORD = {
    "responsibilities": "duty", "requirements": "requirement", "nice_to_haves": "nice-to-have",
}  # fmt: skip


def _citations(c: Check) -> list[Finding]:
    """The citation checks over the posting's bullets, by line."""
    assert c.ctx is not None
    spans, bullets, counts = {}, [], dict.fromkeys(_SECTION_WORD, 0)
    for section, span in c.doc.bullets():
        counts[section] += 1
        spans[(section, counts[section])] = span
        bullets.append((section, counts[section], span.text, c.doc.sources.get(span.line, [])))
    out: list[Finding] = []
    for p in find_citation_problems(bullets, c.candidates, c.ctx.benefits):
        span = spans[(p.section, p.number)]
        if p.kind == "content":
            out.append(
                finding(
                    "fabrication/citation", "warning",
                    f"the bullet cites {p.other} but shares no words with it",
                    span=span, suggestion="cite the corpus item or context field it rests on",
                )
            )  # fmt: skip
        elif p.kind == "benefit":
            out.append(
                finding(
                    "fabrication/benefit-as-requirement", "error",
                    f"a benefit the context offers ({p.other!r}) is listed as a "
                    f"{_SECTION_WORD[p.section]}",
                    span=span, suggestion="list it under benefits only",
                )
            )  # fmt: skip
        else:
            first = p.other.replace("_", "-")
            out.append(
                finding(
                    "fabrication/repeat", "warning", f"the same bullet stands in {first}",
                    span=span, suggestion="keep it in one section",
                )
            )  # fmt: skip
    return out


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
