"""Timings of the corpus tooling (not a test).

    python3 benchmarks/bench_corpus.py [--runs 7]

Reports, as medians:
- the near-duplicate search over the whole corpus (prefix-filtered Jaccard),
  against the brute-force all-pairs sweep it replaces;
- whole-process wall time of `jdtailor corpus check`, `corpus list --stats`,
  `corpus search` and `jdtailor --help` (budget 0.3 s on the 2-core machine).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from itertools import combinations


def median_of(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    from jdtailor.corpus import load_corpus
    from jdtailor.corpus.check import SIMILAR_AT, _token_sets, similar_pairs

    items = list(load_corpus().items())
    sets = _token_sets(items)

    def brute() -> int:
        return sum(
            1 for a, b in combinations(sets, 2) if a and b and len(a & b) / len(a | b) >= SIMILAR_AT
        )

    fast = median_of(lambda: similar_pairs(items), runs)
    slow = median_of(brute, max(1, runs // 3))
    print(f"near-duplicates over {len(items)} items: prefix-filtered {fast * 1000:.0f} ms, "
          f"all pairs {slow * 1000:.0f} ms")  # fmt: skip

    for args in (
        ["corpus", "check"],
        ["corpus", "list", "--stats"],
        ["corpus", "search", "renewal pipeline"],
        ["--help"],
    ):
        cmd = [sys.executable, "-m", "jdtailor", *args]
        subprocess.run(cmd, capture_output=True)  # warm caches
        wall = median_of(lambda c=cmd: subprocess.run(c, capture_output=True), runs)
        print(f"jdtailor {' '.join(args):<32} median {wall:.3f} s over {runs} runs")


if __name__ == "__main__":
    main()
