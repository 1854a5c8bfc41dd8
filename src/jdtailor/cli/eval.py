"""``jdtailor eval``: run the evaluation suite, print a table, write reports, gate."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from ._util import CorpusDirs, handles_errors, say
from .options import ModelOptions, with_model_options

if TYPE_CHECKING:
    from ..drafters import Drafter


class Backend(str, Enum):
    offline = "offline"
    model = "model"


class ProgressBar:
    """A one-line bar on stderr, redrawn in place on a terminal, one line per case elsewhere."""

    def __init__(self, stream: TextIO, width: int = 28) -> None:
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()

    def __call__(self, done: int, total: int, case_id: str) -> None:
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"eval [{bar}] {done}/{total} {case_id}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@handles_errors
@with_model_options(leave_out=("offline", "usage"))
def eval_command(
    suite: Annotated[
        Path | None,
        typer.Argument(
            help="Suite YAML, or a folder with suite.yaml. Default: the built-in suite.",
            show_default=False,
        ),
    ] = None,
    backend: Annotated[
        Backend, typer.Option("--backend", "-b", help="Draft with the offline drafter or a model.")
    ] = Backend.offline,
    repeat: Annotated[
        int, typer.Option(min=1, max=50, help="Draft each case N times; scores are averaged.")
    ] = 1,
    baseline: Annotated[
        Path | None,
        typer.Option(help="A --json report to compare with; exit 1 on any regression."),
    ] = None,
    tolerance: Annotated[
        float,
        typer.Option(min=0.0, help="Points a score may drop before it counts as a regression."),
    ] = 2.0,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a self-contained HTML report here.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the JSON report (usable as a baseline).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the report files.")] = False,
    min_score: Annotated[
        float | None,
        typer.Option(min=0.0, max=100.0, help="Exit 1 if the overall score is below this."),
    ] = None,
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, help="Model-backend cases drafted at once.")
    ] = 4,
    cases: Annotated[
        list[str] | None, typer.Option("--case", help="Run only this case (repeatable).")
    ] = None,
    corpus_dirs: CorpusDirs = None,
    postings: Annotated[
        Path | None,
        typer.Option(
            "--postings",
            metavar="DIR",
            help="Score the postings in DIR (<case id>.md, .txt or .json) instead of drafting.",
        ),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(
            "--replay",
            metavar="DIR",
            help="Score the model replies saved in DIR (<case id>.txt, or the "
            "reply-<case id>-<time>.txt a failed run leaves) without a server; an invalid "
            "reply scores what parses of it, at half.",
        ),
    ] = None,
    pairs: Annotated[
        bool,
        typer.Option(
            "--pairs",
            help="Also score the labelled posting pairs (pairs/pairs.yaml beside the suite) "
            "and report how often the better posting ranks higher.",
        ),
    ] = False,
    min_agreement: Annotated[
        float | None,
        typer.Option(
            min=0.0, max=100.0, help="With --pairs: exit 1 if fewer pairs (%) rank right."
        ),
    ] = None,
    judge: Annotated[
        bool,
        typer.Option(
            "--judge",
            help="Also score each draft with an LLM judge (needs -m; cached like drafts).",
        ),
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress on stderr. Default: on when stderr is a terminal.",
            show_default=False,
        ),
    ] = None,
    *,
    options: ModelOptions,
) -> None:
    """Draft every case of an evaluation suite, score the drafts and report."""
    from ..corpus import load_corpus
    from ..evaluation import load_suite, run_suite
    from ..evaluation.report import compare, format_deltas, format_table, load_report, to_json
    from ..resources import data_dir

    suite_obj = load_suite(suite if suite is not None else data_dir("evals"))
    if cases:
        suite_obj = suite_obj.select(cases)
    baseline_data = load_report(baseline) if baseline is not None else None
    # Refuse a report that could not be written before drafting anything (a model run costs).
    from ..errors import InputError
    from ..files import check_writable

    if report is not None and json_out is not None and report.resolve() == json_out.resolve():
        raise InputError(f"{report}: --json and --report name the same file; give two names")
    for out in (report, json_out):
        if out is not None:
            check_writable(out, force=force)
    corpus = load_corpus(corpus_dirs or [])
    if postings is not None and not postings.is_dir():
        raise InputError(f"{postings}: not a folder; --postings takes a folder of postings")
    if replay is not None:
        suite_obj = _replayable(suite_obj, replay, postings)
    pair_set = None
    if pairs or min_agreement is not None:
        from ..evaluation.pairs import load_pairs

        pair_set = load_pairs(suite_obj.root / "pairs" / "pairs.yaml")

    model_name = options.model_name
    if replay is not None:
        backend = Backend.offline  # nothing is drafted: no server, no model needed
    if (backend is Backend.model or judge) and model_name is None:
        from ..errors import ModelConfigError

        needs = "--backend model" if backend is Backend.model else "--judge"
        raise ModelConfigError(
            f"{needs} needs a model: pass -m MODEL or set JDTAILOR_MODEL "
            "(and OPENAI_API_KEY; OPENAI_BASE_URL for other servers)"
        )

    make: Callable[[], Drafter]
    if backend is Backend.offline:
        from ..drafters.offline import OfflineDrafter

        make = OfflineDrafter
        # CPU-bound and deterministic: threads would only add contention (unless judging)
        workers = concurrency if judge else 1
    else:
        from ..drafters import make_drafter

        def make_model() -> Drafter:
            # One drafter per case: no client state is shared between threads.
            return make_drafter(model_name, **options.llm_options())

        make = make_model
        workers = concurrency

    make_judge = None
    if judge:
        from ..evaluation.judge import ModelJudge

        def make_judge():  # type: ignore[no-untyped-def]
            return ModelJudge(model_name, **options.llm_options())

    if repeat > 1 and backend is Backend.model and options.cache.value in ("use", "only"):
        say(
            f"--repeat {repeat} with --cache {options.cache.value}: later runs replay the first "
            "reply; "
            "pass --cache off to sample the model again"
        )
    show = progress if progress is not None else sys.stderr.isatty()
    bar = ProgressBar(sys.stderr) if show and len(suite_obj.cases) > 1 else None
    run = run_suite(
        suite_obj,
        corpus,
        make,
        backend="replay" if replay is not None else backend.value,
        model=model_name if backend is Backend.model or judge else None,
        repeat=repeat,
        concurrency=workers,
        progress=bar,
        make_judge=make_judge,
        postings=postings,
        replies=replay,
    )

    from . import _term

    on = _term.colour(sys.stdout)
    sys.stdout.write(_term.paint_lines(format_table(run), _eval_style, on))
    pair_run = None
    if pair_set is not None:
        from ..evaluation.pairs import run_pairs

        pair_run = run_pairs(pair_set, corpus)
        sys.stdout.write("\n" + pair_run.format())
    deltas = compare(run, baseline_data) if baseline_data is not None else None
    if deltas is not None:
        sys.stdout.write(
            "\n" + _term.paint_lines(format_deltas(deltas, tolerance), _eval_style, on)
        )

    from ..files import atomic_write

    if json_out is not None:
        atomic_write(json_out, to_json(run, pair_run), force=force)
        say(f"wrote {json_out}")
    if report is not None:
        from ..evaluation.html import render_html

        atomic_write(report, render_html(run, deltas, tolerance, pair_run), force=force)
        say(f"wrote {report}")

    failed = bool(run.errors)
    for c in run.errors:
        say(f"case {c.id} failed: {c.error}")
    if backend is Backend.model and any(c.invalid for c in run.cases):
        from ..drafters.model import failed_replies_dir

        say(
            "the invalid replies are saved under their case ids; score them again without a "
            f"server: jdtailor eval --replay {failed_replies_dir()}"
        )
    if deltas is not None:
        regressions = [d for d in deltas if d.regressed(tolerance)]
        if regressions:
            say(f"{len(regressions)} score(s) fell more than {tolerance:g} points below baseline")
            failed = True
    if min_agreement is not None and pair_run is not None:
        if 100 * pair_run.agreement < min_agreement:
            say(
                f"labelled pairs: {100 * pair_run.agreement:.0f}% ranked right, "
                f"below --min-agreement {min_agreement:g}"
            )
            failed = True
    if min_score is not None and run.score < min_score:
        say(f"overall score {run.score:.1f} is below --min-score {min_score:g}")
        failed = True
    if failed:
        raise typer.Exit(1)


def _replayable(suite: Any, folder: Path, postings: Path | None) -> Any:
    """The suite's cases that have a saved reply in ``folder``; the rest are named."""
    from ..errors import InputError
    from ..evaluation.replay import find_reply

    if postings is not None:
        raise InputError("--replay and --postings both name what to score; give one")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; --replay takes a folder of saved replies")
    have = [c.id for c in suite.cases if find_reply(folder, c.id) is not None]
    if not have:
        raise InputError(
            f"{folder}: no saved reply for any case; name them <case id>.txt (a failed model "
            "run saves reply-<case id>-<time>.txt in the cache's failed/ folder)"
        )
    missing = [c.id for c in suite.cases if c.id not in have]
    if missing:
        say(f"replaying {len(have)} of {len(suite.cases)} cases; no saved reply for: "
            + ", ".join(missing))  # fmt: skip
    return suite.select(have)


def _eval_style(line: str) -> str | None:
    """Colour for one line of the eval table on a terminal: totals bold, failures red."""
    if "ERROR" in line or "INVALID" in line or "REGRESSED" in line or "regression(s)" in line:
        return "red"
    if line.rstrip().endswith("improved") or line == "no regressions":
        return "green"
    if line.startswith(("TOTAL", "case ", "Against")):
        return "bold"
    return None
