"""Do a posting's citations mean something? (Membership alone is ``grounding``'s.)

    content     a bullet citing only corpus ids shares words with at least one of them
    benefits    a benefit the context offers is never a requirement or a duty
    repeats     no bullet stands twice, within a section or across sections

``grounding.check_posting`` runs these for every drafter (a model is re-asked with
them; for the offline drafter one is a bug, and a test holds it to that); lint's
fabrication family reports them on any posting, by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .context import CompanyContext
from .posting import JobPosting
from .text import tokenize

_DIGITS = re.compile(r"\d+")
_SAME_OFFER = 0.65  # shared words / all words of a bullet and a benefit

__all__ = ["CitationProblem", "candidate_texts", "citation_problems", "find_citation_problems"]

# A bullet to check: (section, 1-based index, text, sources).
BulletRef = tuple[str, int, str, Sequence[str]]


class CitationProblem(NamedTuple):
    """One bullet whose citation or placement is wrong."""

    section: str
    number: int  # 1-based, within the section
    kind: str  # content | benefit | repeat
    message: str  # a sentence a model can act on
    other: str  # the cited id (content), the benefit (benefit), the first place (repeat)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _same_offer(words: set[str], theirs: set[str]) -> bool:
    """Whether a bullet's words are a benefit's: most of both, not just of the shorter
    ("Another must-have, or delete this line" is not "Another benefit, or delete this
    line", though three of four words match)."""
    both = words | theirs
    return bool(words and theirs) and len(words & theirs) / len(both) >= _SAME_OFFER


def candidate_texts(candidates: Mapping[str, str] | Iterable[object]) -> dict[str, str]:
    """Candidate id -> text, from a mapping, corpus items (``id`` and ``text``) or bare
    ids (their text unknown: "")."""
    if isinstance(candidates, Mapping):
        return {str(k): str(v) for k, v in candidates.items()}
    texts: dict[str, str] = {}
    for c in candidates:
        if isinstance(c, str):
            texts.setdefault(c, "")
        else:
            texts[str(getattr(c, "id", ""))] = str(getattr(c, "text", ""))
    return texts


def find_citation_problems(
    bullets: Iterable[BulletRef], texts: Mapping[str, str], benefits: Sequence[str]
) -> list[CitationProblem]:
    """The problems of ``bullets``; ``texts`` maps the corpus ids whose text is known
    (an id not in it is not checked for content)."""
    problems: list[CitationProblem] = []
    seen: dict[str, str] = {}
    offers = [(benefit, set(tokenize(benefit))) for benefit in benefits]
    for section, i, text, sources in bullets:
        where = f"{section} {i}"
        words = set(tokenize(text))
        cited = [s for s in sources if texts.get(s)]
        context = [s for s in sources if s.startswith("context:")]
        if cited and not context and words:
            if not any(words & set(tokenize(texts[s])) for s in cited):
                first = cited[0]
                problems.append(
                    CitationProblem(
                        section, i, "content",
                        f"{where} cites {first!r} but shares no words with it "
                        f'("{_short(texts[first])}"); cite the candidate or context field '
                        "the bullet rests on",
                        first,
                    )
                )  # fmt: skip
        for benefit, theirs in offers:
            if _same_offer(words, theirs):
                problems.append(
                    CitationProblem(
                        section, i, "benefit",
                        f'{where} is the benefit "{_short(benefit)}"; benefits go in '
                        f"benefits, never in {section}",
                        benefit,
                    )
                )  # fmt: skip
                break
        # the same words in any order; numbers count ("hive 1" is not "hive 2")
        key = " ".join(sorted(words | set(_DIGITS.findall(text))))
        if key and key in seen:
            problems.append(
                CitationProblem(
                    section,
                    i,
                    "repeat",
                    f"{where} repeats {seen[key]}; keep it in one section",
                    seen[key],
                )  # fmt: skip
            )
        elif key:
            seen[key] = where
    return problems


def citation_problems(
    posting: JobPosting, candidates: Mapping[str, str] | Iterable[object], ctx: CompanyContext
) -> list[str]:
    """What is wrong with the bullets' sources beyond existing, as sentences.
    ``candidates``: the retrieved items (``id`` and ``text``), or id -> text."""
    bullets = [(s, i, b.text, b.sources) for s, i, b in posting.bullets()]
    found = find_citation_problems(bullets, candidate_texts(candidates), ctx.benefits)
    return [p.message for p in found]
