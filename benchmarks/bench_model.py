"""The model path's own costs, as ratios measured in one run (not a test).

    python benchmarks/bench_model.py [--runs 7] [--latency 0.2] [--cases 16] [--only PART]

1. Whole process, median CPU time of the child (user + system, from
   ``getrusage``; wall time beside it) over ``--runs`` interleaved rounds, against
   a scripted server on 127.0.0.1 that answers at once, next to the offline draft
   of the same context:
   the import floor (``python -c 'import pydantic, jinja2, typer, yaml'``), the
   offline draft, a model draft served from the reply cache (target <= 1.1x
   offline, and no openai import) and a model draft that makes its request
   (target <= 1.3x offline: the model path's own overhead).
2. Prompt sizes for the northwind example, in estimated tokens (about four
   characters a token; response_format's schema included where it is sent): the
   first prompt per structured mode (target <= 2,500), a repair and a revision
   (target <= 3,500).
3. ``jdtailor eval --backend model --concurrency 8`` against a server that takes
   ``--latency`` seconds per reply and answers each case with its offline
   posting: efficiency = (the offline eval's time + requests x latency / 8) / the
   model eval's time (target >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_cli import run_once as _run_once  # noqa: E402  (CPU and wall of a run)
from tests.fakeopenai import FakeOpenAI, chat  # noqa: E402

NORTHWIND = ROOT / "examples" / "northwind-solar" / "company.md"


def _northwind():
    from jdtailor.context import load_context
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.retrieval import retrieve

    ctx = load_context(NORTHWIND)
    retrieval = retrieve(ctx, load_corpus([]))
    return ctx, retrieval, OfflineDrafter().draft(ctx, retrieval).posting


def whole_process(runs: int) -> None:
    _, _, posting = _northwind()
    reply = chat(posting)
    with FakeOpenAI() as server, tempfile.TemporaryDirectory() as cache:
        server.responder = lambda _request: reply
        env = dict(os.environ, OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-bench")
        env["JDTAILOR_CACHE_DIR"] = cache
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's installed package has its .pyc files
        base = [sys.executable, "-m", "jdtailor", "draft", "-c", str(NORTHWIND)]
        model = [*base, "-m", "bench-model"]
        subprocess.run(model, env=env, capture_output=True, check=True)  # fills the cache
        floor = [sys.executable, "-c", "import pydantic, jinja2, typer, yaml"]
        rows = {
            "import floor": floor,
            "offline draft": base,
            "model, cache hit": model,
            "model, request": [*model, "--cache", "off"],
        }
        for cmd in rows.values():
            _run_once(cmd, env)  # warm the page cache and .pyc files
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in rows}
        for _ in range(runs):  # interleaved, so a busy machine slows each alike
            for name, cmd in rows.items():
                samples[name].append(_run_once(cmd, env))
        hit = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "jdtailor", "draft", "-c", str(NORTHWIND),
             "-m", "bench-model"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
    imports_openai = any(line.rstrip().endswith("| openai") for line in hit.stderr.splitlines())
    cpu = {name: statistics.median(c for c, _ in runs_) for name, runs_ in samples.items()}
    wall = {name: statistics.median(w for _, w in runs_) for name, runs_ in samples.items()}
    print(f"whole process, median of {runs} runs (ratios to the offline draft):")
    print(f"  {'':<18} {'cpu s':>7} {'ratio':>6} {'wall s':>7} {'ratio':>6}")
    for name in rows:
        print(
            f"  {name:<18} {cpu[name]:7.3f} {cpu[name] / cpu['offline draft']:5.2f}x"
            f" {wall[name]:7.3f} {wall[name] / wall['offline draft']:5.2f}x"
        )
    print("  targets (cpu): cache hit <= 1.10x, request <= 1.30x (the server answers at once)")
    print(f"  a cache hit imports openai: {'yes' if imports_openai else 'no'}")


def prompt_sizes() -> None:
    from jdtailor.drafters.model import build_messages, posting_schema
    from jdtailor.llm import estimate_tokens
    from jdtailor.llm.structured import MODES, response_format
    from jdtailor.posting import JobPosting
    from jdtailor.prompts import render

    ctx, retrieval, posting = _northwind()

    def size(messages: list[dict[str, str]], mode: str) -> int:
        fmt = response_format(mode, JobPosting, posting_schema(ctx, mode))
        sent = sum(estimate_tokens(m["content"]) for m in messages)
        wire = json.dumps(fmt, separators=(",", ":")) if fmt else ""  # as sent
        return sent + estimate_tokens(wire)

    print("prompt size for northwind, estimated tokens with the schema where sent:")
    print(f"  {'mode':<12}{'first':>8}{'repair':>8}{'revision':>10}")
    for mode in (m for m in MODES if m != "auto"):
        first = build_messages(ctx, retrieval, structured=mode)
        repair = [
            *first,
            {"role": "assistant", "content": posting.model_dump_json()},
            {"role": "user", "content": render("repair.j2", problems=["summary has 6 sentences"])},
        ]
        revision = build_messages(
            ctx, retrieval, structured=mode, posting=posting, feedback="Make it warmer."
        )
        print(
            f"  {mode:<12}{size(first, mode):>8,}{size(repair, mode):>8,}"
            f"{size(revision, mode):>10,}"
        )
    print("  targets: first <= 2,500, repair and revision <= 3,500")


def eval_efficiency(latency: float, cases: int) -> None:
    from jdtailor.context import load_context
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters.model import build_messages
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.evaluation import load_suite
    from jdtailor.resources import data_dir
    from jdtailor.retrieval import retrieve

    suite = load_suite(data_dir("evals"))
    chosen = suite.cases[:cases]
    corpus = load_corpus([])
    replies: dict[str, object] = {}
    for case in chosen:
        ctx = load_context(case.context_path(suite.root), **case.options.model_dump())
        retrieval = retrieve(ctx, corpus)
        user = build_messages(ctx, retrieval, structured="json_schema")[1]["content"]
        replies[user] = chat(OfflineDrafter().draft(ctx, retrieval).posting, delay=latency)

    def respond(request):  # the case's own offline posting, after the latency
        users = [m.get("content") for m in request.messages if m.get("role") == "user"]
        return next((replies[u] for u in users if u in replies), chat("{}", delay=latency))

    ids = [c.id for c in chosen]
    with FakeOpenAI() as server, tempfile.TemporaryDirectory() as cache:
        server.responder = respond
        env = dict(os.environ, OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-bench")
        env["JDTAILOR_CACHE_DIR"] = cache
        select = [arg for i in ids for arg in ("--case", i)]
        base = [sys.executable, "-m", "jdtailor", "eval", "--no-progress", *select]
        start = time.perf_counter()
        subprocess.run([*base, "--backend", "offline"], env=env, capture_output=True)
        offline = time.perf_counter() - start
        out = Path(cache) / "run.json"
        cmd = [*base, "--backend", "model", "-m", "bench-model", "--cache", "off",
               "--structured", "json_schema", "--concurrency", "8", "--json", str(out)]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True)
        took = time.perf_counter() - start
        requests = len(server.requests)
    ideal = offline + requests * latency / 8
    ms = latency * 1000
    print(f"eval --backend model --concurrency 8, {len(ids)} cases, {ms:.0f} ms a reply:")
    print(f"  offline eval {offline:.2f} s; model eval {took:.2f} s; {requests} requests")
    print(f"  efficiency {ideal / took:.2f} (target >= 0.80)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--cases", type=int, default=16)
    parser.add_argument(
        "--only", choices=("prompts", "process", "eval"), help="run one part of the three"
    )
    args = parser.parse_args()
    if args.only in (None, "prompts"):
        prompt_sizes()
    if args.only in (None, "process"):
        whole_process(args.runs)
    if args.only in (None, "eval"):
        eval_efficiency(args.latency, args.cases)


if __name__ == "__main__":
    main()
