"""The embedded, deterministic drafter used when no model is configured.

It writes nothing of its own about the company: the summary is the context's own
about and why-hiring sentences, requirements start with the context's must-haves,
and every other bullet is a corpus item chosen for the context's priorities. The
same input gives byte-identical output.
"""

from __future__ import annotations

import re
import time

from ..context import CompanyContext
from ..corpus.words import ACTION_VERBS as CORPUS_VERBS
from ..errors import ModelConfigError
from ..posting import LIMITS, Bullet, JobPosting
from ..retrieval import Candidate, Retrieval
from ..text import restates, split_sentences
from . import Draft, Trace

__all__ = ["OfflineDrafter", "posting_title", "split_sentences"]

_HAS_LEVEL = {
    "entry": {"junior", "jr", "associate", "apprentice", "intern", "trainee", "graduate",
              "coordinator", "assistant", "entry"},
    "senior": {"senior", "sr"},
    "lead": {"lead", "principal", "staff", "head", "director", "chief", "vp", "manager"},
}  # fmt: skip
_LEVEL_PREFIX = {"entry": "Junior", "senior": "Senior", "lead": "Lead"}
_ANY_LEVEL = {"junior", "jr", "senior", "sr", "lead", "principal", "staff", "head"}

# Imperative verbs an outcome may start with to stand as a duty ("Renew...", not "Every..."):
# the corpus check's verb list, plus verbs that goals use more than duties do.
ACTION_VERBS = CORPUS_VERBS | frozenset(
    "double finish get halve increase lower reach recover stand".split()
)

# Words that mark a sentence as saying why the company is hiring.
_WHY_MARKERS = re.compile(
    r"\b(hiring|we need|need (?:someone|a|an)|looking for|grow(?:ing|th)?|opening|expand\w*|"
    r"because|so we|new role|this role|backlog|demand)\b",
    re.IGNORECASE,
)

DUTIES = 7
REQUIREMENTS = 5
MAX_OUTCOME_DUTIES = 3
MAX_WORDS = 30


def _why_from_prose(about: str | None) -> list[str]:
    """From the first later paragraph that says why the company is hiring, its sentences
    up to that point, so a "she" or "this" still has what it refers to."""
    for paragraph in (about or "").split("\n")[1:]:
        sentences = split_sentences(paragraph)
        for i, sentence in enumerate(sentences):
            if _WHY_MARKERS.search(sentence):
                return sentences[: i + 1] if i < 2 else [sentence]
    return []


def _about_rest(about: str | None, summary: str) -> str | None:
    """The about (and team) text without the sentences the summary already says, so
    the posting does not repeat itself; None when nothing is left."""
    paragraphs = []
    for paragraph in (about or "").split("\n"):
        rest = [x for x in split_sentences(paragraph) if x not in summary]
        if rest:
            paragraphs.append(" ".join(rest))
    return "\n".join(paragraphs) or None


def posting_title(role: str, level: str) -> str:
    """A common title that carries the level: "Senior Account Manager"."""
    words = set(re.findall(r"[a-z]+", role.lower()))
    if level == "mid" or words & _ANY_LEVEL:
        return role
    if level == "lead" and words & _HAS_LEVEL["lead"] and "manager" not in words:
        return role  # "Account Director" already says it
    if words & _HAS_LEVEL.get(level, set()) and level != "lead":
        return role
    return f"{_LEVEL_PREFIX[level]} {role}"


def _pick(
    candidates: list[Candidate], n: int, taken: list[str], per_area: int = 2
) -> list[Candidate]:
    """The first ``n`` candidates in ranked order, at most ``per_area`` from one area,
    none restating a text already taken."""
    chosen: list[Candidate] = []
    areas: dict[str, int] = {}
    # Relax step by step: first the area cap, then (for a thin corpus) the likeness rule.
    for relax in (0, 1, 2):
        for cand in candidates:
            if len(chosen) >= n:
                return chosen
            if cand in chosen:
                continue
            if relax < 1 and areas.get(cand.area, 0) >= per_area:
                continue
            if relax < 2 and any(restates(cand.text, t) for t in taken):
                continue
            chosen.append(cand)
            taken.append(cand.text)
            areas[cand.area] = areas.get(cand.area, 0) + 1
    return chosen


_DEGREE = re.compile(r"\b(degree|bachelor'?s?|master'?s|mba|phd|doctorate|diploma)\b", re.I)
_YEARS = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\+?\s*(?:or more\s+)?years?\b",
    re.I,
)


def _inflates(text: str, ctx: CompanyContext) -> bool:
    """Whether a corpus qualification would ask for more than the context does: a degree
    the context never mentions, or a second years-of-experience figure beside its own."""
    asked = " ".join(ctx.must_haves + ctx.nice_to_haves)
    if _DEGREE.search(text) and not _DEGREE.search(asked):
        return True
    return bool(_YEARS.search(text) and _YEARS.search(asked))


def _cap(text: str) -> str:
    """The context's own bullet as a sentence: capital first, full stop last, like the corpus."""
    text = text.strip().rstrip(";,")
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


class OfflineDrafter:
    """Deterministic drafting from the context and the ranked candidates."""

    name = "offline"

    def draft(self, ctx: CompanyContext, retrieval: Retrieval) -> Draft:
        started = time.perf_counter()
        notes = list(retrieval.notes)
        level = retrieval.level
        title = posting_title(ctx.role or retrieval.family.title, level)

        responsibilities: list[Bullet] = []
        taken: list[str] = []
        outcomes = [
            o
            for o in ctx.outcome_items
            if len(o.split()) <= MAX_WORDS and o.split()[0].lower().strip(",.:") in ACTION_VERBS
        ]
        for text in outcomes[:MAX_OUTCOME_DUTIES]:
            responsibilities.append(Bullet(text=_cap(text), sources=["context:outcomes"]))
            taken.append(text)
        for cand in _pick(retrieval.by_kind("duty"), DUTIES - len(responsibilities), taken):
            responsibilities.append(Bullet(text=cand.text, sources=[cand.id]))

        requirements: list[Bullet] = []
        max_req = LIMITS["requirements"][1]
        must = ctx.must_haves
        if len(must) > max_req:
            notes.append(
                f"the context lists {len(must)} must-haves; the posting keeps the first {max_req}. "
                "Trim the list or move some to nice-to-haves."
            )
        taken = []
        for text in must[:max_req]:
            requirements.append(Bullet(text=_cap(text), sources=["context:must_haves"]))
            taken.append(text)
        quals = [c for c in retrieval.by_kind("qualification") if not _inflates(c.text, ctx)]
        # The company's own must-haves are the requirements; corpus qualifications only
        # fill in when it gave none, or too few for a posting (anything more is the
        # requirement inflation lint warns about).
        target = REQUIREMENTS if not must else LIMITS["requirements"][0]
        fill = max(0, target - len(requirements))
        picked = _pick(quals, fill, taken)
        requirements += [Bullet(text=c.text, sources=[c.id]) for c in picked]

        nice: list[Bullet] = []
        max_nice = LIMITS["nice_to_haves"][1]
        if len(ctx.nice_to_haves) > max_nice:
            notes.append(
                f"the context lists {len(ctx.nice_to_haves)} nice-to-haves; the posting keeps "
                f"the first {max_nice}."
            )
        for text in ctx.nice_to_haves[:max_nice]:
            nice.append(Bullet(text=_cap(text), sources=["context:nice_to_haves"]))
            taken.append(text)
        if not nice:
            rest = [c for c in quals if c not in picked]
            nice = [Bullet(text=c.text, sources=[c.id]) for c in _pick(rest, 2, taken)]

        summary = self._summary(ctx, title)
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
            about=_about_rest("\n".join(t for t in (ctx.about, ctx.team) if t), summary),
            apply=ctx.apply,
        )
        trace = Trace(backend=self.name, ms=(time.perf_counter() - started) * 1000, notes=notes)
        return Draft(posting, trace)

    @staticmethod
    def _summary(ctx: CompanyContext, title: str) -> str:
        """The context's own words: one sentence about the company, then why it is hiring."""
        about = split_sentences(ctx.about)
        why = split_sentences(ctx.why_hiring)
        if not why:  # prose-only contexts often say why in a later paragraph of "about"
            why = _why_from_prose(ctx.about)
        hi = LIMITS["summary"][1]
        parts = about[:1] + why[: hi - 1] if why else about[:2]
        if len(parts) < 2:
            who = ctx.company or "We"
            verb = "is" if ctx.company else "are"
            article = "an" if title[:1].lower() in "aeiou" else "a"
            parts.append(f"{who} {verb} hiring {article} {title}.")
        if len(parts) < 2:
            facts = [f for f in (ctx.workplace, ctx.employment_type) if f]
            where = f" based in {ctx.location}" if ctx.location else ""
            role = " ".join(facts + ["role"])
            parts.append(f"This is {'an' if role[0] in 'aeiou' else 'a'} {role}{where}.")
        return " ".join(parts[:hi])

    def revise(self, posting, feedback, ctx, retrieval):  # type: ignore[no-untyped-def]
        raise ModelConfigError(
            "free-text feedback needs a model; set OPENAI_API_KEY and --model, "
            "or use a command such as `drop resp 2` (type `help`)"
        )
