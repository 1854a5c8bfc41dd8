"""One chat request in one of three structured modes, and the local validation
every mode shares.

    json_schema  response_format = the SDK's strict JSON schema of the model
    json_object  response_format = {"type": "json_object", "schema": ...}; the
                 schema is also given in the prompt (llama.cpp reads ``schema``)
    prompt       no response_format; the first JSON object in the reply is taken

Whatever the server promises, the reply is parsed and validated here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ModelConfigError, ModelRefusedError, TruncatedReplyError

__all__ = [
    "MODES",
    "InvalidReply",
    "Reply",
    "check_finish",
    "parse_reply",
    "response_format",
    "strict_schema",
]

MODES: tuple[str, ...] = ("json_schema", "json_object", "prompt")
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
def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The SDK's strict JSON schema for ``model`` (what ``.parse()`` would send)."""
    from openai.lib._pydantic import to_strict_json_schema

    return to_strict_json_schema(model)


def response_format(mode: str, model: type[BaseModel]) -> dict[str, Any] | None:
    """The ``response_format`` request field for ``mode`` (None: send none)."""
    check_mode(mode)
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": model.__name__, "schema": strict_schema(model), "strict": True},
        }
    if mode == "json_object":
        return {"type": "json_object", "schema": strict_schema(model)}
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
        limit = f" of {max_tokens}" if max_tokens else ""
        raise TruncatedReplyError(
            f"model {model!r} stopped at the token limit{limit} before finishing the posting; "
            f"pass a larger --max-tokens (e.g. {max(2 * (max_tokens or 2048), 4096)})"
        )


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
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False)[:12]:
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "is not a field of the schema; remove it"
            elif err["type"] == "missing":
                msg = "is missing"
            problems.append(f"{_location(err['loc'])}: {msg}")
        raise InvalidReply(problems, content) from None
