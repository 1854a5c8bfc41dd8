"""Wall time of the whole offline eval suite, as a user runs it.

Target (issue 7): `jdtailor eval --backend offline` over the built-in suite in
<= 5 s wall on this 2-core machine, process start included.

    python3 benchmarks/bench_eval.py            # 5 runs, prints the median
    python3 benchmarks/bench_eval.py --runs 9
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time

BUDGET_S = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = shutil.which("jdtailor")
    cmd = [exe] if exe else [sys.executable, "-m", "jdtailor"]
    cmd += ["eval", "--backend", "offline", "--no-progress"]
    subprocess.run(cmd, check=True, capture_output=True)  # warm the corpus parse cache
    times, cpu = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            return done.returncode
    total = next(line for line in done.stdout.splitlines() if line.startswith("TOTAL"))
    cases = total.split()[1]
    median = statistics.median(times)
    print(f"jdtailor eval --backend offline: {cases} cases")
    print(f"  wall median {median:.2f} s, min {min(times):.2f} s, max {max(times):.2f} s")
    # CPU time does not grow when other work shares the machine; wall time does.
    print(f"  cpu median {statistics.median(cpu):.2f} s (user + sys of the eval process)")
    print(f"  budget {BUDGET_S:.1f} s: {'OK' if median <= BUDGET_S else 'OVER'}")
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
