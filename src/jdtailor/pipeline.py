"""The drafting flow in one direction, for every caller (draft, refine, eval):

CompanyContext + Corpus --retrieve--> Retrieval
Retrieval --Drafter--> Draft (posting + trace)
Draft --grounding check--> problems (GroundingError when strict)
Draft --lint--> LintReport

``check_draft`` is the check after drafting (the fact check and lint) and
``context_problems`` the lint errors about the context: the model drafter re-asks on
both, and refine refuses a turn that brings a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .context import CompanyContext
from .corpus import Corpus
from .drafters import Draft, Drafter
from .errors import GroundingError
from .grounding import check_posting
from .posting import JobPosting
from .retrieval import Retrieval, retrieve

if TYPE_CHECKING:
    from .lint import LintReport

__all__ = ["Checked", "check_draft", "context_problems", "draft_checked", "draft_posting"]


@dataclass
class Checked:
    """A draft with what the fact check and lint said about it."""

    draft: Draft
    problems: list[str]
    report: LintReport


def _check(
    posting: JobPosting,
    retrieval: Retrieval,
    ctx: CompanyContext,
    candidates: Mapping[str, str] | None = None,
) -> list[str]:
    # with no family that fits, the posting is the company's own words (fewer bullets)
    own = not retrieval.match.confident
    items = retrieval.candidates if candidates is None else candidates
    return check_posting(posting, items, ctx, own_words_only=own)


def check_draft(
    posting: JobPosting,
    retrieval: Retrieval,
    ctx: CompanyContext,
    *,
    candidates: Mapping[str, str] | None = None,
) -> tuple[list[str], LintReport]:
    """The fact check's problems (shape, sources, facts, money, citations) and the lint
    report. ``candidates`` (id -> text) replaces the retrieval's (refine adds the
    user's own bullets)."""
    from .lint import lint_posting

    problems = _check(posting, retrieval, ctx, candidates)
    items = retrieval.candidates if candidates is None else candidates
    return problems, lint_posting(posting, ctx, candidates=items)


def context_problems(report: LintReport) -> list[str]:
    """Lint errors about the posting against its context (fabrication, requirement
    inflation), as sentences: what ``jdtailor lint --context`` would fail it for."""
    problems = []
    for f in report.findings:
        if f.severity == "error" and f.family in ("fabrication", "requirements"):
            quoted = f' ("{f.text}")' if f.text else ""
            fix = f"; {f.suggestion}" if f.suggestion else ""
            problems.append(f"{f.message}{quoted}{fix}")
    return problems


def draft_checked(ctx: CompanyContext, retrieval: Retrieval, drafter: Drafter) -> Checked:
    """Draft from an existing retrieval, check it against the context and lint it; the
    caller decides what problems mean (eval scores them, ``draft_posting`` refuses)."""
    draft = drafter.draft(ctx, retrieval)
    problems, report = check_draft(draft.posting, retrieval, ctx)
    return Checked(draft, problems, report)


def draft_posting(ctx: CompanyContext, corpus: Corpus, drafter: Drafter) -> tuple[Draft, Retrieval]:
    """Draft a posting for ``ctx`` and refuse one that is not grounded."""
    retrieval = retrieve(ctx, corpus)
    draft = drafter.draft(ctx, retrieval)
    problems = _check(draft.posting, retrieval, ctx)
    if problems:
        raise GroundingError(problems)
    return draft, retrieval
