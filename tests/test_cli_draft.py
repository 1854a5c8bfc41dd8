"""``jdtailor draft`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.posting import JobPosting

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def _run(runner, *args: str):
    return runner.invoke(app, ["draft", *args])


def test_draft_prints_markdown_and_says_it_is_offline(runner):
    result = _run(runner, "--context", str(NORTHWIND))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Senior Account Manager — Northwind Solar\n")
    assert "$88,000–$112,000 per year" in result.stdout
    assert "## What you'll do" in result.stdout
    assert "no model configured" in result.stderr
    assert "no model configured" not in result.stdout


def test_every_example_drafts(runner):
    for path in sorted(EXAMPLES.glob("*/company.md")):
        result = _run(runner, "-c", str(path), "--role", "Café Manager")
        assert result.exit_code == 0, (path, result.output)
        assert result.stdout.startswith("# ")


def test_json_output_is_the_contract(runner):
    result = _run(runner, "-c", str(NORTHWIND), "--format", "json")
    assert result.exit_code == 0, result.output
    posting = JobPosting.model_validate_json(result.stdout)
    assert posting.company == "Northwind Solar"
    assert all(b.sources for b in posting.responsibilities + posting.requirements)


def test_show_sources_names_corpus_ids_and_context_fields(runner):
    result = _run(runner, "-c", str(NORTHWIND), "--show-sources")
    assert "_[context:must_haves]_" in result.stdout
    assert "_[am." in result.stdout


def test_output_file_is_never_overwritten_without_force(runner, tmp_path):
    out = tmp_path / "post.md"
    out.write_text("my own notes\n", encoding="utf-8")
    result = _run(runner, "-c", str(NORTHWIND), "-o", str(out))
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    result = _run(runner, "-c", str(NORTHWIND), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Senior Account Manager")
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # no temp files left


def test_overrides_reach_the_posting(runner):
    result = _run(
        runner, "-c", str(NORTHWIND), "--role", "Key Account Manager", "--seniority", "lead",
        "--salary", "€55,000 to €65,000 per year", "--location", "Berlin",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Lead Key Account Manager")
    assert "€55,000–€65,000 per year" in result.stdout and "Berlin" in result.stdout


def test_user_corpus_layers_over_builtin(runner, tmp_path):
    extra = tmp_path / "corpus"
    extra.mkdir()
    items = "\n".join(
        f"  - {{id: bee.duty-{i}, kind: duty, text: Inspect hive number {i} for queen health "
        f"and honey stores., levels: [mid], area: operations}}"
        for i in range(8)
    )
    quals = "\n".join(
        f"  - {{id: bee.qual-{i}, kind: qualification, text: Has handled colony number {i} "
        f"through a full season., levels: [mid], area: domain-expertise}}"
        for i in range(5)
    )
    (extra / "beekeeping.yaml").write_text(
        f"family: beekeeping\ntitle: Beekeeper\naliases: [Apiarist]\nitems:\n{items}\n{quals}\n",
        encoding="utf-8",
    )
    ctx = tmp_path / "c.md"
    ctx.write_text("---\nrole: Apiarist\ncompany: Hive Co\n---\nWe keep bees.\n", encoding="utf-8")
    result = _run(runner, "-c", str(ctx), "--corpus", str(extra), "--show-sources")
    assert result.exit_code == 0, result.output
    assert "Inspect hive number" in result.stdout and "bee.duty-" in result.stdout


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        (lambda p: p / "missing.md", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "e.md", b""), "is empty"),
        (lambda p: _write(p / "b.md", b"\xff\xfe\x00junk"), "not UTF-8"),
        (lambda p: _write(p / "y.md", b"---\nrole: [x\n---\n"), "not valid YAML"),
        (lambda p: _write(p / "s.md", b"---\nrole: X\nseniority: boss\n---\nHi\n"), "entry, mid"),
        (lambda p: _write(p / "w.md", b"---\nrole: X\nworkplace: moon\n---\nHi\n"), "onsite"),
        (lambda p: _write(p / "r.md", b"We bake bread.\n"), "--role"),
        (
            lambda p: _write(p / "pay.md", b"---\nrole: X\nsalary: 90k-70k USD\n---\nHi\n"),
            "above maximum",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(runner, tmp_path, setup, fragment):
    path = setup(tmp_path)
    result = _run(runner, "-c", str(path))
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("jdtailor: error: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_bad_salary_option(runner):
    result = _run(runner, "-c", str(NORTHWIND), "--salary", "a lot")
    assert result.exit_code == 2
    assert "72000-95000 USD/year" in result.stderr


def test_help_lists_options(runner):
    result = runner.invoke(app, ["draft", "--help"])
    assert result.exit_code == 0
    for option in ("--context", "--output", "--force", "--format", "--corpus", "--show-sources"):
        assert option in result.stdout


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_json_has_no_nan_or_placeholders(runner):
    result = _run(runner, "-c", str(EXAMPLES / "lumen-analytics" / "company.md"), "-f", "json")
    data = json.loads(result.stdout)
    assert "{" not in json.dumps(data["responsibilities"]).replace('{"', "").replace("{", "")


def test_the_same_corpus_folder_twice_counts_once(runner):
    from jdtailor.resources import data_dir

    builtin = str(data_dir("corpus"))
    result = _run(runner, "-c", str(NORTHWIND), "--corpus", builtin, "--corpus", builtin)
    assert result.exit_code == 0, result.output


def test_written_file_gets_the_usual_permissions(runner, tmp_path):
    import os

    out = tmp_path / "post.md"
    umask = os.umask(0o022)
    try:
        result = _run(runner, "-c", str(NORTHWIND), "-o", str(out))
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o644
