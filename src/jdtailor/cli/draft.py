"""``jdtailor draft``: company.md in, a grounded posting out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._util import CorpusDirs, handles_errors, output_path, say
from .options import ModelOptions, OutputFormat, reporting_usage, with_model_options


def set_aside_notes(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    """One stderr line per sentence of the context left out of the draft."""
    where = ctx.path or "company.md"
    return [
        f"{where}: left out of the draft ({field}): {sentence!r} {reason}; "
        "edit or remove it if it should be there"
        for field, sentence, reason in ctx.set_aside
    ]


def pasted_notes(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    """stderr lines for a pasted posting: where the role came from, what fits no section."""
    where = ctx.path or "company.md"
    notes = []
    if ctx.role_from and ctx.role:
        notes.append(
            f"{where}: role {ctx.role!r} taken from line {ctx.role_from}; pass --role to change it"
        )
    if ctx.left_out:
        shown = "; ".join(
            f"line {line}: {text[:70]!r}" + ("..." if len(text) > 70 else "")
            for line, text in ctx.left_out
        )
        notes.append(
            f"{where}: left out of the draft (no section fits): {shown}; put what matters "
            "under a heading such as 'Responsibilities' or 'Benefits'"
        )
    return notes


NO_MODEL_HINT = (
    "no model configured; drafting offline. To tailor with an LLM, set OPENAI_API_KEY "
    "and pass -m MODEL (or set JDTAILOR_MODEL)."
)


@handles_errors
@with_model_options()
def draft(
    context: Annotated[
        Path,
        typer.Option("--context", "-c", help="The company.md to draft from.", show_default=False),
    ],
    role: Annotated[str | None, typer.Option(help="Job title; overrides `role:`.")] = None,
    seniority: Annotated[
        str | None, typer.Option(help="entry | mid | senior | lead; overrides the file.")
    ] = None,
    location: Annotated[str | None, typer.Option(help="Overrides `location:`.")] = None,
    salary: Annotated[
        str | None, typer.Option(help='Pay range, e.g. "72000-95000 USD/year" or "$72k-$95k".')
    ] = None,
    company: Annotated[str | None, typer.Option(help="Company name; overrides `company:`.")] = None,
    family: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Corpus family to draft from (`jdtailor corpus list`); overrides `family:`.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", parser=output_path, help="Write to FILE instead of stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file.")] = False,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.md,
    corpus_dirs: CorpusDirs = None,
    show_sources: Annotated[
        bool, typer.Option("--show-sources", help="Show each bullet's sources (Markdown).")
    ] = False,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="datePosted for jsonld/html (default: today)."),
    ] = None,
    valid_through: Annotated[
        str | None,
        typer.Option(
            "--valid-through", metavar="DATE", help="jsonld/html: last day open, YYYY-MM-DD."
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", metavar="DIR", help="HTML templates overriding built-ins."),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Then refine it turn by turn (`help` lists commands)."
        ),
    ] = False,
    *,
    options: ModelOptions,
) -> None:
    """Draft a posting from company.md (offline unless a model is configured).

    The company's own responsibilities and outcomes come first; corpus duties and
    qualifications of the job's family fill in, minus any the context rules out
    (people management for an individual contributor, full-time scope for part-time
    hours, work it gives to someone else). When no family fits the title, the draft
    uses only what company.md says and stderr names the nearest family and the fix.
    Sentences that instruct a tool, or state pay or perks the front matter does not,
    are left out and named on stderr.
    """
    from ..context import load_context
    from ..corpus import load_corpus
    from ..drafters.offline import OfflineDrafter
    from ..pipeline import draft_posting

    ctx = load_context(
        context, role=role, seniority=seniority, location=location, salary=salary,
        company=company, family=family,
    )  # fmt: skip
    from ..context.template import ensure_filled
    from .render import check_binary_target, format_options, render_for_cli, write_output

    ensure_filled(ctx)
    if not interactive:
        check_binary_target(fmt.value, output)
    checked = "html" if interactive and template_dir else fmt.value  # -i: for `export html`
    fmt_options = format_options(
        checked, date=date, valid_through=valid_through, template_dir=template_dir,
        context_valid_through=ctx.valid_through, context_path=context,
    )  # fmt: skip
    if output is not None:  # refuse now, before any (paid) model request
        from ..files import check_writable

        check_writable(output, force=force or interactive, inputs=[context])
    corpus = load_corpus(corpus_dirs or [])
    if family:
        from ..retrieval import choose_family

        choose_family(family, corpus, "--family")
    for note in pasted_notes(ctx) + set_aside_notes(ctx):
        say(note)
    drafter = options.drafter(output)
    if drafter is None:
        if not options.offline:
            say(NO_MODEL_HINT)
        drafter = OfflineDrafter()
    with reporting_usage(drafter, options.usage, on_error_only=interactive):
        result, _ = draft_posting(ctx, corpus, drafter)
    for note in result.trace.notes:
        say(note)
    from .lint import say_lint_summary

    say_lint_summary(result.posting, ctx, context_path=context, output=output)
    if interactive:
        from .refine import refine_interactively

        overrides = {"role": role, "seniority": seniority, "location": location}
        overrides |= {"salary": salary, "company": company, "family": family}
        with reporting_usage(drafter, options.usage):  # the draft and every revision
            refine_interactively(
                ctx, corpus, drafter, result, context_path=context, overrides=overrides,
                output=output, fmt=fmt.value, force=force, show_sources=show_sources,
                date_posted=date, valid_through=valid_through, template_dir=template_dir,
            )  # fmt: skip
        return
    text = render_for_cli(
        result.posting, fmt.value, output=output, show_sources=show_sources, **fmt_options
    )
    write_output(text, output, force)
