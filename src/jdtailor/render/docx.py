"""JobPosting as a Word document (.docx), the way hiring managers pass drafts around.

Built with python-docx (imported here, so it costs nothing until asked for) from
the default template: a Title, the facts line, the summary, one Heading 1 per
section with List Bullet paragraphs, the pay line first under "Pay and benefits",
and the apply link as a real hyperlink. Inline Markdown from the context is reduced
to its words, as in the plain-text renderer. The result is bytes, not text.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, Any

from ..posting import JobPosting, format_pay
from .markdown import SECTION_HEADINGS, facts_line
from .txt import plain

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = ["render_docx"]


def _hyperlink(paragraph: Paragraph, url: str) -> None:
    """Append ``url`` to ``paragraph`` as a clickable, underlined link."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", "0563C1"), ("w:u", "single")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        props.append(element)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def render_docx(
    posting: JobPosting,
    *,
    show_sources: bool = False,
    date_posted: str | date | None = None,
    **_: Any,
) -> bytes:
    """``posting`` as the bytes of a .docx file.

    Args:
        posting: The posting to render.
        show_sources: Add each bullet's sources after it, in italics.
        date_posted: Recorded as the document's creation date (default: today).
    """
    from datetime import datetime, timezone

    from docx import Document

    doc = Document()
    heading = posting.title + (f" — {posting.company}" if posting.company else "")
    doc.core_properties.title = heading
    doc.core_properties.author = posting.company or "jdtailor"
    from .jsonld import parse_when

    when = parse_when(date_posted, "date_posted") or date.today()
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day, tzinfo=timezone.utc)
    doc.core_properties.created = when
    doc.add_heading(heading, level=0)
    facts = facts_line(posting)
    if facts:
        line = doc.add_paragraph()
        for i, (label, value) in enumerate(facts):
            if i:
                line.add_run(" · ")
            line.add_run(f"{label}: ").bold = True
            line.add_run(plain(value))
    doc.add_paragraph(plain(posting.summary))
    for section, title in SECTION_HEADINGS.items():
        bullets = getattr(posting, section)
        if not bullets:
            continue
        doc.add_heading(title, level=1)
        for bullet in bullets:
            para = doc.add_paragraph(plain(bullet.text), style="List Bullet")
            if show_sources:
                para.add_run(f" [{', '.join(bullet.sources)}]").italic = True
    if posting.pay or posting.benefits:
        doc.add_heading("Pay and benefits", level=1)
        if posting.pay:
            para = doc.add_paragraph(style="List Bullet")
            para.add_run("Pay: ").bold = True
            para.add_run(format_pay(posting.pay))
        for benefit in posting.benefits:
            doc.add_paragraph(plain(benefit), style="List Bullet")
    if posting.about:
        doc.add_heading(f"About {posting.company or 'us'}", level=1)
        for block in posting.about.split("\n"):
            if block.strip():
                doc.add_paragraph(plain(block))
    if posting.apply:
        doc.add_heading("How to apply", level=1)
        para = doc.add_paragraph("Apply at ")
        if posting.apply.lower().startswith(("http://", "https://", "mailto:")):
            _hyperlink(para, posting.apply)
        else:
            para.add_run(posting.apply)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
