"""The HTML eval report: one self-contained file with inline SVG charts.

Nothing is loaded from the network (no scripts, fonts or styles from elsewhere),
so the file opens the same from a CI artifact, a mail attachment or a laptop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .report import SHORT, to_dict
from .runner import CaseResult, EvalRun
from .scorers import SCORERS, limiting

__all__ = ["render_html"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _colour(score: float | None) -> str:
    if score is None:
        return "#c9ccd1"
    if score >= 85:
        return "#2e8b57"
    if score >= 60:
        return "#d19a1a"
    return "#c0392b"


def _faults(c: CaseResult) -> list[dict[str, Any]]:
    """What cost the case points, the costliest first: each scorer below 100 and why."""
    weights = {name: w for name, (w, _) in SCORERS.items()}
    capped = limiting(c.scores) if c.scores else None
    out = [
        {
            "name": name, "score": sc.score, "detail": sc.detail, "capped": name == capped,
            "cost": (100 - sc.score) * weights.get(name, 1.0) + (1000 if name == capped else 0),
        }
        for name, sc in c.scores.items()
        if sc.score is not None and sc.score < 100
    ]  # fmt: skip
    return sorted(out, key=lambda f: -f["cost"])


def render_html(
    run: EvalRun, deltas: list[Any] | None = None, tolerance: float = 0.0, pairs: Any = None
) -> str:
    """The report as one HTML document, the worst cases first with each scorer's reason."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["colour"] = _colour
    env.filters["num"] = lambda v: "–" if v is None else f"{v:.0f}"
    data = to_dict(run, pairs)
    worst = sorted(run.cases, key=lambda c: (c.score, c.id))
    order = {c.id: i for i, c in enumerate(worst)}
    data["cases"] = sorted(data["cases"], key=lambda c: order[c["id"]])
    names = run.scorer_names()
    scorer_docs = {"judge": "An LLM judge's 1-5 rubric (prompts/judge.j2) mapped to 0-100."}
    scorer_docs |= {
        name: (fn.__doc__ or "").strip().split("\n")[0] for name, (_, fn) in SCORERS.items()
    }
    changed = []
    if deltas:
        changed = [
            {
                "case": d.case,
                "scorer": d.scorer,
                "before": d.before,
                "after": d.after,
                "change": d.change,
                "regressed": d.regressed(tolerance),
            }
            for d in deltas
            if d.change != 0 or d.regressed(tolerance)
        ]
    return env.get_template("report.html.j2").render(
        run=data,
        results=worst,
        faults={c.id: _faults(c) for c in run.cases},
        scorers=names,
        short=SHORT,
        weights=data["weights"],
        docs=scorer_docs,
        deltas=changed,
        has_baseline=deltas is not None,
        tolerance=tolerance,
    )
