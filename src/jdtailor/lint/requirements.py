"""Requirements bloat: too many must-haves, degrees and years beyond the brief, and
(with a context) requirement inflation — must-haves the company never asked for."""

from __future__ import annotations

import re

from ..levels import DEGREE, allows_years, max_years
from ..text import article
from ._base import Check, content_tokens, finding, level_of, overlap, years_asked
from .model import Finding
from .words import lazy

MAX_REQUIREMENTS = 7
_EQUIVALENT = lazy(
    r"\bor (?:equivalent|similar|comparable|relevant)\b|\bequivalent (?:experience|practical)",
    re.IGNORECASE,
)
# share of a requirement's content words a context must-have must contain
SUPPORTED = 0.5


def check(c: Check) -> list[Finding]:
    doc, ctx = c.doc, c.ctx
    findings: list[Finding] = []
    n = len(doc.requirements)
    if n > MAX_REQUIREMENTS:
        findings.append(
            finding(
                "requirements/too-many",
                "warning",
                f"{n} must-haves; more than {MAX_REQUIREMENTS} puts strong candidates off",
                line=doc.requirements[0].line,
                suggestion=f"keep the {MAX_REQUIREMENTS} that matter most; move the rest to "
                "nice-to-haves or drop them",
            )
        )
    ctx_needs_degree = ctx is not None and any(DEGREE.search(m) for m in ctx.must_haves)
    for span in doc.requirements:
        m = DEGREE.search(span.text)
        if m and not _EQUIVALENT.search(span.text) and not ctx_needs_degree:
            with_ctx = ctx is not None
            findings.append(
                finding(
                    "requirements/degree",
                    "warning" if with_ctx else "info",
                    "a degree is required"
                    + (" but the context's must-haves do not ask for one" if with_ctx else ""),
                    text=m.group(0),
                    line=span.line,
                    suggestion="drop it, move it to nice-to-haves, or add 'or equivalent "
                    "experience'",
                )
            )
    level = level_of(c)
    limit = max_years(level)
    if level is not None and limit is not None:
        for span in doc.requirements:
            for years, phrase in years_asked(span.text):
                if not allows_years(level, years):
                    findings.append(
                        finding(
                            "requirements/years-level",
                            "warning",
                            f"asks for {years}+ years for {article(level)} {level}-level role "
                            f"(usually at most {limit})",
                            text=phrase,
                            line=span.line,
                            suggestion=f"ask for what {article(level)} {level}-level hire brings, "
                            "or retitle "
                            "the role at the level it really is",
                        )
                    )
    if ctx is not None and ctx.must_haves:
        musts = [content_tokens(m) for m in ctx.must_haves]
        nices = [content_tokens(m) for m in ctx.nice_to_haves]
        for span in doc.requirements:
            words = content_tokens(span.text)
            if not words or any(overlap(words, m) >= SUPPORTED for m in musts):
                continue
            if any(overlap(words, m) >= SUPPORTED for m in nices):
                findings.append(
                    finding(
                        "requirements/promoted",
                        "warning",
                        "a nice-to-have from the context is listed as a must-have",
                        span=span,
                        suggestion="move it to nice-to-haves",
                    )
                )
            else:
                cited = [x for x in doc.sources.get(span.line, []) if not x.startswith("context:")]
                findings.append(
                    finding(
                        "requirements/unsupported",
                        "warning",
                        "must-have not in the context's must-haves (requirement inflation)"
                        + (f"; it comes from corpus item {', '.join(cited)}" if cited else ""),
                        span=span,
                        suggestion="drop it, make it a nice-to-have, or add it to the "
                        "context's must-haves if the company really requires it",
                    )
                )
    return findings
