"""The drafting flow in one direction: retrieve, draft, check.

CompanyContext + Corpus --retrieve--> Retrieval
Retrieval --Drafter--> Draft (posting + trace)
Draft --grounding check--> accepted, or GroundingError
"""

from __future__ import annotations

from .context import CompanyContext
from .corpus import Corpus
from .drafters import Draft, Drafter
from .errors import GroundingError
from .grounding import check_posting
from .retrieval import Retrieval, retrieve

__all__ = ["draft_posting"]


def draft_posting(ctx: CompanyContext, corpus: Corpus, drafter: Drafter) -> tuple[Draft, Retrieval]:
    """Draft a posting for ``ctx`` and refuse one that is not grounded."""
    retrieval = retrieve(ctx, corpus)
    draft = drafter.draft(ctx, retrieval)
    own = not retrieval.match.confident
    problems = check_posting(draft.posting, retrieval.ids(), ctx, own_words_only=own)
    if problems:
        raise GroundingError(problems)
    return draft, retrieval
