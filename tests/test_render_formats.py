"""Every output format for every example, through ``draft`` and through ``render``."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.posting import JobPosting

from ._render_support import (
    DATE,
    FORMATS,
    example_args,
    example_files,
    page_jsonld,
    parse_page,
    validate_jsonld,
)

EXAMPLES = example_files()


def _draft(runner, path: Path, fmt: str, *extra: str):
    result = runner.invoke(app, ["draft", *example_args(path), "-f", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def drafted():
    """``draft`` output per (example, format), each drafted once for the module."""
    from typer.testing import CliRunner

    runner, seen = CliRunner(), {}

    def get(path: Path, fmt: str) -> str:
        if (path, fmt) not in seen:
            result = _draft(runner, path, fmt)
            assert "no model configured" in result.stderr
            seen[path, fmt] = result.stdout
        return seen[path, fmt]

    return get


@pytest.fixture(scope="module")
def postings(drafted) -> dict[str, JobPosting]:
    """Each example drafted as the JSON contract."""
    return {p.parent.name: JobPosting.model_validate_json(drafted(p, "json")) for p in EXAMPLES}


def _check(fmt: str, text: str, posting: JobPosting) -> None:
    """What a user of each format relies on."""
    bullets = [b.text for _, _, b in posting.bullets()]
    if fmt == "md":
        assert text.startswith(f"# {posting.title}")
        assert all(f"- {b}" in text for b in bullets)
    elif fmt == "json":
        assert JobPosting.model_validate_json(text) == posting
    elif fmt == "html":
        page = parse_page(text)
        assert text.startswith("<!doctype html>")
        assert page.title.startswith(posting.title)
        visible = re.sub(r"\s+", " ", " ".join(page.text))
        for b in bullets + posting.benefits:
            assert re.sub(r"\s+", " ", b) in visible
        data = page_jsonld(text)
        validate_jsonld(data)
        assert data["title"] == posting.title
        assert data["datePosted"] == DATE
        # Everything in the markup is visible on the page (Google's rule).
        assert data["hiringOrganization"]["name"] in visible
        assert not re.search(r"(?i)<link[^>]+stylesheet|<script[^>]+src=|<img", text)
    elif fmt == "txt":
        lines = text.splitlines()
        assert lines[0].startswith(posting.title)
        for line in lines:
            assert len(line) <= 80 or " " not in line.strip(), line
            assert not re.match(r"\s*(#|\*|\d+\.\s|>)", line), line
            assert "**" not in line and "`" not in line and "](" not in line, line
        flat = re.sub(r"\s+", " ", text)
        assert all(f"- {b}" in flat for b in bullets)
    elif fmt == "jsonld":
        data = json.loads(text)
        validate_jsonld(data)
        assert data["title"] == posting.title
        assert data["datePosted"] == DATE
        assert data["hiringOrganization"]["name"] == posting.company
    else:  # pragma: no cover
        raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_draft_writes_each_format_for_each_example(drafted, postings, path, fmt):
    _check(fmt, drafted(path, fmt), postings[path.parent.name])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_render_of_saved_json_matches_draft(runner, drafted, postings, tmp_path, path, fmt):
    saved = tmp_path / "posting.json"
    saved.write_text(postings[path.parent.name].model_dump_json(indent=2), encoding="utf-8")
    rendered = runner.invoke(app, ["render", str(saved), "-f", fmt, "--date", DATE])
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout == drafted(path, fmt)


def test_render_reads_stdin_and_writes_a_file_without_overwriting(runner, postings, tmp_path):
    posting = next(iter(postings.values()))
    out = tmp_path / "posting.html"
    args = ["render", "-", "-f", "html", "-o", str(out), "--date", DATE]
    result = runner.invoke(app, args, input=posting.model_dump_json())
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    first = out.read_text(encoding="utf-8")
    assert posting.title in first

    out.write_text("my edited page\n", encoding="utf-8")
    result = runner.invoke(app, args, input=posting.model_dump_json())
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my edited page\n"
    result = runner.invoke(app, [*args, "--force"], input=posting.model_dump_json())
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == first


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file; check the path"),
        ("", "is empty"),
        ("{not json", "line 1 column 2: not valid JSON"),
        ("[1, 2]", "holds a JSON list, not a posting"),
        ('{"@context": "https://schema.org/", "@type": "JobPosting"}', "is schema.org JSON-LD"),
        ('{"title": "x"}', "`company`: is missing"),
    ],
)
def test_render_rejects_a_bad_posting_file_in_one_line(runner, tmp_path, content, expected):
    path = tmp_path / "posting.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["render", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_template_dir_is_for_html_only(runner, postings, tmp_path):
    saved = tmp_path / "posting.json"
    saved.write_text(next(iter(postings.values())).model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "-f", "txt", "--template-dir", "."])
    assert result.exit_code == 2
    assert "--template-dir applies to --format html only" in result.stderr


def test_render_with_stdin_closed_is_one_line_exit_2(tmp_path):
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m jdtailor render - <&-', sys.executable],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "jdtailor: error: <stdin>: stdin is closed; pass the posting file instead\n"
    )


def test_output_onto_a_device_or_fifo_is_refused_even_with_force(runner, postings, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    posting = next(iter(postings.values())).model_dump_json()
    result = runner.invoke(app, ["render", "-", "-o", str(fifo), "--force"], input=posting)
    assert result.exit_code == 2
    assert "is not a regular file; leave out -o to write to stdout" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the user's FIFO


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_output_into_a_directory_that_refuses_files_is_one_line_exit_2(runner, postings):
    posting = next(iter(postings.values())).model_dump_json()
    result = runner.invoke(app, ["render", "-", "-o", "/proc/jdtailor-test.html"], input=posting)
    assert result.exit_code == 2
    assert result.stderr.startswith("jdtailor: error: /proc/jdtailor-test.html: ")
    assert result.stderr.endswith("; nothing was written\n")
    assert len(result.stderr.splitlines()) == 1


def test_render_with_stdout_closed_is_one_line_exit_2(postings, tmp_path):
    saved = tmp_path / "posting.json"
    saved.write_text(next(iter(postings.values())).model_dump_json(), encoding="utf-8")
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m jdtailor render "$1" -f txt >&-', sys.executable, str(saved)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "jdtailor: error: stdout is closed; nothing was written\n"
