"""``jdtailor lint`` and the lint line ``jdtailor draft`` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdtailor.cli import app

from ._lint_samples import CLEAN, CLEAN_CONTEXT, posting
from .conftest import EXAMPLES


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {
        "clean": tmp_path / "clean.md",
        "warn": tmp_path / "warn.md",
        "error": tmp_path / "error.md",
        "ctx": tmp_path / "company.md",
    }
    out["clean"].write_text(CLEAN, encoding="utf-8")
    out["warn"].write_text(posting(), encoding="utf-8")  # short: a length warning, no error
    out["error"].write_text(posting(requirements=[]), encoding="utf-8")
    out["ctx"].write_text(CLEAN_CONTEXT, encoding="utf-8")
    return out


def test_table_output(runner, files) -> None:
    result = runner.invoke(app, ["lint", str(files["warn"])])
    assert result.exit_code == 0
    assert "lint " in result.stdout and "/100" in result.stdout
    assert "readability/length" in result.stdout
    assert "fix:" in result.stdout
    assert "score by family:" in result.stdout


def test_json_output_is_the_report(runner, files) -> None:
    result = runner.invoke(app, ["lint", str(files["clean"]), "--format", "json", "-c",
                                 str(files["ctx"])])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["score"] == 100 and data["findings"] == []
    assert {b["family"] for b in data["breakdown"]} >= {"fabrication", "gender"}


@pytest.mark.parametrize(
    ("name", "fail_on", "code"),
    [
        ("clean", "info", 0),
        ("warn", None, 0),
        ("warn", "error", 0),
        ("warn", "warning", 1),
        ("warn", "info", 1),
        ("error", None, 1),
        ("error", "never", 0),
    ],
)
def test_fail_on_exit_codes(runner, files, name: str, fail_on: str | None, code: int) -> None:
    args = ["lint", str(files[name])] + (["--fail-on", fail_on] if fail_on else [])
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output


def test_posting_json_file(runner, tmp_path: Path) -> None:
    drafted = runner.invoke(
        app, ["draft", "-c", str(EXAMPLES / "northwind-solar" / "company.md"), "-f", "json"]
    )
    assert drafted.exit_code == 0
    path = tmp_path / "posting.json"
    path.write_text(drafted.stdout, encoding="utf-8")
    result = runner.invoke(
        app,
        ["lint", str(path), "-c", str(EXAMPLES / "northwind-solar" / "company.md"), "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["source"] == str(path)
    assert not [f for f in report["findings"] if f["family"] == "fabrication"]


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (None, "no such file"),
        ("", "is empty"),
        ('{"title": ', "not valid JSON"),
        ('{"title": "x"}', "JobPosting JSON"),
        (b"\xff\xfe bad", "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_exit_2(runner, tmp_path: Path, content, expect: str) -> None:
    path = tmp_path / ("p.json" if isinstance(content, str) and "{" in content else "p.md")
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 2
    assert expect in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_context_is_exit_2(runner, files, tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(files["clean"]), "-c", str(tmp_path / "nope.md")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_context_without_role_is_accepted(runner, files, tmp_path: Path) -> None:
    ctx = tmp_path / "norole.md"
    ctx.write_text(CLEAN_CONTEXT.replace("role: Account Manager\n", ""), encoding="utf-8")
    result = runner.invoke(app, ["lint", str(files["clean"]), "-c", str(ctx)])
    assert result.exit_code == 0, result.output


def test_draft_prints_lint_summary_on_stderr_only(runner) -> None:
    result = runner.invoke(app, ["draft", "-c", str(EXAMPLES / "northwind-solar" / "company.md")])
    assert result.exit_code == 0
    lint_lines = [line for line in result.stderr.splitlines() if "lint " in line]
    assert len(lint_lines) == 1 and "/100" in lint_lines[0]
    assert "/100" not in result.stdout
    assert result.stdout.startswith("# ")


def test_dash_lints_stdin(runner) -> None:
    result = runner.invoke(app, ["lint", "-", "-f", "json", "--fail-on", "never"], input=CLEAN)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_a_directory_or_an_oversized_file_is_one_line_exit_2(runner, tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text("- Answer the phone.\n" * 60_000, encoding="utf-8")
    for path, expect in ((tmp_path, "is a directory"), (big, "too large for a posting")):
        result = runner.invoke(app, ["lint", str(path)])
        assert result.exit_code == 2
        assert expect in result.stderr and len(result.stderr.strip().splitlines()) == 1
