"""The refinement session file: every version of a posting, on disk after every turn.

A ``Session`` holds the context path and its hash, the corpus fingerprint, and
every version with the line that made it, its trace and a timestamp. Versions are
only ever appended; each records its parent, so undo and redo move along the tree
and nothing is lost. The file is replaced atomically, so a crash leaves the last
complete turn.
"""

from __future__ import annotations

import difflib
import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, ValidationError

from ..context import Level
from ..corpus import Corpus
from ..errors import SessionError, validation_line
from ..files import atomic_write
from ..posting import JobPosting

__all__ = [
    "Session",
    "Version",
    "default_session_path",
    "load_session",
    "lock_session",
    "release_session",
    "new_session",
    "render_diff",
    "save_session",
    "sha256_file",
]


MAX_SESSION_BYTES = 50_000_000  # hundreds of versions of a posting


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256_file(path: str | Path) -> str:
    """The file's SHA-256, read in pieces: a huge ``-o`` file is hashed, never held whole."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:  # callers hash regular files they found with is_file()
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


# what `save` writes by default: one of render.FORMATS (checked in the tests)
Format = Literal["md", "json", "html", "txt", "jsonld", "docx"]
# draft's options that override company.md; resume passes them to load_context again
Override = Literal["role", "seniority", "location", "salary", "company", "family"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Version(_Strict):
    """One posting and how it came about."""

    posting: JobPosting
    made_by: str  # "draft", the command line, or the feedback as typed
    kind: Literal["draft", "command", "feedback"]
    level: Level
    parent: int | None  # index of the version this one changed
    trace: dict[str, Any]
    created: str


class Session(_Strict):
    """Everything needed to resume a refinement; written after every turn."""

    format: Literal[1] = 1
    context_path: str
    context_sha256: str
    overrides: dict[Override, str]  # command-line overrides of company.md
    corpus_dirs: list[str]
    corpus_fingerprint: str
    output: str | None  # where `save` writes by default (draft's -o)
    fmt: Format = "md"
    show_sources: bool = False
    model: str | None = None  # the model free-text feedback went to; resume asks it again
    # draft's --date, --valid-through, --template-dir: save and export render with them
    date_posted: str | None = None
    valid_through: str | None = None
    template_dir: str | None = None
    written: dict[str, str] = {}  # path -> sha256 of what this session last wrote there
    current: int
    versions: list[Version]

    def lineage(self, index: int | None = None) -> list[int]:
        """Indexes from ``index`` (default current) back to the first version."""
        out: list[int] = []
        i: int | None = self.current if index is None else index
        while i is not None:
            out.append(i)
            i = self.versions[i].parent
        return out


def new_session(
    *,
    context_path: str | Path,
    overrides: dict[str, str],
    corpus: Corpus,
    posting: JobPosting,
    level: str,
    trace: dict[str, Any],
    output: str | Path | None = None,
    fmt: str = "md",
    show_sources: bool = False,
    model: str | None = None,
    date_posted: str | None = None,
    valid_through: str | None = None,
    template_dir: str | Path | None = None,
) -> Session:
    first = Version(
        posting=posting, made_by="draft", kind="draft", level=cast("Level", level), parent=None,
        trace=trace, created=now(),
    )  # fmt: skip
    return Session(
        context_path=str(Path(context_path).resolve()),
        context_sha256=sha256_file(context_path),
        overrides={cast("Override", k): v for k, v in overrides.items() if v},
        corpus_dirs=[str(Path(d).resolve()) for d in corpus.dirs[1:]],
        corpus_fingerprint=corpus.fingerprint,
        output=str(Path(output).resolve()) if output else None,
        fmt=cast("Format", fmt),
        show_sources=show_sources,
        model=model,
        date_posted=date_posted,
        valid_through=valid_through,
        template_dir=str(Path(template_dir).resolve()) if template_dir else None,
        current=0,
        versions=[first],
    )


def load_session(path: str | Path) -> Session:
    """Read a session file, or say in one line what is wrong with it."""
    import json

    from ..reading.clean import clean_values
    from ..reading.files import read_text_file

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise SessionError(f"{path}: no such session file; check the path")
    text = read_text_file(path, limit=MAX_SESSION_BYTES, error=SessionError, what="session file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(
            f"{path}: line {exc.lineno}: invalid JSON ({exc.msg}); this is not a jdtailor "
            "session file, or it was edited by hand"
        ) from None
    except (ValueError, RecursionError):  # nesting or numbers past what the parser takes
        raise SessionError(f"{path}: not a usable session file; it was edited by hand") from None
    try:
        # strings cleaned after parsing: a JSON escape (\u001b) is a control character
        # that the file's text did not show, and `show` would print it raw
        session = Session.model_validate_json(json.dumps(clean_values(data)))
    except ValidationError as exc:
        raise SessionError(
            f"{path}: {validation_line(exc)}; this is not a jdtailor session file, or it was "
            "edited by hand"
        ) from None
    except (ValueError, RecursionError):  # nesting or numbers past what the parser takes
        raise SessionError(f"{path}: not a usable session file; it was edited by hand") from None
    if not session.versions or not 0 <= session.current < len(session.versions):
        raise SessionError(f"{path}: current: no version {session.current}; the file is damaged")
    for i, version in enumerate(session.versions):
        if version.parent is not None and not 0 <= version.parent < i:
            raise SessionError(
                f"{path}: versions.{i}.parent: {version.parent} is not an earlier version; "
                "the file is damaged"
            )
    return session


_HELD: dict[str, tuple[Path, int]] = {}  # resolved session path -> (lock file, its fd)


def lock_session(path: str | Path) -> None:
    """Hold the session for this process, or raise ``SessionError`` if another has it.

    Two ``refine`` processes on one file would each write their own versions over the
    other's; the second one is refused instead. The lock is ``flock`` on a hidden
    ``.NAME.lock`` beside the file (the session itself is replaced on every save): the
    system releases it when the process ends, however it ends, so a killed holder never
    blocks the next refine. ``release_session`` (or the end of the process) removes the
    file again.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): unlocked, as before
        return
    import atexit
    import os

    path = Path(path)
    key = str(path.resolve())
    if key in _HELD or not path.is_file():
        return
    lock = path.parent / f".{path.name}.lock"
    for _ in range(10):
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError:
            return  # a read-only folder: the session cannot be saved there either; said later
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise SessionError(
                f"{path}: another jdtailor refine is using this session; finish it first (two "
                "at once would lose each other's versions)"
            ) from None
        # A holder that was leaving removed the file between our open and our lock: the
        # lock we hold is on a file nobody else can find. Take the one at the name.
        if _same_file(fd, lock):
            break
        os.close(fd)
    else:
        return  # the name keeps changing under us; leave the session unlocked, as before
    if not _HELD:
        atexit.register(_release_all)
    _HELD[key] = (lock, fd)


def _same_file(fd: int, path: Path) -> bool:
    import os

    try:
        mine, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def release_session(path: str | Path) -> None:
    """Let the session go: remove its lock file and unlock (a no-op when not held)."""
    import os

    held = _HELD.pop(str(Path(path).resolve()), None)
    if held is None:
        return
    lock, fd = held
    try:
        if _same_file(fd, lock):
            lock.unlink()  # while still locked: a waiting process then retries at the name
    except OSError:
        pass
    finally:
        os.close(fd)


def _release_all() -> None:
    for key in list(_HELD):
        release_session(key)


def save_session(session: Session, path: Path, *, first: bool = False) -> None:
    """Atomically replace the session file (the first write refuses to take a used name)."""
    try:
        atomic_write(path, session.model_dump_json(indent=1) + "\n", force=not first)
    except OSError as exc:  # disk full, permissions: the last complete file stays
        why = exc.strerror or str(exc)
        raise SessionError(f"{path}: cannot write the session file ({why})") from None


def default_session_path(output: str | Path | None, role: str | None) -> Path:
    """Next to ``output`` (post.md -> post.session.json), else in the cache dir.

    Never a name already taken: an earlier session there is kept.
    """
    import re

    from ..resources import cache_dir

    if output:
        directory, stem = Path(output).parent, Path(output).stem
    else:
        directory = cache_dir() / "sessions"
        directory.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", (role or "posting").lower()).strip("-") or "posting"
        stem = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-") + slug[:40]
    n = 1
    while True:
        path = directory / (f"{stem}.session.json" if n == 1 else f"{stem}.session-{n}.json")
        if not path.exists():
            return path
        n += 1


def render_diff(a: JobPosting, b: JobPosting, a_label: str, b_label: str) -> list[str]:
    """Unified diff of the two postings as Markdown, without the file headers' dates."""
    from ..render import render

    return list(
        difflib.unified_diff(
            render(a, "md").splitlines(),
            render(b, "md").splitlines(),
            a_label,
            b_label,
            n=1,
            lineterm="",
        )
    )
