"""Renderers: one function per output format, all reading a ``JobPosting``."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..posting import JobPosting

__all__ = ["FORMATS", "render"]

# format -> (module, function); imported on use so a format costs nothing until asked for
_RENDERERS: dict[str, tuple[str, str]] = {
    "md": ("markdown", "render_markdown"),
    "json": ("jsonfmt", "render_json"),
    "html": ("html", "render_html"),
    "txt": ("txt", "render_txt"),
    "jsonld": ("jsonld", "render_jsonld"),
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(posting: JobPosting, fmt: str = "md", **options: object) -> str:
    """Render ``posting`` as ``fmt``; options are passed to the renderer."""
    module, func = _RENDERERS[fmt]
    renderer: Callable[..., str] = getattr(import_module(f".{module}", __name__), func)
    return renderer(posting, **options)
