"""Compiled regular expressions kept between runs of the command line.

An offline ``draft`` compiles about 140 patterns (the lint rules, the context's
traits, the corpus and title rules), ~28 ms of its ~0.3 s. Almost all of that is
``re``'s parser and code generator, which are plain Python; the result is a list
of integers that ``_sre`` turns into a pattern at once. The command line keeps
those results in the cache dir, keyed by the pattern, its flags and the
interpreter (its cache tag and ``_sre.MAGIC``), so a later run hands them
straight to ``_sre``.

Nothing changes for a pattern the cache does not hold, and any doubt falls back
to ``re``'s own compiler: an interpreter whose ``re`` is laid out differently, a
damaged or foreign file (read sealed: it is ignored), code ``_sre`` refuses (it
validates what it is given). Only ``cli.main`` installs it; the library and the
tests compile as Python always does.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any

__all__ = ["install"]

_MAGIC = b"jdtailor regex cache\n"
_LIMIT = 8 << 20  # bytes; ~140 patterns take ~0.1 MB
_ENTRIES = 400  # patterns kept at most: a draft uses ~115, lint and eval a few more
_FEW = 2  # a run that compiled only this many new patterns (built from its input, most
# likely) does not rewrite the file


def install() -> None:
    """Route ``re``'s compiler through the cache for the rest of this process."""
    from importlib import import_module

    try:
        _sre = import_module("_sre")
        compiler = import_module("re._compiler")  # Python 3.11+
        _parser = import_module("re._parser")
        code_of = compiler._code
        original = compiler.compile
    except (ImportError, AttributeError):
        return
    from .reading.sealed import load_sealed
    from .resources import cache_dir

    try:
        path = cache_dir() / f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"
        stored = load_sealed(path, _MAGIC, _LIMIT)
    except (OSError, RuntimeError, ValueError):  # no home folder, an unusable cache dir
        return
    known: dict[tuple[str, int], tuple] = stored if isinstance(stored, dict) else {}
    added: dict[tuple[str, int], tuple] = {}
    used: set[tuple[str, int]] = set()
    debug = int(compiler.SRE_FLAG_DEBUG)

    def compile(p: Any, flags: int = 0) -> Any:  # noqa: A001 - re's own name
        if not isinstance(p, str) or flags & debug:
            return original(p, flags)
        key = (p, int(flags))
        hit = known.get(key)
        if hit is not None:
            try:
                pattern = _sre.compile(p, *hit)
            except Exception:  # noqa: BLE001 - refused or malformed: compile it afresh
                known.pop(key, None)
            else:
                used.add(key)
                return pattern
        try:
            parsed = _parser.parse(p, flags)
            code = code_of(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            parts = (
                int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1,
                groupindex, tuple(indexgroup),
            )  # fmt: skip
            pattern = _sre.compile(p, *parts)
        except Exception:  # noqa: BLE001 - let re raise its own error, as it would
            return original(p, flags)
        if len(added) < _ENTRIES:  # a long batch meets patterns without end: keep a few
            added[key] = parts
        return pattern

    def save() -> None:
        if not added or (known and len(added) <= _FEW):
            return
        from .reading.sealed import seal

        # what this run used first, then what earlier runs kept, up to the cap
        kept = {**added, **{k: known[k] for k in used if k in known}}
        for key, parts in known.items():
            if len(kept) >= _ENTRIES:
                break
            kept.setdefault(key, parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(seal(dict(list(kept.items())[:_ENTRIES]), _MAGIC))
            os.replace(tmp, path)
        except (OSError, ValueError):
            pass  # a cache we cannot write only costs time

    setattr(compiler, "compile", compile)  # noqa: B010 - re looks it up on each miss
    atexit.register(save)
