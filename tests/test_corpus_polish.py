"""Corpus commands a new user trips over: import's folder, list --family, show's
"did you mean", search by every word."""

from __future__ import annotations

from jdtailor.cli import app


def _run(runner, *args: str):
    return runner.invoke(app, ["corpus", *args])


def test_import_creates_the_output_folder(runner, tmp_path):
    src = tmp_path / "posting.md"
    src.write_text(
        "# Account Manager\n\n## What you'll do\n\n"
        "- Manage a book of 40 client accounts and own their renewals.\n"
        "- Run quarterly reviews with each client.\n\n"
        "## What you'll need\n\n- 3+ years of B2B account management.\n",
        encoding="utf-8",
    )
    out = tmp_path / "my-corpus" / "x.yaml"  # the README's example: the folder is new
    result = _run(runner, "import", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"created {out.parent}/" in result.stderr
    assert f"wrote {out}" in result.stderr
    assert "Manage a book of 40 client accounts" in out.read_text(encoding="utf-8")


def test_list_family_shows_its_level_by_area_table(runner):
    result = _run(runner, "list", "--family", "registered-nursing")
    assert result.exit_code == 0, result.output
    assert "registered-nursing" in result.stdout
    assert "level x area (registered-nursing;" in result.stdout


def test_show_suggests_the_family_a_word_belongs_to(runner):
    result = _run(runner, "show", "nursing")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr and "registered-nursing" in result.stderr


def test_search_wants_every_word(runner):
    result = _run(runner, "search", "cold chain")
    assert result.exit_code == 0, result.output
    texts = [line.strip().lower() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert texts, result.output
    assert "cold-chain" in texts[0]  # the phrase itself ranks first
    assert not any("call" in t for t in texts)  # "cold calls" has only one of the words


def test_search_with_no_item_having_every_word_says_so(runner):
    result = _run(runner, "search", "cold pineapple")
    assert result.exit_code == 0, result.output
    assert "no item has every word of 'cold pineapple'" in result.stderr
    assert result.stdout.strip()
