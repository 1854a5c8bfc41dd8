"""Renderers: one function per output format, all reading a ``JobPosting``."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..posting import JobPosting

__all__ = ["BINARY_FORMATS", "FORMATS", "render", "render_bytes"]

# format -> (module, function); imported on use so a format costs nothing until asked for
_RENDERERS: dict[str, tuple[str, str]] = {
    "md": ("markdown", "render_markdown"),
    "json": ("jsonfmt", "render_json"),
    "html": ("html", "render_html"),
    "txt": ("txt", "render_txt"),
    "jsonld": ("jsonld", "render_jsonld"),
    "docx": ("docx", "render_docx"),
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)
# formats whose renderer returns bytes: never written to a terminal, never diffed
BINARY_FORMATS: tuple[str, ...] = ("docx",)


def _renderer(fmt: str) -> Callable[..., str | bytes]:
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module, func = _RENDERERS[fmt]
    renderer: Callable[..., str | bytes] = getattr(import_module(f".{module}", __name__), func)
    return renderer


def render(posting: JobPosting, fmt: str = "md", **options: object) -> str:
    """Render ``posting`` as a text format; options are passed to the renderer."""
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is a binary format; use render_bytes")
    text = _renderer(fmt)(posting, **options)
    assert isinstance(text, str)
    return text


def render_bytes(posting: JobPosting, fmt: str = "md", **options: object) -> bytes:
    """Render ``posting`` as the bytes of a file in ``fmt`` (text formats as UTF-8)."""
    out = _renderer(fmt)(posting, **options)
    return out.encode("utf-8") if isinstance(out, str) else out
