"""The Python API: ``draft``, ``lint`` and ``render``, the three steps of the CLI.

The same contracts as the commands, without a terminal: nothing is printed, bad
input raises a ``JdtailorError`` subclass whose ``message`` is the line the CLI
would show, and what the CLI says on stderr is returned (``Draft.trace.notes``).
Everything heavy is imported inside the functions, so ``import jdtailor`` stays
cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from .context import CompanyContext
    from .drafters import Draft, Drafter
    from .lint import LintReport
    from .posting import JobPosting

__all__ = ["TextFormat", "draft", "lint", "render"]

TextFormat = Literal["md", "json", "html", "txt", "jsonld"]


def _context(
    context: str | Path | CompanyContext, overrides: dict[str, str | None]
) -> CompanyContext:
    from .context import CompanyContext, load_context

    if isinstance(context, CompanyContext):
        if any(overrides.values()):
            raise TypeError("role, seniority, ... override a company.md path, not a CompanyContext")
        return context
    return load_context(
        context,
        role=overrides.get("role"),
        seniority=overrides.get("seniority"),
        location=overrides.get("location"),
        salary=overrides.get("salary"),
        company=overrides.get("company"),
    )


def draft(
    context: str | Path | CompanyContext,
    *,
    role: str | None = None,
    seniority: str | None = None,
    location: str | None = None,
    salary: str | None = None,
    company: str | None = None,
    corpus: Sequence[str | Path] = (),
    model: str | None = None,
    drafter: Drafter | None = None,
) -> Draft:
    """Draft a grounded posting from a company.md, as ``jdtailor draft`` does.

    Args:
        context: Path to a company.md, or a ``CompanyContext`` you parsed yourself
            (``jdtailor.context.parse_context(text)``).
        role, seniority, location, salary, company: Override the file, like the
            command-line options of the same names (``salary="72000-95000 USD/year"``).
        corpus: Extra corpus directories layered over the built-in one.
        model: An LLM to tailor with (``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` are
            read by the openai SDK). ``None`` drafts offline; unlike the CLI,
            ``JDTAILOR_MODEL`` is not read, so no request is made unless asked for.
        drafter: Any object with the ``Drafter`` methods; wins over ``model``.

    Returns:
        A ``Draft``: ``.posting`` is the ``JobPosting``; ``.trace`` says how it was
        made, and ``.trace.notes`` holds what the CLI prints on stderr (for example
        what the company wrote that was left out).

    Raises:
        JdtailorError: bad input (``ContextError``, ``CorpusError``...), a posting
            that fails the grounding check, or a model error; ``.message`` is one line.
    """
    from .context.template import ensure_filled
    from .corpus import load_corpus
    from .drafters import make_drafter
    from .pipeline import draft_posting

    overrides = {"role": role, "seniority": seniority, "location": location}
    ctx = _context(context, overrides | {"salary": salary, "company": company})
    ensure_filled(ctx)
    chosen = drafter if drafter is not None else make_drafter(model)
    result, _ = draft_posting(ctx, load_corpus(list(corpus)), chosen)
    return result


def lint(
    posting: JobPosting | str | Path,
    context: str | Path | CompanyContext | None = None,
) -> LintReport:
    """Check a posting for bias, bloat, filler and missing pay, as ``jdtailor lint`` does.

    Args:
        posting: A ``JobPosting``; a ``Path`` to a posting file (Markdown, text, HTML
            or JobPosting JSON); or a ``str`` holding the posting's Markdown or text.
        context: The company.md (path or ``CompanyContext``) the posting was written
            from; enables the fabrication and requirement-inflation checks.

    Returns:
        A ``LintReport``: ``.findings`` (each with ``severity``, ``rule``, ``line``,
        ``message``, ``suggestion``), ``.score`` out of 100 and ``.summary()``.
    """
    from .lint import lint_file, lint_posting, lint_text
    from .posting import JobPosting

    ctx = None
    if context is not None:
        ctx = _context(context, {})
    if isinstance(posting, JobPosting):
        return lint_posting(posting, ctx)
    if isinstance(posting, Path):
        return lint_file(posting, ctx)
    return lint_text(posting, ctx)


@overload
def render(
    posting: JobPosting,
    fmt: Literal["docx"],
    *,
    show_sources: bool = ...,
    date_posted: str | date | None = ...,
    valid_through: str | date | None = ...,
    template_dir: str | Path | None = ...,
) -> bytes: ...
@overload
def render(
    posting: JobPosting,
    fmt: TextFormat = ...,
    *,
    show_sources: bool = ...,
    date_posted: str | date | None = ...,
    valid_through: str | date | None = ...,
    template_dir: str | Path | None = ...,
) -> str: ...
def render(
    posting: JobPosting,
    fmt: str = "md",
    *,
    show_sources: bool = False,
    date_posted: str | date | None = None,
    valid_through: str | date | None = None,
    template_dir: str | Path | None = None,
) -> str | bytes:
    """Render a posting, as ``jdtailor render -f FMT`` does.

    Args:
        posting: The ``JobPosting`` (``Draft.posting``, or ``JobPosting.model_validate_json``).
        fmt: ``md``, ``json``, ``html``, ``txt`` or ``jsonld`` (text), or ``docx`` (bytes).
        show_sources: Show each bullet's sources (md, html, docx).
        date_posted: ``datePosted`` for html and jsonld, a date or ``YYYY-MM-DD``
            (default: today).
        valid_through: The last day the posting is open (html, jsonld).
        template_dir: A folder of HTML templates overriding the built-in ones (html only).

    Returns:
        The text of the page or file; ``bytes`` for ``docx``.

    Raises:
        InputError: an unknown format, a bad date, or ``template_dir`` for a format
            other than html.
    """
    from .errors import InputError
    from .render import BINARY_FORMATS, FORMATS, render_bytes
    from .render import render as render_text
    from .render.jsonld import parse_when

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if template_dir is not None and fmt != "html":
        raise InputError(f"template_dir applies to html only, not {fmt}")
    options: dict[str, object] = {
        "show_sources": show_sources,
        "date_posted": parse_when(date_posted, "date_posted"),
        "valid_through": parse_when(valid_through, "valid_through"),
    }
    if template_dir is not None:
        options["template_dir"] = template_dir
    if fmt in BINARY_FORMATS:
        return render_bytes(posting, fmt, **options)
    return render_text(posting, fmt, **options)
