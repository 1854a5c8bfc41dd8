"""One chat request in one of three structured modes, and the local validation
every mode shares.

    json_schema  response_format = the strict JSON schema of the model
    json_object  response_format = {"type": "json_object", "schema": ...}
                 (llama.cpp turns ``schema`` into a grammar); the prompt shows
                 the shape by example, not by schema
    prompt       no response_format; the first JSON object in the reply is taken
    auto         json_schema first, then json_object, then prompt, as far as the
                 server refuses each (``FALLBACK``); the answer is remembered

Whatever the server promises, the reply is parsed and validated here, and what
is wrong goes back as a few plain sentences, the worst fault first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import (
    FieldProblem,
    ModelConfigError,
    ModelRefusedError,
    RunawayReplyError,
    TruncatedReplyError,
    field_problems,
)

__all__ = [
    "MODES",
    "InvalidReply",
    "Reply",
    "check_finish",
    "parse_reply",
    "repeating",
    "response_format",
    "strict_schema",
    "strict_variant",
]

MODES: tuple[str, ...] = ("auto", "json_schema", "json_object", "prompt")
# auto's order: the next mode to try when a server refuses one.
FALLBACK: dict[str, str] = {"json_schema": "json_object", "json_object": "prompt"}
M = TypeVar("M", bound=BaseModel)
_DECODER = json.JSONDecoder(strict=False)  # small local models put raw newlines in strings


class InvalidReply(Exception):
    """A reply that arrived but cannot be used; ``problems`` go back to the model."""

    def __init__(self, problems: list[str], content: str) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.content = content


@dataclass
class Reply:
    """What came back from one request."""

    content: str
    finish_reason: str | None
    refusal: str | None


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ModelConfigError(f"unknown structured mode {mode!r}; use one of {', '.join(MODES)}")
    return mode


@cache
def _strict_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    _strict(schema)
    return json.dumps(schema)


def _strict(node: Any) -> None:
    """OpenAI strict mode: every object closed and every property required. Our
    models already are (``extra="forbid"``, no defaults); this keeps it so."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            node["required"] = list(node["properties"])
        node.pop("default", None)
        for value in node.values():
            _strict(value)
    elif isinstance(node, list):
        for value in node:
            _strict(value)


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The strict JSON schema for ``model`` (what the SDK's ``.parse()`` would send),
    built by pydantic alone, without the SDK. A fresh copy."""
    return json.loads(_strict_schema(model))


# What OpenAI's strict structured outputs accept besides ``type``, per type (its guide,
# "Supported schemas"): composition is anyOf only; strings take pattern and format but
# no minLength/maxLength; arrays take minItems/maxItems. Fine-tuned models ("ft:...")
# take none of the type-specific bounds.
_STRICT_ANY = frozenset({"type", "enum", "anyOf", "$ref", "$defs", "title", "description"})
_STRICT_BY_TYPE: dict[str, frozenset[str]] = {
    "object": frozenset({"properties", "required", "additionalProperties"}),
    "array": frozenset({"items", "minItems", "maxItems"}),
    "string": frozenset({"pattern", "format"}),
    "number": frozenset(
        {"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"}
    ),
}
_STRICT_BY_TYPE["integer"] = _STRICT_BY_TYPE["number"]
_BOUNDS = frozenset(
    {"minItems", "maxItems", "pattern", "format", "multipleOf", "maximum", "exclusiveMaximum",
     "minimum", "exclusiveMinimum"}
)  # fmt: skip


def strict_variant(schema: Any, *, fine_tuned: bool = False) -> Any:
    """``schema`` without the keywords OpenAI's strict mode refuses (``maxLength``,
    ``default``, ``allOf`` ...; for a fine-tuned model every bound too). What is left
    out is still enforced here, when the reply is validated and checked."""
    if isinstance(schema, list):
        return [strict_variant(v, fine_tuned=fine_tuned) for v in schema]
    if not isinstance(schema, dict):
        return schema
    types = schema.get("type")
    names = types if isinstance(types, list) else [types]
    allowed = set(_STRICT_ANY).union(*(_STRICT_BY_TYPE.get(str(t), ()) for t in names))
    if fine_tuned:
        allowed -= _BOUNDS
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key not in allowed:
            continue
        if key in ("properties", "$defs"):
            out[key] = {k: strict_variant(v, fine_tuned=fine_tuned) for k, v in value.items()}
        else:
            out[key] = strict_variant(value, fine_tuned=fine_tuned)
    return out


def response_format(
    mode: str,
    model: type[BaseModel],
    schema: dict[str, Any] | None = None,
    *,
    model_name: str = "",
) -> dict[str, Any] | None:
    """The ``response_format`` request field for ``mode`` (None: send none).

    ``schema`` replaces the model's plain strict schema (e.g. one with bounds). In
    json_schema mode it goes as OpenAI's strict mode accepts it (``strict_variant``;
    ``model_name`` tells a fine-tuned model)."""
    check_mode(mode)
    mode = "json_schema" if mode == "auto" else mode  # where auto starts
    schema = schema if schema is not None else strict_schema(model)
    if mode == "json_schema":
        sent = strict_variant(schema, fine_tuned=model_name.startswith("ft:"))
        return {
            "type": "json_schema",
            "json_schema": {"name": model.__name__, "schema": sent, "strict": True},
        }
    if mode == "json_object":
        return {"type": "json_object", "schema": schema}
    return None


def check_finish(reply: Reply, *, model: str, max_tokens: int | None) -> None:
    """Fail fast on a refusal or a truncated reply; neither is worth re-asking."""
    if reply.refusal:
        text = " ".join(reply.refusal.split())
        text = text if len(text) <= 200 else text[:197] + "..."
        raise ModelRefusedError(f"model {model!r} refused: {text}")
    if reply.finish_reason == "content_filter":
        raise ModelRefusedError(
            f"model {model!r} stopped: the server's content filter blocked the reply"
        )
    if reply.finish_reason == "length":
        if repeating(reply.content):
            raise RunawayReplyError(
                f"model {model!r} repeated itself until the token limit", content=reply.content
            )
        limit = f" of {max_tokens}" if max_tokens else ""
        raise TruncatedReplyError(
            f"model {model!r} stopped at the token limit{limit} before finishing; "
            f"pass a larger --max-tokens (e.g. {max(2 * (max_tokens or 2048), 4096)})",
            content=reply.content,
        )


def repeating(text: str, *, window: int = 120, times: int = 3) -> bool:
    """Whether the reply has fallen into a loop: its last ``window`` characters
    (whitespace aside) already stand ``times`` times in it."""
    flat = " ".join(text.split())
    if len(flat) < window * times:
        return False
    return flat.count(flat[-window:]) >= times


def first_json_object(text: str) -> Any:
    """The first JSON object in ``text`` (prose or code fences around it are skipped)."""
    start = text.find("{")
    while start != -1:
        try:
            value, _ = _DECODER.raw_decode(text, start)
        except ValueError:
            start = text.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    raise ValueError("no JSON object")


def _location(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the object"


def _kind(value: Any, plural: bool = False) -> str:
    names = {
        str: ("a plain string", "plain strings"),
        bool: ("true/false", "true/false values"),
        int: ("a number", "numbers"),
        float: ("a number", "numbers"),
        list: ("a list", "lists"),
        dict: ("an object", "objects"),
        type(None): ("null", "nulls"),
    }
    one, many = names.get(type(value), ("a value", "values"))
    return many if plural else one


def _submodel(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model expected at ``loc`` (list indexes skipped), if any."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        found = None
        stack = [annotation]
        while stack:
            item = stack.pop()
            if isinstance(item, type) and issubclass(item, BaseModel):
                found = item
                break
            stack.extend(typing.get_args(item))
        current = found
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def looks_like_schema(data: Any) -> bool:
    """A JSON Schema sent back instead of data (small models echo the prompt)."""
    if not isinstance(data, dict):
        return False
    if "$defs" in data or "properties" in data or "$schema" in data:
        return True
    typed = [v for v in data.values() if isinstance(v, dict) and ("type" in v or "anyOf" in v)]
    return len(typed) >= 3


# Faults in the order they are worth fixing: a wrong shape hides everything else.
_RANK = {"model_type": 0, "dict_type": 0, "list_type": 1, "extra_forbidden": 3, "missing": 4}


def describe_errors(exc: ValidationError, data: Any, model: type[BaseModel]) -> list[str]:
    """A pydantic error list as a few plain sentences for the model: one per kind of
    fault and place (``responsibilities[0..19]`` collapse to "all 20
    responsibilities"), the worst fault first. Each error's own words are
    ``errors.field_problems``' (as a user reads them in ``validation_line``)."""
    groups: dict[tuple[str, tuple[Any, ...]], list[FieldProblem]] = {}
    for problem in field_problems(exc):
        shape = tuple("*" if isinstance(p, int) else p for p in problem.loc)
        groups.setdefault((problem.type, shape), []).append(problem)
    ordered = sorted(groups.items(), key=lambda kv: (_RANK.get(kv[0][0], 2), kv[0][1]))
    missing: list[str] = []
    extra: list[str] = []
    lines: list[str] = []
    for (kind, shape), errs in ordered:
        first = errs[0]
        where = _location(first.loc)
        if "*" in shape and len(errs) > 1:
            head = shape[: shape.index("*")]
            section = _location(head)
            total = _length(data, head)
            many = (
                f"all {total} {section}" if total == len(errs) else f"{len(errs)} of the {section}"
            )
            tail = _location(shape[shape.index("*") + 1 :]) if shape[-1] != "*" else ""
            where = f"{tail} in {many}" if tail and tail != "the object" else many
        plural = len(errs) > 1
        if kind in ("model_type", "dict_type"):
            sub = _submodel(model, first.loc)
            fields = ", ".join(sub.model_fields) if sub else ""
            shape_text = f"{{{fields}}}" if fields else "an object"
            got = _kind(first.input, plural)
            verb = "are" if plural else "is"
            each = "each must be" if plural else "it must be"
            lines.append(f"{where} {verb} {got}; {each} an object {shape_text}")
        elif kind == "missing":
            missing.append(where)
        elif kind == "extra_forbidden":
            extra.append(where)
        else:
            lines.append(f"{where}: {first.message}")
    if extra:
        lines.append(f"not fields of the format: {', '.join(extra)}; remove them")
    if missing:
        lines.append(f"missing: {', '.join(missing)} (use null or [] where the notes say nothing)")
    return lines[:8]


def _length(data: Any, path: tuple[Any, ...]) -> int:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return -1
    return len(data) if isinstance(data, list) else -1


def parse_reply(content: str, model: type[M]) -> M:
    """Parse and validate a reply into ``model``; ``InvalidReply`` lists what is wrong."""
    if not content or not content.strip():
        raise InvalidReply(["the reply was empty; reply with one JSON object"], content or "")
    try:
        data = first_json_object(content)
    except ValueError:
        raise InvalidReply(
            ["the reply is not a JSON object; reply with one JSON object and nothing else"],
            content,
        ) from None
    if looks_like_schema(data):
        raise InvalidReply(
            [
                "the reply is the JSON schema (the description of the format), not a "
                f"{model.__name__}; send the filled-in object itself, like the example"
            ],
            content,
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidReply(describe_errors(exc, data, model), content) from None
