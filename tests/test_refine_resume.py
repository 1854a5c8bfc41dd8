"""Refinement given bad input (a hand-edited session, a stray quote): one line, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdtailor.cli import app

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


@pytest.fixture
def session_file(runner, tmp_path: Path) -> Path:
    out = tmp_path / "post.md"
    result = runner.invoke(
        app, ["draft", "-c", str(NORTHWIND), "-i", "-o", str(out)], input="drop resp 1\nquit\n"
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "post.session.json"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(overrides={"colour": "blue"}), "overrides.colour"),
        (lambda d: d["versions"][1].update(parent=7), "versions.1.parent: 7 is not an earlier"),
        (lambda d: d["versions"][0].update(parent=1), "versions.0.parent: 1 is not an earlier"),
        (lambda d: d.update(fmt="pdf"), "`fmt`: must be 'md'"),
        (lambda d: d["versions"][1].update(level="expert"), "`versions.1.level`: must be"),
    ],
)
def test_a_hand_edited_session_is_one_line_and_left_alone(runner, session_file, edit, message):
    data = json.loads(session_file.read_text(encoding="utf-8"))
    edit(data)
    damaged = json.dumps(data)
    session_file.write_text(damaged, encoding="utf-8")
    result = runner.invoke(app, ["refine", str(session_file)], input="undo\nquit\n")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert session_file.read_text(encoding="utf-8") == damaged  # nothing made it worse


def test_an_unclosed_quote_in_a_path_is_refused(runner, tmp_path):
    result = runner.invoke(
        app,
        ["draft", "-c", str(NORTHWIND), "-i", "-o", str(tmp_path / "post.md")],
        input='save "my post.md\nexport md "x\nquit\n',
    )
    assert result.exit_code == 1  # a piped session with refused lines says so
    assert result.stderr.count("no closing quotation") == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "post.md").exists()


def test_a_session_may_name_every_format_save_can_write():
    from typing import get_args

    from jdtailor.refine.session import Format
    from jdtailor.render import FORMATS

    assert set(get_args(Format)) == set(FORMATS)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_save_the_system_refuses_keeps_the_session_going(runner, tmp_path):
    out = tmp_path / "post.md"
    result = runner.invoke(
        app,
        ["draft", "-c", str(NORTHWIND), "-i", "-o", str(out)],
        input="save /proc/jdtailor-test.md\ndrop resp 1\nsave\nquit\n",
    )
    assert "! no change: /proc/jdtailor-test.md: cannot write it" in result.stderr
    assert "v2: drop resp 1" in result.stderr  # the loop went on
    assert out.is_file()
