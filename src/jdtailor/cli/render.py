"""``jdtailor render``: a saved posting (Markdown, JSON or session file) in, any format out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import _term
from ._util import handles_errors, output_path, say
from .options import OutputFormat

if TYPE_CHECKING:
    from ..posting import JobPosting

DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="datePosted for jsonld/html, YYYY-MM-DD (default: today).", metavar="DATE"
    ),
]
ValidThroughOption = Annotated[
    str | None,
    typer.Option(
        "--valid-through",
        help="Last day the posting is open (jsonld/html), YYYY-MM-DD.",
        metavar="DATE",
    ),
]
TemplateDirOption = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        help="Folder of HTML templates overriding the built-in ones (rendered sandboxed).",
        metavar="DIR",
    ),
]


def format_options(
    fmt: str,
    *,
    date: str | None = None,
    valid_through: str | None = None,
    template_dir: Path | None = None,
    context_valid_through: str | None = None,
    context_path: Path | str | None = None,
) -> dict[str, Any]:
    """Renderer keyword options from command-line values, checked with clear messages.

    ``--valid-through`` wins over the context's ``valid_through:`` front-matter key.
    """
    from ..errors import InputError

    def parse_when(value: str | None, where: str) -> Any:
        if value is None:
            return None  # jsonld's module is for html and jsonld output (and dates given)
        from ..render.jsonld import parse_when

        return parse_when(value, where)

    if template_dir is not None and fmt != "html":
        raise InputError(f"--template-dir applies to --format html only, not {fmt}")
    options: dict[str, Any] = {"date_posted": parse_when(date, "--date")}
    if valid_through:
        options["valid_through"] = parse_when(valid_through, "--valid-through")
    elif context_valid_through:
        where = f"{context_path or 'company.md'}: front matter `valid_through`"
        options["valid_through"] = parse_when(context_valid_through, where)
    if template_dir is not None:
        options["template_dir"] = template_dir
    return options


def check_binary_target(fmt: str, output: Path | None) -> None:
    """Refuse, before any work, to write a binary format such as docx to a terminal."""
    from ..render import BINARY_FORMATS

    if fmt in BINARY_FORMATS and output is None and _term.isatty(sys.stdout):
        from ..errors import InputError

        raise InputError(
            f"--format {fmt} is a binary file, not for a terminal; pass -o posting.{fmt} "
            "(or redirect stdout to a file)"
        )


def render_for_cli(
    posting: JobPosting, fmt: str, *, output: Path | None = None, **options: Any
) -> str | bytes:
    """Render ``posting``; for html, say on stderr when the page carries no JSON-LD.

    Text for a terminal (no ``output``) wraps at its width; files and pipes get 80.
    """
    from ..render import BINARY_FORMATS, render, render_bytes

    if fmt == "txt" and output is None and _term.isatty(sys.stdout):
        options.setdefault("width", _term.width(sys.stdout))
    text = (
        render_bytes(posting, fmt, **options)
        if fmt in BINARY_FORMATS
        else render(posting, fmt, **options)
    )
    if fmt not in ("html", "jsonld"):
        return text
    from ..render.jsonld import area_notes, missing_facts

    if fmt == "html" and (missing := missing_facts(posting)):
        say("the page has no JSON-LD for Google for Jobs, which requires " + " and ".join(missing))
    else:
        for note in area_notes(posting):
            say(f"JSON-LD: {note}")
    return text


def write_output(text: str | bytes, output: Path | None, force: bool) -> None:
    """The rendered text to ``output`` (never replacing a file without ``force``) or stdout."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    from ..files import atomic_write

    atomic_write(output, text, force=force)
    say(f"wrote {output}")


@handles_errors
def render_command(
    posting: Annotated[
        Path,
        typer.Argument(
            help="Posting as `jdtailor draft` writes it: Markdown, JSON (-f json) or a "
            "session file (its current version); '-' reads stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.html,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", parser=output_path, help="Write to FILE instead of stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the -o file.")] = False,
    date: DateOption = None,
    valid_through: ValidThroughOption = None,
    template_dir: TemplateDirOption = None,
    show_sources: Annotated[
        bool, typer.Option("--show-sources", help="Show each bullet's sources (md, html).")
    ] = False,
) -> None:
    """Render a saved posting as md, html, txt, json, jsonld or docx."""
    from ..posting_file import load_posting

    check_binary_target(fmt.value, output)
    if output is not None:  # never onto the posting being rendered
        from ..files import check_writable

        check_writable(output, force=force, inputs=[posting])
    loaded = load_posting(posting)
    options = format_options(
        fmt.value, date=date, valid_through=valid_through, template_dir=template_dir
    )
    text = render_for_cli(loaded, fmt.value, output=output, show_sources=show_sources, **options)
    write_output(text, output, force)
