"""The promises a user relies on, each tested so that breaking it fails the suite:
invented pay is an error, the model is re-asked about money the notes never state,
-o replaces a file in one step, and every section's bullet limits hold."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.posting import LIMITS, Bullet, JobPosting, shape_problems

from ._lint_samples import CLEAN, CLEAN_CONTEXT
from .conftest import EXAMPLES, ROOT
from .fakeopenai import chat
from .test_model_draft import good_posting

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"

# ---------------------------------------------------------------- invented pay fails lint


def test_invented_pay_is_an_error_that_fails_lint(runner, tmp_path):
    salary = "salary: {min: 80000, max: 98000, currency: USD, period: year}\n"
    assert salary in CLEAN_CONTEXT
    posting = tmp_path / "posting.md"
    posting.write_text(CLEAN, encoding="utf-8")
    full = tmp_path / "full.md"
    full.write_text(CLEAN_CONTEXT, encoding="utf-8")
    no_pay = tmp_path / "no-pay.md"
    no_pay.write_text(CLEAN_CONTEXT.replace(salary, ""), encoding="utf-8")

    clean = runner.invoke(app, ["lint", str(posting), "-c", str(full)])
    assert clean.exit_code == 0, clean.output
    result = runner.invoke(app, ["lint", str(posting), "-c", str(no_pay), "-f", "json"])
    assert result.exit_code == 1, result.output  # --fail-on error is the default
    findings = json.loads(result.stdout)["findings"]
    assert [f["severity"] for f in findings if f["rule"] == "fabrication/pay"] == ["error"]


# ---------------------------------------------------------------- the model is re-asked


@pytest.fixture
def server(fake_openai, monkeypatch):
    return fake_openai.point_env(monkeypatch)


def test_the_model_is_re_asked_about_a_sum_the_notes_never_state(runner, server):
    posting = good_posting()
    bad = posting.model_copy(update={"summary": posting.summary + " Earn a $9,999 signing bonus."})
    server.enqueue(chat(bad), chat(posting))
    result = runner.invoke(
        app, ["draft", "-c", str(NORTHWIND), "-m", "test-model", "--cache", "off"]
    )
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 2
    feedback = server.requests[1].messages[-1]["content"]
    assert "summary states $9,999, which the company notes do not" in feedback
    assert "$9,999" not in result.stdout


# ---------------------------------------------------------------- -o replaces in one step


def _replaced_in_one_step(out: Path, write) -> None:
    """A hard link to the old file keeps the old bytes: -o wrote a new file and renamed it
    over the old one, so a reader never sees a half-written file."""
    out.write_text("old contents\n", encoding="utf-8")
    keep = out.with_name("keep")
    os.link(out, keep)
    before = {p.name for p in out.parent.iterdir()}
    result = write()
    assert result.exit_code == 0, result.output
    assert keep.read_text(encoding="utf-8") == "old contents\n"
    assert out.read_text(encoding="utf-8") != "old contents\n"
    assert {p.name for p in out.parent.iterdir()} == before  # no temporary file left


def test_draft_o_replaces_the_file_in_one_step(runner, tmp_path):
    out = tmp_path / "posting.md"
    _replaced_in_one_step(
        out, lambda: runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-o", str(out), "--force"])
    )
    assert out.read_text(encoding="utf-8").startswith("# Senior Account Manager")


def test_render_o_replaces_the_file_in_one_step(runner, tmp_path):
    posting = tmp_path / "in.json"
    posting.write_text(good_posting().model_dump_json(), encoding="utf-8")
    out = tmp_path / "posting.html"
    _replaced_in_one_step(
        out,
        lambda: runner.invoke(app, ["render", str(posting), "-o", str(out), "--force"]),
    )
    assert "<html" in out.read_text(encoding="utf-8")


def test_eval_json_replaces_the_file_in_one_step(runner, tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        f"cases:\n  - id: cedar\n    context: {ROOT / 'evals/contexts/cedar-ridge-am.md'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    _replaced_in_one_step(
        out,
        lambda: runner.invoke(
            app, ["eval", str(suite), "--no-progress", "--json", str(out), "--force"]
        ),
    )
    assert '"format": "jdtailor-eval/' in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- bullet limits


def _with_count(posting: JobPosting, section: str, n: int) -> JobPosting:
    bullets = [Bullet(text=f"Bullet number {i}.", sources=["context:about"]) for i in range(n)]
    return posting.model_copy(update={section: bullets})


@pytest.mark.parametrize("section", ["responsibilities", "requirements", "nice_to_haves"])
def test_each_sections_bullet_limits(section):
    posting = good_posting()
    lo, hi = LIMITS[section]
    assert not [p for p in shape_problems(_with_count(posting, section, hi)) if section in p]
    assert not [p for p in shape_problems(_with_count(posting, section, lo)) if section in p]
    assert f"{section} has {hi + 1} bullets; give {lo}-{hi}" in shape_problems(
        _with_count(posting, section, hi + 1)
    )
    if lo > 0:
        assert f"{section} has {lo - 1} bullets; give {lo}-{hi}" in shape_problems(
            _with_count(posting, section, lo - 1)
        )


def test_summary_sentence_limits():
    posting = good_posting()
    lo, hi = LIMITS["summary"]
    five = " ".join(f"Sentence {i} is here." for i in range(hi + 1))
    assert f"summary has {hi + 1} sentences; write {lo}-{hi}" in shape_problems(
        posting.model_copy(update={"summary": five})
    )
    four = " ".join(f"Sentence {i} is here." for i in range(hi))
    assert not [
        p for p in shape_problems(posting.model_copy(update={"summary": four})) if "summary" in p
    ]
