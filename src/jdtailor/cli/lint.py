"""``jdtailor lint``: check any posting for the faults recruiters are warned about."""

from __future__ import annotations

import sys
import textwrap
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._util import handles_errors

if TYPE_CHECKING:
    from ..lint import LintReport


class LintFormat(str, Enum):
    table = "table"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


FAIL_EXIT = 1


def format_table(report: LintReport) -> str:
    """The report as plain text: one block per finding, then the score by family."""
    out = [f"{report.source or 'posting'}: {report.summary()}"]
    grade = f", reading grade {report.grade:g}" if report.grade is not None else ""
    out.append(f"{report.words} words{grade}")
    out.append("")
    width = 76
    for f in report.findings:
        where = f"line {f.line}" if f.line else "posting"
        out.append(f"{where:<10} {f.severity:<8} {f.rule}")
        for part in textwrap.wrap(f.message, width - 4):
            out.append(f"    {part}")
        if f.text and f.text not in f.message:
            shown = f.text if len(f.text) <= 90 else f.text[:87] + "..."
            out.append(f'    > "{shown}"')
        if f.suggestion:
            wrapped = textwrap.wrap(f.suggestion, width - 6)
            out.append(f"    fix: {wrapped[0]}")
            out += [f"         {part}" for part in wrapped[1:]]
    if report.findings:
        out.append("")
    out.append("score by family:")
    for fam in report.breakdown:
        out.append(
            f"  {fam.label:<24} {fam.score:>5g}/{fam.max:<3} "
            f"({fam.findings} finding{'s' if fam.findings != 1 else ''})"
        )
    return "\n".join(out) + "\n"


@handles_errors
def lint(
    file: Annotated[
        Path,
        typer.Argument(
            help="Posting to check: Markdown, text, HTML or JobPosting JSON ('-' reads stdin).",
            show_default=False,
        ),
    ],
    context: Annotated[
        Path | None,
        typer.Option(
            "--context",
            "-c",
            help="The company.md the posting was written from: enables fabrication and "
            "requirement-inflation checks.",
        ),
    ] = None,
    fmt: Annotated[LintFormat, typer.Option("--format", "-f", help="Output format.")] = (
        LintFormat.table
    ),
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is this severe or worse (never: always exit 0).",
        ),
    ] = FailOn.error,
) -> None:
    """Check a posting for biased wording, bloat, filler, missing pay and invented facts."""
    from ..lint import lint_file

    ctx = None
    if context is not None:
        from ..context import load_context

        ctx = load_context(context, require_role=False)
    report = lint_file(file, ctx)
    if fmt is LintFormat.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(format_table(report))
    if fail_on is not FailOn.never and report.at_least(fail_on.value):
        raise typer.Exit(FAIL_EXIT)


def say_lint_summary(
    posting: object, ctx: object, *, context_path: object = None, output: object = None
) -> None:
    """One stderr line after ``draft``: the score, counts and the most severe finding."""
    from ..lint import lint_posting
    from ._util import say

    try:
        report = lint_posting(posting, ctx)  # type: ignore[arg-type]
    except Exception as exc:  # lint is advice: never let it cost the user their draft
        say(f"lint skipped ({type(exc).__name__}: {exc})")
        return
    line = report.summary()
    worst = sorted(report.findings, key=lambda f: ("error", "warning", "info").index(f.severity))
    if worst and worst[0].severity != "info":
        line += f"; first: {worst[0].message}"
    if report.findings:
        lintable = output is not None and not str(output).endswith(".jsonld")
        target = str(output) if lintable else "FILE"
        context = f" --context {context_path}" if context_path is not None else ""
        line += f" (details: jdtailor lint {target}{context})"
    say(line)
