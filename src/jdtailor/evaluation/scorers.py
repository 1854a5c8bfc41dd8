"""Deterministic scorers: each looks at one draft and gives 0-100 with a reason.

A scorer returns ``None`` as its score when it does not apply (no lint package,
a context with nothing to cover); the case score is the weighted mean of the
scores that apply. Scorers never raise on a bad posting: a fault is a low score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..context import CITABLE_FIELDS, CompanyContext
from ..levels import max_years
from ..posting import LIMITS, JobPosting, shape_problems
from ..retrieval import Retrieval
from ..text import tokenize
from .suite import Case

__all__ = ["SCORERS", "Score", "Subject", "combine", "score_all"]

# Levels follow common practice: the most years a level may ask for.
LENGTH_BAND = (300, 700)  # words; Textio's best-performing range
GRADE_TARGET = 8.0
_YEARS = re.compile(r"(\d+)\s*\+?\s*(?:-|–|to)?\s*(?:\d+\s*)?\+?\s*years?", re.I)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_DEGREE = re.compile(r"\b(degree|bachelor'?s?|master'?s?|mba|phd|doctorate|diploma)\b", re.I)


@dataclass
class Subject:
    """Everything a scorer may look at for one drafted case."""

    case: Case
    ctx: CompanyContext
    context_text: str
    posting: JobPosting
    retrieval: Retrieval
    markdown: str
    lint: Any | None = None  # jdtailor.lint.LintReport when the lint package is present


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
    problems = shape_problems(s.posting, own_words_only=not s.retrieval.match.confident)
    return Score(
        "schema", _penalty(problems, 20), _brief(problems) or "valid", {"problems": problems}
    )


def score_grounded(s: Subject) -> Score:
    """Share of bullets whose every source is a candidate id or a context field it has."""
    known = s.retrieval.ids()
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


def score_coverage(s: Subject) -> Score:
    """Content words of why-hiring and outcomes that the summary and duties reflect."""
    wanted = set(tokenize(f"{s.ctx.why_hiring or ''}\n{s.ctx.outcomes or ''}"))
    wanted = {w for w in wanted if not w.isdigit() and len(w) > 2}
    if not wanted:
        return Score("coverage", None, "context has no why-hiring or outcomes")
    text = s.posting.summary + "\n" + "\n".join(b.text for b in s.posting.responsibilities)
    have = set(tokenize(text))
    found = wanted & have
    share = len(found) / len(wanted)
    # Half the words is full marks: a posting restates the point, not every word of it.
    score = min(100.0, 200 * share)
    return Score(
        "coverage",
        score,
        f"{len(found)}/{len(wanted)} context words reflected",
        {"share": round(share, 3), "missing": sorted(wanted - have)[:12]},
    )


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def score_facts(s: Subject) -> Score:
    """No pay, benefits, location, company or figure the context does not state."""
    p, ctx = s.posting, s.ctx
    problems: list[str] = []
    if p.pay is not None and (ctx.salary is None or p.pay != ctx.salary):
        problems.append("pay not in the context" if ctx.salary is None else "pay differs")
    for benefit in p.benefits:
        if benefit not in ctx.benefits:
            problems.append(f"benefit {benefit!r} not in the context")
    for name in ("location", "company", "workplace", "apply"):
        if getattr(p, name) and (getattr(p, name) or None) != (getattr(ctx, name) or None):
            problems.append(f"{name} {getattr(p, name)!r} not the context's")
    allowed = _numbers(s.context_text)
    for cand in s.retrieval.candidates:
        allowed |= _numbers(cand.text)
    prose = [p.title, p.summary, p.about or ""] + [b.text for _, _, b in p.bullets()]
    invented = sorted(_numbers("\n".join(prose)) - allowed)
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
    detail = f"{len(findings)} findings, {len(errors)} errors"
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
    ceiling = max_years(s.retrieval.level)
    for i, b in enumerate(reqs, 1):
        years = [int(m.group(1)) for m in _YEARS.finditer(b.text)]
        if ceiling is not None and any(y > ceiling for y in years):
            problems.append(
                f"requirement {i} asks {max(years)}+ years for a {s.retrieval.level} role"
            )
    brief = s.context_text.lower()
    if not _DEGREE.search(brief):
        for i, b in enumerate(reqs, 1):
            if _DEGREE.search(b.text):
                problems.append(f"requirement {i} adds a degree the brief does not ask for")
    nice = {n.strip().lower().rstrip(".") for n in s.ctx.nice_to_haves}
    for i, b in enumerate(reqs, 1):
        if b.text.strip().lower().rstrip(".") in nice:
            problems.append(f"requirement {i} is a nice-to-have in the brief")
    detail = _brief(problems) or f"{len(reqs)} requirements, none inflated"
    return Score("inflation", _penalty(problems, 25), detail, {"problems": problems})


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def score_length(s: Subject) -> Score:
    """Words in the rendered posting against the 300-700 band."""
    n = word_count(s.markdown)
    lo, hi = LENGTH_BAND
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
    if e.family:
        got = s.retrieval.family.name
        checks.append((f"family {e.family} (got {got})", got == e.family))
    if e.level:
        checks.append((f"level {e.level} (got {s.retrieval.level})", s.retrieval.level == e.level))
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


# name -> (weight, scorer). Grounding, facts and expectations weigh most: they are the
# promises jdtailor makes; length and reading grade are advice.
SCORERS: dict[str, tuple[float, Callable[[Subject], Score]]] = {
    "schema": (1.0, score_schema),
    "grounded": (2.0, score_grounded),
    "coverage": (1.0, score_coverage),
    "facts": (2.0, score_facts),
    "lint": (1.0, score_lint),
    "inflation": (1.0, score_inflation),
    "length": (0.5, score_length),
    "reading": (0.5, score_reading),
    "expectations": (2.0, score_expectations),
}


def score_all(subject: Subject) -> dict[str, Score]:
    return {name: fn(subject) for name, (_, fn) in SCORERS.items()}


def combine(scores: dict[str, Score], weights: dict[str, float] | None = None) -> float:
    """Weighted mean of the scores that apply."""
    weights = weights or {name: w for name, (w, _) in SCORERS.items()}
    total = weight = 0.0
    for name, sc in scores.items():
        if sc.score is None:
            continue
        w = weights.get(name, 1.0)
        total += w * sc.score
        weight += w
    return round(total / weight, 1) if weight else 0.0
