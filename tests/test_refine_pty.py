"""``draft -i`` in a real terminal: readline, tab completion, history, a coloured diff."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from jdtailor.refine import load_session

from .conftest import EXAMPLES

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
]

RED, GREEN = "\x1b[31m", "\x1b[32m"
CONTEXT = EXAMPLES / "northwind-solar" / "company.md"


def first_posting():
    """Version 1 of a session on the example (the offline draft), so no test hard-codes it."""
    from jdtailor.context import load_context
    from jdtailor.corpus import load_corpus
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.pipeline import draft_posting

    draft, _ = draft_posting(load_context(CONTEXT), load_corpus(), OfflineDrafter())
    return draft.posting


def spawn(tmp_path: Path, *args: str):
    env = dict(os.environ, TERM="xterm", COLUMNS="200", LINES="50")
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "jdtailor", "draft", "-c", str(CONTEXT), "-i", *args],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
    )


def test_typing_commands_and_feedback_in_a_terminal(tmp_path):
    out = tmp_path / "post.md"
    dropped = first_posting().responsibilities[1].text
    child = spawn(tmp_path, "-o", str(out))
    try:
        child.expect_exact("v1> ")
        child.sendline("drop resp 2")
        child.expect_exact(f"{RED}-- {dropped[:40]}")  # the removed bullet, in red
        child.expect_exact("v2: drop resp 2")
        child.expect_exact("v2> ")

        child.send("tit\t")  # tab completes the command
        child.expect_exact("title ")
        child.sendline("Renewals Lead")
        child.expect_exact(f"{GREEN}+# Renewals Lead — Northwind Solar")
        child.expect_exact("v3> ")

        child.sendline("make it warmer")  # free text, no model configured
        child.expect_exact("free-text feedback needs a model")
        child.expect_exact("v3> ")

        child.send("\x1b[A\x1b[A")  # history: up twice is the title line again
        child.expect_exact("title Renewals Lead")
        child.send("\x15")  # Ctrl-U clears it
        child.sendline("undo")
        child.expect_exact("v2: undid 'title Renewals Lead'")
        child.expect_exact("v2> ")

        child.sendline("save")
        child.expect_exact(f"wrote v2 to {out}")
        child.expect_exact("v2> ")
        child.sendeof()  # Ctrl-D leaves like quit
        child.expect_exact("resume with: jdtailor refine")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert dropped not in out.read_text(encoding="utf-8")
    session = load_session(tmp_path / "post.session.json")
    assert [v.made_by for v in session.versions] == ["draft", "drop resp 2", "title Renewals Lead"]
    assert session.current == 1


def test_ctrl_c_at_the_prompt_leaves_and_keeps_the_session(tmp_path):
    child = spawn(tmp_path, "-o", str(tmp_path / "post.md"))
    try:
        child.expect_exact("v1> ")
        child.sendline("drop resp 1")
        child.expect_exact("v2> ")
        # CPython's readline can lose a SIGINT sent the instant the prompt is written,
        # before it waits for input: give it a moment, and send again if it was lost.
        for _ in range(5):
            time.sleep(0.2)
            child.sendintr()
            if (
                child.expect_exact(["resume with: jdtailor refine", pexpect.TIMEOUT], timeout=3)
                == 0
            ):
                break
        else:
            pytest.fail("Ctrl-C at the prompt never ended the session")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    session = load_session(tmp_path / "post.session.json")
    assert [v.made_by for v in session.versions] == ["draft", "drop resp 1"]
