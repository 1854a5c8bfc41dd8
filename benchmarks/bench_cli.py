"""Whole-process timings of the commands a user runs most (not a test).

    python benchmarks/bench_cli.py [--runs 15]

Reports the median and spread of wall time for `jdtailor --help` and an offline
`jdtailor draft` of each example, and whether openai was imported on either path.
Budgets on the project's 2-core machine: draft <= 0.6 s, --help <= 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], runs: int) -> list[float]:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the page cache and .pyc files
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def imports_openai(args: list[str]) -> bool:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jdtailor", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return any(line.rstrip().endswith("| openai") for line in proc.stderr.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    jd = [sys.executable, "-m", "jdtailor"]
    rows = [("jdtailor --help", [*jd, "--help"], 0.3)]
    for ctx in sorted((ROOT / "examples").glob("*/company.md")):
        args = ["draft", "--context", str(ctx), "--role", "Account Manager"]
        if "role:" in ctx.read_text(encoding="utf-8"):
            args = args[:3]
        rows.append((f"draft {ctx.parent.name}", [*jd, *args], 0.6))
    print(f"{'command':34} {'median':>8} {'min':>8} {'max':>8}  budget")
    for name, cmd, budget in rows:
        t = timed(cmd, runs)
        med = statistics.median(t)
        verdict = "ok" if med <= budget else "OVER"
        print(f"{name:34} {med:8.3f} {min(t):8.3f} {max(t):8.3f}  {budget:.1f} s {verdict}")
    print("openai imported by --help:", imports_openai(["--help"]))
    example = str(ROOT / "examples" / "northwind-solar" / "company.md")
    print("openai imported by offline draft:", imports_openai(["draft", "--context", example]))


if __name__ == "__main__":
    main()
