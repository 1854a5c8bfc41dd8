"""Help placeholders that read as words: ``SESSION_FILE``, ``FILE``, ``TEXT``, ``N``.

Typer 0.2x writes an argument as ``{session_file}`` and a value as ``<path>``,
``<str>`` or ``<list[str]>``: Python's names, not the user's. ``install()``
replaces the three methods that produce them with the conventions of click and
most Unix tools. An option given its own ``metavar`` keeps it; choices stay
``[md|json|html]``. If a future Typer no longer has these methods, nothing is
changed and the help is Typer's own.
"""

from __future__ import annotations

from typing import Any

__all__ = ["install", "placeholder"]


def placeholder(param: Any) -> str | None:
    """The word for ``param``'s value: FILE, DIR, TEXT, N, NUMBER, [a|b], or None."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None:
        return None
    name = (getattr(param, "name", "") or "").lower()
    if getattr(desc, "is_choice", False):
        choices = [str(getattr(c, "value", c)) for c in (desc.choices or ())]
        return f"[{'|'.join(choices)}]"
    annotation = getattr(desc, "annotation", None)
    element = getattr(annotation, "__args__", (annotation,))[0] if desc.is_list else annotation
    from pathlib import Path

    if getattr(desc, "is_path", False) or (isinstance(element, type) and issubclass(element, Path)):
        word = "DIR" if "dir" in name else "FILE"
    elif element is int:
        word = "N"
    elif element is float:
        word = "SECONDS" if "timeout" in name else "NUMBER"
    else:
        word = "TEXT"
    return word


def install() -> None:
    """Patch Typer's placeholder methods (once; a no-op where they do not exist)."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover - typer is a dependency
        return
    param_cls = getattr(core, "_TyperParameter", None)
    argument = getattr(core, "TyperArgument", None)
    if param_cls is None or argument is None or getattr(param_cls, "_jdtailor", False):
        return
    if not all(
        hasattr(cls, attr)
        for cls, attr in (
            (param_cls, "display_type"),
            (argument, "_usage_display_name"),
            (argument, "_rich_display_name"),
            (argument, "display_type_rich"),
        )
    ):
        return
    original = param_cls.display_type

    def display_type(self: Any, ctx: Any) -> str:
        try:
            word = placeholder(self)
        except Exception:  # an unexpected parameter shape: Typer's own text
            word = None
        return word if word is not None else original(self, ctx)

    def argument_name(self: Any) -> str:
        return str(self.metavar or (self.name or "").upper())

    def usage_name(self: Any) -> str:
        name = argument_name(self)
        if not self.required:
            name = f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def rich_name(self: Any) -> str:
        return argument_name(self) + ("..." if self.metavar is None and self.nargs != 1 else "")

    param_cls.display_type = display_type
    argument._usage_display_name = usage_name
    argument._rich_display_name = rich_name
    argument.display_type_rich = lambda self, ctx: None  # the name says it: FILE, not FILE FILE
    param_cls._jdtailor = True
