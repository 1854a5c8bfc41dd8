"""Timings of the corpus tooling (not a test).

    python3 benchmarks/bench_corpus.py [--runs 7]

Reports, as medians:
- the near-duplicate search over the whole corpus (prefix-filtered Jaccard),
  against the brute-force all-pairs sweep it replaces;
- whole-process wall time of `jdtailor corpus check`, `corpus list --stats`,
  `corpus search` and `jdtailor --help` (budget 0.3 s on the 2-core machine);
- the curve of `corpus check` on generated user corpora of 1k-50k items (budget:
  50k under 10 s), whole process, wall and CPU seconds (CPU includes the forked
  checkers; on a busy machine read the CPU column).
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


def write_corpus(directory, n: int, per_file: int = 500, seed: int = 14) -> None:
    """``n`` generated items in families of ``per_file``: Zipf-like words, so a few are in
    most items (the hard case for prefix filtering), and every 50th item a near copy."""
    import random
    from pathlib import Path

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    verbs = ["Plan", "Run", "Review", "Prepare", "Track", "Report", "Coordinate", "Build"]
    made = family = 0
    while made < n:
        lines = [f"family: gen-{family}", f"title: Generated Role {family}",
                 f"aliases: [Generated Role {family}]", "items:"]  # fmt: skip
        previous = ""
        for k in range(min(per_file, n - made)):
            words = " ".join(rng.choices(vocab, weights, k=rng.randint(8, 14)))
            fresh = f"{rng.choice(verbs)} {words} for clients."
            text = previous + " again" if k % 50 == 49 else fresh
            previous = text
            kind = "duty" if k % 3 else "qualification"
            lines += [f"  - id: gen{family}.item-{k}", f"    kind: {kind}", f"    text: {text}",
                      "    levels: [mid, senior]", "    area: operations"]  # fmt: skip
        Path(directory, f"gen-{family}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        made += min(per_file, n - made)
        family += 1


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and the children it forked)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def check_curve(sizes: tuple[int, ...] = (1_000, 5_000, 10_000, 20_000, 50_000)) -> None:
    """Whole-process ``jdtailor corpus check DIR`` (the built-in corpus layered under it),
    first with an empty cache (every file parsed) and then again (parse cache warm)."""
    import os
    import tempfile

    print("jdtailor corpus check on generated user corpora, whole process, built-in corpus "
          "included (budget: 50k items < 10 s wall):")  # fmt: skip
    print(f"  load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
            write_corpus(tmp, n)
            env = {**os.environ, "JDTAILOR_CACHE_DIR": cache}
            cmd = [sys.executable, "-m", "jdtailor", "corpus", "check", tmp]
            cold_wall, cold_cpu = _timed(cmd, env)
            warm_wall, warm_cpu = _timed(cmd, env)
        print(f"  {n:>6} items: first run {cold_wall:6.2f} s wall ({cold_cpu:6.2f} s CPU), "
              f"again {warm_wall:6.2f} s wall ({warm_cpu:6.2f} s CPU)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--curve-only", action="store_true", help="Only the check curve.")
    args = parser.parse_args()
    runs = args.runs
    if args.curve_only:
        check_curve()
        return

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
    check_curve()


if __name__ == "__main__":
    main()
