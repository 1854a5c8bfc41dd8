"""Spread a large CPU-bound job over this machine's cores with ``fork``, or run it here.

``corpus check`` on a user corpus of tens of thousands of items spends seconds in
YAML parsing and per-item style checks, each item on its own. Forked children share
the parent's memory (nothing is pickled on the way in, only results on the way back),
so the split costs milliseconds. Where ``fork`` is not offered (Windows, macOS's
default) or only one core is free, everything runs in this process, with the same
results.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["cores", "fork_map", "split"]

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _child(func: Callable[[Any], Any], chunk: Any, send: Any) -> None:
    try:
        send.send(("ok", func(chunk)))
    except BaseException as exc:  # the parent redoes the chunk and reports it itself
        send.send(("failed", repr(exc)[:200]))
    finally:
        send.close()


def fork_map(func: Callable[[T], R], chunks: Sequence[T], *, workers: int | None = None) -> list[R]:
    """``[func(c) for c in chunks]``, the chunks but the last in forked children.

    A child that fails or dies has its chunk run again here, so an error is raised
    (and reported) exactly as a plain loop would raise it.
    """
    workers = min(workers or cores(), len(chunks))
    if workers < 2 or sys.platform != "linux":
        return [func(c) for c in chunks]
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    # One child per chunk but the last; callers pass as many chunks as cores.
    started: list[tuple[Any, Any, T]] = []
    for chunk in chunks[:-1]:
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(func, chunk, send), daemon=True)
        try:
            proc.start()
        except OSError:  # no process left to fork: do it here
            recv.close()
            send.close()
            started.append((None, None, chunk))
            continue
        send.close()
        started.append((proc, recv, chunk))
    last = func(chunks[-1])
    results: list[R] = []
    for proc, recv, chunk in started:
        outcome: Any = None
        if recv is not None:
            try:
                outcome = recv.recv()
            except (EOFError, OSError):
                outcome = None
            recv.close()
        if proc is not None:
            proc.join()
        if outcome is not None and outcome[0] == "ok":
            results.append(outcome[1])
        else:
            results.append(func(chunk))
    results.append(last)
    return results


def split(seq: Sequence[T], parts: int) -> list[Sequence[T]]:
    """``seq`` in ``parts`` contiguous slices of near-equal length (none empty)."""
    parts = max(1, min(parts, len(seq)))
    size, extra = divmod(len(seq), parts)
    out, start = [], 0
    for n in range(parts):
        end = start + size + (n < extra)
        out.append(seq[start:end])
        start = end
    return out
