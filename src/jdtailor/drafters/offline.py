"""The embedded, deterministic drafter used when no model is configured.

It writes nothing of its own about the company: the summary is the context's own
about and why-hiring sentences, requirements start with the context's must-haves,
and every other bullet is a corpus item chosen for the context's priorities. The
same input gives byte-identical output.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from ..context import CompanyContext
from ..errors import ContextError, ModelConfigError
from ..grounding import unstated_money
from ..levels import asks_degree, mentions_years
from ..posting import LIMITS, Bullet, JobPosting
from ..retrieval import Candidate, Retrieval
from ..text import as_sentence, lazy, restates, split_sentences
from . import Draft, Trace
from .ownwords import (
    ACTION_VERBS,
    article,
    duties_from_prose,
    own_duties,
    posting_title,
    summary_sentences,
    team_sentence,
)

__all__ = ["ACTION_VERBS", "OfflineDrafter", "posting_title", "split_sentences"]

DUTIES = 7
PASTED_DUTIES = 6  # a pasted posting's own duties, then corpus ones up to this many
REQUIREMENTS = 5


def _about_rest(about: str | None, summary: str) -> str | None:
    """The about (and team) text without the sentences the summary already says, so
    the posting does not repeat itself; None when nothing is left."""
    said = set(split_sentences(summary))
    paragraphs = []
    for paragraph in (about or "").split("\n"):
        rest = [x for x in split_sentences(paragraph) if x not in said]
        if rest:
            paragraphs.append(" ".join(rest))
    return "\n".join(paragraphs) or None


def _pick(
    candidates: list[Candidate],
    n: int,
    taken: list[str],
    per_area: int = 2,
    *,
    own: Sequence[str] = (),
    need: int = 0,
) -> list[Candidate]:
    """The first ``n`` candidates in ranked order, at most ``per_area`` from one area,
    none restating a text already taken (the likeness rule of `corpus check`).

    For a thin corpus the area cap is relaxed, and then — only to reach ``need`` — the
    likeness rule among corpus texts; never against ``own``, the company's words.
    """
    chosen: list[Candidate] = []
    areas: dict[str, int] = {}
    for relax in (0, 1, 2):
        for cand in candidates:
            if len(chosen) >= (n if relax < 2 else min(n, need)):
                break
            if cand in chosen:
                continue
            if relax < 1 and areas.get(cand.area, 0) >= per_area:
                continue
            if any(restates(cand.text, t) for t in own):
                continue
            if relax < 2 and any(restates(cand.text, t) for t in taken):
                continue
            chosen.append(cand)
            taken.append(cand.text)
            areas[cand.area] = areas.get(cand.area, 0) + 1
    return chosen


def _inflates(text: str, ctx: CompanyContext) -> bool:
    """Whether a corpus qualification would ask for more than the context does: a degree
    or a years-of-experience figure the context never asks for."""
    asked = " ".join(ctx.must_haves + ctx.nice_to_haves)
    if asks_degree(text) and not asks_degree(asked):
        return True
    return mentions_years(text)  # the context's own years figure, or none at all


# Facts a corpus item may state that a posting must back: a shift or schedule, a
# licence or card, a weight to lift, a drive-thru. A pasted posting said what it
# meant; a corpus item adding one of these would invent it.
_FACT_WORDS = lazy(
    r"\b(?:drive[- ]?thru|drive[- ]through|licen[cs]e[ds]?|cards?|certif\w*|permits?|"
    r"shifts?|weekends?|holidays?|overnights?|nights?|early|mornings?|evenings?|on[- ]call|"
    r"pounds|lbs|lift\w*|forklifts?|cdl)\b",
    re.IGNORECASE,
)


def _said(ctx: CompanyContext) -> str | None:
    """Everything a pasted posting wrote, lower-cased; None for a company.md, whose
    author expects the corpus to fill in."""
    if not ctx.pasted:
        return None
    parts = [ctx.role, ctx.about, ctx.why_hiring, *ctx.responsibilities, *ctx.must_haves]
    parts += ctx.nice_to_haves + ctx.benefits + [text for _, text in ctx.left_out]
    return "\n".join(p for p in parts if p).lower()


def _unbacked(text: str, said: str | None) -> bool:
    """Whether a corpus item states a fact word (see ``_FACT_WORDS``) the posting never uses."""
    if said is None:
        return False
    return any(m.group(0).lower() not in said for m in _FACT_WORDS.finditer(text))


class OfflineDrafter:
    """Deterministic drafting from the context and the ranked candidates."""

    name = "offline"

    def draft(self, ctx: CompanyContext, retrieval: Retrieval) -> Draft:
        started = time.perf_counter()
        notes = list(retrieval.notes)
        level = retrieval.level
        fits = retrieval.match.confident
        role = ctx.role or retrieval.family.title
        title = (
            role  # "Billing Manager" already says it runs the team: no "Lead" before it
            if retrieval.match.runs_team and level == "lead"
            else posting_title(
                role,
                level,
                retrieval.family.level_words if fits else {"entry": ""},
                ctx.seniority_word,
            )
        )

        # The company's own duties first, then corpus duties that say something new.
        said = _said(ctx)
        max_duties = LIMITS["responsibilities"][1]
        own = own_duties(ctx, max_duties, LIMITS["success"][1])
        notes += own.left_out
        responsibilities = [Bullet(text=t, sources=[src]) for t, src in own.duties]
        theirs = [t for t, _ in own.duties] + list(own.success)
        if fits:
            want = max(DUTIES - len(responsibilities), 0)
            if ctx.pasted and len(responsibilities) >= LIMITS["responsibilities"][0]:
                want = max(PASTED_DUTIES - len(responsibilities), 0)  # theirs lead
            need = max(LIMITS["responsibilities"][0] - len(responsibilities), 0)
            duties = [
                c for c in retrieval.by_kind("duty")
                if not unstated_money(c.text, ctx) and not _unbacked(c.text, said)
            ]  # fmt: skip
            for cand in _pick(duties, want, [], own=theirs, need=need):
                responsibilities.append(Bullet(text=cand.text, sources=[cand.id]))
        elif not responsibilities:
            responsibilities = [
                Bullet(text=t, sources=[src]) for t, src in duties_from_prose(ctx)[:max_duties]
            ]
        if not responsibilities:
            raise ContextError(
                f"{ctx.path or 'company.md'}: no corpus family fits {role!r} (nearest: "
                f"{retrieval.family.name}) and the file lists no duties of its own; add a "
                "'## Responsibilities' section, pass --family NAME if a family fits "
                "(`jdtailor corpus list`), or add one with `jdtailor corpus import`"
            )
        success = [Bullet(text=t, sources=["context:outcomes"]) for t in own.success]

        requirements: list[Bullet] = []
        max_req = LIMITS["requirements"][1]
        must = ctx.must_haves
        if len(must) > max_req:
            notes.append(
                f"the context lists {len(must)} must-haves; the posting keeps the first {max_req} "
                "and leaves out " + "; ".join(repr(m) for m in must[max_req:]) + ". Trim the "
                "list or move some to nice-to-haves."
            )
        theirs = list(must[:max_req])
        for text in theirs:
            requirements.append(Bullet(text=as_sentence(text), sources=["context:must_haves"]))
        # The company's own must-haves are the requirements; corpus qualifications only
        # fill in when it gave none, or too few for a posting (anything more is the
        # requirement inflation lint warns about), and never add a degree or a years
        # figure it did not ask for unless there is no other way to reach the minimum.
        quals = [
            c for c in retrieval.by_kind("qualification")
            if not unstated_money(c.text, ctx) and not _unbacked(c.text, said)
        ] if fits else []  # fmt: skip
        target = REQUIREMENTS if not must and not ctx.pasted else LIMITS["requirements"][0]
        fill = max(0, target - len(requirements))
        plain = [c for c in quals if not _inflates(c.text, ctx)]
        taken: list[str] = []
        need = max(LIMITS["requirements"][0] - len(requirements), 0)
        picked = _pick(plain, fill, taken, own=theirs, need=need)
        if len(picked) < need:
            rest = [c for c in quals if c not in picked]
            picked += _pick(rest, need - len(picked), taken, own=theirs, need=need)
        requirements += [Bullet(text=c.text, sources=[c.id]) for c in picked]

        nice: list[Bullet] = []
        max_nice = LIMITS["nice_to_haves"][1]
        if len(ctx.nice_to_haves) > max_nice:
            notes.append(
                f"the context lists {len(ctx.nice_to_haves)} nice-to-haves; the posting keeps "
                f"the first {max_nice} and leaves out "
                + "; ".join(repr(m) for m in ctx.nice_to_haves[max_nice:])
                + "."
            )
        for text in ctx.nice_to_haves[:max_nice]:
            nice.append(Bullet(text=as_sentence(text), sources=["context:nice_to_haves"]))
            theirs.append(text)
        if not nice and not ctx.pasted:  # a posting named its own extras, or none
            rest = [c for c in plain if c not in picked]
            nice = [Bullet(text=c.text, sources=[c.id]) for c in _pick(rest, 2, taken, own=theirs)]

        if not fits and (
            len(responsibilities) < LIMITS["responsibilities"][0]
            or len(requirements) < LIMITS["requirements"][0]
        ):
            notes.append(
                f"the posting has {len(responsibilities)} duties and {len(requirements)} "
                "requirements, all from company.md (a posting usually has at least "
                f"{LIMITS['responsibilities'][0]} and {LIMITS['requirements'][0]}); add them "
                "under '## Responsibilities' and '## Must-haves'."
            )

        summary, left = self._summary(ctx, title)
        if left:
            notes.append(
                f"summary: {LIMITS['summary'][1]} sentences at most; left out of why-hiring: "
                + " ".join(repr(x) for x in left)
                + " Shorten '## Why we're hiring' to the sentences that matter most."
            )
        about = "\n".join(t for t in (ctx.about, team_sentence(ctx.team)) if t)
        posting = JobPosting(
            title=title,
            company=ctx.company or "",
            location=ctx.location,
            workplace=ctx.workplace,
            employment_type=ctx.employment_type,
            summary=summary,
            responsibilities=responsibilities,
            requirements=requirements,
            nice_to_haves=nice,
            benefits=list(ctx.benefits),
            pay=ctx.salary,
            about=_about_rest(about, summary),
            apply=ctx.apply,
            success=success,
        )
        trace = Trace(backend=self.name, ms=(time.perf_counter() - started) * 1000, notes=notes)
        return Draft(posting, trace)

    @staticmethod
    def _summary(ctx: CompanyContext, title: str) -> tuple[str, list[str]]:
        """The context's own words, chosen by role (who we are, why now, what the hire
        will do), and the why-hiring sentences the limit left out."""
        lo, hi = LIMITS["summary"]
        parts, left = summary_sentences(ctx, hi)
        if len(parts) < lo:
            who = ctx.company or "We"
            verb = "is" if ctx.company else "are"
            parts.append(f"{who} {verb} hiring {article(title)} {title}.")
        if len(parts) < lo:
            facts = [f for f in (ctx.workplace, ctx.employment_type) if f]
            where = f" based in {ctx.location}" if ctx.location else ""
            if facts or where:
                role = " ".join(facts + ["role"])
                parts.append(f"This is {article(role)} {role}{where}.")
            else:  # nothing more is known; say what follows rather than pad
                parts.append("Below is what the work involves and what you need to apply.")
        return " ".join(parts[:hi]), left

    def revise(self, posting, feedback, ctx, retrieval):  # type: ignore[no-untyped-def]
        raise ModelConfigError(
            "free-text feedback needs a model; set OPENAI_API_KEY and --model, "
            "or use a command such as `drop resp 2` (type `help`)"
        )
