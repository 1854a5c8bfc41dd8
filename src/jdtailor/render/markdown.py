"""JobPosting as Markdown, the default output of ``draft``."""

from __future__ import annotations

from ..posting import Bullet, JobPosting, format_pay

WORKPLACE_LABEL = {"onsite": "on-site", "hybrid": "hybrid", "remote": "remote"}
SECTION_HEADINGS = {
    "responsibilities": "What you'll do",
    "success": "What success looks like",
    "requirements": "What you'll need",
    "nice_to_haves": "Nice to have",
}


def facts_line(posting: JobPosting) -> list[tuple[str, str]]:
    """(label, value) pairs for the line under the title; only what the posting states."""
    facts: list[tuple[str, str]] = []
    if posting.location or posting.workplace:
        place = posting.location or ""
        if posting.workplace:
            label = WORKPLACE_LABEL[posting.workplace]
            said = {label, posting.workplace}  # "Remote (Europe)" already says remote
            if not place:
                place = label.capitalize()
            elif not any(word in place.lower() for word in said):
                place = f"{place} ({label})"
        facts.append(("Location", place))
    if posting.employment_type:
        facts.append(("Type", posting.employment_type.capitalize()))
    if posting.pay:
        facts.append(("Pay", format_pay(posting.pay)))
    return facts


def _bullet(b: Bullet, show_sources: bool, number: int | None = None) -> str:
    line = f"{number}. {b.text}" if number else f"- {b.text}"
    if show_sources:
        line += f" _[{', '.join(b.sources)}]_"
    return line


def render_markdown(
    posting: JobPosting, *, show_sources: bool = False, numbered: bool = False, **_: object
) -> str:
    """``posting`` as Markdown; ``numbered`` lists duties and qualifications as 1., 2., ...
    (the numbers the refinement commands take)."""
    heading = posting.title + (f" — {posting.company}" if posting.company else "")
    out = [f"# {heading}", ""]
    facts = facts_line(posting)
    if facts:
        out += [" · ".join(f"**{k}:** {v}" for k, v in facts), ""]
    out += [posting.summary, ""]
    for section, title in SECTION_HEADINGS.items():
        bullets = getattr(posting, section)
        if bullets:
            out += [f"## {title}", ""]
            numbers = range(1, len(bullets) + 1) if numbered else [None] * len(bullets)
            out += [_bullet(b, show_sources, n) for b, n in zip(bullets, numbers, strict=True)]
            out += [""]
    if posting.pay or posting.benefits:
        out += ["## Pay and benefits", ""]
        if posting.pay:
            out.append(f"- Pay: {format_pay(posting.pay)}")
        out += [f"- {b}" for b in posting.benefits] + [""]
    if posting.about:
        out += [f"## About {posting.company or 'us'}", ""]
        out += [p for para in posting.about.split("\n") for p in (para, "")]
    if posting.apply:
        out += ["## How to apply", "", f"Apply at {posting.apply}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
