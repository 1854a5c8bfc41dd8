"""``-f docx``: a Word document with the posting's headings, bullets and pay line."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.posting import JobPosting

from ._render_support import DATE, example_files

NORTHWIND = next(p for p in example_files() if p.parent.name == "northwind-solar")


def _paragraphs(data: bytes) -> list[tuple[str, str]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


@pytest.fixture(scope="module")
def northwind(tmp_path_factory) -> tuple[Path, JobPosting]:
    """The Northwind example drafted once as docx (-o) and as JSON."""
    from typer.testing import CliRunner

    out = tmp_path_factory.mktemp("docx")
    runner = CliRunner()
    args = ["draft", "-c", str(NORTHWIND), "--date", DATE]
    result = runner.invoke(app, [*args, "-f", "docx", "-o", str(out / "post.docx")])
    assert result.exit_code == 0, result.output
    as_json = runner.invoke(app, [*args, "-f", "json"])
    assert as_json.exit_code == 0, as_json.output
    return out / "post.docx", JobPosting.model_validate_json(as_json.stdout)


def test_docx_has_title_headings_bullets_and_pay(northwind) -> None:
    path, posting = northwind
    paragraphs = _paragraphs(path.read_bytes())
    assert paragraphs[0] == ("Title", f"{posting.title} — {posting.company}")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings[:3] == ["What you'll do", "What you'll need", "Nice to have"]
    assert "Pay and benefits" in headings and "How to apply" in headings
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    for section in (posting.responsibilities, posting.requirements, posting.benefits):
        for item in section:
            assert (item if isinstance(item, str) else item.text) in bullets
    assert "Pay: $88,000–$112,000 per year" in bullets
    assert any(text == f"Apply at {posting.apply}" for _, text in paragraphs)


def test_docx_reaches_stdout_when_redirected_and_render_reads_json(
    runner, northwind, tmp_path
) -> None:
    path, posting = northwind
    saved = tmp_path / "post.json"
    saved.write_text(posting.model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "-f", "docx"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes[:2] == b"PK"  # a zip container, as every .docx is
    assert _paragraphs(result.stdout_bytes) == _paragraphs(path.read_bytes())


def test_docx_is_not_overwritten_without_force(runner, northwind) -> None:
    path, _ = northwind
    before = path.read_bytes()
    result = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-f", "docx", "-o", str(path)])
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui",
)
def test_docx_opens_in_libreoffice_and_converts_to_pdf(northwind, tmp_path) -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the converted PDF's text")
    path, posting = northwind
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(tmp_path / "post.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert posting.company in text
    assert "What you'll need" in text
    assert "$88,000–" in text and "$112,000 per year" in text
    assert posting.requirements[0].text.split()[0] in text


def test_docx_to_a_terminal_is_refused_before_drafting(runner, monkeypatch) -> None:
    from jdtailor.cli import _term

    monkeypatch.setattr(_term, "isatty", lambda stream: True)
    result = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-f", "docx"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "jdtailor: error: --format docx is a binary file, not for a terminal; "
        "pass -o posting.docx (or redirect stdout to a file)"
    )
    assert result.stdout == ""


def test_batch_writes_docx_beside_markdown(runner, tmp_path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "-c", str(NORTHWIND), "-o", str(out), "-f", "md,docx"])
    assert result.exit_code == 0, result.output
    (docx_file,) = out.glob("*.docx")
    assert _paragraphs(docx_file.read_bytes())[0][0] == "Title"
    assert docx_file.with_suffix(".md").read_text(encoding="utf-8").startswith("# ")
