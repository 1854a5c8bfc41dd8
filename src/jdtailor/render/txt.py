"""JobPosting as plain text for an applicant-tracking system's text box.

No Markdown survives: headings are capitalised lines, bullets start with "- ",
emphasis and link syntax from the context are reduced to their words, and every
line is wrapped at 80 columns (a single word longer than that, such as a URL, is
left whole rather than broken).
"""

from __future__ import annotations

import re
import textwrap

from ..posting import JobPosting, format_pay
from .markdown import SECTION_HEADINGS, facts_line

__all__ = ["plain", "render_txt"]

WIDTH = 80

_LINK = re.compile(r"!?\[([^\[\]]*)\]\(([^()\[\]\s]+)\)")  # no bracket inside: linear
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _link(m: re.Match[str]) -> str:
    label, target = m.group(1).strip(), m.group(2)
    if not label or label == target:
        return target
    return f"{label} ({target})"


def plain(text: str) -> str:
    """Strip inline Markdown from ``text``, keeping the words (and link targets)."""
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _UNDERSCORE.sub(r"\1", text)
    text = _HEADING.sub("", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _paragraph(text: str, width: int) -> list[str]:
    return textwrap.wrap(
        plain(text), width=width, break_long_words=False, break_on_hyphens=False
    ) or [""]


def _bullet(text: str, width: int) -> list[str]:
    return textwrap.wrap(
        plain(text),
        width=width,
        initial_indent="- ",
        subsequent_indent="  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _heading(title: str) -> list[str]:
    return ["", plain(title).upper(), ""]


def render_txt(posting: JobPosting, *, width: int = WIDTH, **_: object) -> str:
    heading = posting.title + (f" — {posting.company}" if posting.company else "")
    out = _paragraph(heading, width)
    facts = facts_line(posting)
    if facts:
        out.append("")
        for label, value in facts:
            out += _paragraph(f"{label}: {value}", width)
    for para in posting.summary.split("\n"):
        if para.strip():
            out += [""] + _paragraph(para, width)
    for section, title in SECTION_HEADINGS.items():
        bullets = getattr(posting, section)
        if bullets:
            out += _heading(title)
            for b in bullets:
                out += _bullet(b.text, width)
    if posting.pay or posting.benefits:
        out += _heading("Pay and benefits")
        if posting.pay:
            out += _bullet(f"Pay: {format_pay(posting.pay)}", width)
        for benefit in posting.benefits:
            out += _bullet(benefit, width)
    if posting.about:
        out += _heading(f"About {posting.company or 'us'}")
        paras = [p for p in posting.about.split("\n") if p.strip()]
        for i, para in enumerate(paras):
            out += ([""] if i else []) + _paragraph(para, width)
    if posting.apply:
        out += _heading("How to apply")
        out += _paragraph(f"Apply at {posting.apply}", width)
    return "\n".join(line.rstrip() for line in out).strip("\n") + "\n"
