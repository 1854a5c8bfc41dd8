"""``jdtailor eval --backend model`` against the local scripted server.

The replies under evals/replies/ are SCRIPTED (written by hand, labelled so in each
file): they test the eval pipeline — concurrency, re-asks, the reply cache and
offline replay — not any model.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from jdtailor.cli import app

from .conftest import ROOT
from .fakeopenai import FakeOpenAI, Recorded, Scripted, chat, error

REPLIES = ROOT / "evals" / "replies"


class RoutedOpenAI(FakeOpenAI):
    """Answers each request with the next scripted reply for the company it is about,
    so cases drafted concurrently each get their own replies."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: dict[str, list[Scripted]] = {}
        self.served: dict[str, int] = {}
        self._route_lock = threading.Lock()
        self.judged = 0
        self.judge_first_reply_bad = False

    def load(self, directory: Path) -> RoutedOpenAI:
        for path in sorted(directory.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["scripted"].startswith("SCRIPTED")
            company = data["replies"][0]["company"]
            self.scripts[company] = [chat(r) for r in data["replies"]]
        return self

    def _record(self, request: Recorded) -> Scripted:
        with self._lock:
            self.requests.append(request)
        text = request.prompt_text
        if "You review job postings" in text:  # the LLM judge's rubric
            verdict = {"specific": 4, "why_hiring": 5, "faithful": 3, "clear": 4, "inclusive": 5}
            if self.judge_first_reply_bad and not self.judged:
                verdict["faithful"] = 9  # out of range: must be re-asked
            self.judged += 1
            return chat({**verdict, "reasons": "SCRIPTED review for tests."})
        for company, replies in self.scripts.items():
            if company in text:
                with self._route_lock:
                    n = self.served.get(company, 0)
                    self.served[company] = n + 1
                return replies[min(n, len(replies) - 1)]
        return error(410, "no scripted reply for this company", headers={"x-should-retry": "false"})


CASES = sorted(p.stem for p in REPLIES.glob("*.json"))


@pytest.fixture
def server(monkeypatch):
    srv = RoutedOpenAI().load(REPLIES).start()
    monkeypatch.setenv("OPENAI_BASE_URL", srv.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-eval-0123456789")
    yield srv
    srv.stop()


def _eval(runner, *args: str):
    case_args = [a for c in CASES for a in ("--case", c)]
    return runner.invoke(app, ["eval", "--backend", "model", "-m", "test-model", *case_args, *args])


def test_scripted_replies_are_labelled():
    assert len(CASES) >= 5
    for path in REPLIES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "SCRIPTED" in data["scripted"] and "not a model" in data["scripted"]


def test_model_backend_runs_cases_concurrently_and_reasks(runner, server, tmp_path):
    out = tmp_path / "model.json"
    result = _eval(runner, "--concurrency", "4", "--json", str(out), "--retries", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["backend"] == "model" and data["model"] == "test-model"
    by_id = {c["id"]: c for c in data["cases"]}
    assert sorted(by_id) == CASES
    for case in data["cases"]:
        assert case["error"] is None, case["error"]
        assert case["trace"]["backend"] == "openai"
        assert case["trace"]["model"] == "test-model"
        assert case["scores"]["grounded"]["score"] == 100
        assert case["scores"]["facts"]["score"] == 100
    # the injected first reply (a $250,000 rockstar) was refused and re-asked
    injected = by_id["injection-attempt"]
    assert injected["trace"]["attempts"] == 2
    assert injected["posting"]["pay"]["max"] == 85000
    assert "rockstar" not in injected["posting"]["title"].lower()
    assert len(server.requests) == len(CASES) + 1
    # the model's own summary is what got scored, not the offline one
    assert by_id["cedar-ridge-am"]["posting"]["summary"].startswith(
        "Cedar Ridge Packaging prints custom boxes"
    )
    assert data["tokens"]["prompt"] > 0


def test_recorded_run_replays_offline_with_cache_only(runner, server, tmp_path):
    first = tmp_path / "first.json"
    assert _eval(runner, "--json", str(first)).exit_code == 0
    asked = len(server.requests)
    server.stop()  # nothing is listening now: only the cache can answer
    again = tmp_path / "again.json"
    result = _eval(runner, "--cache", "only", "--json", str(again), "--baseline", str(first))
    assert result.exit_code == 0, result.output
    assert "no regressions" in result.stdout
    assert len(server.requests) == asked
    data = json.loads(again.read_text(encoding="utf-8"))
    assert all(c["trace"]["cache_hit"] for c in data["cases"])


def test_cache_only_without_a_recording_fails_each_case(runner, server):
    result = _eval(runner, "--cache", "only", "--case", "cedar-ridge-am")
    assert result.exit_code == 1
    assert "case cedar-ridge-am failed:" in result.stderr
    assert not server.requests


def test_model_backend_needs_a_model(runner):
    result = runner.invoke(app, ["eval", "--backend", "model"])
    assert result.exit_code == 2
    assert "--backend model needs a model" in result.stderr


def test_llm_judge_scores_offline_drafts_and_replays_from_cache(runner, server, tmp_path):
    server.judge_first_reply_bad = True
    out = tmp_path / "judged.json"
    args = ["eval", "--case", "cedar-ridge-am", "--case", "fernleaf-designer", "--judge"]
    html = tmp_path / "judged.html"
    result = runner.invoke(
        app, [*args, "-m", "test-model", "--json", str(out), "--report", str(html)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[-1] == "judge"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["backend"] == "offline" and data["scorers"]["judge"] == 80.0
    judged = data["cases"][0]["scores"]["judge"]
    assert judged["detail"] == "SCRIPTED review for tests."
    assert judged["data"]["why_hiring"] == 5
    assert server.judged == 3  # one re-ask for the out-of-range score
    assert "SCRIPTED review for tests." in html.read_text(encoding="utf-8")
    prompt = next(r for r in server.requests if "You review job postings" in r.prompt_text)
    assert "Cedar Ridge Packaging" in prompt.prompt_text or "Fernleaf" in prompt.prompt_text

    server.stop()
    again = runner.invoke(app, [*args, "-m", "test-model", "--cache", "only"])
    assert again.exit_code == 0, again.output
    assert server.judged == 3


def test_judge_needs_a_model(runner):
    result = runner.invoke(app, ["eval", "--judge", "--case", "cedar-ridge-am"])
    assert result.exit_code == 2
    assert "--judge needs a model" in result.stderr


def test_failed_requests_and_their_tokens_are_counted(runner, fake_openai, monkeypatch, tmp_path):
    fake_openai.point_env(monkeypatch)
    fake_openai.responder = lambda request: (
        chat("no JSON here", prompt_tokens=3000, completion_tokens=7)
        if len(fake_openai.requests) % 3
        else error(500, "boom")
    )
    out = tmp_path / "run.json"
    case = CASES[0]
    result = runner.invoke(
        app,
        ["eval", "--backend", "model", "-m", "test-model", "--case", case, "--json", str(out),
         "--cache", "off", "--max-attempts", "2", "--structured", "json_schema"],
    )  # fmt: skip
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    row = data["cases"][0]
    assert row["error"]
    assert row["requests"] == len(fake_openai.requests) > 0
    assert data["tokens"]["requests"] == row["requests"]
    assert row["prompt_tokens"] >= 3000 * (row["requests"] - row["failed_requests"])
    assert f"{row['requests']} requests" in result.stdout
    assert f"reply-{case}-" in row["error"]  # the last reply is saved under the case's name


# ------------------------------------------------- invalid replies: scored, saved, replayed


def _scripted(case: str) -> dict:
    return json.loads((REPLIES / f"{case}.json").read_text(encoding="utf-8"))["replies"][-1]


def _eval_one(runner, case: str, *args: str):
    return runner.invoke(
        app,
        ["eval", "--case", case, "--cache", "off", "--max-attempts", "2", "--no-progress",
         "--structured", "json_schema", *args],
    )  # fmt: skip


def test_an_invalid_reply_scores_what_parses_and_replays_without_a_server(
    runner, fake_openai, monkeypatch, tmp_path
):
    from jdtailor.drafters.model import failed_replies_dir

    case = "cedar-ridge-am"
    good = _scripted(case)
    bad = dict(good, responsibilities=["cr.x: Run the press line", *good["responsibilities"][1:]])
    fake_openai.point_env(monkeypatch)
    fake_openai.enqueue(chat(good))
    model = ["--backend", "model", "-m", "test-model"]
    valid = _eval_one(runner, case, *model, "--json", str(tmp_path / "valid.json"))
    assert valid.exit_code == 0, valid.output
    fake_openai.responder = lambda request: chat(bad)  # every attempt: a plain-string bullet
    result = _eval_one(runner, case, *model, "--json", str(tmp_path / "invalid.json"))
    assert result.exit_code == 1
    assert len(fake_openai.requests) == 3
    row = json.loads((tmp_path / "invalid.json").read_text(encoding="utf-8"))["cases"][0]
    best = json.loads((tmp_path / "valid.json").read_text(encoding="utf-8"))["cases"][0]
    assert row["invalid"] is True and best["invalid"] is False
    assert 0 < row["score"] < best["score"] / 2 + 1  # the parts that parse, at half
    assert len(row["posting"]["responsibilities"]) == len(good["responsibilities"]) - 1
    assert row["error"].startswith(f"invalid reply (saved in {failed_replies_dir()}")
    assert f"reply-{case}-" in row["error"]
    assert "responsibilities[0] is a plain string" in row["error"]
    table_row = next(line for line in result.stdout.splitlines() if line.startswith(case))
    assert table_row.endswith("INVALID (x0.5)")
    assert f"jdtailor eval --replay {failed_replies_dir()}" in result.stderr

    fake_openai.stop()  # replay needs no server and no model
    again = _eval_one(runner, case, "--replay", str(failed_replies_dir()),
                      "--json", str(tmp_path / "replayed.json"))  # fmt: skip
    assert again.exit_code == 1, again.output
    data = json.loads((tmp_path / "replayed.json").read_text(encoding="utf-8"))
    assert data["backend"] == "replay" and data["tokens"]["requests"] == 0
    replayed = data["cases"][0]
    assert replayed["invalid"] is True and replayed["score"] == row["score"]
    assert replayed["scores"] == row["scores"]


def test_a_saved_valid_reply_replays_at_its_full_score(runner, tmp_path):
    case = "cedar-ridge-am"
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / f"{case}.txt").write_text("Here it is:\n" + json.dumps(_scripted(case)))
    result = _eval_one(runner, case, "--case", "fernleaf-designer", "--replay", str(folder),
                       "--json", str(tmp_path / "r.json"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "replaying 1 of 2 cases; no saved reply for: fernleaf-designer" in result.stderr
    row = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["cases"][0]
    assert row["invalid"] is False and row["error"] is None
    assert row["scores"]["grounded"]["score"] == 100 and row["score"] > 80


def test_replay_of_a_folder_without_replies_is_one_line(runner, tmp_path):
    result = _eval_one(runner, "cedar-ridge-am", "--replay", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "no saved reply for any case" in result.stderr


def test_a_saved_reply_too_big_to_be_a_reply_is_refused_in_one_line(runner, tmp_path):
    """--replay reads a saved reply bounded: a 6 MB file where a reply belongs is that
    case's error, not read whole into memory."""
    case = "cedar-ridge-am"
    folder = tmp_path / "replies"
    folder.mkdir()
    with open(folder / f"{case}.txt", "wb") as big:
        big.truncate(6_000_000)
    result = _eval_one(runner, case, "--replay", str(folder))
    assert result.exit_code == 1, result.output
    assert "is over 5,000,000 bytes" in result.output and "Traceback" not in result.output
