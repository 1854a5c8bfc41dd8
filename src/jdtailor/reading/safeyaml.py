"""YAML as people write it, and nothing more: no tags, a few aliases, real dates.

libyaml's safe loader already refuses to build objects, but a 366-byte "billion
laughs" (aliases of aliases) still expands to a structure nothing downstream can
walk, an impossible date (``2026-02-30``) or a 5,000-digit number raises a bare
``ValueError``, and deep nesting a ``RecursionError``. Here all of these are one
``YamlError`` with the line, which callers turn into their own message.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAX_ALIASES", "YamlError", "load_yaml"]

MAX_ALIASES = 20
MAX_DEPTH = 50


class YamlError(ValueError):
    """Why a YAML text was refused; ``line`` is 1-based within that text, or None."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


_LOADER: Any = None


def _loader() -> Any:
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml
    from yaml.constructor import ConstructorError, SafeConstructor

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            # YAML keeps the last of two equal keys: the first value would vanish unseen
            pairs = list(node.value)
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(pairs):  # equal keys, or a merge (<<) that overrides
                seen: set[Any] = set()
                for key_node, _ in pairs:
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node, deep=True)
                    if key in seen:
                        raise ConstructorError(
                            None, None, f"{str(key)[:40]!r} is given twice; keep one",
                            key_node.start_mark,
                        )  # fmt: skip
                    seen.add(key)
            return mapping

    def guarded(construct: Any, what: str) -> Any:
        def run(loader: Any, node: Any) -> Any:
            try:
                return construct(loader, node)
            except (ValueError, OverflowError):
                raise ConstructorError(
                    None, None, f"{node.value[:40]!r} is not a valid {what}", node.start_mark
                ) from None

        return run

    Loader.add_constructor(
        "tag:yaml.org,2002:timestamp", guarded(SafeConstructor.construct_yaml_timestamp, "date")
    )
    Loader.add_constructor(
        "tag:yaml.org,2002:int", guarded(SafeConstructor.construct_yaml_int, "number")
    )
    _LOADER = Loader
    return Loader


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _screen(text: str) -> None:
    """Count aliases, refuse tags and deep nesting, from the event stream (no objects built)."""
    import yaml

    aliases = depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlError(
                    f"more than {MAX_ALIASES} aliases (*name); write the values out",
                    _line(event),
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nested more than {MAX_DEPTH} deep", _line(event))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.NodeEvent) and tag not in (None, "!"):
            raise YamlError(
                f"tags ({str(tag)[:40]}) are not allowed; write a plain value", _line(event)
            )


def load_yaml(text: str) -> Any:
    """Parse ``text`` as safe YAML; every refusal is a ``YamlError`` with its line."""
    import yaml

    try:
        if "&" in text or "*" in text or "!" in text:
            _screen(text)  # only texts that could hold aliases, tags or deep nesting
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        # libyaml puts "the file ended too soon" on the line after the last one
        last = text.count("\n") + (not text.endswith("\n"))
        line = min(mark.line + 1, max(last, 1)) if mark is not None else None
        raise YamlError(str(problem)[:120], line) from None
    except RecursionError:
        raise YamlError(f"nested more than {MAX_DEPTH} deep") from None
