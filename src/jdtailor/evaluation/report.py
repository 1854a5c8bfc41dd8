"""Eval results as a terminal table, a JSON report, and a comparison with a baseline.

The JSON report is the baseline format: ``--baseline`` reads what ``--json`` wrote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError
from ..text import plural
from .replay import INVALID_SHARE
from .runner import EvalRun
from .scorers import SCORERS, limiting

__all__ = [
    "REPORT_FORMAT",
    "Delta",
    "compare",
    "format_deltas",
    "format_table",
    "load_report",
    "to_json",
]

# /2: the reader scorers (fit, fidelity, contradiction, specificity, prose) and the
# critical cap; a /1 baseline scored on the old scale cannot be compared with it.
REPORT_FORMAT = "jdtailor-eval/2"
# short column names for the terminal table
SHORT = {
    "fit": "fit", "fidelity": "fidel", "contradiction": "contra", "specificity": "spec",
    "prose": "prose", "schema": "schema", "grounded": "ground", "facts": "facts",
    "lint": "lint", "inflation": "infl", "length": "length", "reading": "read",
    "expectations": "expect", "judge": "judge",
}  # fmt: skip


def to_dict(run: EvalRun, pairs: Any = None) -> dict[str, Any]:
    """The whole run: totals, then per case every scorer, the posting and its trace
    (and the labelled pairs' agreement when they were scored)."""
    data = {
        "format": REPORT_FORMAT,
        "jdtailor": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "suite": run.suite,
        "backend": run.backend,
        "model": run.model,
        "repeat": run.repeat,
        "seconds": round(run.seconds, 3),
        "tokens": run.tokens(),
        "score": run.score,
        "scorers": run.scorer_means(),
        "weights": {
            name: SCORERS[name][0] if name in SCORERS else 1.0 for name in run.scorer_names()
        },
        "cases": [
            {
                "id": c.id,
                "description": c.case.description,
                "tags": c.case.tags,
                "family": c.family,
                "level": c.level,
                "score": c.score,
                "capped_by": limiting(c.scores) if c.scores else None,
                "runs": c.runs,
                "spread": c.spread,
                "error": c.error,
                "invalid": c.invalid,
                "ms": round(c.ms, 1),
                "requests": c.requests,
                "failed_requests": c.failed_requests,
                "prompt_tokens": c.prompt_tokens,
                "completion_tokens": c.completion_tokens,
                "scores": {name: s.to_dict() for name, s in c.scores.items()},
                "notes": c.notes,
                "posting": c.posting.model_dump(mode="json") if c.posting else None,
                "trace": c.trace,
            }
            for c in run.cases
        ],
    }
    if pairs is not None:
        data["pairs"] = pairs.to_dict()
    return data


def to_json(run: EvalRun, pairs: Any = None) -> str:
    return json.dumps(to_dict(run, pairs), indent=2, ensure_ascii=False) + "\n"


def load_report(path: str | Path) -> dict[str, Any]:
    """A report written by ``jdtailor eval --json``, for use as a baseline."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such baseline; write one with `jdtailor eval --json FILE`")
    from ..reading.files import read_text_file
    from .suite import MAX_FIXTURE_BYTES

    text = read_text_file(path, limit=MAX_FIXTURE_BYTES, what="baseline report")
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(
            f"{path}: nested too deep for an eval report; pass a --json output"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not a JSON eval report ({exc}); pass a --json output") from None
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise InputError(
            f"{path}: not a jdtailor eval report (format {REPORT_FORMAT!r} expected); "
            "pass a file written by `jdtailor eval --json`"
        )
    return data


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def format_table(run: EvalRun) -> str:
    """One row per case, a totals row, and the failures spelled out below."""
    names = run.scorer_names()
    id_w = max([len("case")] + [len(c.id) for c in run.cases])
    fam_w = max([len("family")] + [len(c.family or "-") for c in run.cases])
    head = f"{'case':<{id_w}}  {'family':<{fam_w}}  {'level':<6}  {'score':>5}"
    head += "".join(f"  {SHORT.get(n, n):>6}" for n in names)
    lines = [head, "-" * len(head)]
    for c in run.cases:
        row = f"{c.id:<{id_w}}  {c.family or '-':<{fam_w}}  {c.level or '-':<6}  {c.score:>5.1f}"
        if c.error and not c.invalid:
            row += "  ERROR: " + c.error[:80]
        else:
            row += "".join(
                f"  {_cell(c.scores[n].score if n in c.scores else None):>6}" for n in names
            )
            if c.invalid:  # scored on what parsed of a reply that never validated
                row += f"  INVALID (x{INVALID_SHARE:g})"
        lines.append(row)
    lines.append("-" * len(head))
    means = run.scorer_means()
    count = plural(len(run.cases), "case")
    total = f"{'TOTAL':<{id_w}}  {count:<{fam_w}}  {'':<6}  {run.score:>5.1f}"
    total += "".join(f"  {_cell(means[n]):>6}" for n in names)
    lines.append(total)
    tokens = run.tokens()
    if tokens["prompt"] or tokens["completion"] or tokens["requests"]:
        failed = f" ({tokens['failed_requests']} failed)" if tokens["failed_requests"] else ""
        lines.append(
            f"tokens: {tokens['prompt']:,} prompt + {tokens['completion']:,} completion "
            f"over {plural(len(run.cases), 'case')}, {plural(tokens['requests'], 'request')}"
            f"{failed}"
        )
    if run.repeat > 1:
        worst = max(run.cases, key=lambda c: c.spread)
        lines.append(f"repeat {run.repeat}: largest spread {worst.spread:.1f} ({worst.id})")
    weak = [
        (c.id, n, c.scores[n].detail)
        for c in run.cases
        for n in names
        if n in c.scores and (score := c.scores[n].score) is not None and score < 60
    ]
    if weak:
        lines += ["", "Below 60:"]
        lines += [f"  {cid} {SHORT.get(n, n)}: {detail}" for cid, n, detail in weak]
    return "\n".join(lines) + "\n"


@dataclass
class Delta:
    case: str  # case id, or "TOTAL"
    scorer: str  # scorer name, or "score" for the case score
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    def regressed(self, tolerance: float) -> bool:
        if self.before is not None and self.after is None:
            return True  # a case that scored before and is now missing or broken
        return self.change is not None and self.change < -tolerance


def compare(run: EvalRun, baseline: dict[str, Any]) -> list[Delta]:
    """Per-case and per-scorer changes against a baseline report, suite order."""
    before_cases = {c["id"]: c for c in baseline.get("cases", []) if isinstance(c, dict)}
    deltas = [Delta("TOTAL", "score", baseline.get("score"), run.score)]
    before_means = baseline.get("scorers") or {}
    for name, after in run.scorer_means().items():
        deltas.append(Delta("TOTAL", name, before_means.get(name), after))
    for c in run.cases:
        old = before_cases.get(c.id)
        if old is None:
            deltas.append(Delta(c.id, "score", None, c.score))
            continue
        deltas.append(Delta(c.id, "score", old.get("score"), c.score))
        old_scores = old.get("scores") or {}
        for name, sc in c.scores.items():
            before = (old_scores.get(name) or {}).get("score")
            deltas.append(Delta(c.id, name, before, sc.score))
    ran = {c.id for c in run.cases}
    for cid, old in before_cases.items():
        if cid not in ran:
            deltas.append(Delta(cid, "score", old.get("score"), None))
    return deltas


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def format_deltas(deltas: list[Delta], tolerance: float) -> str:
    """Changed scores only (and every regression), marked; the total always shows."""
    lines = [f"Against the baseline (tolerance {tolerance:g} points):"]
    for d in deltas:
        change = d.change
        shown = d.case == "TOTAL" and d.scorer == "score"
        if not shown and (change == 0 or (change is None and d.before == d.after)):
            continue
        if change is None and d.before is None and d.after is None:
            continue
        mark = "REGRESSED" if d.regressed(tolerance) else ("improved" if (change or 0) > 0 else "")
        if change is None:
            what = "new" if d.before is None else "missing"
            mark = mark or what
        sign = "" if change is None else f"{change:+.1f}"
        lines.append(
            f"  {d.case:<28} {SHORT.get(d.scorer, d.scorer):<7} "
            f"{_num(d.before):>6} -> {_num(d.after):>6}  {sign:>6}  {mark}".rstrip()
        )
    regressions = [d for d in deltas if d.regressed(tolerance)]
    lines.append(
        f"{len(regressions)} regression(s) beyond {tolerance:g} points"
        if regressions
        else "no regressions"
    )
    return "\n".join(lines) + "\n"
