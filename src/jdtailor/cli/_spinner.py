"""A spinner with elapsed time on stderr while a model thinks; silent when stderr
is not a terminal (pipes, CI, tests)."""

from __future__ import annotations

import contextlib
import itertools
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

__all__ = ["spinner"]

_FRAMES = "|/-\\"


@contextlib.contextmanager
def spinner(label: str, stream: TextIO | None = None, interval: float = 0.1) -> Iterator[None]:
    """Show ``| waiting for MODEL… 3.2s`` until the block ends, then clear the line."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield
        return
    done = threading.Event()
    started = time.monotonic()

    def spin() -> None:
        for frame in itertools.cycle(_FRAMES):
            elapsed = time.monotonic() - started
            stream.write(f"\r{frame} {label}… {elapsed:.1f}s ")
            stream.flush()
            if done.wait(interval):
                break

    thread = threading.Thread(target=spin, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        stream.write("\r\033[K")
        stream.flush()
