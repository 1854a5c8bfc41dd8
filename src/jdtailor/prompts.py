"""Prompt templates: a Jinja2 environment over the shipped ``prompts/`` directory.

Templates render with ``StrictUndefined``: a variable the caller forgot is an
error, never an empty string. ``templates_hash`` changes whenever any template
does, so cached replies from older prompts are not reused.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from typing import Any

from .errors import JdtailorError
from .resources import data_dir

__all__ = ["environment", "fence", "render", "templates_hash"]


@cache
def environment() -> Any:
    import jinja2

    directory = data_dir("prompts")
    if not directory.is_dir():
        raise JdtailorError(f"prompt templates missing: {directory}; reinstall jdtailor")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        bytecode_cache=_bytecode_cache(jinja2),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _bytecode_cache(jinja2: Any) -> Any:
    """Compiled templates kept in the cache dir: saves compiling them in every process."""
    from .resources import cache_dir

    directory = cache_dir() / "templates"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # read-only home: compile each time
    if not os.access(directory, os.W_OK):
        return None  # jinja2 would fail writing its temporary file there

    class Bounded(jinja2.FileSystemBytecodeCache):  # type: ignore[misc, name-defined]
        """Reads back only what jinja2 wrote for this very template: bounded and never
        blocking (a FIFO there would hang the draft), and the pickled checksum compared
        byte for byte before jinja2 unpickles anything."""

        def load_bytecode(self, bucket: Any) -> None:
            import pickle

            from jinja2.bccache import bc_magic

            from .reading.files import read_own

            try:
                data = read_own(self._get_cache_filename(bucket), limit=4 << 20, what="cache")
            except (JdtailorError, OSError):
                return
            head = bc_magic + pickle.dumps(bucket.checksum, 2)
            if data is None or not data.startswith(head):
                return
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # noqa: BLE001 - a damaged cache only costs a compile
                bucket.reset()

    return Bounded(str(directory))


def render(name: str, **variables: Any) -> str:
    """Render ``prompts/<name>`` with ``variables``."""
    import jinja2

    try:
        return environment().get_template(name).render(**variables).strip() + "\n"
    except jinja2.TemplateNotFound:
        raise JdtailorError(
            f"prompt template {name} missing from {data_dir('prompts')}; reinstall jdtailor"
        ) from None


@cache
def templates_hash() -> str:
    """A hash of every template's name and text."""
    digest = hashlib.sha256()
    for path in sorted(data_dir("prompts").glob("*.j2")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fence(text: str) -> str:
    """A backtick fence longer than any backtick run in ``text``, so data cannot close it."""
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)
