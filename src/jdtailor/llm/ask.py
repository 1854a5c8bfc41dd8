"""Ask for a structured reply: cache, request, validate, re-ask.

One owner per retry class. Transport (``send.Sender``): a dropped connection,
429 and 502/503/504 are sent again up to ``retries`` times; a timeout or any
other status is not. Validation (here): a reply
that does not parse, fit the schema or pass the caller's ``check`` goes back
with its problems and the caller's repair prompt, up to ``max_attempts``
requests. Refusals, truncation, loops, quota, 4xx and auth errors
fail at once.

Server quirks are found and remembered (``servers.ServerMemory``): with
``structured="auto"`` a refused ``response_format`` moves to the next mode at no
cost in retries; a chat template that drops the system message (the server
counts far fewer prompt tokens than were sent) gets the rules in the user turn.

Nothing here knows what a posting is: the
caller gives the pydantic model, the messages per mode, the check and the repair
prompt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..errors import CacheMissError, ModelConfigError, ModelError
from .cache import CACHE_MODES, CachedReply, ReplyCache, cache_key
from .client import Endpoint, configured_url, public_url, redact, resolve_endpoint
from .send import FormatRefused, Sender, estimate_messages
from .servers import ServerMemory
from .structured import (
    FALLBACK,
    InvalidReply,
    Reply,
    check_finish,
    check_mode,
    parse_reply,
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


# A system message this long (in estimated tokens) is worth checking for; the
# server must count at least this share of it, or the template dropped it.
_SYSTEM_MIN = 150
_SYSTEM_SHARE = 0.5
_PROBE = (
    "This is a check of how your chat template treats a system message. "
    "Read these words and keep them in mind while you answer the user. "
) * 6


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
    HTTP client is built on the first request, so a cache hit imports nothing.
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
        self._endpoint: Endpoint | None = None
        self.sender = Sender(
            settings.model,
            lambda: self.endpoint,
            timeout=lambda: self.timeout,
            retries=lambda: self.retries,
            max_tokens=settings.max_tokens,
            progress=progress,
            usage=self.usage,
        )
        if client is not None:  # an HTTP client to use (tests, benchmarks)
            self.sender.client = client
        from ..resources import cache_dir

        base = settings.cache_dir or cache_dir() / "replies"
        self.cache = ReplyCache(base, settings.cache)
        self.servers = ServerMemory(base.parent / "servers.json")

    def close(self) -> None:
        """Close the HTTP connections; new ones are opened if asked again."""
        self.sender.close()

    @property
    def _client(self) -> object:
        """The HTTP client, None until the first request (a cache hit opens none)."""
        return self.sender.client

    @property
    def base_url(self) -> str:
        """The server's base URL, without credentials."""
        return public_url(configured_url(self.settings.base_url))

    @property
    def resolved_endpoint(self) -> Endpoint | None:
        """The endpoint if a request resolved it already (for redacting), else None."""
        return self._endpoint

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
        recheck: Callable[[M], list[str]] | None = None,
        inputs: str | None = None,
    ) -> Outcome[M]:
        """A reply that parses as ``model`` and passes ``check`` (no problems).

        ``messages`` may be a function of the structured mode (the prompt can
        show the shape differently per mode); ``schema(mode)`` replaces the
        model's plain strict schema; ``recheck`` (default ``check``) is what a
        cached reply must still pass, where part of the check is too dear to run
        again on a reply that passed it when stored. Raises ``RepairsExhausted`` when
        ``max_attempts`` replies all fail, and a ``ModelError`` for anything that
        re-asking cannot fix. ``inputs``, a digest of everything the messages and the
        schema are built from, keys the reply cache instead of the rendered request,
        so a cache hit builds neither.
        """
        started = time.perf_counter()
        mode = self.start_mode()
        notes: list[str] = []
        used = Usage()
        built: dict[str, tuple[list[Message], dict[str, Any] | None]] = {}

        def build(mode: str) -> tuple[list[Message], dict[str, Any] | None]:
            """The request for ``mode`` (messages and response_format), built once."""
            if mode not in built:
                convo = messages(mode) if callable(messages) else messages
                fmt = response_format(
                    mode, model, schema(mode) if schema else None, model_name=self.settings.model
                )
                built[mode] = (convo, fmt)
            return built[mode]

        # keyed on the inputs, the cache is read before any prompt is built
        key = (
            self._inputs_key(inputs, mode, salt)
            if inputs is not None
            else self._key(*build(mode), mode, salt)
        )
        hit = self._cached(key, mode, model, recheck or check)
        if hit is not None:
            hit.ms = (time.perf_counter() - started) * 1000
            return hit
        if self.cache.mode == "only":
            raise CacheMissError(
                f"no cached reply for this request to {self.settings.model!r} "
                "(--cache only); run with --cache use to ask the model"
            )
        while True:
            convo, fmt = build(mode)
            try:
                value, content = self._attempts(convo, fmt, mode, model, check, repair, used, notes)
            except FormatRefused as exc:
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
            self._inputs_key(inputs, mode, salt)
            if inputs is not None
            else self._key(convo, fmt, mode, salt),
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

    def _inputs_key(self, inputs: str, mode: str, salt: str) -> str:
        """The cache key from what the request is built from, not the request itself."""
        return cache_key(
            url=self.base_url,
            model=self.settings.model,
            inputs=inputs,
            system=self.servers.get(self._server_key, "system"),
            params={"max_tokens": self.settings.max_tokens, "mode": mode},
            salt=salt,
        )

    def _cached(
        self,
        key: str,
        mode: str,
        model: type[M],
        check: Callable[[M], list[str]],
    ) -> Outcome[M] | None:
        if not self.cache.reads:
            return None
        hit = self.cache.get(key)
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
        last: InvalidReply | None = None
        value = None
        content = ""
        tries = 0  # replies asked for (a probe or a resend for the system message is not one)
        while value is None:
            if last is not None and tries >= self.settings.max_attempts:
                raise RepairsExhausted(last.problems, last.content, tries, used, mode)
            tries += 1
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
        fallback = self.settings.structured == "auto" and mode in FALLBACK

        def send(convo: list[Message]) -> tuple[Reply, int | None]:
            return self.sender.request(convo, fmt, mode=mode, fallback=fallback, used=used)

        reply, prompt_tokens = send(merge_system(messages) if merged else messages)
        if not merged and system is None and messages and messages[0]["role"] == "system":
            dropped = self._system_dropped(messages, prompt_tokens, used)
            if dropped is not None:
                self.servers.set(self._server_key, "system", "user" if dropped else "ok")
            if dropped:
                notes.append(
                    f"{self.base_url} counted {dropped} prompt tokens where about "
                    f"{estimate_messages(messages)} were sent: the chat template of "
                    f"{self.settings.model!r} drops the system message, so the rules now go "
                    "in the user turn (remembered for this server)"
                )
                reply, _ = send(merge_system(messages))
        try:
            check_finish(reply, model=self.settings.model, max_tokens=self.settings.max_tokens)
        except ModelError as exc:  # a refusal quotes the server's text, which may echo the key
            exc.message = redact(exc.message, self.endpoint)
            exc.args = (exc.message,)
            raise
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
            prompt_tokens = self.sender.probe(probe, used)
            if prompt_tokens is None:
                return None
            system, total = estimate_tokens(_PROBE), estimate_messages(probe)
        else:
            total = estimate_messages(messages)
        if prompt_tokens < total - _SYSTEM_SHARE * system:
            return max(prompt_tokens, 1)
        return False
