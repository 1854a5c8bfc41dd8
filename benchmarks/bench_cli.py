"""Whole-process cost of the commands a user runs most, as ratios (not a test).

    python benchmarks/bench_cli.py [--runs 15]

Each command runs ``--runs`` times, the commands interleaved round by round so a
busy machine slows them alike; the report gives the median CPU time (user +
system of the child, from ``getrusage``) and the median wall time, each also as
a ratio to the import floor ``python -c 'import pydantic, jinja2, typer, yaml'``
measured in the same run. Budgets (CPU ratio): offline ``draft`` of the
northwind example <= 2x, ``--help`` <= 1x; neither imports openai, docx, rich,
lxml or httpx. The model path's cache hit (<= 1.1x an offline draft) is
measured by ``benchmarks/bench_model.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-solar" / "company.md"
HEAVY = ("openai", "docx", "rich", "lxml", "httpx")


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    """The heavy top-level packages a run of ``jdtailor ARGS`` imports."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jdtailor", *args],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    return [name for name in HEAVY if name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's installed package has its .pyc files
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "JDTAILOR_MODEL"):
        env.pop(name, None)  # the offline path, whatever the shell has set
    jd = [sys.executable, "-m", "jdtailor"]
    draft_args = ["draft", "--context", str(NORTHWIND)]
    rows: list[tuple[str, list[str], float | None]] = [
        ("import floor", [sys.executable, "-c", "import pydantic, jinja2, typer, yaml"], None),
        ("jdtailor --help", [*jd, "--help"], 1.0),
        ("draft northwind (offline)", [*jd, *draft_args], 2.0),
    ]
    for ctx in sorted((ROOT / "examples").glob("*/company.md")):
        if ctx != NORTHWIND:
            args = ["draft", "--context", str(ctx), "--role", "Account Manager"]
            rows.append((f"draft {ctx.parent.name} (offline)", [*jd, *args], None))
    for _, cmd, _ in rows:
        run_once(cmd, env)  # warm the page cache and .pyc files
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in rows}
    for _ in range(runs):
        for name, cmd, _ in rows:
            samples[name].append(run_once(cmd, env))
    floor_cpu = statistics.median(cpu for cpu, _ in samples["import floor"])
    floor_wall = statistics.median(wall for _, wall in samples["import floor"])
    print(f"whole process, median of {runs} runs; ratios to the import floor")
    print(f"{'command':32} {'cpu s':>7} {'ratio':>6} {'wall s':>7} {'ratio':>6}  budget (cpu)")
    for name, _, budget in rows:
        cpu = statistics.median(c for c, _ in samples[name])
        wall = statistics.median(w for _, w in samples[name])
        verdict = (
            ""
            if budget is None
            else f"<= {budget:.1f}x " + ("ok" if cpu / floor_cpu <= budget else "OVER")
        )
        print(
            f"{name:32} {cpu:7.3f} {cpu / floor_cpu:5.2f}x {wall:7.3f} "
            f"{wall / floor_wall:5.2f}x  {verdict}"
        )
    for label, args in (("--help", ["--help"]), ("offline draft", draft_args)):
        found = heavy_imports(args, env)
        print(f"heavy imports by {label}: {', '.join(found) if found else 'none'}")


if __name__ == "__main__":
    main()
