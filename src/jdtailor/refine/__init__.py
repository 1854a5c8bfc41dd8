"""Refinement sessions: every version of a posting, and the commands that make them.

A ``Session`` is the file a refinement writes after every turn, before the new
version is shown: the context path and its hash, the corpus fingerprint, and every
version with the line that made it, its trace and a timestamp. Versions are only
ever appended. Each version records its parent, so ``undo`` moves to the parent,
``redo`` to the newest child, and an edit made after an undo starts a branch
without losing the branch it left.

``Refiner.handle`` takes one line and returns an ``Outcome``; it does no terminal
I/O (``jdtailor.cli.refine`` does). A line is a command when its first word is
one and its arguments fit; anything else is feedback for ``Drafter.revise``.

Bullets the user writes (``add``, ``edit``) cite ``user:<n>``. Rather than
loosening the grounding check, the session treats each such text as one more
candidate the user supplied: the ids the posting is checked against (and the
candidates a model sees on ``revise``) are the retrieval's plus the session's
user bullets. ``grounding.py`` is unchanged, and a posting can still cite only
what exists: the corpus, the context, or words the user typed in this session.
"""

from .commands import COMMANDS, SECTION_NAMES, USER_PREFIX, Outcome, lint_summary, resolve_section
from .loop import Refiner
from .session import (
    Session,
    Version,
    default_session_path,
    load_session,
    new_session,
    render_diff,
    save_session,
    sha256_file,
)

__all__ = [
    "COMMANDS",
    "SECTION_NAMES",
    "USER_PREFIX",
    "Outcome",
    "Refiner",
    "Session",
    "Version",
    "default_session_path",
    "lint_summary",
    "load_session",
    "new_session",
    "render_diff",
    "resolve_section",
    "save_session",
    "sha256_file",
]
