"""JobPosting as JSON: the contract itself, readable by ``lint`` and ``render``."""

from __future__ import annotations

from ..posting import JobPosting


def render_json(posting: JobPosting, **_: object) -> str:
    return posting.model_dump_json(indent=2) + "\n"
