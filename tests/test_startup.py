"""What a command loads when it starts: only what its own work needs.

Whole-process timings live in benchmarks/bench_cli.py (ratios, not tests); here the
imports that decide them are checked, in a real process as a user starts one.
"""

from __future__ import annotations

import os
import subprocess
import sys

from jdtailor.corpus import ParseCache, load_corpus
from jdtailor.resources import data_dir

from .conftest import EXAMPLES, ROOT

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"
HEAVY = ("openai", "docx", "rich", "lxml", "httpx")


def _imported(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``jdtailor ARGS`` in a new process; the modules it imported, by name."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT / "src")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jdtailor", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    return proc, names


def test_an_offline_draft_imports_no_client_no_docx_no_rich():
    proc, names = _imported("draft", "--context", str(NORTHWIND))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("# Senior Account Manager — Northwind Solar\n")
    assert "jdtailor.drafters.offline" in names  # the probe sees the imports it should
    assert sorted(names & set(HEAVY)) == []


def test_a_command_line_loads_only_the_command_it_runs():
    proc, names = _imported("draft", "--context", str(NORTHWIND))
    assert proc.returncode == 0, proc.stderr[-2000:]
    others = {"batch", "corpus", "eval", "init", "refine", "score"}
    assert sorted(n for n in names if n.removeprefix("jdtailor.cli.") in others) == []
    proc, names = _imported("--help")
    assert proc.returncode == 0 and "corpus  Browse, search, check" in proc.stdout
    assert sorted(names & {*HEAVY, "jdtailor.corpus", "jdtailor.posting"}) == []


def test_a_damaged_corpus_cache_is_ignored():
    first = {i.id: i.text for i in load_corpus().items()}
    cache = ParseCache(data_dir("corpus"))
    assert cache.path.exists()
    cache.path.write_bytes(b"\x00not marshal data")
    assert {i.id: i.text for i in load_corpus().items()} == first
    cache.path.write_bytes(cache.path.read_bytes()[:10])  # cut short: also ignored
    assert {i.id: i.text for i in load_corpus().items()} == first


def test_a_model_draft_from_a_local_server_loads_no_http_library(
    fake_openai, monkeypatch, tmp_path
):
    """A plain-http server on this machine is spoken to with the standard
    library: no httpx (its import is most of a request's own cost), no openai."""
    from jdtailor.context import load_context
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.retrieval import retrieve

    from .fakeopenai import chat

    ctx = load_context(NORTHWIND)
    posting = OfflineDrafter().draft(ctx, retrieve(ctx, load_corpus())).posting
    fake_openai.point_env(monkeypatch).enqueue(chat(posting))
    monkeypatch.setenv("JDTAILOR_CACHE_DIR", str(tmp_path))
    proc, names = _imported("draft", "--context", str(NORTHWIND), "-m", "local", "--cache", "off")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("# Senior Account Manager")
    assert len(fake_openai.requests) == 1
    assert "http.client" in names  # the probe sees the request's own client
    assert (
        sorted(n for n in names if n.split(".")[0] in {"httpx", "httpx2", "openai", "tenacity"})
        == []
    )
