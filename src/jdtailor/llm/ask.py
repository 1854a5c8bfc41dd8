"""Ask for a structured reply: cache, request, validate, re-ask.

One owner per retry class. The SDK retries transport failures and 429/5xx
(``retries``, honouring Retry-After). Tenacity here owns validation re-asks: a
reply that does not parse, fit the schema or pass the caller's ``check`` is sent
back with its problems and the caller's repair prompt, up to ``max_attempts``
requests. Refusals, truncation, quota, 400s and auth errors fail at once.
Nothing here knows what a posting is: the caller gives the pydantic model, the
check and the repair prompt.
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..errors import CacheMissError, ModelConfigError, ModelError
from .cache import CACHE_MODES, CachedReply, ReplyCache, cache_key
from .client import (
    Endpoint,
    configured_url,
    make_client,
    public_url,
    resolve_endpoint,
    translate_error,
)
from .structured import (
    InvalidReply,
    Reply,
    check_finish,
    check_mode,
    parse_reply,
    response_format,
)
from .usage import Usage

__all__ = ["LLMSettings", "Outcome", "Progress", "RepairsExhausted", "StructuredClient"]

M = TypeVar("M", bound=BaseModel)
Message = dict[str, str]
Progress = Callable[[str], AbstractContextManager[Any]]


@dataclass
class LLMSettings:
    """Everything that decides how a model is asked (the key is never stored here
    unless passed explicitly; by default it is read from ``OPENAI_API_KEY``)."""

    model: str
    structured: str = "json_schema"
    max_attempts: int = 3
    retries: int = 2
    timeout: float = 60.0
    max_tokens: int | None = 4096
    cache: str = "use"
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    cache_dir: Path | None = None

    def validate(self) -> LLMSettings:
        if not self.model or not self.model.strip():
            raise ModelConfigError("no model name; pass -m MODEL or set JDTAILOR_MODEL")
        check_mode(self.structured)
        if self.cache not in CACHE_MODES:
            raise ModelConfigError(
                f"unknown cache mode {self.cache!r}; use one of {', '.join(CACHE_MODES)}"
            )
        if self.max_attempts < 1:
            raise ModelConfigError("--max-attempts must be 1 or more")
        if self.retries < 0:
            raise ModelConfigError("--retries must be 0 or more")
        if not self.timeout > 0:
            raise ModelConfigError("--timeout must be more than 0 seconds")
        if self.max_tokens is not None and self.max_tokens < 1:
            raise ModelConfigError("--max-tokens must be 1 or more")
        return self


@dataclass
class Outcome(Generic[M]):
    """A validated reply and what it took to get it."""

    value: M
    content: str
    attempts: int  # requests made for this outcome (0 on a cache hit)
    usage: Usage
    cache_hit: bool
    ms: float


class RepairsExhausted(Exception):
    """Every attempt gave an invalid reply; carries the last one and its problems."""

    def __init__(self, problems: list[str], content: str, attempts: int, usage: Usage) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.content = content
        self.attempts = attempts
        self.usage = usage


class StructuredClient:
    """Asks one model for replies that validate as a pydantic model.

    ``usage`` sums every request this client made, failed ones included. The
    openai client is built on the first request, so a cache hit imports nothing.
    """

    def __init__(
        self,
        settings: LLMSettings,
        *,
        progress: Progress | None = None,
        client: Any = None,
    ) -> None:
        self.settings = settings.validate()
        self.usage = Usage()
        self._progress = progress
        self._client = client
        self._endpoint: Endpoint | None = None
        self._closer: weakref.finalize | None = None
        from ..resources import cache_dir

        self.cache = ReplyCache(settings.cache_dir or cache_dir() / "replies", settings.cache)

    def close(self) -> None:
        """Close the HTTP connections this client opened (a passed-in client is left open)."""
        if self._closer is not None:
            self._closer()

    @property
    def base_url(self) -> str:
        """The server's base URL, without credentials."""
        return public_url(configured_url(self.settings.base_url))

    @property
    def endpoint(self) -> Endpoint:
        if self._endpoint is None:
            self._endpoint = resolve_endpoint(self.settings.base_url, self.settings.api_key)
        return self._endpoint

    def ask(
        self,
        messages: list[Message],
        model: type[M],
        *,
        check: Callable[[M], list[str]],
        repair: Callable[[list[str]], str],
        salt: str = "",
    ) -> Outcome[M]:
        """A reply that parses as ``model`` and passes ``check`` (no problems).

        Raises ``RepairsExhausted`` when ``max_attempts`` replies all fail, and a
        ``ModelError`` for anything that re-asking cannot fix.
        """
        s = self.settings
        started = time.perf_counter()
        fmt = response_format(s.structured, model)
        key = cache_key(
            url=self.base_url,
            model=s.model,
            messages=messages,
            response_format=fmt,
            params={"max_tokens": s.max_tokens, "mode": s.structured},
            salt=salt,
        )
        hit = self.cache.get(key)
        if hit is not None:
            try:
                value = self._validate(hit.content, model, check)
            except InvalidReply:
                pass  # stale: the checks changed since it was stored
            else:
                used = Usage(cache_hits=1)
                self.usage.merge(used)
                ms = (time.perf_counter() - started) * 1000
                return Outcome(value, hit.content, 0, used, True, ms)
        if self.cache.mode == "only":
            raise CacheMissError(
                f"no cached reply for this request to {s.model!r} (--cache only); "
                "run with --cache use to ask the model"
            )

        used = Usage()
        last: InvalidReply | None = None
        value = None
        content = ""
        from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

        retrying = Retrying(
            stop=stop_after_attempt(s.max_attempts),
            retry=retry_if_exception_type(InvalidReply),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    convo = list(messages)
                    if last is not None:
                        convo += [
                            {"role": "assistant", "content": last.content},
                            {"role": "user", "content": repair(last.problems)},
                        ]
                    reply = self._send(convo, fmt, used)
                    content = reply.content
                    try:
                        value = self._validate(content, model, check)
                    except InvalidReply as exc:
                        last = exc
                        raise
        except InvalidReply as exc:
            raise RepairsExhausted(exc.problems, exc.content, used.requests, used) from None
        assert value is not None
        self.cache.put(
            key,
            CachedReply(content, used.requests, used.prompt_tokens, used.completion_tokens, 0.0),
            model=s.model,
        )
        ms = (time.perf_counter() - started) * 1000
        return Outcome(value, content, used.requests, used, False, ms)

    @staticmethod
    def _validate(content: str, model: type[M], check: Callable[[M], list[str]]) -> M:
        value = parse_reply(content, model)
        problems = check(value)
        if problems:
            raise InvalidReply(problems, content)
        return value

    def _send(self, messages: list[Message], fmt: dict[str, Any] | None, used: Usage) -> Reply:
        s = self.settings
        endpoint = self.endpoint
        if self._client is None:
            self._client = make_client(endpoint, timeout=s.timeout, retries=s.retries)
            # Close our connections when this object goes, even if nobody calls close().
            self._closer = weakref.finalize(self, self._client.close)
        import openai

        kwargs: dict[str, Any] = {"model": s.model, "messages": messages}
        if fmt is not None:
            kwargs["response_format"] = fmt
        if s.max_tokens is not None:
            # OpenAI's newer models take only max_completion_tokens; most other
            # OpenAI-compatible servers know only max_tokens.
            name = "max_completion_tokens" if endpoint.is_openai else "max_tokens"
            kwargs[name] = s.max_tokens
        progress = self._progress or (lambda _label: contextlib.nullcontext())
        with progress(f"waiting for {s.model}"):
            try:
                completion = self._client.chat.completions.create(**kwargs)
            except openai.OpenAIError as exc:
                raise translate_error(
                    exc,
                    model=s.model,
                    endpoint=endpoint,
                    retries=s.retries,
                    timeout=s.timeout,
                    mode=s.structured,
                ) from None
            except ValueError:  # a body labelled JSON that is not (a proxy page): refused below
                completion = None
        try:
            prompt_tokens, completion_tokens, reply = _read(completion)
        except (AttributeError, TypeError, ValueError, IndexError):
            used.add(0, 0)
            self.usage.add(0, 0)
            raise ModelError(
                f"{endpoint.public_url} answered with something that is not a chat completion; "
                "check that OPENAI_BASE_URL points at an OpenAI-compatible server"
            ) from None
        used.add(prompt_tokens, completion_tokens)
        self.usage.add(prompt_tokens, completion_tokens)
        if reply is None:
            raise ModelError(f"{endpoint.public_url} returned no choices for {s.model!r}")
        check_finish(reply, model=s.model, max_tokens=s.max_tokens)
        return reply


def _read(completion: Any) -> tuple[int, int, Reply | None]:
    """Tokens and the first choice of a completion (None when it has no choices)."""
    tokens = completion.usage
    prompt_tokens = int(getattr(tokens, "prompt_tokens", 0) or 0)
    completion_tokens = int(getattr(tokens, "completion_tokens", 0) or 0)
    if not completion.choices:
        return prompt_tokens, completion_tokens, None
    message = completion.choices[0].message
    content = message.content
    if content is not None and not isinstance(content, str):
        raise TypeError("content is not text")
    reply = Reply(
        content=content or "",
        finish_reason=completion.choices[0].finish_reason,
        refusal=getattr(message, "refusal", None),
    )
    return prompt_tokens, completion_tokens, reply
