"""Shared fixtures: every test runs offline with its own cache directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from .fakeopenai import fake_openai  # noqa: F401  (scripted OpenAI server fixture)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's cache, config or model settings."""
    monkeypatch.setenv("JDTAILOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("JDTAILOR_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "JDTAILOR_MODEL", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_context(tmp_path: Path):
    """Write a company.md into tmp_path and return its path."""

    def write(text: str, name: str = "company.md") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="module")
def corpus():
    """The built-in corpus, loaded once per test module."""
    from jdtailor.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="module")
def northwind():
    """The northwind example: its context, retrieval and offline posting."""
    from jdtailor.context import load_context
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.retrieval import retrieve

    ctx = load_context(EXAMPLES / "northwind-solar" / "company.md")
    retrieval = retrieve(ctx, load_corpus([]))
    return ctx, retrieval, OfflineDrafter().draft(ctx, retrieval).posting


@pytest.fixture
def ctx_file(tmp_path: Path) -> Path:
    """A copy of the northwind company.md that a test may edit."""
    import shutil

    path = tmp_path / "company.md"
    shutil.copy(EXAMPLES / "northwind-solar" / "company.md", path)
    return path


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """How many commands the fuzz suite ran (tests/test_fuzz.py), for the CI log."""
    import sys

    fuzz = sys.modules.get("tests.test_fuzz")
    tried = getattr(fuzz, "TRIED", None)
    if tried:
        per = ", ".join(f"{k} {v}" for k, v in sorted(tried.items()))
        terminalreporter.write_line(f"fuzz: {sum(tried.values())} commands run ({per})")
