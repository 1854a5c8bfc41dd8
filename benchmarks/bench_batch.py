"""`jdtailor batch` at scale, offline (not a test).

    python benchmarks/bench_batch.py [--count 1000] [--small 100] [--runs 5]

Builds a roles table of COUNT rows (titles x levels x places, written here)
over examples/northwind-solar/company.md and reports, against a single
`jdtailor draft` process measured in the same run:

- wall time per posting for SMALL and COUNT rows, and its ratio to one draft
  process (budget: <= 0.25);
- peak memory at SMALL and COUNT rows: the largest single process and the
  whole process tree, sampled from /proc (budget: flat, COUNT within 1.5x SMALL);
- a rerun of the COUNT table with nothing changed (budget: <= 5 s).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = ROOT / "examples" / "northwind-solar" / "company.md"
JD = [sys.executable, "-m", "jdtailor"]

TITLES = [
    "Account Manager", "Data Analyst", "Project Manager", "Customer Support Specialist",
    "Software Engineer", "Electrician", "Warehouse Associate", "Sales Representative",
    "Marketing Manager", "Bookkeeper", "Registered Nurse", "Line Cook",
]  # fmt: skip
LEVELS = ["entry", "mid", "senior", "lead"]
PLACES = ["Portland, OR, USA", "Salem, OR, USA", "Boise, ID, USA", "Reno, NV, USA", "Tacoma, WA"]


def roles_table(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["role", "seniority", "location", "salary", "why_hiring", "must_haves"])
        for n in range(count):
            title = TITLES[n % len(TITLES)]
            level = LEVELS[(n // len(TITLES)) % len(LEVELS)]
            place = PLACES[(n // 7) % len(PLACES)]
            low = 40_000 + 1_000 * (n % 50)
            writer.writerow([
                title, level, place, f"{low}-{low + 20_000} USD/year",
                f"Opening {n}: our {place.split(',')[0]} site is growing and this team is short "
                f"of hands for the work customers are asking for.",
                "Reliable attendance; Clear communication with customers",
            ])  # fmt: skip
    return path


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of ``pid`` and its descendants, and of the largest one (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    total, largest, stack = 0, 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        largest = max(largest, rss.get(p, 0))
        stack += children.get(p, [])
    return total, largest


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd: list[str]) -> tuple[float, int, int, float]:
    """(wall s, largest process peak RSS, peak tree RSS, CPU s of the whole tree).

    Memory is sampled every 50 ms. CPU time (user + system of the process and
    its workers) is reported too: on a shared machine wall time follows the load.
    """
    cpu = cpu_children()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            total, largest = tree_rss(proc.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, peak[1], peak[0], cpu_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5, help="draft processes to time")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        draft = [*JD, "draft", "-c", str(CONTEXT)]
        subprocess.run(draft, capture_output=True, check=True)  # warm caches
        singles, cpus = [], []
        for _ in range(args.runs):
            start, cpu = time.perf_counter(), cpu_children()
            subprocess.run(draft, capture_output=True, check=True)
            singles.append(time.perf_counter() - start)
            cpus.append(cpu_children() - cpu)
        one = statistics.median(singles)
        print(
            f"one `jdtailor draft` process: median {one:.3f} s wall, "
            f"{statistics.median(cpus):.3f} s CPU over {args.runs} runs"
        )
        print(f"cores: {os.cpu_count()}")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"{'rows':>6} {'wall s':>8} {'s/posting':>10} {'ratio':>6} {'cpu s':>7} "
              f"{'max proc MB':>12} {'tree MB':>8}")  # fmt: skip
        results = {}
        for count in (args.small, args.count):
            table = roles_table(work / f"roles-{count}.csv", count)
            out = work / f"out-{count}"
            cmd = [*JD, "batch", "-c", str(CONTEXT), "--roles", str(table), "-o", str(out)]
            wall, proc_rss, tree, cpu = run_measured(cmd)
            per = wall / count
            results[count] = (cmd, wall, proc_rss, tree)
            print(f"{count:6d} {wall:8.2f} {per:10.4f} {per / one:6.3f} {cpu:7.1f} "
                  f"{proc_rss / 2**20:12.1f} {tree / 2**20:8.1f}")  # fmt: skip
        cmd, wall, _, _ = results[args.count]
        rerun, _, _, rerun_cpu = run_measured(cmd)
        per = results[args.count][1] / args.count
        small_tree, big_tree = results[args.small][3], results[args.count][3]
        print(
            f"rerun of {args.count} rows with nothing changed: {rerun:.2f} s "
            f"({rerun_cpu:.2f} s CPU)"
        )
        print(
            f"budgets: per posting <= 0.25 x one draft: {per / one:.3f} "
            f"{'ok' if per / one <= 0.25 else 'OVER'}; memory {args.count} vs {args.small}: "
            f"{big_tree / max(small_tree, 1):.2f}x "
            f"{'ok' if big_tree <= 1.5 * small_tree else 'OVER'}; rerun <= 5 s: "
            f"{'ok' if rerun <= 5 else 'OVER'}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
