"""The LLM drafter: the same contract as the offline one, written by a model.

The model sees the company's notes fenced as data, the facts it must copy, and
the retrieved candidates with their ids. Its reply must parse as a
``JobPosting`` and pass the grounding check (plus: no sum of money the notes do
not state); otherwise the problems go back with the repair prompt, up to
``max_attempts`` requests. Usage::

    drafter = ModelDrafter("gpt-4o-mini", structured="json_object", cache="off")
    draft = drafter.draft(ctx, retrieval)       # Draft(posting, trace)
    drafter.usage                               # tokens over every request so far
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ..context import CITABLE_FIELDS, CompanyContext
from ..errors import (
    JdtailorError,
    OutputExistsError,
    RepairFailedError,
    RunawayReplyError,
    TruncatedReplyError,
)
from ..files import atomic_write
from ..grounding import check_posting
from ..llm import LLMSettings, Progress, RepairsExhausted, StructuredClient, Usage
from ..llm.client import redact
from ..llm.structured import strict_schema
from ..posting import LIMITS, MAX_SOURCES, JobPosting
from ..prompts import fence, render, templates_hash
from ..resources import cache_dir
from ..retrieval import Retrieval
from . import Draft, Trace
from .ownwords import article
from .repair import collapse_problems

__all__ = [
    "ModelDrafter",
    "build_messages",
    "failed_replies_dir",
    "posting_schema",
    "reply_label",
    "saved_replies",
]


def _notes(ctx: CompanyContext) -> str:
    """The context as labelled fields; section labels are the citable field names."""
    lines = []
    for name in ("company", "role", "seniority", "customers", "product"):
        value = getattr(ctx, name)
        if value:
            lines.append(f"{name}: {value}")
    for name in CITABLE_FIELDS:
        if not ctx.has(name):
            continue
        if name == "outcomes" and ctx.outcome_items:
            body = "\n".join(f"- {item}" for item in ctx.outcome_items)
        elif name in ("must_haves", "nice_to_haves", "responsibilities"):
            body = "\n".join(f"- {item}" for item in getattr(ctx, name))
        else:
            body = ctx.text_of(name)
        lines += ["", f"[{name}]", body.strip()]
    for heading, text in ctx.extra:
        lines += ["", f"[other: {heading}]", text.strip()]
    return "\n".join(lines).strip()


def _facts(ctx: CompanyContext) -> str:
    facts = {
        "company": ctx.company or "",
        "location": ctx.location,
        "workplace": ctx.workplace,
        "employment_type": ctx.employment_type,
        "pay": ctx.salary.model_dump() if ctx.salary else None,
        "benefits": list(ctx.benefits),
        "about": ctx.about,
        "apply": ctx.apply,
    }
    return json.dumps(facts, ensure_ascii=False)


# Candidates shown to the model, best-scored first: enough to choose 4-8 duties
# and 3-7 qualifications from, few enough to keep the first prompt near 2,500 tokens.
PROMPT_DUTIES = 11
PROMPT_QUALIFICATIONS = 8


def _bullet_line(candidate: Any) -> str:
    """A candidate as the bullet it would become: its id can only be read as a source."""
    item = {"text": candidate.text, "sources": [candidate.id]}
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _best(retrieval: Retrieval, kind: str, limit: int) -> list[Any]:
    """The ``limit`` best-scored candidates of ``kind``, in retrieval's order."""
    items = retrieval.by_kind(kind)
    keep = {id(c) for c in sorted(items, key=lambda c: -c.score)[:limit]}
    return [c for c in items if id(c) in keep]


def _material(
    ctx: CompanyContext, retrieval: Retrieval, structured: str = "json_schema"
) -> dict[str, Any]:
    notes = _notes(ctx)
    return {
        "notes": notes,
        "fence": fence(notes),
        "facts": _facts(ctx),
        "facts_in_example": structured != "json_schema",
        "citable": [f"context:{f}" for f in CITABLE_FIELDS if ctx.has(f)],
        "duties": [_bullet_line(c) for c in _best(retrieval, "duty", PROMPT_DUTIES)],
        "qualifications": [
            _bullet_line(c) for c in _best(retrieval, "qualification", PROMPT_QUALIFICATIONS)
        ],
        "role": ctx.role or retrieval.family.title,
        "level": retrieval.level,
        "level_article": article(retrieval.level),
        "fits": retrieval.match.confident,
        "has_responsibilities": bool(ctx.responsibilities),
        "company": ctx.company or "the company",
    }


def _without_titles(schema: Any) -> Any:
    """The schema minus its "title" and "description" strings: the model does not
    need our class names and docstrings (fewer tokens)."""
    if isinstance(schema, dict):
        return {
            k: _without_titles(v)
            for k, v in schema.items()
            if not (k in ("title", "description") and isinstance(v, str))
        }
    if isinstance(schema, list):
        return [_without_titles(v) for v in schema]
    return schema


_PLACEHOLDER = re.compile(r"<[^<>]{3,80}>")
_ADVICE = {
    "json_schema": "try --structured json_object, or a larger model",
    "json_object": "try --structured prompt, or a larger model",
    "prompt": "or use a larger model",
}


def placeholder_problems(posting: JobPosting) -> list[str]:
    """Text copied from the example's <placeholders> instead of written."""
    places = [("title", posting.title), ("summary", posting.summary)]
    places += [("about", posting.about or "")]
    places += [(f"{section} {i}", b.text) for section, i, b in posting.bullets()]
    return [
        f"{where} still has the example's placeholder {m.group(0)}; write the real text"
        for where, text in places
        if (m := _PLACEHOLDER.search(text))
    ]


def posting_schema(ctx: CompanyContext, mode: str) -> dict[str, Any]:
    """The posting's strict schema with every list bounded (the 4-8 / 3-7 / 0-5
    limits, one to four sources, no more benefits than the context has), so a
    grammar-following server cannot loop through a list until ``max_tokens``.

    Strings carry no ``maxLength``: llama-cpp-python turns one into nested rules
    its grammar parser refuses ("exceeds sane defaults"), and then generates with
    no grammar at all. A string that runs away is caught as the reply streams.
    The same schema serves every ``mode``."""
    schema = _without_titles(strict_schema(JobPosting))
    props = schema["properties"]
    for section, (lo, hi) in LIMITS.items():
        if props.get(section, {}).get("type") == "array":
            props[section] |= {"minItems": lo, "maxItems": hi}
    props["benefits"]["maxItems"] = len(ctx.benefits)
    bullet = schema["$defs"]["Bullet"]["properties"]
    bullet["sources"] |= {"minItems": 1, "maxItems": MAX_SOURCES}
    return schema


def _example(ctx: CompanyContext, retrieval: Retrieval) -> str:
    """A filled-in posting showing the shape: real facts, placeholder prose, one
    bullet a list (a small model copies a shape far better than it reads a schema)."""
    duties = retrieval.by_kind("duty")
    quals = retrieval.by_kind("qualification")
    duty_id = duties[0].id if duties else "<candidate id>"
    qual_id = quals[0].id if quals else "<candidate id>"
    example = {
        "title": "<common job title with the level>",
        "company": ctx.company or "<company>",
        "location": ctx.location,
        "workplace": ctx.workplace,
        "employment_type": ctx.employment_type,
        "summary": "<why hiring now, in the company's words. What the role owns.>",
        "responsibilities": [{"text": "<a duty rewritten for this company>", "sources": [duty_id]}],
        "requirements": [
            {"text": "<a must-have from the notes>", "sources": ["context:must_haves"]}
            if ctx.has("must_haves")
            else {"text": "<a must-have qualification>", "sources": [qual_id]}
        ],
        "nice_to_haves": [],
        "benefits": list(ctx.benefits),
        "pay": ctx.salary.model_dump() if ctx.salary else None,
        # the notes carry it already, under [about]; no need to send it twice
        "about": "<[about] from the notes, copied>" if ctx.about else None,
        "apply": ctx.apply,
    }
    return json.dumps(example, ensure_ascii=False)


def _system(ctx: CompanyContext, retrieval: Retrieval, structured: str) -> str:
    ids = [c.id for c in retrieval.candidates]
    return render(
        "system.j2",
        limits=LIMITS,
        example=_example(ctx, retrieval) if structured != "json_schema" else None,
        example_id=ids[0] if ids else "corpus.item-id",
    )


def build_messages(
    ctx: CompanyContext,
    retrieval: Retrieval,
    *,
    structured: str = "json_schema",
    posting: JobPosting | None = None,
    feedback: str | None = None,
) -> list[dict[str, str]]:
    """The system and user messages for a draft, or for a revision when ``posting``
    and ``feedback`` are given. ``json_schema`` sends the shape as the schema in
    ``response_format``; the other modes show a filled-in example instead (the
    schema, if sent at all, travels once, in ``response_format``)."""
    material = _material(ctx, retrieval, structured)
    if posting is None:
        user = render("draft.j2", **material)
    else:
        text = feedback or ""
        user = render(
            "revise.j2",
            **material,
            feedback=text,
            feedback_fence=fence(text),
            posting=posting.model_dump_json(),
        )
    return [
        {"role": "system", "content": _system(ctx, retrieval, structured)},
        {"role": "user", "content": user},
    ]


@cache
def _code_hash() -> str:
    """This module's own source: the prompt code, as ``templates_hash`` is the templates."""
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def request_inputs(
    ctx: CompanyContext,
    retrieval: Retrieval,
    posting: JobPosting | None = None,
    feedback: str | None = None,
) -> str:
    """A digest of everything ``build_messages`` and ``posting_schema`` read (the
    context, the retrieval, a revision's posting and feedback, and this module's own
    code), so the reply cache can be read without rendering a prompt: a cache hit
    then never loads the template engine. The templates are in the cache key's salt."""
    import hashlib
    from dataclasses import asdict

    blob = json.dumps(
        {
            "context": ctx.model_dump(mode="json", exclude={"path"}),
            "family": [retrieval.family.name, retrieval.family.title],
            "level": retrieval.level,
            "fits": retrieval.match.confident,
            "candidates": [asdict(c) for c in retrieval.candidates],
            "posting": posting.model_dump(mode="json") if posting is not None else None,
            "feedback": feedback,
            "code": _code_hash(),
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def failed_replies_dir() -> Path:
    """Where a failed reply goes when no other place is given."""
    return cache_dir() / "failed"


def reply_label(name: str) -> str:
    """A case id (or other name) as it stands in a saved reply's file name."""
    return re.sub(r"[^\w.-]+", "-", name)[:60]


def saved_replies(folder: Path, name: str) -> list[Path]:
    """The replies saved in ``folder`` for ``name`` (``reply-<name>-<stamp>.txt``),
    oldest first."""
    pattern = re.compile(rf"reply-{re.escape(reply_label(name))}-\d{{8}}-\d{{6}}(?:-\d+)?\.txt")
    found = [p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


class ModelDrafter:
    """Drafts and revises through an OpenAI-compatible chat model.

    Keyword options are ``LLMSettings`` fields (``structured``, ``max_attempts``,
    ``retries``, ``timeout``, ``max_tokens``, ``cache``, ``base_url``,
    ``api_key``, ``cache_dir``). ``progress(label)`` is entered around each
    request (the CLI passes a spinner). ``failed_reply_path`` is where the last
    raw reply goes when re-asks run out (default: the cache dir's ``failed/``).
    """

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        progress: Progress | None = None,
        client: Any = None,
        failed_reply_path: Path | None = None,
        **options: Any,
    ) -> None:
        self.settings = LLMSettings(model=model, **options)
        self.llm = StructuredClient(self.settings, progress=progress, client=client)
        self.failed_reply_path = failed_reply_path
        self.reply_label: str | None = (
            None  # names a failed reply in the cache dir (eval: the case)
        )

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def usage(self) -> Usage:
        """Tokens over every request this drafter made, failed attempts included."""
        return self.llm.usage

    def close(self) -> None:
        """Close the HTTP connections; the drafter opens new ones if used again."""
        self.llm.close()

    @property
    def local(self) -> bool:
        """Whether the server is on this machine (its tokens have no price)."""
        try:
            return self.llm.endpoint.is_local
        except JdtailorError:
            return False

    def messages(self, ctx: CompanyContext, retrieval: Retrieval) -> list[dict[str, str]]:
        """What ``draft`` sends first (for inspection and benchmarks)."""
        return build_messages(ctx, retrieval, structured=self.llm.start_mode())

    def draft(self, ctx: CompanyContext, retrieval: Retrieval) -> Draft:
        return self._ask(
            lambda mode: build_messages(ctx, retrieval, structured=mode),
            ctx,
            retrieval,
            request_inputs(ctx, retrieval),
        )

    def revise(
        self, posting: JobPosting, feedback: str, ctx: CompanyContext, retrieval: Retrieval
    ) -> Draft:
        def messages(mode: str) -> list[dict[str, str]]:
            return build_messages(
                ctx, retrieval, structured=mode, posting=posting, feedback=feedback
            )

        return self._ask(
            messages, ctx, retrieval, request_inputs(ctx, retrieval, posting, feedback)
        )

    def _ask(
        self,
        messages: Callable[[str], list[dict[str, str]]],
        ctx: CompanyContext,
        retrieval: Retrieval,
        inputs: str,
    ) -> Draft:
        from ..pipeline import check_draft, context_problems

        def grounded(posting: JobPosting) -> list[str]:
            own = not retrieval.match.confident
            # the one fact check: shape, sources, facts, money and citations
            problems = check_posting(posting, retrieval.candidates, ctx, own_words_only=own)
            return problems + placeholder_problems(posting)

        def check(posting: JobPosting) -> list[str]:
            # as the pipeline checks a draft: the fact check, then lint about the context
            problems = grounded(posting)
            if problems:
                return problems
            return context_problems(check_draft(posting, retrieval, ctx)[1])

        def repair(problems: list[str]) -> str:
            return render("repair.j2", problems=collapse_problems(problems))

        try:
            outcome = self.llm.ask(
                messages,
                JobPosting,
                check=check,
                repair=repair,
                salt=templates_hash(),
                inputs=inputs,
                schema=lambda mode: posting_schema(ctx, mode),
                recheck=grounded,  # a cached reply passed lint when stored; the CLI lints anyway
            )
        except RepairsExhausted as exc:
            saved = self._save_reply(exc.content)
            where = f"is saved in {saved}" if saved else "could not be saved"
            listed = "\n".join(f"  - {p}" for p in collapse_problems(exc.problems))
            listed = redact(listed, self.llm.resolved_endpoint)
            raise RepairFailedError(
                f"model {self.model!r} gave no usable posting in {exc.attempts} "
                f"attempt{'s' if exc.attempts != 1 else ''} (--structured {exc.mode}); "
                f"the last reply {where}. Its problems:\n{listed}\n"
                f"Try again, raise --max-attempts, {_ADVICE[exc.mode]}.",
                content=exc.content,
                saved=str(saved) if saved else None,
                problems=list(exc.problems),
            ) from None
        except TruncatedReplyError as exc:
            saved = self._save_reply(exc.content)
            where = f"; the reply is saved in {saved}" if saved else ""
            mode = self.llm.start_mode()
            advice = (
                f"a model this size cannot follow it in this mode: {_ADVICE[mode]}"
                if isinstance(exc, RunawayReplyError)
                else "or try a model that writes less"
            )
            raise type(exc)(f"{exc.message}{where}; {advice}", content=exc.content) from None
        notes = list(outcome.notes)
        if self.settings.structured == "auto" and not outcome.cache_hit:
            notes.append(f"{self.model} answered in --structured {outcome.mode} mode")
        trace = Trace(
            backend=self.name,
            model=self.model,
            attempts=outcome.attempts,
            prompt_tokens=outcome.usage.prompt_tokens,
            completion_tokens=outcome.usage.completion_tokens,
            cache_hit=outcome.cache_hit,
            ms=outcome.ms,
            notes=notes + list(retrieval.notes),
        )
        return Draft(outcome.value, trace)

    def _save_reply(self, content: str) -> Path | None:
        """Keep the last raw reply for the user: at ``failed_reply_path`` if that
        works, else in the cache dir's ``failed/``; never over another file. None
        when neither place can be written (the failure itself must still be told)."""
        text = redact(content, self.llm.resolved_endpoint)  # resolved: requests were made
        stamp = time.strftime("%Y%m%d-%H%M%S")
        label = reply_label(self.reply_label) + "-" if self.reply_label else ""
        fallback = failed_replies_dir() / f"reply-{label}{stamp}.txt"
        for base in (self.failed_reply_path, fallback):
            if base is None:
                continue
            try:
                if base is fallback:
                    base.parent.mkdir(parents=True, exist_ok=True)
                for n in range(1, 100):
                    path = base if n == 1 else base.with_name(f"{base.stem}-{n}{base.suffix}")
                    try:
                        return atomic_write(path, text)
                    except OutputExistsError:
                        continue
            except (JdtailorError, OSError):
                continue
        return None
