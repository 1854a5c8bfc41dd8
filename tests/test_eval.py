"""``jdtailor eval`` as a user runs it: the built-in suite, reports, gates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.corpus import load_corpus
from jdtailor.evaluation import load_suite
from jdtailor.evaluation.report import SHORT
from jdtailor.resources import data_dir

from .conftest import ROOT

SUITE = ROOT / "evals" / "suite.yaml"


def _eval(runner, *args: str):
    return runner.invoke(app, ["eval", *args])


@pytest.fixture(scope="module")
def suite():
    return load_suite(SUITE)


@pytest.fixture
def small_suite(tmp_path: Path) -> Path:
    """Two built-in cases in a suite of their own, for fast CLI tests."""
    text = f"""
name: two cases
cases:
  - id: cedar
    context: {ROOT / "evals/contexts/cedar-ridge-am.md"}
    expect: {{family: account-management, level: senior, pay: present}}
  - id: fernleaf
    context: {ROOT / "evals/contexts/fernleaf-designer.md"}
    expect: {{pay: absent, must_mention: [covers]}}
"""
    path = tmp_path / "suite.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ the suite itself


def test_builtin_suite_is_varied(suite):
    families = set(load_corpus().families)
    cases = suite.cases
    assert len(cases) >= 60
    outside = [c for c in cases if "outside-corpus" in c.tags]
    assert len(outside) >= 2 and all(c.expect.family == "none" for c in outside)
    # family: none -- no family fits, so the draft must use no corpus duties (issue 12)
    assert all(c.expect.family in families | {"none"} for c in cases if c not in outside)
    assert any(c.expect.family == "none" for c in cases)
    assert len({c.expect.family for c in cases}) >= 50
    assert {"part-time", "manager", "individual-contributor", "own-duties", "time-led"} <= {
        t for c in cases for t in c.tags
    }
    groups = {"food-service", "retail", "healthcare", "trades", "transport", "education",
              "finance-front-line", "engineering"}  # fmt: skip
    assert groups <= {t for c in cases for t in c.tags}
    assert {c.expect.level for c in cases} - {None} == {"entry", "mid", "senior", "lead"}
    texts = [c.context_path(suite.root).read_text(encoding="utf-8") for c in cases]
    assert {w for t in texts for w in ("onsite", "hybrid", "remote") if f"workplace: {w}" in t} == {
        "onsite",
        "hybrid",
        "remote",
    }
    currencies = {m for t in texts for m in re.findall(r"\b(USD|EUR|GBP|CAD|INR|AUD)\b|£|€", t)}
    assert len(currencies) >= 5
    periods = {p for t in texts for p in re.findall(r"period: (\w+)|/(hour)|per (hour)", t)}
    assert len({x for p in periods for x in p if x}) >= 3
    assert any(c.expect.pay == "absent" for c in cases)
    assert any(c.expect.benefits == "absent" for c in cases)
    tags = {t for c in cases for t in c.tags}
    assert {"prose-only", "very-long", "injection", "html", "contradiction"} <= tags


def test_builtin_suite_resolves_without_a_path():
    assert (data_dir("evals") / "suite.yaml").is_file()


# ------------------------------------------------------------------ running


def test_eval_runs_the_builtin_suite_offline(runner, suite):
    result = _eval(runner)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["case", "family", "level", "score"]
    for case in suite.cases:
        assert any(line.startswith(case.id + " ") for line in lines), case.id
    total = next(line for line in lines if line.startswith("TOTAL"))
    assert f"{len(suite.cases)} cases" in total
    assert float(total.split()[3]) > 60
    assert "eval [" not in result.stdout  # progress never on stdout


def test_json_report_has_cases_scorers_posting_and_trace(runner, small_suite, tmp_path):
    out = tmp_path / "report.json"
    result = _eval(runner, str(small_suite), "--json", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "jdtailor-eval/2"
    assert data["backend"] == "offline"
    assert [c["id"] for c in data["cases"]] == ["cedar", "fernleaf"]
    cedar = data["cases"][0]
    assert cedar["family"] == "account-management" and cedar["level"] == "senior"
    reader = {"fit", "fidelity", "contradiction", "specificity", "prose"}
    assert set(cedar["scores"]) >= reader | {"schema", "grounded", "facts", "inflation"}
    assert cedar["scores"]["grounded"]["score"] == 100
    assert cedar["posting"]["company"] == "Cedar Ridge Packaging"
    assert cedar["trace"]["backend"] == "offline"
    assert data["cases"][1]["posting"]["pay"] is None
    assert 0 < data["score"] <= 100


def test_html_report_is_self_contained(runner, tmp_path):
    out = tmp_path / "report.html"
    result = _eval(runner, "--report", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert html.count("<svg") >= 10  # an overview and one chart per scorer
    # nothing fetched from elsewhere; the HTML case's pasted script was dropped on reading
    assert not re.search(r"<(script|link|img|iframe)\b", html, re.I)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "alert(" not in html
    assert "contradiction-entry-8-years" in html


def test_reports_are_not_overwritten_without_force(runner, small_suite, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("mine", encoding="utf-8")
    result = _eval(runner, str(small_suite), "--json", str(out))
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    result = _eval(runner, str(small_suite), "--json", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["cases"]


def test_a_report_that_cannot_be_written_is_refused_before_drafting(runner, small_suite, tmp_path):
    same = tmp_path / "out"
    result = _eval(runner, str(small_suite), "--json", str(same), "--report", str(same))
    assert result.exit_code == 2
    assert "--json and --report name the same file" in result.stderr
    result = _eval(runner, str(small_suite), "--json", str(tmp_path / "nodir" / "r.json"))
    assert result.exit_code == 2
    assert "directory" in result.stderr and "does not exist" in result.stderr
    assert result.stdout == ""  # refused before any case was drafted
    assert not same.exists()


def test_min_score_gates(runner, small_suite):
    assert _eval(runner, str(small_suite), "--min-score", "50").exit_code == 0
    result = _eval(runner, str(small_suite), "--min-score", "100")
    assert result.exit_code == 1
    assert "is below --min-score 100" in result.stderr


def test_baseline_same_run_passes_and_a_drop_fails(runner, small_suite, tmp_path):
    base = tmp_path / "base.json"
    assert _eval(runner, str(small_suite), "--json", str(base)).exit_code == 0
    result = _eval(runner, str(small_suite), "--baseline", str(base))
    assert result.exit_code == 0, result.output
    assert "no regressions" in result.stdout

    # A baseline that scored better: today's run is a regression on those scores.
    data = json.loads(base.read_text(encoding="utf-8"))
    scores = data["cases"][0]["scores"]
    # today's weakest scorer for cedar and one at full marks (whatever the drafter does now)
    weak = min(scores, key=lambda n: scores[n]["score"])
    full = next(n for n in sorted(scores) if scores[n]["score"] == 100.0 and n != weak)
    today = scores[weak]["score"]
    assert today < 98.0, scores
    data["cases"][0]["score"] = 100.0
    scores[weak]["score"] = 100.0
    scores[full]["score"] = 0.0  # and an improvement
    data["cases"][1]["score"] -= 1.0  # within tolerance
    base.write_text(json.dumps(data), encoding="utf-8")
    result = _eval(runner, str(small_suite), "--baseline", str(base), "--tolerance", "1.5")
    assert result.exit_code == 1
    out = result.stdout
    weak_col, full_col = SHORT.get(weak, weak), SHORT.get(full, full)
    assert re.search(rf"cedar\s+{weak_col}\s+100\.0 ->\s+{today:.1f}\s+-\d+\.\d\s+REGRESSED", out)
    assert re.search(rf"cedar\s+{full_col}\s+0\.0 ->\s+100\.0\s+\+100\.0\s+improved", out), out
    assert not re.search(r"fernleaf\s+score.*REGRESSED", out)
    assert "fell more than 1.5 points below baseline" in result.stderr


def test_baseline_missing_case_is_a_regression(runner, small_suite, tmp_path):
    base = tmp_path / "base.json"
    assert _eval(runner, str(small_suite), "--json", str(base)).exit_code == 0
    result = _eval(runner, str(small_suite), "--case", "cedar", "--baseline", str(base))
    assert result.exit_code == 1
    assert re.search(r"fernleaf\s+score .* missing|fernleaf\s+score .*REGRESSED", result.stdout)


def test_bad_baseline_is_one_line(runner, small_suite, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"score": 1}', encoding="utf-8")
    result = _eval(runner, str(small_suite), "--baseline", str(bad))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "not a jdtailor eval report" in result.stderr


def test_progress_goes_to_stderr(runner, small_suite):
    result = _eval(runner, str(small_suite), "--progress")
    assert result.exit_code == 0
    assert "eval [##############..............] 1/2 cedar" in result.stderr
    assert "2/2 fernleaf" in result.stderr
    assert "eval [" not in result.stdout
    quiet = _eval(runner, str(small_suite))
    assert "eval [" not in quiet.stderr


def test_repeat_averages_runs(runner, small_suite, tmp_path):
    out = tmp_path / "r.json"
    result = _eval(runner, str(small_suite), "--repeat", "3", "--json", str(out))
    assert result.exit_code == 0, result.output
    assert "repeat 3: largest spread 0.0" in result.stdout  # the offline drafter is deterministic
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["cases"][0]["runs"]) == 3


def test_case_filter_and_unknown_case(runner):
    result = _eval(runner, "--case", "html-inside")
    assert result.exit_code == 0
    assert "1 case " in result.stdout
    result = _eval(runner, "--case", "nope")
    assert result.exit_code == 2
    assert "--case 'nope': no such case" in result.stderr


# ------------------------------------------------------------------ bad suites


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cases: []", "cases: List should have at least 1 item"),
        ("cases:\n  - id: a\n    context: nowhere.md", "case 'a': context nowhere.md not found"),
        (
            "cases:\n  - id: a\n    context: c.md\n    expect: {colour: red}",
            "case 'a': expect.colour: unknown key",
        ),
        ("cases: [", "line 1: not valid YAML"),
        ("- just a list", "a suite is a mapping"),
    ],
)
def test_bad_suite_is_one_clear_line(runner, tmp_path, text, message):
    (tmp_path / "c.md").write_text("---\nrole: Data Analyst\n---\nWe count things.\n")
    path = tmp_path / "suite.yaml"
    path.write_text(text, encoding="utf-8")
    result = _eval(runner, str(path))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_suite_may_be_a_folder(runner, small_suite):
    result = _eval(runner, str(small_suite.parent))
    assert result.exit_code == 0, result.output
    assert "2 cases" in result.stdout


def test_missing_suite(runner, tmp_path):
    result = _eval(runner, str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "no such suite file" in result.stderr
