"""Run a suite: draft every case with one backend, score each draft, collect results.

The runner mirrors ``pipeline.draft_posting`` (retrieve, draft, check) but keeps a
draft that fails the grounding check, so the scorers can say how far off it is
instead of the case scoring nothing. A model reply that never validated (re-asks ran
out) is scored on what parses of it and flagged invalid (``replay``). A case with a
``posting:`` file, or a run given a folder of postings, scores those postings as they
stand instead of drafting; a run given a folder of saved replies (``replay``) scores
those replies as the model drafter would have judged them, with no server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import MAX_CONTEXT_BYTES, load_context
from ..corpus import Corpus
from ..drafters import Drafter
from ..errors import InputError, JdtailorError, ModelConfigError, RepairFailedError
from ..posting import JobPosting
from ..reading.files import read_bytes, read_text_file
from ..retrieval import Retrieval, retrieve
from .external import find_posting, read_posting
from .replay import INVALID_SHARE, Read, find_reply, read_reply
from .scorers import SCORERS, Score, Subject, combine, score_all
from .suite import Case, Suite

MAX_REPLY_BYTES = 5_000_000  # a saved model reply; a posting is a few KB

__all__ = ["CaseResult", "EvalRun", "run_suite"]

Progress = Callable[[int, int, str], None]
Judge = Callable[[Subject], Score]


@dataclass
class CaseResult:
    """One case after all its runs: scores are the mean over runs."""

    case: Case
    score: float = 0.0
    scores: dict[str, Score] = field(default_factory=dict)
    runs: list[float] = field(default_factory=list)
    family: str | None = None
    level: str | None = None
    posting: JobPosting | None = None
    markdown: str | None = None
    trace: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    ms: float = 0.0
    prompt_tokens: int = 0  # over every run and attempt, failed requests included
    completion_tokens: int = 0
    requests: int = 0
    failed_requests: int = 0
    invalid: bool = False  # scored on what parsed of a reply that never validated

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def spread(self) -> float:
        return round(max(self.runs) - min(self.runs), 1) if self.runs else 0.0


@dataclass
class EvalRun:
    suite: str
    backend: str
    model: str | None
    repeat: int
    cases: list[CaseResult]
    seconds: float = 0.0

    @property
    def score(self) -> float:
        """Mean case score; a case that failed counts as 0."""
        if not self.cases:
            return 0.0
        return round(sum(c.score for c in self.cases) / len(self.cases), 1)

    def scorer_names(self) -> list[str]:
        """The built-in scorers, then any others the run used (the judge), in order."""
        names = list(SCORERS)
        for c in self.cases:
            names += [n for n in c.scores if n not in names]
        return names

    def scorer_means(self) -> dict[str, float | None]:
        means: dict[str, float | None] = {}
        for name in self.scorer_names():
            values = [
                c.scores[name].score
                for c in self.cases
                if name in c.scores and c.scores[name].score is not None
            ]
            means[name] = round(sum(values) / len(values), 1) if values else None  # type: ignore[arg-type]
        return means

    def tokens(self) -> dict[str, int]:
        return {
            "prompt": sum(c.prompt_tokens for c in self.cases),
            "completion": sum(c.completion_tokens for c in self.cases),
            "requests": sum(c.requests for c in self.cases),
            "failed_requests": sum(c.failed_requests for c in self.cases),
        }

    @property
    def errors(self) -> list[CaseResult]:
        return [c for c in self.cases if c.error]


def _mean_scores(runs: list[dict[str, Score]]) -> dict[str, Score]:
    """Average each scorer over runs; the detail shown is the worst run's."""
    merged: dict[str, Score] = {}
    for name in runs[0]:
        these = [r[name] for r in runs]
        values = [s.score for s in these if s.score is not None]
        worst = min(these, key=lambda s: 101.0 if s.score is None else s.score)
        mean = sum(values) / len(values) if values else None
        merged[name] = Score(name, mean, worst.detail, worst.data)
    return merged


def _score_file(
    result: CaseResult, posting_path: Path, ctx: Any, context_text: str, corpus: Corpus
) -> None:
    """Score a posting written elsewhere against the case's context."""
    from ..lint import lint_posting, lint_text

    posting, text = read_posting(posting_path, ctx)
    sourced = posting_path.suffix.lower() == ".json"
    report = (
        lint_posting(posting, ctx, candidates=corpus.items()) if sourced else lint_text(text, ctx)
    )
    subject = Subject(
        result.case, ctx, context_text, posting, None, text, report, corpus, [], sourced
    )
    result.scores = score_all(subject)
    result.score = combine(result.scores)
    result.runs = [result.score]
    result.posting, result.markdown = posting, text
    result.notes = [f"scored {posting_path} as written"]


def _subject(
    case: Case,
    ctx: Any,
    context_text: str,
    posting: JobPosting,
    retrieval: Retrieval,
    corpus: Corpus,
    notes: list[str],
    report: Any = None,
) -> Subject:
    from ..lint import lint_posting
    from ..render import render

    if report is None:
        report = lint_posting(posting, ctx, candidates=retrieval.candidates)
    markdown = render(posting, "md")
    return Subject(case, ctx, context_text, posting, retrieval, markdown, report, corpus, notes)


def _invalid(read: Read, where: str | None) -> tuple[list[str], str]:
    """Notes and the error line for a reply scored on what parsed of it."""
    saved = f" (saved in {where})" if where else ""
    notes = [f"invalid reply{saved}: scored on what parses, counted at {INVALID_SHARE:.0%}"]
    first = read.problems[0] if read.problems else "it does not validate"
    return notes + [f"invalid: {p}" for p in read.problems], f"invalid reply{saved}: {first}"


def _run_case(
    case: Case,
    suite: Suite,
    corpus: Corpus,
    drafter: Drafter,
    repeat: int,
    judge: Judge | None = None,
    postings: Path | None = None,
    replies: Path | None = None,
) -> CaseResult:
    from ..pipeline import draft_checked

    result = CaseResult(case)
    started = time.perf_counter()
    usage = getattr(drafter, "usage", None)  # a model drafter's, failed requests included
    if hasattr(drafter, "reply_label"):
        drafter.reply_label = case.id  # a failed reply is saved under the case's name
    before = (
        (usage.requests, usage.failed, usage.prompt_tokens, usage.completion_tokens)
        if usage
        else None
    )
    try:
        path = case.context_path(suite.root)
        ctx = load_context(path, **case.options.model_dump())
        context_text = read_text_file(path, limit=MAX_CONTEXT_BYTES, what="company.md")
        written = suite.root / case.posting if case.posting else None
        if postings is not None:
            written = find_posting(postings, case.id)
            if written is None:
                raise InputError(
                    f"{postings}: no {case.id}.md (or .txt, .html, .json) for this case"
                )
        if written is not None:
            _score_file(result, written, ctx, context_text, corpus)
            result.ms = (time.perf_counter() - started) * 1000
            return result
        retrieval = retrieve(ctx, corpus)
        # "none" when no family fits: the nearest family's name would read as a match
        result.family = retrieval.family.name if retrieval.match.confident else "none"
        result.level = retrieval.level
        per_run: list[dict[str, Score]] = []
        for _ in range(1 if replies is not None else repeat):
            trace: dict[str, Any] | None = None
            invalid = False
            if replies is not None:
                saved = find_reply(replies, case.id)
                if saved is None:
                    raise InputError(f"{replies}: no saved reply for case {case.id}")
                data, _ = read_bytes(
                    saved,
                    limit=MAX_REPLY_BYTES,
                    what="saved reply",
                    big_hint="a saved reply is a few KB; is this the right file?",
                )
                text = data.decode("utf-8", errors="replace")
                read = read_reply(text, ctx, retrieval)
                if read is None:
                    raise InputError(f"{saved}: holds no JSON object to score")
                posting, problems, report = read.posting, read.problems, None
                notes = [f"replayed {saved}"]
                if read.invalid:
                    more, result.error = _invalid(read, str(saved))
                    notes += more
                    invalid = result.invalid = True
            else:
                try:
                    checked = draft_checked(ctx, retrieval, drafter)
                except RepairFailedError as exc:
                    got = read_reply(exc.content, ctx, retrieval)
                    if got is None:
                        raise  # nothing in the reply parses: the case scores 0
                    # the drafter refused it (its lint errors too): its problems are the word
                    read = got._replace(invalid=True, problems=exc.problems or got.problems)
                    posting, problems, report = read.posting, read.problems, None
                    notes, result.error = _invalid(read, exc.saved)
                    invalid = result.invalid = True
                else:
                    draft, problems, report = checked.draft, checked.problems, checked.report
                    posting, notes = draft.posting, list(draft.trace.notes)
                    trace = draft.trace.to_dict()
            subject = _subject(case, ctx, context_text, posting, retrieval, corpus, notes, report)
            markdown = subject.markdown
            scores = score_all(subject)
            if judge is not None:
                verdict = judge(subject)
                scores["judge"] = verdict
                result.prompt_tokens += int(verdict.data.get("prompt_tokens", 0))
                result.completion_tokens += int(verdict.data.get("completion_tokens", 0))
            per_run.append(scores)
            result.runs.append(round(combine(scores) * (INVALID_SHARE if invalid else 1.0), 1))
            if result.posting is None:
                result.posting, result.markdown = posting, markdown
                result.trace = trace
                result.notes = notes + [f"grounding: {p}" for p in problems]
        result.scores = _mean_scores(per_run)
        result.score = round(sum(result.runs) / len(result.runs), 1)
    except ModelConfigError:
        raise  # no key, a refused key, an unknown model: every case would fail the same way
    except JdtailorError as exc:
        result.error = exc.message
        result.score = 0.0
        result.invalid = False
    finally:
        if usage is not None and before is not None:
            result.requests += usage.requests - before[0]
            result.failed_requests += usage.failed - before[1]
            result.prompt_tokens += usage.prompt_tokens - before[2]
            result.completion_tokens += usage.completion_tokens - before[3]
    result.ms = (time.perf_counter() - started) * 1000
    return result


def run_suite(
    suite: Suite,
    corpus: Corpus,
    make_drafter: Callable[[], Drafter],
    *,
    backend: str = "offline",
    model: str | None = None,
    repeat: int = 1,
    concurrency: int = 1,
    progress: Progress | None = None,
    make_judge: Callable[[], Judge] | None = None,
    postings: Path | None = None,
    replies: Path | None = None,
) -> EvalRun:
    """Draft and score every case; results come back in suite order.

    ``make_drafter`` is called once per worker thread's case, so a drafter need
    not be thread-safe; so is ``make_judge`` (the optional LLM judge). ``progress(done,
    total, case_id)`` is called as cases finish. ``postings``: a folder holding a
    posting per case (``<case id>.md``, .txt or .json) to score instead of drafting;
    ``replies``: a folder of saved model replies to score instead (``replay.find_reply``).
    """
    started = time.perf_counter()
    total = len(suite.cases)
    results: dict[str, CaseResult] = {}

    def one(case: Case, drafter: Drafter | None = None) -> CaseResult:
        judge = make_judge() if make_judge is not None else None
        drafter = drafter or make_drafter()
        return _run_case(case, suite, corpus, drafter, repeat, judge, postings, replies)

    if concurrency <= 1 or total <= 1:
        drafter = make_drafter()
        for n, case in enumerate(suite.cases, 1):
            results[case.id] = one(case, drafter)
            if progress:
                progress(n, total, case.id)
    else:
        pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="eval")
        try:
            futures = {pool.submit(one, case): case for case in suite.cases}
            for n, fut in enumerate(as_completed(futures), 1):
                case = futures[fut]
                results[case.id] = fut.result()
                if progress:
                    progress(n, total, case.id)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    ordered = [results[c.id] for c in suite.cases]
    return EvalRun(
        suite=suite.name,
        backend=backend,
        model=model,
        repeat=repeat,
        cases=ordered,
        seconds=time.perf_counter() - started,
    )
