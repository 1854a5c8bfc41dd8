"""An in-process scripted drafter for refine and eval tests (llm's MockModel, for us).

    fake = FakeDrafter().enqueue(posting_a, posting_b)
    fake.draft(ctx, retrieval)   # -> posting_a; then posting_b
    fake.history                 # [Call("draft", ctx, retrieval, None, None), ...]

With nothing queued it drafts as the offline drafter does, so a test scripts only the
replies it cares about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jdtailor.context import CompanyContext
from jdtailor.drafters import Draft, Trace
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.posting import JobPosting
from jdtailor.retrieval import Retrieval


@dataclass
class Call:
    method: str  # "draft" or "revise"
    ctx: CompanyContext
    retrieval: Retrieval
    posting: JobPosting | None = None  # what revise was given
    feedback: str | None = None


@dataclass
class FakeDrafter:
    name: str = "fake"
    queue: list[JobPosting | BaseException] = field(default_factory=list)
    history: list[Call] = field(default_factory=list)

    def enqueue(self, *replies: JobPosting | BaseException) -> FakeDrafter:
        """Postings to return (or exceptions to raise), in order, one per call."""
        self.queue.extend(replies)
        return self

    def _next(self, fallback: JobPosting) -> Draft:
        reply = self.queue.pop(0) if self.queue else fallback
        if isinstance(reply, BaseException):
            raise reply
        return Draft(reply, Trace(backend=self.name, model="fake-model"))

    def draft(self, ctx: CompanyContext, retrieval: Retrieval) -> Draft:
        self.history.append(Call("draft", ctx, retrieval))
        return self._next(OfflineDrafter().draft(ctx, retrieval).posting)

    def revise(
        self, posting: JobPosting, feedback: str, ctx: CompanyContext, retrieval: Retrieval
    ) -> Draft:
        self.history.append(Call("revise", ctx, retrieval, posting, feedback))
        return self._next(posting)
