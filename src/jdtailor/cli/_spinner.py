"""A spinner with elapsed time (and tokens, as a reply streams in) on stderr
while a model thinks; silent when stderr is not a terminal (pipes, CI, tests)."""

from __future__ import annotations

import contextlib
import itertools
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

__all__ = ["Status", "spinner"]

_FRAMES = "|/-\\"


class Status:
    """What the block reports while it runs: ``update(tokens)`` as they arrive."""

    tokens = 0

    def update(self, tokens: int) -> None:
        self.tokens = tokens


@contextlib.contextmanager
def spinner(label: str, stream: TextIO | None = None, interval: float = 0.1) -> Iterator[Status]:
    """Show ``| waiting for MODEL… 3.2s, 120 tokens`` until the block ends, then
    clear the line."""
    stream = stream or sys.stderr
    status = Status()
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield status
        return
    done = threading.Event()
    started = time.monotonic()

    def spin() -> None:
        for frame in itertools.cycle(_FRAMES):
            elapsed = time.monotonic() - started
            tokens = f", {status.tokens:,} tokens" if status.tokens else ""
            stream.write(f"\r{frame} {label}… {elapsed:.1f}s{tokens} ")
            stream.flush()
            if done.wait(interval):
                break

    thread = threading.Thread(target=spin, daemon=True)
    thread.start()
    try:
        yield status
    finally:
        done.set()
        thread.join()
        stream.write("\r\033[K")
        stream.flush()
