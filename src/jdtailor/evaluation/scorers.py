"""Deterministic scorers: each looks at one posting and gives 0-100 with a reason.

A scorer returns ``None`` as its score when it does not apply (no lint package,
a posting with no sources to check); the case score is the weighted mean of the
scores that apply, capped by the lowest critical scorer (``CRITICAL``) so one fatal
fault — the wrong job, invented pay — cannot hide behind a good average. Scorers
never raise on a bad posting: a fault is a low score. What a reader judges (job
fit, fidelity, contradiction, specificity, prose) lives in ``reader.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..context import CITABLE_FIELDS, CompanyContext
from ..corpus import Corpus
from ..grounding import context_text, grounding_problems, known_figures, unstated_figures
from ..levels import DEGREE, allows_years, years_asked
from ..posting import LENGTH_WORDS, LIMITS, JobPosting, shape_problems
from ..retrieval import Retrieval, infer_level
from ..text import article, plural, word_count
from . import reader
from .suite import Case

__all__ = [
    "CRITICAL",
    "SCORERS",
    "Score",
    "Subject",
    "combine",
    "limiting",
    "mean_score",
    "score_all",
]

GRADE_TARGET = 8.0


@dataclass
class Subject:
    """Everything a scorer may look at for one drafted case."""

    case: Case
    ctx: CompanyContext
    context_text: str
    posting: JobPosting
    retrieval: Retrieval | None  # None for a posting written elsewhere
    markdown: str  # the posting as a reader sees it (a file's own text when not drafted)
    lint: Any | None = None  # jdtailor.lint.LintReport when the lint package is present
    corpus: Corpus | None = None  # to tell one job's duties from another's
    notes: list[str] = field(default_factory=list)  # what the drafter said it left out
    sourced: bool = True  # False for a posting from text: its bullets cite nothing

    @property
    def level(self) -> str:
        return self.retrieval.level if self.retrieval is not None else infer_level(self.ctx)


@dataclass
class Score:
    name: str
    score: float | None
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = None if self.score is None else round(self.score, 1)
        return {"score": value, "detail": self.detail, "data": self.data}


def _penalty(problems: list[str], each: float) -> float:
    return max(0.0, 100.0 - each * len(problems))


def _brief(problems: list[str], limit: int = 3) -> str:
    more = f" (+{len(problems) - limit} more)" if len(problems) > limit else ""
    return "; ".join(problems[:limit]) + more


def score_schema(s: Subject) -> Score:
    """The posting is a valid JobPosting within the length limits."""
    try:
        JobPosting.model_validate(s.posting.model_dump())
    except Exception as exc:  # a model reply that slipped through; score it, do not crash
        return Score("schema", 0.0, f"not a valid posting: {exc}".splitlines()[0])
    # No corpus family fits the job, or a posting from elsewhere: the duty and requirement
    # minimums are the company's own (a posting written by hand owes no fixed count).
    own = not s.sourced or (s.retrieval is not None and not s.retrieval.match.confident)
    problems = shape_problems(s.posting, own_words_only=own)
    if not s.sourced:  # a posting from text cites nothing
        problems = [p for p in problems if not p.endswith("cites no source")]
    return Score(
        "schema", _penalty(problems, 20), _brief(problems) or "valid", {"problems": problems}
    )


def score_grounded(s: Subject) -> Score:
    """Share of bullets whose every source is a candidate id or a context field it has."""
    if not s.sourced:
        return Score("grounded", None, "a posting from text cites no sources")
    if s.retrieval is not None:
        known = s.retrieval.ids()
    else:  # a posting JSON from elsewhere: any id the corpus holds is a source
        known = {item.id for item in s.corpus.items()} if s.corpus is not None else set()
    bullets = s.posting.bullets()
    if not bullets:
        return Score("grounded", 0.0, "no bullets")
    bad: list[str] = []
    for section, i, bullet in bullets:
        ok = bool(bullet.sources)
        for source in bullet.sources:
            if source.startswith("context:"):
                name = source.removeprefix("context:")
                ok &= name in CITABLE_FIELDS and s.ctx.has(name)
            else:
                ok &= source in known
        if not ok:
            bad.append(f"{section} {i}")
    share = (len(bullets) - len(bad)) / len(bullets)
    detail = f"{len(bullets) - len(bad)}/{len(bullets)} bullets grounded"
    if bad:
        detail += f"; ungrounded: {', '.join(bad[:4])}"
    return Score("grounded", 100 * share, detail, {"bullets": len(bullets), "ungrounded": bad})


def score_facts(s: Subject) -> Score:
    """No pay, benefit, location, company, workplace, apply link or figure the context
    (or a cited corpus item) does not state; leaving a fact out is no fault here."""
    p, ctx = s.posting, s.ctx
    # grounding is the one fact check; a fact the posting leaves out is not invented
    stated = {
        name: getattr(p, name) or getattr(ctx, name)
        for name in ("location", "company", "workplace", "employment_type", "apply")
    }
    facts_only = p.model_copy(
        update={**stated, "responsibilities": [], "requirements": [], "nice_to_haves": []}
    )
    problems = grounding_problems(facts_only, (), ctx)
    if p.pay is None:
        problems = [x for x in problems if not x.startswith("pay must be")]
    sources = [s.context_text, context_text(ctx)]
    cited = {x for _, _, b in p.bullets() for x in b.sources}
    if s.retrieval is not None:
        sources += [cand.text for cand in s.retrieval.candidates]
    elif s.corpus is not None:
        # a posting from elsewhere may state what its job's corpus states ("lift 50 pounds")
        sources += list(reader.job_texts(s, cited))
    known = known_figures("\n".join(sources))
    prose = [p.title, p.summary, p.about or ""] + [b.text for _, _, b in p.bullets()]
    invented = sorted(set(unstated_figures("\n".join(prose), known)))
    problems += [f"figure {n} not in the context or corpus" for n in invented]
    detail = _brief(problems) or "no invented facts"
    return Score("facts", _penalty(problems, 25), detail, {"problems": problems})


def score_lint(s: Subject) -> Score:
    """The lint package's score; each error-level finding is named."""
    if s.lint is None:
        return Score("lint", None, "lint not available")
    findings = list(getattr(s.lint, "findings", []) or [])
    errors = [f for f in findings if str(getattr(f, "severity", "")).lower().endswith("error")]
    score = float(getattr(s.lint, "score", 0.0))
    names = sorted({str(getattr(f, "rule", getattr(f, "code", "?"))) for f in errors})
    detail = f"{plural(len(findings), 'finding')}, {plural(len(errors), 'error')}"
    if names:
        detail += f" ({', '.join(names[:4])})"
    return Score("lint", score, detail, {"findings": len(findings), "errors": len(errors)})


def score_inflation(s: Subject) -> Score:
    """Requirements the brief did not ask for (count, years, degrees, promoted nice-to-haves).

    Too many bullets, years beyond the level, a degree the brief never mentions, or a
    nice-to-have from the brief turned into a must-have: each costs 25 points.
    """
    reqs = s.posting.requirements
    problems: list[str] = []
    limit = s.case.expect.max_requirements or LIMITS["requirements"][1]
    if len(reqs) > limit:
        problems.append(f"{len(reqs)} requirements; at most {limit}")
    for i, b in enumerate(reqs, 1):
        years = [y for y, _ in years_asked(b.text)]
        if any(not allows_years(s.level, y) for y in years):
            problems.append(
                f"requirement {i} asks {max(years)}+ years for {article(s.level or '')} "
                f"{s.level} role"
            )
    brief = s.context_text.lower()
    if not DEGREE.search(brief):
        for i, b in enumerate(reqs, 1):
            if DEGREE.search(b.text):
                problems.append(f"requirement {i} adds a degree the brief does not ask for")
    nice = {n.strip().lower().rstrip(".") for n in s.ctx.nice_to_haves}
    for i, b in enumerate(reqs, 1):
        if b.text.strip().lower().rstrip(".") in nice:
            problems.append(f"requirement {i} is a nice-to-have in the brief")
    detail = _brief(problems) or f"{len(reqs)} requirements, none inflated"
    return Score("inflation", _penalty(problems, 25), detail, {"problems": problems})


def score_length(s: Subject) -> Score:
    """Words in the rendered posting against the 300-700 band."""
    n = word_count(s.markdown)
    lo, hi = LENGTH_WORDS
    if n < lo:
        score = 100.0 * n / lo
    elif n > hi:
        score = max(0.0, 100.0 - (n - hi) / 4)
    else:
        score = 100.0
    return Score("length", score, f"{n} words (aim for {lo}-{hi})", {"words": n})


def _grade(s: Subject, pieces: list[str]) -> float:
    """The grade lint gave the posting, so eval and lint agree; lint's formula otherwise."""
    grade = getattr(s.lint, "grade", None)
    if grade is not None:
        return float(grade)
    from ..lint.readability import fk_grade

    return max(fk_grade(pieces)[0], 0.0)


def score_reading(s: Subject) -> Score:
    """Flesch-Kincaid grade of the summary and bullets; grade 8 or below is full marks."""
    p = s.posting
    grade = _grade(s, [p.summary] + [b.text for _, _, b in p.bullets()])
    score = max(0.0, min(100.0, 100.0 - 10.0 * (grade - GRADE_TARGET)))
    detail = f"grade {grade:.1f} (aim for {GRADE_TARGET:g})"
    return Score("reading", score, detail, {"grade": grade})


def _mentions(haystack: str, needle: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(needle.lower()) + r"(?!\w)", haystack) is not None


def score_expectations(s: Subject) -> Score:
    """The case's own expectations, each a pass or a fail."""
    e, p = s.case.expect, s.posting
    checks: list[tuple[str, bool]] = []
    if e.family and s.retrieval is not None:  # a posting from elsewhere: the fit scorer judges
        fits = s.retrieval.match.confident
        got = s.retrieval.family.name if fits else "none"
        checks.append((f"family {e.family} (got {got})", got == e.family))
    if e.level:
        checks.append((f"level {e.level} (got {s.level})", s.level == e.level))
    if e.pay:
        checks.append((f"pay {e.pay}", (p.pay is not None) == (e.pay == "present")))
    if e.benefits:
        checks.append((f"benefits {e.benefits}", bool(p.benefits) == (e.benefits == "present")))
    if e.workplace:
        checks.append((f"workplace {e.workplace}", p.workplace == e.workplace))
    if e.max_requirements:
        n = len(p.requirements)
        ok = n <= e.max_requirements
        checks.append((f"at most {e.max_requirements} requirements (got {n})", ok))
    if e.title_contains:
        checks.append(
            (f"title contains {e.title_contains!r}", e.title_contains.lower() in p.title.lower())
        )
    text = s.markdown.lower()
    for word in e.must_mention:
        checks.append((f"mentions {word!r}", _mentions(text, word)))
    for word in e.must_not_mention:
        checks.append((f"does not mention {word!r}", not _mentions(text, word)))
    if not checks:
        return Score("expectations", None, "no expectations")
    failed = [name for name, ok in checks if not ok]
    score = 100.0 * (len(checks) - len(failed)) / len(checks)
    detail = f"{len(checks) - len(failed)}/{len(checks)} met"
    if failed:
        detail += "; failed: " + _brief(failed)
    return Score("expectations", score, detail, {"checks": len(checks), "failed": failed})


# name -> (weight, scorer). Job fit weighs most: a posting for the wrong job is no
# posting. Then the promises (facts, fidelity, expectations) and what a reader checks
# first (contradiction, specificity); length and reading grade are advice.
SCORERS: dict[str, tuple[float, Callable[[Subject], Score]]] = {
    "fit": (3.0, reader.score_fit),
    "fidelity": (2.0, reader.score_fidelity),
    "contradiction": (2.0, reader.score_contradiction),
    "specificity": (2.0, reader.score_specificity),
    "prose": (1.0, reader.score_prose),
    "schema": (1.0, score_schema),
    "grounded": (1.0, score_grounded),
    "facts": (2.0, score_facts),
    "lint": (1.0, score_lint),
    "inflation": (1.0, score_inflation),
    "length": (0.5, score_length),
    "reading": (0.5, score_reading),
    "expectations": (2.0, score_expectations),
}
# A fault in one of these is fatal: the case scores no more than the lowest of them.
CRITICAL = ("fit", "contradiction", "facts", "grounded", "schema")


def score_all(subject: Subject) -> dict[str, Score]:
    return {name: fn(subject) for name, (_, fn) in SCORERS.items()}


def mean_score(scores: dict[str, Score], weights: dict[str, float] | None = None) -> float:
    """Weighted mean of the scores that apply, before the critical cap."""
    weights = weights or {name: w for name, (w, _) in SCORERS.items()}
    pairs = [(weights.get(n, 1.0), sc.score) for n, sc in scores.items() if sc.score is not None]
    weight = sum(w for w, _ in pairs)
    return sum(w * v for w, v in pairs) / weight if weight else 0.0


def limiting(scores: dict[str, Score]) -> str | None:
    """The critical scorer that holds the case score below its weighted mean, if one does."""
    critical = [n for n in CRITICAL if n in scores and scores[n].score is not None]
    if not critical:
        return None
    worst = min(critical, key=lambda n: scores[n].score or 0.0)
    return worst if (scores[worst].score or 0.0) < mean_score(scores) else None


def combine(scores: dict[str, Score], weights: dict[str, float] | None = None) -> float:
    """Weighted mean of the scores that apply, capped by the lowest critical score."""
    mean = mean_score(scores, weights)
    cap = min(
        (scores[n].score or 0.0 for n in CRITICAL if n in scores and scores[n].score is not None),
        default=100.0,
    )
    return round(min(mean, cap), 1)
