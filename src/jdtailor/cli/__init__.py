"""The ``jdtailor`` command: a root Typer app with one module per command group."""

from __future__ import annotations

import typer

from .. import __version__
from . import _help
from .batch import app as batch_app
from .corpus import app as corpus_app
from .draft import draft
from .eval import eval_command
from .init import init
from .lint import lint
from .refine import refine
from .render import render_command
from .score import score_command

__all__ = ["app", "main"]

_help.install()  # SESSION_FILE and FILE in --help, not {session_file} and <path>

app = typer.Typer(
    name="jdtailor",
    help="Draft job postings tailored to one company, grounded in a curated corpus.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# In the order a user meets them: write, improve, check, publish, start, scale, measure, curate.
app.command(short_help="Draft a posting from company.md.")(draft)
app.command(short_help="Resume refining a draft from its session file.")(refine)
app.command(short_help="Check a posting for bias, bloat, filler and missing pay.")(lint)
app.command("render", short_help="Render a saved posting as html, txt, jsonld, docx...")(
    render_command
)
app.command(short_help="Write a commented company.md template.")(init)
app.add_typer(batch_app, short_help="Draft many postings into a folder; rerun to resume.")
app.command("eval", short_help="Score drafts of an evaluation suite.")(eval_command)
app.command("score", short_help="Score any posting against its company.md.")(score_command)
app.add_typer(corpus_app, short_help="Browse, search, check and extend the corpus.")


def _version(value: bool) -> None:
    if value:
        print(f"jdtailor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
) -> None:
    """Draft job postings tailored to one company, grounded in a curated corpus."""


class _ClosedStdout:
    """Stands in for a closed stdout (``jdtailor ... >&-``): writing is one clear error."""

    def write(self, text: str) -> int:
        raise OSError(9, "stdout is closed")  # EBADF; handles_errors makes it one line

    def flush(self) -> None:
        pass


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: temporary files are removed, locks released


def main() -> None:
    import signal
    import sys

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminated)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()  # type: ignore[assignment]
    app()
