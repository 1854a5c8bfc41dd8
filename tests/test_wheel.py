"""The built wheel carries the corpus, prompts and eval suite and runs outside the checkout."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding jdtailor only from its wheel, built once for this module."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(dist), str(ROOT)],
        check=True,
    )  # fmt: skip
    wheel = next(dist.glob("jdtailor-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet", "--no-deps",
         "--no-index", str(wheel)],
        check=True,
    )  # fmt: skip
    # Dependencies come from this interpreter's site-packages (no network in tests).
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )  # fmt: skip
    (site / "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def _elsewhere(tmp_path: Path) -> Path:
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "elsewhere"


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_drafts(venv: Path, tmp_path: Path):
    context = tmp_path / "company.md"
    context.write_text((EXAMPLES / "lumen-analytics" / "company.md").read_text(encoding="utf-8"))
    elsewhere = _elsewhere(tmp_path)
    result = subprocess.run(
        [str(venv / "bin" / "jdtailor"), "draft", "--context", str(context)],
        cwd=elsewhere, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Data Engineer — Lumen Analytics")
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import jdtailor.resources as r; print(r.data_dir('corpus'))"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert where.startswith(str(venv)) and where.endswith("_data/corpus")
    assert (Path(where).parent / "prompts").is_dir()


@pytest.mark.slow
def test_installed_wheel_runs_the_builtin_eval_suite(venv: Path, tmp_path: Path):
    elsewhere = _elsewhere(tmp_path)
    result = subprocess.run(
        [str(venv / "bin" / "jdtailor"), "eval", "--no-progress", "--report", "r.html"],
        cwd=elsewhere, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    total = next(line for line in result.stdout.splitlines() if line.startswith("TOTAL"))
    assert re.search(r"\b\d{2,} cases\b", total), total  # the whole built-in suite ran
    assert (elsewhere / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")
