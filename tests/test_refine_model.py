"""Refinement with a model, over real HTTP against the scripted local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.context import load_context
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.posting import JobPosting
from jdtailor.refine import load_session
from jdtailor.retrieval import retrieve

from .conftest import EXAMPLES
from .fakeopenai import chat, error

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def offline_posting(path: Path = NORTHWIND) -> JobPosting:
    ctx = load_context(path)
    return OfflineDrafter().draft(ctx, retrieve(ctx, load_corpus([]))).posting


@pytest.fixture
def server(fake_openai, monkeypatch):
    return fake_openai.point_env(monkeypatch)


def model_args(tmp_path: Path) -> list[str]:
    out = tmp_path / "post.md"
    return [
        "draft",
        "-c",
        str(NORTHWIND),
        "-m",
        "test-model",
        "--cache",
        "off",
        "-i",
        "-o",
        str(out),
    ]


def _prompt_text(request) -> str:
    return "\n".join(str(m.get("content")) for m in request.body["messages"])


def test_feedback_is_revised_by_the_model_and_checked(runner, server, tmp_path):
    posting = offline_posting()
    warmer = posting.model_copy(update={"title": "Senior Account Manager, Renewals"})
    invented = posting.model_copy(update={"benefits": [*posting.benefits, "A company yacht"]})
    server.enqueue(chat(posting), chat(warmer))
    script = "add nice Spanish at a working level\nmake the title mention renewals\nsave\n"
    result = runner.invoke(app, model_args(tmp_path), input=script)
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 2  # the draft, then one revision
    prompt = _prompt_text(server.requests[1])
    assert "make the title mention renewals" in prompt
    assert "user:1" in prompt  # the user's own bullet is a candidate the model may keep
    assert f"-# {posting.title} — Northwind Solar" in result.stderr
    assert "+# Senior Account Manager, Renewals — Northwind Solar" in result.stderr
    session = load_session(tmp_path / "post.session.json")
    last = session.versions[-1]
    assert last.kind == "feedback" and last.made_by == "make the title mention renewals"
    assert last.trace["model"] == "test-model"
    assert session.model == "test-model"
    assert (
        (tmp_path / "post.md")
        .read_text(encoding="utf-8")
        .startswith("# Senior Account Manager, Renewals")
    )
    # a reply that invents a benefit never becomes a version
    server.enqueue(*[chat(invented)] * 3)
    result = runner.invoke(
        app,
        ["refine", str(tmp_path / "post.session.json"), "--cache", "off"],
        input="add a yacht\n",
    )
    assert "free-text feedback goes to test-model" in result.stderr  # the session remembers it
    assert len(server.requests) == 5  # asked, re-asked with the problem, and once more
    assert "! no change:" in result.stderr
    assert "A company yacht" not in (tmp_path / "post.session.json").read_text(encoding="utf-8")


def test_a_session_killed_mid_turn_resumes_with_every_earlier_version(server, tmp_path):
    posting = offline_posting()
    server.enqueue(chat(posting), chat(posting, delay=3.0))  # the revision never arrives in time
    proc = subprocess.Popen(
        [sys.executable, "-m", "jdtailor", *model_args(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write("drop resp 1\ntitle Renewals Manager\nmake it warmer\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 20
    while len(server.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    asked = time.monotonic()
    proc.kill()  # mid-turn: waiting for the model
    proc.wait(timeout=10)
    proc.stdin.close()
    assert len(server.requests) == 2, "the revision request never came"
    session_file = tmp_path / "post.session.json"
    session = load_session(session_file)
    assert [v.made_by for v in session.versions] == [
        "draft",
        "drop resp 1",
        "title Renewals Manager",
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    resumed = subprocess.run(
        [sys.executable, "-m", "jdtailor", "refine", str(session_file), "--offline"],
        input="undo\nhistory\n",
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=30,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "at v3 of 3" in resumed.stderr
    assert "v2: undid 'title Renewals Manager'" in resumed.stderr
    time.sleep(max(0.0, asked + 3.2 - time.monotonic()))  # let the server's delayed reply end
    data = json.loads(session_file.read_text(encoding="utf-8"))
    assert data["current"] == 1 and len(data["versions"]) == 3


def test_a_model_error_on_a_mistyped_command_is_not_called_a_missing_model(
    runner, server, tmp_path
):
    server.enqueue(chat(offline_posting()), error(401, "bad key", code="invalid_api_key"))
    result = runner.invoke(app, model_args(tmp_path), input="drop resp two\n")
    assert len(server.requests) == 2  # not a command: its arguments do not fit, so feedback
    assert "rejected the API key (401); check OPENAI_API_KEY" in result.stderr
    assert "needs a model" not in result.stderr


def test_usage_after_a_refinement_counts_the_draft_and_every_revision(runner, server, tmp_path):
    posting = offline_posting()
    warmer = posting.model_copy(update={"title": "Senior Account Manager, Renewals"})
    big = {"prompt_tokens": 3000}  # a real server counts what arrived
    server.enqueue(chat(posting, **big), chat("not json", **big), chat(warmer, **big))
    result = runner.invoke(app, [*model_args(tmp_path), "-u"], input="mention renewals\nquit\n")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "usage: " in line]
    assert len(lines) == 1  # one total at the end, not one after the first draft
    assert "usage: 3 requests; 9,000 prompt + 150 completion tokens" in lines[0]
    assert result.stderr.index("usage: ") > result.stderr.index("v2: mention renewals")

    server.enqueue(chat(posting, **big))
    resumed = runner.invoke(
        app,
        ["refine", str(tmp_path / "post.session.json"), "--cache", "off", "-u"],
        input="shorter\nquit\n",
    )
    assert "usage: 1 request; 3,000 prompt + 50 completion tokens" in resumed.stderr


def test_a_model_that_returns_the_posting_unchanged_is_named(runner, server, tmp_path):
    posting = offline_posting()
    server.enqueue(chat(posting), chat(posting))
    result = runner.invoke(app, model_args(tmp_path), input="make it warmer\nsave\n")
    assert result.exit_code == 1, result.output  # a piped session had a line refused
    assert len(server.requests) == 2
    assert "the model returned the posting unchanged; rephrase, or use `edit summary" in (
        result.stderr
    )
    assert "already like that" not in result.stderr
