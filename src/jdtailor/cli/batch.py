"""``jdtailor batch``: many postings in one run, resumable; ``batch status DIR``
for a job sent to the OpenAI Batch API."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..parallel import cores
from ._term import isatty
from ._util import CorpusDirs, handles_errors, say
from .options import PANEL, ModelOptions, Structured, with_model_options

if TYPE_CHECKING:
    from ..batch import Plan

app = typer.Typer(
    name="batch",
    help="Draft many postings in one run: a folder of company.md files, or one "
    "company.md plus a roles table (CSV). Rerun the same command to resume.",
    rich_markup_mode=None,
    invoke_without_command=True,
    no_args_is_help=True,
)


def parse_formats(value: str) -> tuple[str, ...]:
    """``"md,html"`` -> ``("md", "html")``, checked against the known formats."""
    from ..errors import InputError
    from ..render import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(
            f"-f/--formats {value!r}: unknown format {unknown[0] if unknown else '(none)'!r}; "
            f"use a comma-separated list of {', '.join(FORMATS)}"
        )
    return formats


class Progress:
    """A bar redrawn in place on a terminal; one plain line per item when piped."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.live = isatty(self.stream)
        self._last = 0.0

    def update(self, row: dict[str, Any]) -> None:
        self.done += 1
        ok = row.get("status") == "ok"
        self.failed += not ok
        what = row.get("file") if ok else f"FAILED {row['key']}: {row.get('error', '')}"
        if not self.live:
            say(f"[{self.done}/{self.total}] {what}")
            return
        if not ok:
            self.stream.write(f"\r\033[Kjdtailor: {what}\n")
        now = time.monotonic()
        if now - self._last > 0.1 or self.done == self.total:
            self._last = now
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            failed = f", {self.failed} failed" if self.failed else ""
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}{failed} ")
            self.stream.flush()

    def close(self) -> None:
        if self.live and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _say_plan(plan: Plan, backend: str) -> None:
    total = len(plan.tasks) + len(plan.skipped)
    parts = [f"{total} posting{'s' if total != 1 else ''}"]
    if plan.skipped:
        parts.append(f"{len(plan.skipped)} already done")
    parts.append(f"{len(plan.tasks)} to draft ({backend})")
    if plan.problems:
        parts.append(f"{len(plan.problems)} invalid input{'s' if len(plan.problems) != 1 else ''}")
    say("; ".join(parts))


@app.callback()
@handles_errors
# the same defaults as draft: auto, with timeout and retries that suit the server
@with_model_options(leave_out=("usage",))
def batch(
    ctx: typer.Context,
    contexts: Annotated[
        list[Path] | None,
        typer.Option(
            "--context",
            "-c",
            metavar="PATH",
            help="A company.md, or a folder of them (repeatable). With --roles: the one "
            "company.md every row builds on.",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    roles: Annotated[
        Path | None,
        typer.Option(
            "--roles",
            metavar="CSV",
            help="Roles table: one row per posting; columns are company.md keys and sections "
            "(role, seniority, location, salary, why_hiring, must_haves ...); ';' separates "
            "list items.",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="DIR", help="Folder for the postings.", show_default=False
        ),
    ] = None,  # fmt: skip
    formats: Annotated[
        str, typer.Option("--formats", "-f", help="Comma-separated: md,html,jsonld,json,txt.")
    ] = "md",
    force: Annotated[
        bool, typer.Option("--force", help="Redo every posting and overwrite files in DIR.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Draft nothing when any input is invalid.")
    ] = False,
    corpus_dirs: CorpusDirs = None,
    show_sources: Annotated[
        bool, typer.Option("--show-sources", help="Show each bullet's sources (md, html).")
    ] = False,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="datePosted for jsonld/html (default: today)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Offline: processes (default: all cores)."),
    ] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            min=1,
            help="Model: requests in flight at once.",
            rich_help_panel=PANEL,
        ),
    ] = 4,  # fmt: skip
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api",
            help="Send the requests as one OpenAI Batch API job and "
            "return at once; collect with `jdtailor batch status DIR`.",
            rich_help_panel=PANEL,
        ),
    ] = False,  # fmt: skip
    *,
    options: ModelOptions,
) -> None:
    """Draft a posting per company.md file or roles-table row into a folder."""
    if ctx.invoked_subcommand is not None:
        return
    from ..batch import Job, Manifest, fingerprint, load_items, plan_batch
    from ..corpus import load_corpus
    from ..errors import InputError

    if output is None:
        raise InputError("no output folder; pass -o DIR (rerun with the same DIR to resume)")
    fmts = parse_formats(formats)
    if date is not None:
        from ..render.jsonld import parse_when

        parse_when(date, "--date")
    items, problems = load_items(list(contexts or []), roles)
    for problem in problems:
        say(f"invalid: {problem.message}")
    if problems and strict:
        raise InputError(
            f"{len(problems)} invalid input{'s' if len(problems) != 1 else ''} (listed above); "
            "fix them, or drop --strict to draft the rest"
        )
    if not items:
        raise InputError("no valid inputs to draft; fix the inputs listed above")
    model = options.model_name
    use_model = model is not None
    if batch_api and not use_model:
        raise InputError("--batch-api needs a model: pass -m MODEL (and OPENAI_API_KEY)")
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: is a file; -o takes a folder")
    corpus = load_corpus(corpus_dirs or [])
    output.mkdir(parents=True, exist_ok=True)
    backend = f"model {model}" if model else "offline"
    job = Job(output, fmts, show_sources=show_sources, date=date, force=force)
    run_fp = fingerprint(
        corpus.fingerprint, fmts, backend, show_sources, date,
        options.structured.value if use_model else "", options.max_tokens if use_model else "",
    )  # fmt: skip
    manifest = Manifest(output)
    plan = plan_batch(items, problems, manifest, job, run_fp)
    llm = options.llm_options()
    if batch_api:
        if llm["structured"] == Structured.auto.value:  # the Batch API is OpenAI's: json_schema
            llm["structured"] = Structured.json_schema.value
        from ..batch.api import submit

        assert model is not None
        _say_plan(plan, f"Batch API, {model}")
        if not plan.tasks:
            manifest.close()
            _finish(output, plan, manifest, None)
            return
        batch_id = submit(plan, job, corpus, list(corpus_dirs or []), model, llm)
        manifest.close()
        say(f"submitted batch {batch_id}; collect it with: jdtailor batch status {output}")
        return
    if not use_model:
        say(
            "no model configured; drafting offline. To tailor with an LLM, pass -m MODEL "
            "(and OPENAI_API_KEY)."
            if not options.offline
            else "drafting offline"
        )
    n_workers = workers or cores()
    _say_plan(plan, backend if use_model else f"offline, {n_workers} processes")
    drafters: list[Any] = []
    price = None
    if use_model:
        from ..batch.run import run_model
        from ..batch.summary import price_for
        from ..drafters import make_drafter

        assert model is not None
        price = price_for(model)
        rows, drafters = run_model(
            plan.tasks, job, corpus,
            lambda: make_drafter(model, **llm),  # type: ignore[arg-type]
            concurrency=concurrency,
        )  # fmt: skip
    else:
        from ..batch.run import run_offline

        rows = run_offline(plan.tasks, job, list(corpus_dirs or []), workers=n_workers)
    progress = Progress(len(plan.tasks))
    try:
        for row in rows:
            _record(manifest, row, plan, price)
            progress.update(row)
    except KeyboardInterrupt:
        progress.close()
        manifest.close()
        done = sum(1 for k in plan.order if manifest.records.get(k, {}).get("status") == "ok")
        say(f"interrupted; {done} postings are saved in {output}; rerun the same command to go on")
        raise typer.Exit(130) from None
    finally:
        progress.close()
    _finish(output, plan, manifest, drafters, model if use_model and model else None)


def _record(manifest: Any, row: dict[str, Any], plan: Plan, price: Any) -> None:
    from ..batch.summary import cost_of

    row["fingerprint"] = plan.fingerprints.get(row["key"], "")
    row["cost_usd"] = cost_of(row, price)
    manifest.append(row)


def _finish(
    output: Path, plan: Plan, manifest: Any, drafters: list[Any] | None, model: str | None = None
) -> None:
    """Write the summary, report usage and failures, exit 1 when any input failed."""
    from ..batch import summary_rows, write_summary

    manifest.compact()
    records = dict(manifest.records)
    for problem in plan.problems:
        records[problem.key] = {"status": "invalid", "error": problem.message}
    rows = summary_rows(plan.order, records)
    csv_path, _ = write_summary(output, rows)
    if drafters and model:
        from ..llm import Usage
        from ..llm.usage import usage_line

        total = Usage()
        for drafter in drafters:
            total.merge(drafter.usage)
        say(usage_line(total, model))
    failed = [r for r in rows if r["status"] != "ok"]
    ok = len(rows) - len(failed)
    say(f"{ok} of {len(rows)} postings in {output}; summary in {csv_path}")
    if failed:
        say(f"{len(failed)} not drafted:")
        for row in failed:
            where = "" if row["status"] == "invalid" else f"{row['input']}: "
            say(f"  {where}{row['error'] or row['status']}")
        raise typer.Exit(1)


@app.command("status")
@handles_errors
def status(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The batch's -o folder.")],
    wait: Annotated[
        float,
        typer.Option("--wait", metavar="SECONDS", help="Poll until the job ends or this passes."),
    ] = 0.0,
) -> None:
    """Check a Batch API job; when it has finished, download, validate and write its postings."""
    from ..batch.api import collect

    outcome = collect(folder, wait=wait)
    for line in outcome.lines:
        say(line)
    if outcome.pending:
        return
    from ..batch import Manifest

    _finish(folder, outcome.plan, Manifest(folder), None)
