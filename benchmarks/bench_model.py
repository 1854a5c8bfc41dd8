"""Overhead of one model draft against the local scripted server, and prompt sizes
(not a test).

    python benchmarks/bench_model.py [--runs 30]

1. Overhead: with every module already imported (openai included), the time to
   build a ``ModelDrafter``, render the prompt, send the request to a scripted
   OpenAI-compatible server on 127.0.0.1 that answers at once, validate the reply
   (schema + grounding) and render Markdown. "cold" is the first draft in the
   process (client and TLS context built); "warm" the median of the rest, each
   with a fresh drafter. Target: <= 150 ms.
2. Prompt size: estimated tokens (about 4 characters a token) of the messages sent
   for each example context, per structured mode. Target: <= 3,000.
3. Whole process: ``jdtailor draft -m MODEL --cache off`` against the server,
   next to the offline draft, for reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakeopenai import FakeOpenAI, chat  # noqa: E402


def contexts():
    from jdtailor.context import load_context

    for path in sorted((ROOT / "examples").glob("*/company.md")):
        ctx = load_context(path, require_role=False)
        if not ctx.role:
            ctx = ctx.model_copy(update={"role": "Café Manager"})
        yield path, ctx


def warm_the_sdk(base_url: str) -> None:
    """Import jinja2 and tenacity, and make one request with a bare SDK client so
    the SDK's lazy imports and first-use build of its own types are done: all of
    that counts as imports. jdtailor's own first-use work (compiling templates,
    the TLS context, the schema) stays in the cold figure."""
    import jinja2  # noqa: F401
    import openai
    import tenacity  # noqa: F401

    from jdtailor.render import markdown  # noqa: F401

    with openai.OpenAI(api_key="sk-bench", base_url=base_url, max_retries=0) as client:
        client.chat.completions.create(
            model="warm-up", messages=[{"role": "user", "content": "hi"}]
        )


def overhead(runs: int) -> None:

    from jdtailor.context import load_context
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters import make_drafter
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.render import render
    from jdtailor.retrieval import retrieve

    ctx = load_context(ROOT / "examples" / "northwind-solar" / "company.md")
    retrieval = retrieve(ctx, load_corpus([]))
    reply = chat(OfflineDrafter().draft(ctx, retrieval).posting)
    with FakeOpenAI() as server:
        os.environ["OPENAI_BASE_URL"] = server.base_url
        os.environ["OPENAI_API_KEY"] = "sk-bench"
        server.enqueue(chat("{}"))
        warm_the_sdk(server.base_url)
        times = []
        for _ in range(runs + 1):
            server.enqueue(reply)
            start = time.perf_counter()
            drafter = make_drafter("bench-model", cache="off")
            result = drafter.draft(ctx, retrieval)
            render(result.posting, "md")
            times.append((time.perf_counter() - start) * 1000)
            drafter.close()
    cold, warm = times[0], times[1:]
    print(f"overhead of one model draft (target <= 150 ms), {runs} runs:")
    print(f"  cold (first draft, SDK warmed)      : {cold:6.1f} ms")
    print(
        f"  warm median:                             {statistics.median(warm):6.1f} ms"
        f"  (min {min(warm):.1f}, max {max(warm):.1f})"
    )


def prompt_sizes() -> None:
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters.model import build_messages
    from jdtailor.llm import MODES, estimate_tokens
    from jdtailor.retrieval import retrieve

    corpus = load_corpus([])
    print("prompt size in estimated tokens (target <= 3,000):")
    print(f"  {'context':<22}" + "".join(f"{m:>13}" for m in MODES))
    for path, ctx in contexts():
        retrieval = retrieve(ctx, corpus)
        sizes = []
        for mode in MODES:
            messages = build_messages(ctx, retrieval, structured=mode)
            sizes.append(sum(estimate_tokens(m["content"]) for m in messages))
        print(f"  {path.parent.name:<22}" + "".join(f"{s:>13,}" for s in sizes))
    print("  (json_schema also sends the schema in response_format: ~500 more tokens)")


def whole_process(runs: int) -> None:
    path = ROOT / "examples" / "northwind-solar" / "company.md"
    with FakeOpenAI() as server:
        from jdtailor.context import load_context
        from jdtailor.corpus import load_corpus
        from jdtailor.drafters.offline import OfflineDrafter
        from jdtailor.retrieval import retrieve

        ctx = load_context(path)
        reply = chat(OfflineDrafter().draft(ctx, retrieve(ctx, load_corpus([]))).posting)
        env = dict(os.environ, OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-bench")
        base = [sys.executable, "-m", "jdtailor", "draft", "-c", str(path)]
        cases = {
            "offline": base,
            "model": [*base, "-m", "bench-model", "--cache", "off"],
        }
        print(f"whole process, median of {runs}:")
        for name, cmd in cases.items():
            times = []
            for _ in range(runs + 1):
                server.enqueue(reply)
                start = time.perf_counter()
                subprocess.run(cmd, env=env, capture_output=True, check=True)
                times.append(time.perf_counter() - start)
            print(f"  {name:<8} {statistics.median(times[1:]):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--process-runs", type=int, default=7)
    args = parser.parse_args()
    overhead(args.runs)
    prompt_sizes()
    whole_process(args.process_runs)


if __name__ == "__main__":
    main()
