"""Refinement loop polish: numbered bullets, save --force, goto, messages, draft's
render options reaching save and export."""

from __future__ import annotations

import io
import json
from pathlib import Path

from jdtailor.cli import app

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def run(runner, ctx_file: Path, script: str, *args: str):
    result = runner.invoke(app, ["draft", "-c", str(ctx_file), "-i", *args], input=script)
    assert result.exit_code in (0, 1), result.output
    return result


def test_show_numbers_the_bullets_the_commands_count(runner, ctx_file):
    result = run(runner, ctx_file, "show\nquit\n")
    shown = result.stderr.split("v1> show\n", 1)[1]
    duties = shown.split("## What you'll do\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(". ", 1)[0] for line in duties] == [
        str(i) for i in range(1, len(duties) + 1)
    ]
    assert "- Pay: $88,000–$112,000 per year" in shown  # benefits are not numbered


def test_after_a_change_the_changed_section_is_shown_numbered(runner, ctx_file):
    result = run(runner, ctx_file, "drop resp 1\nquit\n")
    after = result.stderr.split("v1> drop resp 1\n", 1)[1]
    listing = after.split("resp:\n", 1)[1].split("\nv2: drop resp 1", 1)[0].splitlines()
    assert listing[0].startswith("  1. ") and listing[1].startswith("  2. ")
    assert "req:" not in after.split("v2: drop resp 1", 1)[0]  # only what changed


def test_level_is_not_said_twice(runner, ctx_file):
    result = run(runner, ctx_file, "level mid\nquit\n")
    assert "v2: level mid · lint" in result.stderr
    assert "level mid · level mid" not in result.stderr


def test_goto_jumps_to_any_version_and_history_shows_it(runner, ctx_file, tmp_path):
    script = "title First rename\ntitle Second rename\ngoto 1\nshow\ngoto v3\ngoto 9\nquit\n"
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "post.md"))
    assert "v1: jumped from v3 · level senior" in result.stderr
    assert "v3: jumped from v1 · level senior" in result.stderr
    assert "! no change: there is no version 9; versions are 1-3" in result.stderr
    session = json.loads((tmp_path / "post.session.json").read_text(encoding="utf-8"))
    assert session["current"] == 2


def test_save_force_overwrites_a_file_the_session_did_not_write(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    out.write_text("my own notes\n", encoding="utf-8")
    script = f"save\nexport md {out}\nsave --force\nquit\n"
    result = run(runner, ctx_file, script, "-o", str(out))
    assert "`save --force` will" in result.stderr
    assert "did not write it; `save --force ...` overwrites it" in result.stderr
    assert "did not write it; `export --force ...` overwrites it" in result.stderr
    assert f"wrote v1 to {out} (md)" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Senior Account Manager")


def test_export_uses_drafts_date_valid_through_and_template_dir(runner, ctx_file, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "posting.html").write_text(
        '{% extends "builtin/posting.html" %}{% block footer %}<p>OUR FOOTER</p>{% endblock %}',
        encoding="utf-8",
    )
    page, ld = tmp_path / "post.html", tmp_path / "post.jsonld"
    script = f"export html {page}\nexport jsonld {ld}\nquit\n"
    args = ("--date", "2026-11-02", "--valid-through", "2026-12-24")
    run(runner, ctx_file, script, *args, "--template-dir", str(templates))
    data = json.loads(ld.read_text(encoding="utf-8"))
    assert (data["datePosted"], data["validThrough"][:10]) == ("2026-11-02", "2026-12-24")
    html = page.read_text(encoding="utf-8")
    assert "OUR FOOTER" in html and "2026-12-24" in html


def test_export_docx_writes_a_word_document(runner, ctx_file, tmp_path):
    import docx

    target = tmp_path / "post.docx"
    result = run(runner, ctx_file, f"export docx {target}\nsave {tmp_path / 'x.docx'}\nquit\n")
    assert f"wrote v1 to {target} (docx)" in result.stderr
    assert "(docx)" in result.stderr.split("save ", 1)[1]
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].text == "Senior Account Manager — Northwind Solar"
