"""One batch item: draft it through the pipeline, score it, write its files.

``draft_item`` never raises for a problem with the item itself: a failure is a
row with ``status: failed`` and the message, so one bad item never stops the
others. Rows are small dicts (no posting text), so memory stays flat however
many items a batch has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import CompanyContext
from ..corpus import Corpus
from ..drafters import Draft, Drafter
from ..errors import JdtailorError
from ..posting import JobPosting
from ..retrieval import Retrieval

__all__ = ["EXTENSIONS", "Job", "draft_item", "fidelity_flags", "finish_item", "slug"]

EXTENSIONS = {
    "md": "md", "html": "html", "jsonld": "jsonld", "json": "json", "txt": "txt", "docx": "docx",
}  # fmt: skip


@dataclass(frozen=True)
class Job:
    """How every item of one batch is written (the same for all items)."""

    out_dir: Path
    formats: tuple[str, ...]
    show_sources: bool = False
    date: str | None = None
    force: bool = False


@dataclass
class Task:
    """One item as handed to a worker: picklable, small."""

    key: str
    digest: str
    ctx_json: str
    name: str
    replace: bool  # the files are ours from an earlier run (or --force)
    extra: dict[str, Any] = field(default_factory=dict)


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe lower-case slug: ``Northwind Solar`` -> ``northwind-solar``."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "posting"


# Eval scorers a batch reports as flags, and the score below which each one flags.
FLAG_FLOORS = {
    "fit": 60, "fidelity": 80, "contradiction": 100, "facts": 100, "grounded": 100,
    "inflation": 100,
}  # fmt: skip


def fidelity_flags(
    ctx: CompanyContext,
    posting: JobPosting,
    retrieval: Retrieval,
    corpus: Corpus | None = None,
    notes: list[str] | None = None,
) -> list[str]:
    """The evaluation's fidelity checks that a posting falls short of, one line each."""
    from ..evaluation.scorers import SCORERS, Subject
    from ..evaluation.suite import Case

    subject = Subject(
        Case(id="batch", context="-"), ctx, ctx.model_dump_json(), posting, retrieval, "",
        corpus=corpus, notes=list(notes or []),
    )  # fmt: skip
    flags = []
    for name, floor in FLAG_FLOORS.items():
        if name not in SCORERS:  # the eval's scorers may change; flag what exists
            continue
        result = SCORERS[name][1](subject)
        if result.score is not None and result.score < floor:
            flags.append(f"{name}: {result.detail}")
    return flags


def _render_options(ctx: CompanyContext, job: Job) -> dict[str, Any]:
    from ..render.jsonld import parse_when

    options: dict[str, Any] = {"show_sources": job.show_sources}
    options["date_posted"] = parse_when(job.date, "--date")
    if ctx.valid_through:
        where = f"{ctx.path or 'company.md'}: `valid_through`"
        options["valid_through"] = parse_when(ctx.valid_through, where)
    return options


def finish_item(
    task: Task,
    ctx: CompanyContext,
    draft: Draft,
    retrieval: Retrieval,
    job: Job,
    corpus: Corpus | None = None,
) -> dict[str, Any]:
    """Lint, flag, render and write a drafted posting; its summary row."""
    from ..files import atomic_write
    from ..lint import lint_posting
    from ..render import render_bytes

    posting = draft.posting
    report = lint_posting(posting, ctx, candidates=retrieval.candidates)
    worst = sorted(report.findings, key=lambda f: ("error", "warning", "info").index(f.severity))
    options = _render_options(ctx, job)
    files = []
    for fmt in job.formats:
        path = job.out_dir / f"{task.name}.{EXTENSIONS[fmt]}"
        data = render_bytes(posting, fmt, **options)  # docx is bytes; text formats as UTF-8
        atomic_write(path, data, force=task.replace or job.force)
        files.append(path.name)
    trace = draft.trace
    return {
        "key": task.key,
        "status": "ok",
        "file": files[0] if files else "",
        "files": files,
        "title": posting.title,
        "company": posting.company or "",
        "family": retrieval.family.name,
        "confidence": round(retrieval.match.score, 2),
        "match": retrieval.match.how,
        "backend": trace.backend,
        "model": trace.model or "",
        "lint_score": report.score,
        "top_finding": worst[0].message if worst else "",
        "flags": fidelity_flags(ctx, posting, retrieval, corpus, trace.notes),
        "notes": list(trace.notes),
        "attempts": trace.attempts,
        "prompt_tokens": trace.prompt_tokens,
        "completion_tokens": trace.completion_tokens,
        "cache_hit": trace.cache_hit,
        "error": "",
    }


def one_line(message: str, limit: int = 400) -> str:
    """A multi-line message as one line for a table cell."""
    text = " ".join(part.strip() for part in message.splitlines() if part.strip())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def failed_row(task: Task, message: str) -> dict[str, Any]:
    return {"key": task.key, "status": "failed", "error": message}


def draft_item(task: Task, corpus: Corpus, drafter: Drafter, job: Job) -> dict[str, Any]:
    """Draft one item through the pipeline and write it; a row either way."""
    from ..pipeline import draft_posting

    try:
        ctx = CompanyContext.model_validate_json(task.ctx_json)
        draft, retrieval = draft_posting(ctx, corpus, drafter)
        row = finish_item(task, ctx, draft, retrieval, job, corpus)
    except JdtailorError as exc:
        row = failed_row(task, one_line(exc.message))
    except OSError as exc:
        row = failed_row(task, f"{exc.filename or task.name}: {exc.strerror or exc}")
    except Exception as exc:  # a bug in one item must not cost the others their postings
        row = failed_row(task, f"internal error ({type(exc).__name__}: {exc}); please report it")
    row["digest"] = task.digest
    row["name"] = task.name
    return row
