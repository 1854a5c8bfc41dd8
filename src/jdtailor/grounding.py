"""The one fact check: is this posting true to its context?

    sources     every bullet cites a candidate id or a ``context:<field>`` that says something
    citations   a cited item shares words with its bullet; no benefit as a requirement;
                no bullet twice (``citations``)
    pay         exactly the context's, or none when the context gives none
    benefits    only the context's, verbatim (a posting may leave one out, never add one)
    facts       company, location, workplace, employment type and apply URL equal the context's
    money       no sum of money in the prose that the context never states

``check_posting`` is what the pipeline, both drafters, refine, batch and eval use;
lint's fabrication family and eval's facts scorer present the same checks in their
own way, through ``fact_problems``, ``money_problems`` and the helpers below.
For the LLM a problem is something to re-ask with; for the offline drafter, a bug.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .citations import candidate_texts, citation_problems
from .context import CITABLE_FIELDS, CompanyContext
from .levels import YEARS_FIGURE
from .money import FIGURE, figure_key, figures, sums_of_money
from .posting import JobPosting, Pay, shape_problems
from .text import lazy

__all__ = [
    "FACT_FIELDS",
    "FactProblem",
    "check_posting",
    "context_text",
    "fact_problems",
    "grounding_problems",
    "known_figures",
    "money_problems",
    "same_place",
    "source_problems",
    "unstated_figures",
    "unstated_money",
]

# The facts a posting must copy from the context as they stand (or leave out entirely).
FACT_FIELDS = ("company", "location", "workplace", "employment_type", "apply")
# tried at the start of a word only, so a 40,000-character word is scanned once
_URL = lazy(r"(?<!\S)(?:\S+://\S+|[^\s@]+@[^\s@]+\.\S+)|www\.\S+")


class FactProblem(NamedTuple):
    """One fact the posting states differently from the context."""

    field: str  # pay | benefits | one of FACT_FIELDS
    message: str


def source_problems(
    posting: JobPosting, candidate_ids: Iterable[str], ctx: CompanyContext
) -> list[str]:
    """Bullets citing an id that is not a candidate, or a context field that is empty."""
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
    return problems


def pay_problem(pay: Pay | None, ctx: CompanyContext) -> str | None:
    """Why ``pay`` is not the context's pay, or None when it is."""
    if ctx.salary is None and pay is not None:
        return "pay is stated but the context gives no pay; set pay to null"
    if ctx.salary is not None and pay != ctx.salary:
        return f"pay must be exactly the context's: {ctx.salary.model_dump_json()}"
    return None


def fact_problems(posting: JobPosting, ctx: CompanyContext) -> list[FactProblem]:
    """Pay, benefits, company, location, workplace, employment type and apply URL that
    differ from the context's."""
    problems: list[FactProblem] = []
    pay = pay_problem(posting.pay, ctx)
    if pay is not None:
        problems.append(FactProblem("pay", pay))
    allowed = set(ctx.benefits)
    for benefit in posting.benefits:
        if benefit not in allowed:
            problems.append(
                FactProblem(
                    "benefits",
                    f"benefit {benefit!r} is not in the context; use its benefits verbatim",
                )
            )
    for name in FACT_FIELDS:
        stated, known = getattr(posting, name) or None, getattr(ctx, name) or None
        if stated != known:
            problems.append(FactProblem(name, f"{name} must be the context's: {known!r}"))
    return problems


def context_text(ctx: CompanyContext) -> str:
    """Everything the context says (every field, the salary's figures too), as text a
    figure can be looked up in."""
    parts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, (int, float)):
            parts.append(f"{value:g}")
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(ctx.model_dump())
    return "\n".join(p for p in parts if p)


def unstated_money(text: str, ctx: CompanyContext) -> list[str]:
    """The sums of money in ``text`` ("$25,000", "40k USD") that the context never states."""
    known = set(figures(context_text(ctx), unscaled=True))
    out = []
    for match in sums_of_money(text):
        amounts = set(figures(match.group(0)))
        if amounts and not amounts & known:
            out.append(match.group(0).strip())
    return out


def money_problems(posting: JobPosting, ctx: CompanyContext) -> list[str]:
    """Sums of money in the prose that the context never states."""
    places = [("summary", posting.summary), ("about", posting.about or "")]
    places += [(f"{section} {i}", b.text) for section, i, b in posting.bullets()]
    return [
        f"{where} states {money}, which the company notes do not; remove it"
        for where, text in places
        for money in unstated_money(text, ctx)
    ]


def grounding_problems(
    posting: JobPosting, candidate_ids: Iterable[str], ctx: CompanyContext
) -> list[str]:
    """Sources that do not exist and facts or sums of money the context does not state."""
    return (
        source_problems(posting, candidate_ids, ctx)
        + [p.message for p in fact_problems(posting, ctx)]
        + money_problems(posting, ctx)
    )


def check_posting(
    posting: JobPosting,
    candidates: Mapping[str, str] | Iterable[object],
    ctx: CompanyContext,
    *,
    own_words_only: bool = False,
) -> list[str]:
    """Shape limits, grounding and citations (``citations``); empty when the posting
    is acceptable.

    ``candidates``: the retrieved items (``id`` and ``text``), id -> text, or bare ids
    (then no bullet is checked against its item's words). ``own_words_only``: no
    corpus family fits (see ``posting.OWN_WORDS_MINIMUMS``).
    """
    texts = candidate_texts(candidates)
    shape = shape_problems(posting, own_words_only=own_words_only)
    return shape + grounding_problems(posting, texts, ctx) + citation_problems(posting, texts, ctx)


def known_figures(text: str) -> set[str]:
    """The figures ``text`` states, in comparable form ("$72k" and "72,000" alike)."""
    return {figure_key(m.group(0)) for m in FIGURE.finditer(_URL.sub(" ", text))}


def unstated_figures(text: str, known: set[str]) -> list[str]:
    """Figures in ``text`` that are not in ``known`` (from ``known_figures``); numbers of years
    and figures inside URLs do not count."""
    text = YEARS_FIGURE.sub(" ", _URL.sub(" ", " ".join(text.split())))
    return [
        m.group(0).strip() for m in FIGURE.finditer(text) if figure_key(m.group(0)) not in known
    ]


def same_place(stated: str, known: str | None) -> bool:
    """Whether a stated location is the context's, give or take punctuation and
    brackets ("Portland, OR" within "Portland, OR, USA")."""

    def norm(text: str) -> str:
        text = re.sub(r"\([^()]*\)", " ", text.lower())
        return re.sub(r"[^a-z0-9]+", " ", text).strip()

    a, b = norm(stated), norm(known or "")
    return not a or (bool(b) and (a in b or b in a))
