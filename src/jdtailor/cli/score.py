"""``jdtailor score``: score one posting, written anywhere, against its company.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ._util import CorpusDirs, handles_errors


@handles_errors
def score_command(
    posting: Annotated[
        Path, typer.Argument(help="The posting: Markdown, plain text, HTML, or jdtailor's JSON.")
    ],
    context: Annotated[
        Path, typer.Option("--context", "-c", help="The company.md the posting was written for.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the scores as JSON instead of a table.")
    ] = False,
    corpus_dirs: CorpusDirs = None,
) -> None:
    """Score a posting against its company.md with the eval's scorers."""
    from ..context import MAX_CONTEXT_BYTES, load_context
    from ..corpus import load_corpus
    from ..evaluation.external import read_posting
    from ..evaluation.report import SHORT
    from ..evaluation.scorers import SCORERS, Subject, combine, limiting, score_all
    from ..evaluation.suite import Case
    from ..lint import lint_posting, lint_text
    from ..reading.files import read_text_file

    ctx = load_context(context, require_role=False)
    posting_obj, text = read_posting(posting, ctx)
    if not ctx.role:
        ctx = ctx.model_copy(update={"role": posting_obj.title})
    sourced = posting.suffix.lower() == ".json"
    report = lint_posting(posting_obj, ctx) if sourced else lint_text(text, ctx)
    case = Case(id="posting", context=str(context))
    subject = Subject(
        case, ctx, read_text_file(context, limit=MAX_CONTEXT_BYTES, what="company.md"),
        posting_obj, None, text, report,
        load_corpus(corpus_dirs or []), [], sourced,
    )  # fmt: skip
    scores = score_all(subject)
    total, capped = combine(scores), limiting(scores)
    if as_json:
        data = {
            "posting": str(posting), "context": str(context), "score": total,
            "capped_by": capped, "scores": {n: s.to_dict() for n, s in scores.items()},
        }  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    cap = f" (held down by {capped})" if capped else ""
    lines = [f"{posting}: {total:.1f} / 100{cap}"]
    for name, sc in scores.items():
        value = "   -" if sc.score is None else f"{sc.score:4.0f}"
        weight = SCORERS[name][0]
        lines.append(f"  {SHORT.get(name, name):<7} {value}  x{weight:<3g} {sc.detail}")
    sys.stdout.write("\n".join(lines) + "\n")
