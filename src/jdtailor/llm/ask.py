"""Ask for a structured reply: cache, request, validate, re-ask.

One owner per retry class, all here. Transport: a dropped connection, 429 and
502/503/504 are sent again up to ``retries`` times (honouring Retry-After); a
timeout or any other status is not, because the same request fails the same way
(and a local server would still be computing the first one). Validation: a reply
that does not parse, fit the schema or pass the caller's ``check`` goes back
with its problems and the caller's repair prompt, up to ``max_attempts``
requests (tenacity). Refusals, truncation, loops, quota, 4xx and auth errors
fail at once.

Server quirks are found and remembered (``servers.ServerMemory``): with
``structured="auto"`` a refused ``response_format`` moves to the next mode at no
cost in retries; a chat template that drops the system message (the server
counts far fewer prompt tokens than were sent) gets the rules in the user turn.

Replies are streamed: ``timeout`` is the silence allowed between bytes, so a slow
CPU server that keeps producing tokens is never cut off, a stuck one is, and a
reply that loops is stopped early. Nothing here knows what a posting is: the
caller gives the pydantic model, the messages per mode, the check and the repair
prompt.
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

from ..errors import CacheMissError, ModelConfigError, ModelError, RunawayReplyError
from .cache import CACHE_MODES, CachedReply, ReplyCache, cache_key
from .client import (
    Endpoint,
    configured_url,
    make_client,
    public_url,
    rejects_format,
    resolve_endpoint,
    retryable,
    translate_error,
)
from .servers import ServerMemory
from .structured import (
    FALLBACK,
    InvalidReply,
    Reply,
    check_finish,
    check_mode,
    parse_reply,
    repeating,
    response_format,
)
from .usage import Usage, estimate_tokens

__all__ = ["LLMSettings", "Outcome", "Progress", "RepairsExhausted", "StructuredClient"]

M = TypeVar("M", bound=BaseModel)
Message = dict[str, str]
Progress = Callable[[str], AbstractContextManager[Any]]


@dataclass
class LLMSettings:
    """Everything that decides how a model is asked (the key is never stored here
    unless passed explicitly; by default it is read from ``OPENAI_API_KEY``).

    ``timeout`` and ``retries`` left as None suit the server: minutes of silence
    and one retry for a loopback server, 60 s and two retries for others."""

    model: str
    structured: str = "auto"
    max_attempts: int = 3
    retries: int | None = None
    timeout: float | None = None
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
        if self.retries is not None and self.retries < 0:
            raise ModelConfigError("--retries must be 0 or more")
        if self.timeout is not None and not self.timeout > 0:
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
    mode: str = ""  # the structured mode that produced it
    notes: list[str] = field(default_factory=list)  # what was learnt about the server


class RepairsExhausted(Exception):
    """Every attempt gave an invalid reply; carries the last one and its problems."""

    def __init__(
        self, problems: list[str], content: str, attempts: int, usage: Usage, mode: str = ""
    ) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.content = content
        self.attempts = attempts
        self.usage = usage
        self.mode = mode


class _Rejected(Exception):
    """The server refused this structured mode; auto moves to the next one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# A system message this long (in estimated tokens) is worth checking for; the
# server must count at least this share of it, or the template dropped it.
_SYSTEM_MIN = 150
_SYSTEM_SHARE = 0.5
_PROBE = (
    "This is a check of how your chat template treats a system message. "
    "Read these words and keep them in mind while you answer the user. "
) * 6
_RUNAWAY_CHECK = 1500  # characters between checks for a looping stream


def merge_system(messages: list[Message]) -> list[Message]:
    """The system message moved into the first user turn (fences and all)."""
    if not messages or messages[0].get("role") != "system":
        return messages
    system, rest = messages[0]["content"], list(messages[1:])
    for i, message in enumerate(rest):
        if message.get("role") == "user":
            rest[i] = {"role": "user", "content": f"{system}\n\n---\n\n{message['content']}"}
            return rest
    return [{"role": "user", "content": system}, *rest]


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

        base = settings.cache_dir or cache_dir() / "replies"
        self.cache = ReplyCache(base, settings.cache)
        self.servers = ServerMemory(base.parent / "servers.json")

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

    @property
    def timeout(self) -> float:
        return self.settings.timeout or self.endpoint.default_timeout

    @property
    def retries(self) -> int:
        r = self.settings.retries
        return self.endpoint.default_retries if r is None else r

    @property
    def _server_key(self) -> str:
        return f"{self.base_url} {self.settings.model}"

    def start_mode(self) -> str:
        """The structured mode the next request uses: the one set, or for auto the
        one remembered for this server, else json_schema."""
        if self.settings.structured != "auto":
            return self.settings.structured
        known = self.servers.get(self.base_url, "structured")
        return known if known in FALLBACK or known == "prompt" else "json_schema"

    def ask(
        self,
        messages: list[Message] | Callable[[str], list[Message]],
        model: type[M],
        *,
        check: Callable[[M], list[str]],
        repair: Callable[[list[str]], str],
        salt: str = "",
        schema: Callable[[str], dict[str, Any]] | None = None,
    ) -> Outcome[M]:
        """A reply that parses as ``model`` and passes ``check`` (no problems).

        ``messages`` may be a function of the structured mode (the prompt can
        show the shape differently per mode); ``schema(mode)`` replaces the
        model's plain strict schema. Raises ``RepairsExhausted`` when
        ``max_attempts`` replies all fail, and a ``ModelError`` for anything that
        re-asking cannot fix.
        """
        started = time.perf_counter()
        mode = self.start_mode()
        notes: list[str] = []
        used = Usage()
        first = True
        while True:
            convo = messages(mode) if callable(messages) else messages
            fmt = response_format(mode, model, schema(mode) if schema else None)
            if first:
                first = False
                hit = self._cached(convo, fmt, mode, salt, model, check)
                if hit is not None:
                    hit.ms = (time.perf_counter() - started) * 1000
                    return hit
                if self.cache.mode == "only":
                    raise CacheMissError(
                        f"no cached reply for this request to {self.settings.model!r} "
                        "(--cache only); run with --cache use to ask the model"
                    )
            try:
                value, content = self._attempts(convo, fmt, mode, model, check, repair, used, notes)
            except _Rejected as exc:
                after = FALLBACK[mode]
                self.servers.set(self.base_url, "structured", after)
                notes.append(
                    f"{self.base_url} refused --structured {mode} ({exc.message}); "
                    f"using {after} (remembered for this server)"
                )
                mode = after
                continue
            break
        if self.settings.structured == "auto":
            self.servers.set(self.base_url, "structured", mode)
        self.cache.put(
            self._key(convo, fmt, mode, salt),
            CachedReply(content, used.requests, used.prompt_tokens, used.completion_tokens, 0.0),
            model=self.settings.model,
        )
        ms = (time.perf_counter() - started) * 1000
        return Outcome(value, content, used.requests, used, False, ms, mode, notes)

    def _key(self, convo: list[Message], fmt: dict[str, Any] | None, mode: str, salt: str) -> str:
        system = self.servers.get(self._server_key, "system")
        return cache_key(
            url=self.base_url,
            model=self.settings.model,
            messages=merge_system(convo) if system == "user" else convo,
            response_format=fmt,
            params={"max_tokens": self.settings.max_tokens, "mode": mode},
            salt=salt,
        )

    def _cached(
        self,
        convo: list[Message],
        fmt: dict[str, Any] | None,
        mode: str,
        salt: str,
        model: type[M],
        check: Callable[[M], list[str]],
    ) -> Outcome[M] | None:
        if not self.cache.reads:
            return None
        hit = self.cache.get(self._key(convo, fmt, mode, salt))
        if hit is None:
            return None
        try:
            value = self._validate(hit.content, model, check)
        except InvalidReply:
            return None  # stale: the checks changed since it was stored
        used = Usage(cache_hits=1)
        self.usage.merge(used)
        return Outcome(value, hit.content, 0, used, True, 0.0, mode)

    def _attempts(
        self,
        convo: list[Message],
        fmt: dict[str, Any] | None,
        mode: str,
        model: type[M],
        check: Callable[[M], list[str]],
        repair: Callable[[list[str]], str],
        used: Usage,
        notes: list[str],
    ) -> tuple[M, str]:
        from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

        last: InvalidReply | None = None
        value = None
        content = ""
        start = used.requests
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.max_attempts),
            retry=retry_if_exception_type(InvalidReply),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    sent = list(convo)
                    if last is not None:
                        sent += [
                            {"role": "assistant", "content": last.content},
                            {"role": "user", "content": repair(last.problems)},
                        ]
                    reply = self._send(sent, fmt, mode, used, notes)
                    content = reply.content
                    try:
                        value = self._validate(content, model, check)
                    except InvalidReply as exc:
                        last = exc
                        raise
        except InvalidReply as exc:
            raise RepairsExhausted(
                exc.problems, exc.content, used.requests - start, used, mode
            ) from None
        assert value is not None
        return value, content

    @staticmethod
    def _validate(content: str, model: type[M], check: Callable[[M], list[str]]) -> M:
        value = parse_reply(content, model)
        problems = check(value)
        if problems:
            raise InvalidReply(problems, content)
        return value

    def _send(
        self,
        messages: list[Message],
        fmt: dict[str, Any] | None,
        mode: str,
        used: Usage,
        notes: list[str],
    ) -> Reply:
        """One reply, with the system message where this server's template keeps it."""
        system = self.servers.get(self._server_key, "system")
        merged = system == "user"
        reply, prompt_tokens = self._request(
            merge_system(messages) if merged else messages, fmt, mode, used
        )
        if not merged and system is None and messages and messages[0]["role"] == "system":
            dropped = self._system_dropped(messages, prompt_tokens, used)
            if dropped is not None:
                self.servers.set(self._server_key, "system", "user" if dropped else "ok")
            if dropped:
                notes.append(
                    f"{self.base_url} counted {dropped} prompt tokens where about "
                    f"{_estimate(messages)} were sent: the chat template of "
                    f"{self.settings.model!r} drops the system message, so the rules now go "
                    "in the user turn (remembered for this server)"
                )
                reply, _ = self._request(merge_system(messages), fmt, mode, used)
        check_finish(reply, model=self.settings.model, max_tokens=self.settings.max_tokens)
        return reply

    def _system_dropped(
        self, messages: list[Message], prompt_tokens: int | None, used: Usage
    ) -> int | bool | None:
        """The server's prompt-token count when it shows the system message was
        dropped, False when it was kept, None when there is no telling."""
        system = estimate_tokens(messages[0]["content"])
        if system < _SYSTEM_MIN:
            return None
        if prompt_tokens is None:  # a stream without usage (llama-cpp-python): ask once
            probe = [{"role": "system", "content": _PROBE}, {"role": "user", "content": "Say OK."}]
            prompt_tokens = self._probe(probe, used)
            if prompt_tokens is None:
                return None
            system, total = estimate_tokens(_PROBE), _estimate(probe)
        else:
            total = _estimate(messages)
        if prompt_tokens < total - _SYSTEM_SHARE * system:
            return max(prompt_tokens, 1)
        return False

    def _client_for(self, endpoint: Endpoint) -> Any:
        if self._client is None:
            self._client = make_client(endpoint, timeout=self.timeout)
            # Close our connections when this object goes, even if nobody calls close().
            self._closer = weakref.finalize(self, self._client.close)
        return self._client

    def _probe(self, messages: list[Message], used: Usage) -> int | None:
        """Prompt tokens the server counts for ``messages`` (one token of reply)."""
        import openai

        client = self._client_for(self.endpoint)
        name = "max_completion_tokens" if self.endpoint.is_openai else "max_tokens"
        try:
            completion = client.chat.completions.create(
                model=self.settings.model, messages=messages, **{name: 1}
            )
            count = getattr(completion.usage, "prompt_tokens", None)
        except (openai.OpenAIError, AttributeError, TypeError, ValueError):
            self._count(used, 0, 0, failed=True)
            return None
        self._count(used, int(count or 0), 1)
        return int(count) if count else None

    def _count(self, used: Usage, prompt: int, completion: int, *, failed: bool = False) -> None:
        for u in (used, self.usage):
            u.add(prompt, completion, failed=failed)

    def _request(
        self, messages: list[Message], fmt: dict[str, Any] | None, mode: str, used: Usage
    ) -> tuple[Reply, int | None]:
        """One streamed request, sent again on transport faults only. Returns the
        reply and the prompt tokens the server counted (None if it did not say)."""
        s = self.settings
        endpoint = self.endpoint
        client = self._client_for(endpoint)
        import openai

        kwargs: dict[str, Any] = {
            "model": s.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if fmt is not None:
            kwargs["response_format"] = fmt
        if s.max_tokens is not None:
            # OpenAI's newer models take only max_completion_tokens; most other
            # OpenAI-compatible servers know only max_tokens.
            name = "max_completion_tokens" if endpoint.is_openai else "max_tokens"
            kwargs[name] = s.max_tokens
        progress = self._progress or (lambda _label: contextlib.nullcontext())
        tried = 0
        while True:
            partial: list[str] = []
            with progress(f"waiting for {s.model}") as status:
                try:
                    return self._stream(client, kwargs, messages, used, status, partial)
                except RunawayReplyError:
                    raise
                except (openai.OpenAIError, *_transport_errors()) as exc:
                    self._count(
                        used, 0 if not partial else _estimate(messages), len(partial), failed=True
                    )
                    if s.structured == "auto" and mode in FALLBACK and rejects_format(exc):
                        raise _Rejected(_short(exc)) from None
                    error = _as_openai(exc)
                    if retryable(error) and tried < self.retries:
                        time.sleep(_backoff(error, tried))
                        tried += 1
                        continue
                    raise translate_error(
                        error, model=s.model, endpoint=endpoint, retries=self.retries,
                        timeout=self.timeout, mode=mode, tried=tried,
                    ) from None  # fmt: skip

    def _stream(
        self,
        client: Any,
        kwargs: dict[str, Any],
        messages: list[Message],
        used: Usage,
        status: Any,
        parts: list[str],
    ) -> tuple[Reply, int | None]:
        """Read one streamed reply into ``parts``, stopping a loop early."""
        s = self.settings
        finish: str | None = None
        refusal: list[str] = []
        prompt_tokens: int | None = None
        completion_tokens: int | None = None
        size = chunks = 0
        next_check = _RUNAWAY_CHECK
        stream = client.chat.completions.create(**kwargs)
        with contextlib.closing(stream):
            for chunk in stream:
                chunks += 1
                usage = getattr(chunk, "usage", None)
                if usage is not None:
                    prompt_tokens = getattr(usage, "prompt_tokens", None)
                    completion_tokens = getattr(usage, "completion_tokens", None)
                choices = getattr(chunk, "choices", None) or []
                if not choices:
                    continue
                choice = choices[0]
                delta = getattr(choice, "delta", None)
                text = getattr(delta, "content", None) if delta is not None else None
                if text:
                    if not isinstance(text, str):
                        raise TypeError("content is not text")
                    parts.append(text)
                    size += len(text)
                    if status is not None and hasattr(status, "update"):
                        status.update(len(parts))
                    if size >= next_check:
                        next_check = size + _RUNAWAY_CHECK
                        if repeating("".join(parts)):
                            content = "".join(parts)
                            self._count(used, _estimate(messages), len(parts), failed=True)
                            raise RunawayReplyError(
                                f"model {s.model!r} kept repeating itself; stopped after "
                                f"{len(parts)} tokens",
                                content=content,
                            )
                said_no = getattr(delta, "refusal", None) if delta is not None else None
                if said_no:
                    refusal.append(said_no)
                if getattr(choice, "finish_reason", None):
                    finish = choice.finish_reason
        content = "".join(parts)
        if not chunks:
            self._count(used, 0, 0, failed=True)
            raise ModelError(
                f"{self.endpoint.public_url} answered with something that is not a chat "
                "completion; check that OPENAI_BASE_URL points at an OpenAI-compatible server"
            )
        estimated = prompt_tokens is None
        self._count(
            used,
            prompt_tokens if prompt_tokens is not None else _estimate(messages),
            completion_tokens if completion_tokens is not None else len(parts),
        )
        if estimated:
            used.estimated = self.usage.estimated = True
        return Reply(content, finish, "".join(refusal) or None), prompt_tokens


def _estimate(messages: list[Message]) -> int:
    return sum(estimate_tokens(m.get("content") or "") + 4 for m in messages)


def _short(exc: Exception) -> str:
    from .client import first_line

    body = getattr(exc, "body", None)
    inner = body.get("error", body) if isinstance(body, dict) else None
    message = inner.get("message") if isinstance(inner, dict) else None
    status = getattr(exc, "status_code", "")
    return f"{status}: {first_line(str(message or exc), 120)}"


def _transport_errors() -> tuple[type[BaseException], ...]:
    """httpx's errors, which escape the SDK while a stream is being read."""
    try:
        import httpx2 as httpx  # openai 3.x
    except ImportError:  # pragma: no cover - openai 1.x/2.x use httpx
        import httpx  # type: ignore[no-redef]
    return (httpx.TransportError,)


def _as_openai(exc: BaseException) -> Exception:
    """An httpx error met mid-stream as the SDK's own error class."""
    import openai

    if isinstance(exc, openai.OpenAIError):
        return exc
    request = getattr(exc, "request", None) if hasattr(exc, "_request") else None
    if "Timeout" in type(exc).__name__:
        return openai.APITimeoutError(request=request)  # type: ignore[arg-type]
    return openai.APIConnectionError(request=request)  # type: ignore[arg-type]


def _backoff(exc: Exception, tried: int) -> float:
    """Seconds before sending again: the server's Retry-After (capped), else 0.5, 1, 2…"""
    response = getattr(exc, "response", None)
    header = response.headers.get("retry-after") if response is not None else None
    try:
        wait = float(header) if header else 0.5 * 2**tried
    except ValueError:
        wait = 0.5 * 2**tried
    return max(0.0, min(wait, 20.0))
