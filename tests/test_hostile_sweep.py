"""What the round-3 sweep of hostile files over every command found (issue 14).

Each case is an input a hostile tester tried that once gave a traceback, a raw
control character on the terminal, a minute of work or gigabytes of memory.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdtailor.cli import app

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"
# escape sequences, C0/C1 controls and the bidi overrides that reorder what a reader sees
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: object, input: str | None = None) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    took = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback for {args}: {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr, took


def one_line(*args: object) -> str:
    code, _, err, _ = run(*args)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert lines[-1].startswith("jdtailor: error: "), err
    return lines[-1]


def test_a_roles_table_whose_header_never_ends_is_one_line(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text('role,"about\n' + "x" * 200_000 + "\n")  # the quote is never closed
    line = one_line("batch", "-c", NORTHWIND, "--roles", roles, "-o", tmp_path / "out")
    assert f"{roles}: header row: a cell over the limit" in line


def test_import_refuses_a_posting_of_thousands_of_bullets_quickly(tmp_path: Path) -> None:
    posting = tmp_path / "posting.md"
    bullets = "".join(f"- Own renewal plan number {i} for clients\n" for i in range(3000))
    posting.write_text("# Account Manager\n## Responsibilities\n" + bullets)
    start = time.perf_counter()
    line = one_line("corpus", "import", posting, "-o", tmp_path / "x.yaml")
    assert time.perf_counter() - start < 10
    assert "3,000 bullets" in line and "split the file" in line
    assert not (tmp_path / "x.yaml").exists()
    big = tmp_path / "big.md"
    big.write_text("# Account Manager\n\n" + "We sell solar panels. " * 60_000)
    assert "too long for one posting" in one_line("corpus", "import", big)


def test_import_of_a_bullet_with_endless_continuation_lines_is_linear(tmp_path: Path) -> None:
    """Each continuation line was added to the bullet's string (quadratic: minutes)."""
    posting = tmp_path / "posting.md"
    posting.write_text(
        "# Account Manager\n## Responsibilities\n- Own the renewals\n"
        + "  and more words here\n" * 40_000
    )
    code, _, err, took = run("corpus", "import", posting, "-o", tmp_path / "x.yaml")
    assert code == 0, err
    assert took < 10
    assert "and more words here" in (tmp_path / "x.yaml").read_text()


def test_bidi_overrides_never_reach_the_terminal(tmp_path: Path) -> None:
    role, company = "Account \u202eregana\u202c Manager\u2066", "Evil\u202e Co"
    code, out, err, _ = run("draft", "-c", NORTHWIND, "--role", role, "--company", company)
    assert code == 0, err
    assert "# Senior Account regana Manager — Evil Co" in out
    assert not RAW.search(out + err)


def test_a_session_with_escapes_in_its_json_shows_them_cleaned(tmp_path: Path) -> None:
    code, _, err, _ = run("draft", "-c", NORTHWIND, "-i", input="quit\n")
    assert code == 0, err
    session = Path(re.findall(r"resume with: jdtailor refine (\S+)", err)[0])
    text = session.read_text()
    assert "Account Manager" in text
    session.write_text(text.replace("Account Manager", "Account \\u001b[31mManager\\u202e\\u0007"))
    code, out, err, _ = run("refine", session, input="show\nquit\n")
    assert code == 0, err
    assert "# Senior Account Manager — Northwind Solar" in out
    assert not RAW.search(out + err)


def test_control_characters_in_a_template_do_not_reach_the_page(tmp_path: Path) -> None:
    (tmp_path / "posting.html").write_bytes(b"<h1>\x1b[2J{{ posting.title }}\x00\x07</h1>\n")
    code, out, err, _ = run("draft", "-c", NORTHWIND, "-f", "html", "--template-dir", tmp_path)
    assert code == 0, err
    assert out == "<h1>Senior Account Manager</h1>\n"


@pytest.mark.parametrize(
    "template",
    [
        "{{ '{:>999999999}'.format(1) }}",
        "{{ '{:>{}}'.format(1, 10**9) }}",
        "{{ '{w:>{n}}'.format_map({'w': 1, 'n': 10**9}) }}",
        "{{ 'x'|center(10**9) }}",
        "{{ 'x'.zfill(10**9) }}",
        "{{ 'a b'|wordwrap(10**9) }}",
        "{{ '%999999999d'|format(1) }}",
        "{{ '%*d'|format(10**9, 1) }}",
        "{{ '%*d' % (10**9, 1) }}",
    ],
)
def test_a_template_cannot_ask_for_a_gigabyte_width(tmp_path: Path, template: str) -> None:
    """Each of these built a 1-2 GB string before the output's size was checked."""
    (tmp_path / "posting.html").write_text(template)
    start = time.perf_counter()
    line = one_line("draft", "-c", NORTHWIND, "-f", "html", "--template-dir", tmp_path)
    assert time.perf_counter() - start < 10
    assert "template refused by the sandbox" in line and "too large" in line


def test_a_template_may_still_format_large_numbers(tmp_path: Path) -> None:
    (tmp_path / "posting.html").write_text(
        "{{ '{:,}'.format(60000000) }} {{ '%d'|format(60000000) }} {{ 'x'|center(5) }}"
        " {{ '{:>{}}'.format(1, 3) }} {{ posting.title|upper }}\n"
    )
    code, out, err, _ = run("draft", "-c", NORTHWIND, "-f", "html", "--template-dir", tmp_path)
    assert code == 0, err
    assert out == "60,000,000 60000000   x     1 SENIOR ACCOUNT MANAGER\n"


def test_output_onto_its_own_input_is_refused_even_with_force(tmp_path: Path) -> None:
    """`--force` replaces a file the user named as output, never the file it reads."""
    ctx = tmp_path / "company.md"
    ctx.write_text(NORTHWIND.read_text())
    before = ctx.read_text()
    line = one_line("draft", "-c", ctx, "-o", ctx, "--force")
    assert f"{ctx}: is the input file {ctx}; writing the output there would replace it" in line
    link = tmp_path / "link.md"
    link.symlink_to(ctx)
    assert "is the input file" in one_line("draft", "-c", ctx, "-o", link, "--force")
    assert ctx.read_text() == before
    posting = tmp_path / "posting.md"
    assert run("draft", "-c", ctx, "-o", posting)[0] == 0
    saved = posting.read_text()
    for args in (
        ("render", posting, "-f", "html", "-o", posting, "--force"),
        ("corpus", "import", posting, "-o", posting, "--force"),
    ):
        assert "is the input file" in one_line(*args)
    assert posting.read_text() == saved


def test_a_key_given_twice_in_front_matter_is_named(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys: the first value vanished without a word."""
    ctx = tmp_path / "company.md"
    ctx.write_text(
        "---\nrole: Account Manager\ncompany: Northwind\ncompany: Southwind\n---\nWe sell.\n"
    )
    line = one_line("draft", "-c", ctx)
    assert f"{ctx}: line 4: " in line and "'company' is given twice; keep one" in line
