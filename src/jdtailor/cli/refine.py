"""``jdtailor refine SESSION`` and the terminal side of ``draft -i``.

The loop's own output (the posting, diffs, messages, prompts) goes to stderr, so
stdout carries only what was asked for: when no ``-o`` is given and stdout is not
a terminal, the final posting is written there on quit, as plain ``draft`` would.
On a terminal, lines are read with readline (editing, history, tab completion);
otherwise one command per line, so a session can be scripted.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from . import _term
from ._util import handles_errors, output_path, say
from .options import ModelOptions, reporting_usage, with_model_options

if TYPE_CHECKING:
    from ..context import CompanyContext
    from ..corpus import Corpus
    from ..drafters import Draft, Drafter
    from ..posting import JobPosting
    from ..refine import Outcome, Refiner

__all__ = ["refine", "refine_interactively", "run_loop"]

_DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


class Terminal:
    """Reads lines and writes the loop's output; colour and readline only on a terminal."""

    def __init__(self, stdin: TextIO | None = None, err: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.err = err or sys.stderr
        self.interactive = _isatty(self.stdin)
        self.colour = _term.colour(self.err)
        self._readline = self.interactive and _isatty(sys.stdout) and _setup_readline()

    def read(self, prompt: str) -> str | None:
        """One line without its newline, or None at end of input."""
        if self._readline:
            try:
                return input(prompt)
            except EOFError:
                return None
        if self.interactive:
            self.err.write(prompt)
            self.err.flush()
        line = self.stdin.readline()
        if not line:
            return None
        line = line.rstrip("\r\n")
        if not self.interactive:
            self.write(f"{prompt}{line}")  # a transcript of a piped session reads like a typed one
        return line

    def write(self, text: str = "") -> None:
        self.err.write(text if text.endswith("\n") else text + "\n")
        self.err.flush()

    def diff(self, lines: list[str]) -> None:
        def style(line: str) -> str | None:
            return "bold" if line.startswith(("+++", "---")) else _DIFF_STYLES.get(line[:1])

        self.write(_term.paint_lines("\n".join(lines), style, self.colour))

    def close(self) -> None:
        if self._readline:
            _save_history()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _history_path() -> Path:
    from ..resources import cache_dir

    return cache_dir() / "refine-history"


def _setup_readline() -> bool:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        return False
    from ..context import LEVELS
    from ..refine.commands import COMMANDS, SHORT
    from ..render import FORMATS

    choices: dict[str, list[str]] = {
        "level": list(LEVELS),
        "export": list(FORMATS),
        "show": ["--sources"],
    }
    for name in ("drop", "add", "more", "swap", "move"):
        choices[name] = list(SHORT.values())
    choices["edit"] = [*SHORT.values(), "summary"]

    def complete(text: str, state: int) -> str | None:
        words = readline.get_line_buffer()[: readline.get_begidx()].split()
        if not words:
            options = list(COMMANDS)
        elif len(words) == 1:
            options = sorted(set(choices.get(words[0].lower(), [])))
        else:
            options = []
        matches = [o + " " for o in options if o.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n")
    if "libedit" in (readline.__doc__ or ""):
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    try:
        readline.read_history_file(_history_path())
    except OSError:
        pass
    readline.set_history_length(1000)
    return True


def _save_history() -> None:
    import readline

    try:
        path = _history_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)
    except OSError:
        pass  # history is a convenience


def _status(refiner: Refiner, message: str = "") -> str:
    from ..refine import lint_summary

    v = refiner.version
    parts = [] if message.endswith(f"level {v.level}") else [f"level {v.level}"]
    summary = lint_summary(refiner.posting, refiner.ctx_at(v.level))
    if summary:
        parts.append(summary)
    return " · ".join(parts)


def _changed_sections(before: JobPosting, after: JobPosting) -> str:
    """Each bullet section that changed, numbered as the commands count (``drop resp 2``)."""
    from ..refine.commands import SHORT

    out = []
    for section, short in SHORT.items():
        bullets = getattr(after, section)
        if bullets != getattr(before, section):
            out.append(f"{short}:" if bullets else f"{short}: (none)")
            out += [f"  {i}. {b.text}" for i, b in enumerate(bullets, 1)]
    return "\n".join(out)


def _show(term: Terminal, refiner: Refiner, outcome: Outcome) -> None:
    from ..refine import render_diff

    if outcome.changed and outcome.before is not None:
        lines = render_diff(outcome.before, refiner.posting, "before", f"v{refiner.number}")
        if lines:
            term.diff(lines)
    if outcome.text:
        if outcome.diff:
            term.diff(outcome.text.rstrip("\n").split("\n"))
        else:
            term.write(outcome.text)
    if outcome.changed and outcome.before is not None:
        numbered = _changed_sections(outcome.before, refiner.posting)
        if numbered:
            term.write(numbered)
    if outcome.changed:
        term.write(" · ".join(p for p in (outcome.message, _status(refiner, outcome.message)) if p))
    elif outcome.message:
        term.write(outcome.message if outcome.ok else f"! {outcome.message}")


def run_loop(refiner: Refiner, term: Terminal | None = None) -> int:
    """Read lines until quit or end of input; return the exit code.

    Exit 0, or 1 when a piped session had a line refused (so a script notices),
    or 130 on Ctrl-C at the prompt. Every version is already on disk either way.
    """
    from ..refine import Outcome

    term = term or Terminal()
    refused = 0
    code = 0
    try:
        first = refiner.handle("show")
        term.write(first.text or "")
        term.write(f"v{refiner.number} · {_status(refiner)}")
        term.write("type a command or feedback; `help` lists commands, `quit` leaves")
        while True:
            try:
                line = term.read(f"v{refiner.number}> ")
            except KeyboardInterrupt:
                term.write("")
                code = 130
                break
            if line is None:
                break
            try:
                outcome = refiner.handle(line)
            except KeyboardInterrupt:
                outcome = Outcome(message=f"cancelled; still at v{refiner.number}", ok=False)
            _show(term, refiner, outcome)
            if not outcome.ok:
                refused += 1
            if outcome.quit:
                break
    finally:
        term.close()
    _finish(term, refiner, code)
    if code == 0 and refused and not term.interactive:
        code = 1
    return code


def _finish(term: Terminal, refiner: Refiner, code: int) -> None:
    import hashlib

    session = refiner.session
    text = refiner.rendered()
    data = text.encode("utf-8") if isinstance(text, str) else text
    if session.output:
        key = str(Path(session.output).resolve())
        if session.written.get(key) != hashlib.sha256(data).hexdigest():
            term.write(f"v{refiner.number} is not saved to {session.output} (resume, then `save`)")
    elif code == 0 and not _isatty(sys.stdout):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    term.write(f"every version is in {refiner.path}; resume with: jdtailor refine {refiner.path}")


def refine_interactively(
    ctx: CompanyContext,
    corpus: Corpus,
    drafter: Drafter,
    draft: Draft,
    *,
    context_path: Path,
    overrides: dict[str, str | None],
    output: Path | None,
    fmt: str = "md",
    force: bool = False,
    show_sources: bool = False,
    date_posted: str | None = None,
    valid_through: str | None = None,
    template_dir: Path | None = None,
) -> None:
    """The loop after ``draft -i``: start a session with the draft as version 1.

    ``date_posted``, ``valid_through`` and ``template_dir`` are draft's options;
    ``save`` and ``export`` render with them, now and when the session is resumed.
    """
    from ..refine import Refiner, default_session_path, new_session
    from ..refine.session import release_session
    from ..retrieval import infer_level

    session = new_session(
        context_path=context_path,
        overrides={k: v for k, v in overrides.items() if v},
        corpus=corpus,
        posting=draft.posting,
        level=infer_level(ctx),
        trace=draft.trace.to_dict(),
        output=output,
        fmt=fmt,
        show_sources=show_sources,
        model=getattr(drafter, "model", None),
        date_posted=date_posted,
        valid_through=valid_through,
        template_dir=template_dir,
    )
    path = default_session_path(output, ctx.role)
    refiner = Refiner(session, path, ctx, corpus, drafter, force=force, stored=False)
    say(f"session file: {path}")
    if output is not None and output.exists() and not force:
        say(f"{output} already exists; `save` will not replace it (`save --force` will)")
    try:
        code = run_loop(refiner)
    finally:
        release_session(path)
    if code:
        raise typer.Exit(code)


@handles_errors
@with_model_options()
def refine(
    session_file: Annotated[
        Path, typer.Argument(help="A session file written by `draft -i`.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", parser=output_path, help="Where `save` writes from now on."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let save/export overwrite existing files.")
    ] = False,
    *,
    options: ModelOptions,
) -> None:
    """Resume refining a posting from its session file, at the last version."""
    from ..context import load_context
    from ..corpus import load_corpus
    from ..refine import Refiner, load_session, sha256_file
    from ..refine.session import lock_session, release_session

    lock_session(session_file)  # before reading: versions another process adds are never lost
    try:
        session = load_session(session_file)
        if not Path(session.context_path).is_file():
            from ..errors import SessionError

            raise SessionError(
                f"{session_file}: its context file {session.context_path} is gone; put it back "
                "to resume (the versions are all in the session file)"
            )
        notes: list[str] = []
        ctx = load_context(session.context_path, **session.overrides)  # type: ignore[arg-type]
        digest = sha256_file(session.context_path)
        if digest != session.context_sha256:
            notes.append(
                f"{session.context_path} has changed since this session last ran; checks and "
                "re-drafts now use the file as it is"
            )
            session.context_sha256 = digest
        corpus = load_corpus(session.corpus_dirs)
        if corpus.fingerprint != session.corpus_fingerprint:
            notes.append(
                "the corpus has changed since this session last ran; `more`/`swap` use it now"
            )
            session.corpus_fingerprint = corpus.fingerprint
        if output is not None:
            session.output = str(output.resolve())
        if not options.model:
            options = replace(options, model=session.model)
        model = options.model_name
        drafter = options.drafter(output)
        if drafter is None:
            from ..drafters.offline import OfflineDrafter

            drafter = OfflineDrafter()
            notes.append("no model: commands work; free-text feedback needs -m MODEL")
        else:
            notes.append(f"free-text feedback goes to {model}")
        refiner = Refiner(session, session_file, ctx, corpus, drafter, force=force)
        refiner.store()
        say(f"resuming {session_file} at v{refiner.number} of {len(session.versions)}")
        for note in notes:
            say(note)
        problems = refiner.problems(refiner.posting)
        if problems:
            say(
                f"v{refiner.number} no longer passes the checks: {'; '.join(problems)}. "
                f"`level {refiner.version.level}` re-drafts it from the context"
            )
        with reporting_usage(drafter, options.usage):
            code = run_loop(refiner)
    finally:
        release_session(session_file)
    if code:
        raise typer.Exit(code)
