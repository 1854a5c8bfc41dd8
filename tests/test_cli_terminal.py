"""Terminal conventions a user sees: -V, completion, readable help placeholders,
colour only where wanted, and no usage line for a request never made."""

from __future__ import annotations

import re

import pytest

from jdtailor import __version__
from jdtailor.cli import app

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_short_version_flag(runner):
    result = runner.invoke(app, ["-V"])
    assert result.exit_code == 0
    assert result.stdout == f"jdtailor {__version__}\n"


def test_shell_completion_is_offered(runner):
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


@pytest.mark.parametrize(
    "command",
    [["draft"], ["refine"], ["lint"], ["render"], ["eval"], ["init"], ["corpus", "list"],
     ["corpus", "search"], ["corpus", "import"], ["corpus", "check"]],
    ids=lambda c: " ".join(c),
)  # fmt: skip
def test_help_placeholders_read_as_words(runner, command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert not re.search(r"<(str|path|int|float|list)", result.stdout), result.stdout
    assert not re.search(r"\{[a-z_]+\}", result.stdout), result.stdout


def test_refine_help_names_its_argument(runner):
    result = runner.invoke(app, ["refine", "--help"])
    assert "[OPTIONS] SESSION_FILE\n" in result.stdout
    assert "  SESSION_FILE  A session file written by `draft -i`." in result.stdout
    assert "-o, --output FILE" in result.stdout and "--max-attempts N" in result.stdout


def test_usage_is_not_reported_for_a_request_never_made(runner):
    result = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-m", "some-model", "-u"])
    assert result.exit_code == 2
    assert "usage:" not in result.stderr
    assert result.stderr.strip().startswith("jdtailor: error: no API key")


def test_colour_on_request_and_never_with_no_color(runner, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = runner.invoke(app, ["corpus", "list", "--stats"])
    assert "\x1b[1mfamily " in coloured.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = runner.invoke(app, ["corpus", "list", "--stats"])
    assert not ANSI.search(plain.stdout)
    assert ANSI.sub("", coloured.stdout) == plain.stdout  # the same table, only painted


def test_a_pipe_gets_no_colour(runner):
    result = runner.invoke(app, ["corpus", "list", "--stats"])
    assert not ANSI.search(result.stdout)


def test_refine_diffs_are_coloured_on_request(runner, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-i"], input="drop resp 2\nquit\n")
    assert "\x1b[31m-- Keep the renewal rate" in result.stderr


def test_eval_totals_are_bold_on_request(runner, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = runner.invoke(app, ["eval", "--case", "cedar-ridge-am"])
    assert result.exit_code == 0, result.output
    assert "\x1b[1mTOTAL" in result.stdout
    assert "1 case " in ANSI.sub("", result.stdout)


def test_txt_on_a_terminal_wraps_at_its_width(runner, monkeypatch):
    from jdtailor.cli import _term

    piped = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-f", "txt"])
    assert max(len(line) for line in piped.stdout.splitlines()) <= 80
    assert any(len(line) > 60 for line in piped.stdout.splitlines())
    monkeypatch.setattr(_term, "isatty", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "60")
    narrow = runner.invoke(app, ["draft", "-c", str(NORTHWIND), "-f", "txt"])
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines if "://" not in line) <= 60
