"""Find the data that ships with jdtailor (corpus/, prompts/, evals/).

An installed wheel carries them under ``jdtailor/_data/``; an editable checkout
keeps them at the repository root. One resolver serves both.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["cache_dir", "data_dir", "user_dir"]

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Directory of shipped data ``name`` ("corpus", "prompts", "evals")."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    return packaged  # missing; callers report it with this path


def user_dir(kind: str) -> Path:
    """jdtailor's folder of the user's ``kind`` ("cache" or "config"):
    $JDTAILOR_<KIND>_DIR, else $XDG_<KIND>_HOME/jdtailor, else ~/.<kind>/jdtailor."""
    import os

    explicit = os.environ.get(f"JDTAILOR_{kind.upper()}_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get(f"XDG_{kind.upper()}_HOME") or str(Path.home() / f".{kind}")
    return Path(base) / "jdtailor"


def cache_dir() -> Path:
    """Where jdtailor keeps caches: $JDTAILOR_CACHE_DIR, else the user cache dir."""
    return user_dir("cache")
