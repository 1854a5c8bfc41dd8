"""The ``jdtailor`` command: a root Typer app with one module per command group."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup

from .. import __version__
from . import _help

__all__ = ["app", "main"]

_help.install()  # SESSION_FILE and FILE in --help, not {session_file} and <path>

# In the order a user meets them: write, improve, check, publish, start, measure, and
# the two command groups: scale, curate. name -> (module, attribute, short help).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "draft": ("draft", "draft", "Draft a posting from company.md."),
    "refine": ("refine", "refine", "Resume refining a draft from its session file."),
    "lint": ("lint", "lint", "Check a posting for bias, bloat, filler and missing pay."),
    "render": ("render", "render_command", "Render a saved posting as html, txt, jsonld, docx..."),
    "init": ("init", "init", "Write a commented company.md template."),
    "eval": ("eval", "eval_command", "Score drafts of an evaluation suite."),
    "score": ("score", "score_command", "Score any posting against its company.md."),
    "batch": ("batch", "app", "Draft many postings into a folder; rerun to resume."),
    "corpus": ("corpus", "app", "Browse, search, check and extend the corpus."),
}  # fmt: skip


def _build(name: str) -> Any:
    """The Click command for ``name``, its module imported now: a command line runs
    one command, and building all nine (with their imports) cost a tenth of a draft."""
    module, attribute, short_help = COMMANDS[name]
    target = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    if isinstance(target, typer.Typer):  # a command group with its own sub-commands
        group = typer.main.get_group(target)
        group.short_help = short_help
        return group
    single = typer.Typer(rich_markup_mode=None, add_completion=False)
    single.command(name, short_help=short_help)(target)
    return typer.main.get_command(single)


class _Commands(MutableMapping[str, Any]):
    """The root's commands by name, each built on first use (help lists them all)."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}
        self._names = list(COMMANDS)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        if name not in self._names:
            self._names.append(name)

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        self._names.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names


class _LazyGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commands = _Commands()
        for name, command in self.commands.items():
            commands[name] = command
        self.commands = commands


app = typer.Typer(
    name="jdtailor",
    cls=_LazyGroup,
    help="Draft job postings tailored to one company, grounded in a curated corpus.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    import gc
    import signal
    import sys

    # A command builds most of its objects once and keeps them to the end (modules,
    # models, the corpus): the collector stops re-scanning what is loaded so far and
    # sweeps the young generation every 200,000 allocations, not 700, as mypy does.
    # Cycles are still collected; an offline draft spent ~15% of its time here.
    gc.freeze()
    gc.set_threshold(200_000, *gc.get_threshold()[1:])
    from ..regexcache import install

    install()  # compiled patterns from earlier runs: ~25 ms of an offline draft
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminated)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()  # type: ignore[assignment]
    app()
