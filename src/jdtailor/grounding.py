"""Check a posting against its candidates and the context's facts.

A problem list is what the LLM path re-asks with; for the offline drafter any
problem is a bug. Facts (pay, benefits, location, company) must equal the
context's: a posting may leave a benefit out, never add one.
"""

from __future__ import annotations

from collections.abc import Iterable

from .context import CITABLE_FIELDS, CompanyContext
from .posting import JobPosting, shape_problems

__all__ = ["check_posting", "grounding_problems"]


def grounding_problems(
    posting: JobPosting, candidate_ids: Iterable[str], ctx: CompanyContext
) -> list[str]:
    """Sources that do not exist and facts the context does not state."""
    known = set(candidate_ids)
    problems: list[str] = []
    for section, i, bullet in posting.bullets():
        for source in bullet.sources:
            if source.startswith("context:"):
                name = source.removeprefix("context:")
                if name not in CITABLE_FIELDS:
                    problems.append(
                        f"{section} {i} cites {source!r}; context sources are "
                        + ", ".join(f"context:{f}" for f in CITABLE_FIELDS)
                    )
                elif not ctx.has(name):
                    problems.append(f"{section} {i} cites {source!r} but the context has no {name}")
            elif source not in known:
                problems.append(f"{section} {i} cites {source!r}, which is not a candidate id")
    if ctx.salary is None and posting.pay is not None:
        problems.append("pay is stated but the context gives no pay; set pay to null")
    elif ctx.salary is not None and posting.pay != ctx.salary:
        problems.append(f"pay must be exactly the context's: {ctx.salary.model_dump_json()}")
    allowed = set(ctx.benefits)
    for benefit in posting.benefits:
        if benefit not in allowed:
            problems.append(f"benefit {benefit!r} is not in the context; use its benefits verbatim")
    if (posting.location or None) != (ctx.location or None):
        problems.append(f"location must be the context's: {ctx.location!r}")
    if (posting.company or None) != (ctx.company or None):
        problems.append(f"company must be the context's: {ctx.company!r}")
    if (posting.workplace or None) != (ctx.workplace or None):
        problems.append(f"workplace must be the context's: {ctx.workplace!r}")
    if (posting.apply or None) != (ctx.apply or None):
        problems.append(f"apply must be the context's: {ctx.apply!r}")
    return problems


def check_posting(
    posting: JobPosting,
    candidate_ids: Iterable[str],
    ctx: CompanyContext,
    *,
    own_words_only: bool = False,
) -> list[str]:
    """Shape limits plus grounding; empty when the posting is acceptable.

    ``own_words_only``: no corpus family fits (see ``posting.OWN_WORDS_MINIMUMS``).
    """
    shape = shape_problems(posting, own_words_only=own_words_only)
    return shape + grounding_problems(posting, candidate_ids, ctx)
