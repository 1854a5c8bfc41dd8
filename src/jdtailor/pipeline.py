"""The drafting flow in one direction, for every caller (draft, refine, eval):

CompanyContext + Corpus --retrieve--> Retrieval
Retrieval --Drafter--> Draft (posting + trace)
Draft --grounding check--> problems (GroundingError when strict)
Draft --lint--> LintReport
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .context import CompanyContext
from .corpus import Corpus
from .drafters import Draft, Drafter
from .errors import GroundingError
from .grounding import check_posting
from .retrieval import Retrieval, retrieve

if TYPE_CHECKING:
    from .lint import LintReport

__all__ = ["Checked", "draft_checked", "draft_posting"]


@dataclass
class Checked:
    """A draft with what the fact check and lint said about it."""

    draft: Draft
    problems: list[str]
    report: LintReport


def _check(draft: Draft, retrieval: Retrieval, ctx: CompanyContext) -> list[str]:
    # with no family that fits, the posting is the company's own words (fewer bullets)
    own = not retrieval.match.confident
    return check_posting(draft.posting, retrieval.candidates, ctx, own_words_only=own)


def draft_checked(ctx: CompanyContext, retrieval: Retrieval, drafter: Drafter) -> Checked:
    """Draft from an existing retrieval, check it against the context and lint it; the
    caller decides what problems mean (eval scores them, ``draft_posting`` refuses)."""
    from .lint import lint_posting

    draft = drafter.draft(ctx, retrieval)
    problems = _check(draft, retrieval, ctx)
    report = lint_posting(draft.posting, ctx, candidates=retrieval.candidates)
    return Checked(draft, problems, report)


def draft_posting(ctx: CompanyContext, corpus: Corpus, drafter: Drafter) -> tuple[Draft, Retrieval]:
    """Draft a posting for ``ctx`` and refuse one that is not grounded."""
    retrieval = retrieve(ctx, corpus)
    draft = drafter.draft(ctx, retrieval)
    problems = _check(draft, retrieval, ctx)
    if problems:
        raise GroundingError(problems)
    return draft, retrieval
