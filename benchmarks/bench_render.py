"""Timings of the output formats (not a test).

    python benchmarks/bench_render.py [--runs 15]

Whole-process wall time of an offline `jdtailor draft --format F` of the
Northwind example and of `jdtailor render POSTING.json --format F`, for every
format, against the draft budget on the project's 2-core machine (0.6 s); then
the in-process cost of each renderer alone.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_cli import timed  # same folder: run as python benchmarks/bench_render.py

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northwind-solar" / "company.md"
FORMATS = ("md", "json", "txt", "jsonld", "html")
BUDGET = 0.6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    jd = [sys.executable, "-m", "jdtailor"]
    with tempfile.TemporaryDirectory() as tmp:
        posting = Path(tmp) / "posting.json"
        subprocess.run(
            [*jd, "draft", "-c", str(EXAMPLE), "-f", "json", "-o", str(posting)],
            capture_output=True, check=True,
        )  # fmt: skip
        print(f"{'command':34} {'median':>8} {'min':>8} {'max':>8}  budget")
        for fmt in FORMATS:
            for name, cmd in (
                (f"draft -f {fmt}", [*jd, "draft", "-c", str(EXAMPLE), "-f", fmt]),
                (f"render -f {fmt}", [*jd, "render", str(posting), "-f", fmt]),
            ):
                t = timed(cmd, runs)
                med = statistics.median(t)
                verdict = "ok" if med <= BUDGET else "OVER"
                print(f"{name:34} {med:8.3f} {min(t):8.3f} {max(t):8.3f}  {BUDGET:.1f} s {verdict}")

        sys.path.insert(0, str(ROOT / "src"))
        from jdtailor.posting import JobPosting
        from jdtailor.render import render

        loaded = JobPosting.model_validate_json(posting.read_text(encoding="utf-8"))
        print(f"\n{'renderer (in process)':34} {'first':>8} {'then':>8}")
        for fmt in FORMATS:
            start = time.perf_counter()
            render(loaded, fmt, date_posted="2026-11-23")
            first = time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(50):
                render(loaded, fmt, date_posted="2026-11-23")
            then = (time.perf_counter() - start) / 50
            print(f"{fmt:34} {first * 1000:7.1f}ms {then * 1000:7.2f}ms")


if __name__ == "__main__":
    main()
