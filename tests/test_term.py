"""Terminal conventions: colour only on a terminal, NO_COLOR wins, the terminal's width."""

from __future__ import annotations

import io
import os
import pty

import pytest

from jdtailor.cli import _term


@pytest.fixture
def tty():
    """A real pseudo-terminal, 100 columns wide, as a text stream."""
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    stream = os.fdopen(follower, "w")
    yield stream
    stream.close()
    os.close(leader)


def test_a_pipe_gets_no_colour_and_80_columns() -> None:
    pipe = io.StringIO()
    assert not _term.colour(pipe)
    assert _term.width(pipe) == 80
    assert _term.paint("error", "red", _term.colour(pipe)) == "error"


def test_a_terminal_gets_colour_and_its_own_width(tty) -> None:
    assert _term.colour(tty)
    assert _term.width(tty) == 100
    assert _term.paint("error", "bold red", True) == "\x1b[1;31merror\x1b[0m"


def test_no_color_and_dumb_terminals_turn_colour_off(tty, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _term.colour(tty)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not _term.colour(tty)


def test_force_color_and_columns_override_a_pipe(monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    pipe = io.StringIO()
    assert _term.colour(pipe)
    assert _term.width(pipe) == 120


def test_console_follows_the_same_rules(monkeypatch) -> None:
    from rich.table import Table

    pipe = io.StringIO()
    table = Table("family", "items")
    table.add_row("registered-nursing", "42")
    _term.console(pipe).print(table)
    assert "registered-nursing" in pipe.getvalue()
    assert "\x1b[" not in pipe.getvalue()
