"""``jdtailor lint`` and the lint line ``jdtailor draft`` prints."""

from __future__ import annotations

import io
import json
import re
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


def _rules(result) -> tuple[int, list[str]]:
    report = json.loads(result.stdout)
    return report["score"], sorted(f["rule"] for f in report["findings"])


@pytest.mark.parametrize("example", ["harbor-bakery", "northwind-solar"])
def test_the_html_page_lints_like_its_markdown(runner, tmp_path: Path, example: str) -> None:
    args = ["draft", "-c", str(EXAMPLES / example / "company.md"), "--role", "Café Manager"]
    md, html = tmp_path / "p.md", tmp_path / "p.html"
    assert runner.invoke(app, [*args, "-o", str(md)]).exit_code == 0
    assert runner.invoke(app, [*args, "-f", "html", "-o", str(html)]).exit_code == 0
    lint = ["lint", "-f", "json", "--fail-on", "never"]
    assert _rules(runner.invoke(app, [*lint, str(html)])) == _rules(
        runner.invoke(app, [*lint, str(md)])
    )


def test_an_html_posting_is_read_as_text_with_its_own_line_numbers(runner, tmp_path) -> None:
    page = tmp_path / "job.html"
    page.write_text(
        "<!doctype html>\n<html><head><title>Jobs</title>\n"
        "<script>var ninja = 1;</script><style>.guru{}</style></head>\n<body>\n"
        "<h1>Sales Rockstar</h1>\n"  # line 5
        "<p>We sell &amp; install heat pumps.</p>\n"
        "<h2>Requirements</h2>\n<ul>\n<li>Team player</li>\n</ul>\n"  # the item: line 9
        "</body></html>\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["lint", str(page), "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    found = {(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("title/gimmick", 5) in found
    assert ("filler/generic", 9) in found
    assert not any("ninja" in str(f) or "guru" in str(f) for f in found)  # scripts and styles


def test_drafts_lint_hint_is_a_command_that_works_for_an_html_page(runner, tmp_path) -> None:
    page = tmp_path / "p.html"
    context = str(EXAMPLES / "harbor-bakery" / "company.md")
    args = ["draft", "-c", context, "--role", "Café Manager", "-f", "html", "-o", str(page)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    hint = f"(details: jdtailor lint {page} --context {context})"
    assert hint in result.stderr
    result = runner.invoke(app, ["lint", str(page), "--context", context])
    assert result.exit_code in (0, 1), result.output  # a report, not an input error
    assert result.stdout.startswith(f"{page}: lint ")


def test_table_is_plain_when_piped(runner, files) -> None:
    result = runner.invoke(app, ["lint", str(files["error"])])
    assert "\x1b[" not in result.stdout and "error" in result.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    from jdtailor.cli.lint import use_colour

    class Terminal:
        def isatty(self) -> bool:
            return True

    assert use_colour(Terminal(), {}) is True
    assert use_colour(Terminal(), {"NO_COLOR": "1"}) is False
    assert use_colour(Terminal(), {"TERM": "dumb"}) is False
    assert use_colour(io.StringIO(), {}) is False


def test_terminal_table_colours_severities_and_score_at_its_width() -> None:
    from rich.console import Console

    from jdtailor.cli.lint import _rich_paint, format_table
    from jdtailor.lint import lint_text

    report = lint_text(posting(requirements=[]))
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=110)
    console.print(format_table(report, width=110, paint=_rich_paint), end="", soft_wrap=True)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;31merror" in out  # errors in bold red
    assert "\x1b[1;" in out.split("\n")[0]  # the score line stands out
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == format_table(report, width=110)
    # a wider terminal wraps less
    assert len(format_table(report, width=110).split("\n")) <= len(format_table(report).split("\n"))
