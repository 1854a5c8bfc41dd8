"""``jdtailor render`` reads what ``draft`` writes: Markdown, JSON and session files."""

from __future__ import annotations

import pytest

from jdtailor.cli import app
from jdtailor.posting import JobPosting

from ._render_support import example_args, example_files

EXAMPLES = example_files()


def _draft(runner, path, *extra: str) -> str:
    result = runner.invoke(app, ["draft", *example_args(path), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_markdown_with_sources_reads_back_as_the_same_posting(runner, tmp_path, example):
    posting = JobPosting.model_validate_json(_draft(runner, example, "-f", "json"))
    saved = tmp_path / "posting.md"
    saved.write_text(_draft(runner, example, "--show-sources"), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert JobPosting.model_validate_json(result.stdout) == posting


def test_plain_markdown_renders_to_every_format(runner, tmp_path):
    markdown = _draft(runner, EXAMPLES[0])
    saved = tmp_path / "posting.md"
    saved.write_text(markdown, encoding="utf-8")
    again = runner.invoke(app, ["render", str(saved), "-f", "md"])
    assert again.exit_code == 0, again.output
    assert again.stdout == markdown
    html = runner.invoke(app, ["render", str(saved)])
    assert html.exit_code == 0 and "<h1" in html.stdout
    back = JobPosting.model_validate_json(
        runner.invoke(app, ["render", str(saved), "-f", "json"]).stdout
    )
    assert all(b.sources == [] for _, _, b in back.bullets())  # not in the Markdown


def test_a_session_file_renders_its_current_version(runner, tmp_path):
    northwind = next(p for p in EXAMPLES if p.parent.name == "northwind-solar")
    result = runner.invoke(
        app,
        ["draft", "-c", str(northwind), "-i", "-o", str(tmp_path / "post.md")],
        input="title Head of Renewals\nundo\nredo\nquit\n",
    )
    assert result.exit_code == 0, result.output
    session = tmp_path / "post.session.json"
    rendered = runner.invoke(app, ["render", str(session), "-f", "md"])
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout.startswith("# Head of Renewals — Northwind Solar\n")


def test_markdown_with_a_broken_pay_line_names_the_line(runner, tmp_path):
    markdown = _draft(runner, EXAMPLES[-1]).replace("per year", "per fortnight", 1)
    saved = tmp_path / "posting.md"
    saved.write_text(markdown, encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"jdtailor: error: {saved}: line 3: cannot read the pay")
    assert len(result.stderr.splitlines()) == 1


def test_a_file_that_is_neither_says_what_to_give(runner, tmp_path):
    saved = tmp_path / "notes.txt"
    saved.write_text("just some notes\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved)])
    assert result.exit_code == 2
    assert "give the Markdown or JobPosting JSON `jdtailor draft` writes" in result.stderr
