"""``jdtailor lint``: check any posting for the faults recruiters are warned about."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._util import CorpusDirs, handles_errors, say

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


def _plain(kind: str, text: str) -> str:
    return text


# rich styles by kind of text; only used when stdout is a colour terminal
_STYLES = {
    "error": "bold red", "warning": "yellow", "info": "cyan", "rule": "dim",
    "quote": "italic", "fix": "green", "good": "bold green", "fair": "bold yellow",
    "poor": "bold red", "head": "bold",
}  # fmt: skip


def _rich_paint(kind: str, text: str) -> str:
    from rich.markup import escape

    style = _STYLES.get(kind)
    return f"[{style}]{escape(text)}[/]" if style else escape(text)


def format_table(
    report: LintReport, *, width: int = 76, paint: Callable[[str, str], str] = _plain
) -> str:
    """The report as text: one block per finding, then the score by family.

    ``paint(kind, text)`` marks up a piece (plain by default; rich markup on a terminal).
    """
    band = "good" if report.score >= 80 else "fair" if report.score >= 60 else "poor"
    head = report.summary()
    score = f"{report.score}/100"
    out = [f"{paint('head', report.source or 'posting')}: " + paint(band, head)]
    if score not in head:  # never: summary() starts with the score
        out[0] += " " + paint(band, score)
    grade = f", reading grade {report.grade:g}" if report.grade is not None else ""
    out.append(paint("", f"{report.words} words{grade}"))
    out.append("")
    for f in report.findings:
        where = f"line {f.line}" if f.line else "posting"
        out.append(
            paint("", f"{where:<10} ") + paint(f.severity, f"{f.severity:<8}")
            + " " + paint("rule", f.rule)
        )  # fmt: skip
        for part in textwrap.wrap(f.message, width - 4):
            out.append(paint("", f"    {part}"))
        if f.text and f.text not in f.message:
            room = max(20, width - 10)
            shown = f.text if len(f.text) <= room else f.text[: room - 3] + "..."
            out.append(paint("quote", f'    > "{shown}"'))
        if f.suggestion:
            wrapped = textwrap.wrap(f.suggestion, width - 9)
            out.append(paint("fix", f"    fix: {wrapped[0]}"))
            out += [paint("fix", f"         {part}") for part in wrapped[1:]]
    if report.findings:
        out.append("")
    out.append(paint("head", "score by family:"))
    for fam in report.breakdown:
        line = (
            f"  {fam.label:<24} {fam.score:>5g}/{fam.max:<3} "
            f"({fam.findings} finding{'s' if fam.findings != 1 else ''})"
        )
        out.append(paint("poor" if fam.score < fam.max / 2 else "", line))
    return "\n".join(out) + "\n"


def use_colour(stream: object, environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def print_table(report: LintReport) -> None:
    """The table on stdout: coloured at the terminal's width on a terminal, plain otherwise."""
    if not use_colour(sys.stdout, os.environ):
        plain = format_table(report)
        sys.stdout.write(plain)
        return
    from rich.console import Console  # only here: the draft path never pays for rich

    console = Console(highlight=False, soft_wrap=True)
    width = max(60, min(console.width, 120))
    console.print(format_table(report, width=width, paint=_rich_paint), end="")


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
    corpus_dirs: CorpusDirs = None,
) -> None:
    """Check a posting for biased wording, bloat, filler, missing pay and invented facts."""
    from ..lint import lint_file

    ctx = None
    if context is not None:
        from ..context import load_context

        ctx = load_context(context, require_role=False)

    def corpus_items() -> list[object] | None:
        # only for a JSON posting citing corpus ids: its bullets are held to their items
        from ..corpus import load_corpus
        from ..errors import CorpusError

        try:
            return list(load_corpus(corpus_dirs or []).items())
        except CorpusError as exc:
            say(f"lint: citation check skipped: the corpus did not load ({exc})")
            return None

    report = lint_file(file, ctx, corpus=corpus_items)
    if fmt is LintFormat.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        print_table(report)
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
