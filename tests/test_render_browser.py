"""The HTML output in a real browser: headless Chromium loads it without a console error.

Skipped when /usr/bin/chromium is missing (Debian: ``apt-get install chromium``;
``.ci/run`` installs it). The screenshot is kept under pytest's tmp dir and
copied to /tmp/jdtailor-screenshot.png for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdtailor.cli import app

from ._browser import CHROMIUM, Browser, open_page
from ._render_support import DATE, example_args, example_files

SCREENSHOT_COPY = Path("/tmp/jdtailor-screenshot.png")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found; install Debian's chromium package to run the browser test",
    ),
]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_the_detector_sees_console_errors_and_failed_loads(tmp_path: Path):
    """A page with planted faults must fail, or a clean run proves nothing."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        "<title>broken</title></head><body><img src='missing.png'>"
        "<script>console.error('planted'); notDefined();</script></body></html>",
        encoding="utf-8",
    )
    report = open_page(page, tmp_path / "broken.png", tmp_path / "profile")
    joined = "\n".join(report.errors)
    assert "console.error: planted" in joined
    assert "notDefined is not defined" in joined
    assert "missing.png" in joined


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """One Chromium, with a fresh profile, for every page in this module."""
    chromium = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.parent.name)
def test_html_output_loads_cleanly_in_chromium(runner, browser, tmp_path: Path, path: Path):
    result = runner.invoke(app, ["draft", *example_args(path), "-f", "html", "--date", DATE])
    assert result.exit_code == 0, result.output
    page = tmp_path / "posting.html"
    page.write_text(result.stdout, encoding="utf-8")
    shot = tmp_path / f"{path.parent.name}.png"

    report = browser.open(page.resolve().as_uri(), shot)

    assert report.errors == []
    assert report.title.startswith(result.stdout.split("<title>")[1].split(" — ")[0])
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 20_000  # a rendered page, not a blank one
    if path.parent.name == "northwind-solar":
        shutil.copyfile(shot, SCREENSHOT_COPY)
