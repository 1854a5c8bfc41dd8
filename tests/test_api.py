"""The Python API: ``from jdtailor import draft, lint, render``, the CLI's contracts."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import jdtailor
from jdtailor import draft, lint, render
from jdtailor.cli import app
from jdtailor.errors import ContextError, InputError, JdtailorError
from jdtailor.posting import JobPosting

from .conftest import EXAMPLES, ROOT

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def test_the_api_is_public_and_documented() -> None:
    assert {"draft", "lint", "render"} <= set(jdtailor.__all__)
    for func in (draft, lint, render):
        assert func.__doc__ and "Args:" in func.__doc__


def test_draft_gives_the_posting_the_cli_prints(runner, capsys) -> None:
    result = draft(NORTHWIND)
    assert capsys.readouterr() == ("", "")  # the API never prints
    cli = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-f", "json"])
    assert result.posting == JobPosting.model_validate_json(cli.stdout)
    assert result.trace.backend == "offline"


def test_draft_takes_the_cli_overrides() -> None:
    result = draft(str(NORTHWIND), role="Account Director", salary="100000-120000 USD/year")
    assert result.posting.title == "Senior Account Director"
    assert result.posting.pay is not None and result.posting.pay.max == 120000


def test_bad_input_raises_the_clis_one_line_message(tmp_path: Path, capsys) -> None:
    with pytest.raises(ContextError) as caught:
        draft(tmp_path / "missing.md")
    assert "missing.md" in caught.value.message and "\n" not in caught.value.message
    with pytest.raises(JdtailorError):
        draft(NORTHWIND, seniority="wizard")
    assert capsys.readouterr() == ("", "")


def test_lint_reads_a_posting_its_text_or_its_file(tmp_path: Path) -> None:
    posting = draft(NORTHWIND).posting
    assert lint(posting, NORTHWIND).summary() == "lint 100/100: no findings"
    text = render(posting, "md").replace("Senior Account Manager", "Account Manager Rockstar", 1)
    report = lint(text)
    assert any("rockstar" in (f.text or f.message).lower() for f in report.findings)
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    assert lint(path).findings == report.findings


def test_render_gives_text_formats_as_str_and_docx_as_bytes() -> None:
    posting = draft(NORTHWIND).posting
    page = render(posting, "html", date_posted="2026-11-23", valid_through="2026-12-31")
    assert page.startswith("<!doctype html>") and "2026-12-31" in page
    assert render(posting) == render(posting, "md")
    data = render(posting, "docx")
    assert isinstance(data, bytes)
    import docx

    assert docx.Document(io.BytesIO(data)).paragraphs[0].text.startswith(posting.title)


def test_render_refuses_what_the_cli_refuses() -> None:
    posting = draft(NORTHWIND).posting
    with pytest.raises(InputError, match="unknown format 'pdf'; choose from md, json"):
        render(posting, "pdf")  # type: ignore[call-overload]
    with pytest.raises(InputError, match="is not a date"):
        render(posting, "jsonld", date_posted="tomorrow")


def test_the_subpackages_do_not_hide_the_functions() -> None:
    import jdtailor.lint.words  # noqa: F401
    import jdtailor.render.html  # noqa: F401

    assert jdtailor.lint is lint and jdtailor.render is render
    from jdtailor.render import FORMATS

    assert "docx" in FORMATS


def test_importing_jdtailor_stays_cheap() -> None:
    code = (
        "import jdtailor, sys; "
        "print(sorted(m for m in sys.modules if m.startswith(('jdtailor', 'pydantic'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
    ).stdout
    assert out.strip() == "['jdtailor']"


def test_the_readme_example_runs(capsys) -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## From Python\n.*?```python\n(.*?)```", readme, re.S)
    assert block, "README.md lost its 'From Python' example"
    code = block.group(1).replace('"company.md"', repr(str(NORTHWIND)))
    scope: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert isinstance(scope["docx_bytes"], bytes) and "<html" in str(scope["html"])
    assert capsys.readouterr().out == "[]\n"  # the README's own print of the notes
