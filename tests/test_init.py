"""``jdtailor init`` and drafting from a template that was never filled in."""

from __future__ import annotations

import re
from pathlib import Path

from jdtailor.cli import app
from jdtailor.context import SECTION_ALIASES, _FrontMatter, parse_context
from jdtailor.context.template import COMPANY_TEMPLATE


def _fill(text: str) -> str:
    """What a user does: replace every TODO line with real words."""
    text = text.replace("company: TODO Company name", "company: Fern & Finch")
    text = text.replace("role: TODO Job title, e.g. Account Manager", "role: Account Manager")
    text = text.replace("location: TODO City, Region, Country", "location: Leeds, UK")
    text = re.sub(r"(?m)^(\s*-?\s*\w*:?\s*)TODO\b", r"\1", text)
    return text.replace("TODO", "")


def test_init_writes_the_template_and_never_overwrites(runner, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "company.md"
    assert path.read_text(encoding="utf-8") == COMPANY_TEMPLATE
    assert result.stdout == ""
    assert "wrote company.md" in result.stderr
    assert "jdtailor draft --context company.md" in result.stderr

    path.write_text("my own company notes\n", encoding="utf-8")
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 2
    assert "company.md: already exists" in result.stderr
    assert path.read_text(encoding="utf-8") == "my own company notes\n"

    other = tmp_path / "roles" / "designer.md"
    other.parent.mkdir()
    assert runner.invoke(app, ["init", str(other)]).exit_code == 0
    assert other.read_text(encoding="utf-8") == COMPANY_TEMPLATE
    # A folder gets a company.md inside it.
    assert runner.invoke(app, ["init", str(other.parent)]).exit_code == 0
    assert (other.parent / "company.md").read_text(encoding="utf-8") == COMPANY_TEMPLATE


def test_init_into_a_missing_directory_says_so(runner, tmp_path: Path):
    result = runner.invoke(app, ["init", str(tmp_path / "nope" / "company.md")])
    assert result.exit_code == 2
    assert "does not exist; create it first" in result.stderr


def test_template_parses_and_explains_every_key_and_section():
    ctx = parse_context(COMPANY_TEMPLATE, "company.md")
    assert ctx.role and ctx.why_hiring and ctx.must_haves
    front = COMPANY_TEMPLATE.split("\n---\n")[0]
    for key in _FrontMatter.model_fields:
        assert re.search(rf"(?m)^#?\s*{key}:|`{key}:`", front), f"key {key} is not explained"
    for field in SECTION_ALIASES:
        assert getattr(ctx, field) or field == "benefits", field
    for heading in ("Why this role", "First 90 days", "Bonus points", "Who you'll work with"):
        assert heading in front


def test_untouched_template_names_what_to_fill_in(runner, tmp_path: Path):
    path = tmp_path / "company.md"
    path.write_text(COMPANY_TEMPLATE, encoding="utf-8")
    result = runner.invoke(app, ["draft", "-c", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith(f"jdtailor: error: {path}: still holds template placeholders in ")
    for name in ("company", "role", "location", "benefits", '"Why we\'re hiring"', '"Team"'):
        assert name in message
    assert "replace each TODO line" in message


def test_partly_filled_template_names_only_what_is_left(runner, tmp_path: Path):
    text = _fill(COMPANY_TEMPLATE).replace(
        "## Team\n\n", "## Team\n\nTODO say who the hire reports to\n"
    )
    path = tmp_path / "company.md"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["draft", "-c", str(path)])
    assert result.exit_code == 2
    assert 'placeholders in "Team";' in result.stderr


def test_filled_template_drafts(runner, tmp_path: Path):
    text = _fill(COMPANY_TEMPLATE)
    text = text.replace(
        "The most important section.", "Two of our largest clients renew next spring."
    )
    path = tmp_path / "company.md"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["draft", "-c", str(path), "--salary", "£40k-£48k"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Account Manager — Fern & Finch")


def test_command_line_overrides_count_as_filled(runner, tmp_path: Path):
    text = _fill(COMPANY_TEMPLATE).replace("role: Account Manager", "role: TODO Job title")
    path = tmp_path / "company.md"
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["draft", "-c", str(path)]).exit_code == 2
    result = runner.invoke(app, ["draft", "-c", str(path), "--role", "Account Manager"])
    assert result.exit_code == 0, result.output
