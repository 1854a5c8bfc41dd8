"""Structure: summary and why-hiring, duties and requirements, pay range, benefits —
and, where the location falls under a pay-transparency law, what that law requires."""

from __future__ import annotations

from ._base import Check, content_tokens, finding, overlap
from .model import Finding
from .paylaw import laws_for
from .words import Phrases

_WHY = Phrases(
    "why|because|hiring|growing|growth|grow|expand|expanding|expansion|backlog|demand|opening",
    "we need|want",
    "we_re|we_are adding|growing|looking",
    "need someone|a|an",
    "looking for",
    "new role|team|position",
    "this role",
    "so that",
    "to help us",
)


def _location(c: Check) -> str | None:
    if c.doc.location is not None:
        return c.doc.location.text
    if c.ctx is not None and c.ctx.location:
        return c.ctx.location
    return None


def check(c: Check) -> list[Finding]:
    doc, ctx = c.doc, c.ctx
    findings: list[Finding] = []
    intro = doc.summary + doc.why
    if not intro:
        findings.append(
            finding(
                "structure/no-summary",
                "warning",
                "no opening summary before the duties",
                line=doc.title.line if doc.title else 1,
                suggestion="open with 2-4 sentences: who you are and why you are hiring now",
            )
        )
    lead = " ".join(s.text for s in intro + doc.about)
    if ctx is not None and ctx.why_hiring:
        said = overlap(content_tokens(ctx.why_hiring), content_tokens(lead))
        if said < 0.3:
            findings.append(
                finding(
                    "structure/no-why",
                    "warning",
                    "the posting does not say why the company is hiring, though the context does",
                    line=intro[0].line if intro else None,
                    suggestion="put the context's why-hiring reason in the summary",
                )
            )
    elif not doc.why and not _WHY.find(lead):
        findings.append(
            finding(
                "structure/no-why",
                "info",
                "the posting does not say why the role exists now",
                line=intro[0].line if intro else None,
                suggestion="say what problem the hire will fix (growth, a backlog, a new "
                "market); strong candidates look for it",
            )
        )
    for section in ("responsibilities", "requirements"):
        if not getattr(doc, section):
            findings.append(
                finding(
                    f"structure/no-{section}",
                    "error",
                    f"no {section} section",
                    suggestion=f"add the {section} as a list under their own heading",
                )
            )
    laws = laws_for(_location(c))
    law_names = " and ".join(law.jurisdiction for law in laws)
    pay = doc.pay
    if pay is None:
        if laws:
            law = laws[0]
            findings.append(
                finding(
                    "structure/pay-transparency",
                    "error",
                    f"no pay range: {law_names} pay-transparency law (since {law.since}, "
                    f"employers with {law.employers} staff) requires {law.requires}",
                    text=_location(c),
                    line=doc.location.line if doc.location else None,
                    suggestion="state the minimum and maximum pay, e.g. '$72,000-$95,000 per year'",
                )
            )
        else:
            findings.append(
                finding(
                    "structure/no-pay",
                    "warning",
                    "no pay range",
                    suggestion="state the minimum and maximum pay; postings with pay draw "
                    "more applicants",
                )
            )
    elif pay.kind in ("single", "open"):
        what = "a single figure" if pay.kind == "single" else "open-ended"
        if laws:
            findings.append(
                finding(
                    "structure/pay-transparency",
                    "error",
                    f"pay is {what}: {law_names} pay-transparency law requires {laws[0].requires}",
                    text=pay.text or None,
                    line=pay.line,
                    suggestion="give a good-faith minimum and maximum",
                )
            )
        else:
            findings.append(
                finding(
                    f"structure/pay-{'single' if pay.kind == 'single' else 'open-ended'}",
                    "warning",
                    f"pay is {what}; candidates and several US laws expect a range",
                    text=pay.text or None,
                    line=pay.line,
                    suggestion="give a minimum and a maximum, e.g. '$72,000-$95,000 per year'",
                )
            )
    if not doc.benefits:
        needing = [law for law in laws if law.benefits]
        if needing:
            names = " and ".join(law.jurisdiction for law in needing)
            findings.append(
                finding(
                    "structure/pay-transparency",
                    "error",
                    f"no benefits: {names} pay-transparency law requires {needing[0].requires}",
                    suggestion="list the benefits (cover, leave, retirement, bonus) in their "
                    "own section",
                )
            )
        else:
            findings.append(
                finding(
                    "structure/no-benefits",
                    "info",
                    "no benefits listed",
                    suggestion="list concrete benefits: health cover, leave, retirement, "
                    "learning budget",
                )
            )
    return findings
