"""How long one refinement turn takes, offline (not a test).

    python benchmarks/bench_refine.py [--turns 40]

Times each command through ``Refiner.handle`` in-process: the work between the
user pressing Enter and the diff appearing (apply, check, write the session file)
plus the lint summary and diff the terminal shows. Also times a whole piped
session, ``draft -i`` with a script, as a user would run it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = ROOT / "examples" / "northwind-solar" / "company.md"
CYCLE = [
    "drop resp 2",
    "undo",
    "more resp",
    "swap req 4",
    "move resp 1 3",
    "add nice Spanish at a working level",
    "edit resp 1 Visit each of the top ten clients on site in your first quarter.",
    "title Renewals Account Manager",
    "level lead",
    "level senior",
]


def turns(n: int) -> dict[str, list[float]]:
    from jdtailor.context import load_context
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.pipeline import draft_posting
    from jdtailor.refine import Refiner, lint_summary, new_session, render_diff

    ctx = load_context(CONTEXT)
    corpus = load_corpus()
    draft, _ = draft_posting(ctx, corpus, OfflineDrafter())
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        session = new_session(
            context_path=CONTEXT, overrides={}, corpus=corpus, posting=draft.posting,
            level="senior", trace=draft.trace.to_dict(),
        )  # fmt: skip
        refiner = Refiner(
            session, Path(tmp) / "s.json", ctx, corpus, OfflineDrafter(), stored=False
        )
        for i in range(n):
            line = CYCLE[i % len(CYCLE)]
            start = time.perf_counter()
            outcome = refiner.handle(line)
            if outcome.changed and outcome.before is not None:
                render_diff(outcome.before, refiner.posting, "before", "now")
                lint_summary(refiner.posting, refiner.ctx_at(refiner.version.level))
            times.setdefault(line.split()[0], []).append(time.perf_counter() - start)
            if not outcome.ok and line != "undo":
                refiner.handle("undo")
    return times


def piped(runs: int) -> list[float]:
    script = "\n".join(CYCLE) + "\nquit\n"
    cmd = [sys.executable, "-m", "jdtailor", "draft", "-c", str(CONTEXT), "-i"]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs + 1):
            target = Path(tmp) / f"p{i}.md"
            start = time.perf_counter()
            subprocess.run([*cmd, "-o", str(target)], input=script, text=True, capture_output=True)
            if i:  # the first run warms the caches
                out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = turns(args.turns)
    print(f"{'command':<8} {'n':>3} {'median ms':>10} {'max ms':>8}")
    for name, values in times.items():
        print(
            f"{name:<8} {len(values):>3} {statistics.median(values) * 1000:>10.1f} "
            f"{max(values) * 1000:>8.1f}"
        )
    whole = piped(args.runs)
    print(
        f"piped session of {len(CYCLE)} commands: median {statistics.median(whole):.2f} s "
        f"(min {min(whole):.2f}, max {max(whole):.2f}, {args.runs} runs)"
    )


if __name__ == "__main__":
    main()
