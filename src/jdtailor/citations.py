"""Do a posting's citations mean something? (Membership alone is ``grounding``'s.)

    content     a bullet citing only corpus ids shares words with at least one of them
    benefits    a benefit the context offers is never a requirement or a duty
    repeats     no bullet stands twice, within a section or across sections

``citation_problems`` returns sentences a model can act on; the model drafter
re-asks with them, and the offline drafter must never produce one (a test holds
it to that).
"""

from __future__ import annotations

from collections.abc import Iterable

from .context import CompanyContext
from .posting import JobPosting
from .text import restates, tokenize

__all__ = ["citation_problems"]


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def citation_problems(
    posting: JobPosting, candidates: Iterable[object], ctx: CompanyContext
) -> list[str]:
    """What is wrong with the bullets' sources beyond existing. ``candidates`` are
    the retrieved items (``id`` and ``text``)."""
    texts = {str(getattr(c, "id", "")): str(getattr(c, "text", "")) for c in candidates}
    problems: list[str] = []
    seen: dict[str, str] = {}
    for section, i, bullet in posting.bullets():
        where = f"{section} {i}"
        words = set(tokenize(bullet.text))
        cited = [s for s in bullet.sources if s in texts]
        context = [s for s in bullet.sources if s.startswith("context:")]
        if cited and not context and words:
            if not any(words & set(tokenize(texts[s])) for s in cited):
                first = cited[0]
                problems.append(
                    f"{where} cites {first!r} but shares no words with it "
                    f'("{_short(texts[first])}"); cite the candidate or context field '
                    "the bullet rests on"
                )
        for benefit in ctx.benefits:
            if restates(bullet.text, benefit, 0.75):
                problems.append(
                    f'{where} is the benefit "{_short(benefit)}"; benefits go in '
                    f"benefits, never in {section}"
                )
                break
        key = " ".join(sorted(words))
        if key and key in seen:
            problems.append(f"{where} repeats {seen[key]}; keep it in one section")
        elif key:
            seen[key] = where
    return problems
