"""One request to the server: stream the reply, count it, send again only when
that can help.

Transport retries live here: a dropped connection, 429 (not an empty quota) and
502/503/504 are sent again up to ``retries`` times, honouring Retry-After. A
timeout is not (a local server would still be computing the first request, and
the next would queue behind it), nor is any other status: the same request fails
the same way. Every request is counted in ``usage``, failed ones included.

Replies stream, so ``timeout`` is the silence allowed between bytes, and a reply
that falls into a loop is stopped early (``RunawayReplyError``, with what came).
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Callable
from typing import Any

from ..errors import ModelError, RunawayReplyError
from .client import Endpoint, is_format_refusal, retryable, translate_error
from .structured import Reply, repeating
from .transport import TransportError, open_client, post_chat, stream_chat
from .usage import Usage, estimate_tokens

__all__ = ["FormatRefused", "Sender", "estimate_messages"]

Message = dict[str, str]
_RUNAWAY_CHECK = 1500  # characters of reply between checks for a loop


class FormatRefused(Exception):
    """The server refused the ``response_format`` sent; auto moves on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def estimate_messages(messages: list[Message]) -> int:
    return sum(estimate_tokens(m.get("content") or "") + 4 for m in messages)


class Sender:
    """Sends chat requests for one model to one endpoint."""

    def __init__(
        self,
        model: str,
        endpoint: Callable[[], Endpoint],
        *,
        timeout: Callable[[], float],
        retries: Callable[[], int],
        max_tokens: int | None,
        progress: Callable[[str], Any] | None,
        usage: Usage,
    ) -> None:
        self.model = model
        self._endpoint = endpoint
        self._timeout = timeout
        self._retries = retries
        self.max_tokens = max_tokens
        self._progress = progress or (lambda _label: contextlib.nullcontext())
        self.usage = usage
        self.client: Any = None
        self._closer: weakref.finalize | None = None

    def close(self) -> None:
        if self._closer is not None:
            self._closer()
            self._closer = None
            self.client = None

    def _client(self) -> Any:
        if self.client is None:
            endpoint = self._endpoint()
            self.client = open_client(endpoint.base_url, endpoint.api_key, timeout=self._timeout())
            # Close our connections when this object goes, even if nobody calls close().
            self._closer = weakref.finalize(self, self.client.close)
        return self.client

    def _count(self, used: Usage, prompt: int, completion: int, *, failed: bool = False) -> None:
        for u in (used, self.usage):
            u.add(prompt, completion, failed=failed)

    def _body(self, messages: list[Message], fmt: dict[str, Any] | None, **extra: Any) -> dict:
        body: dict[str, Any] = {"model": self.model, "messages": messages, **extra}
        if fmt is not None:
            body["response_format"] = fmt
        return body

    def _limit(self, tokens: int | None) -> dict[str, int]:
        if tokens is None:
            return {}
        # OpenAI's newer models take only max_completion_tokens; most other
        # OpenAI-compatible servers know only max_tokens.
        name = "max_completion_tokens" if self._endpoint().is_openai else "max_tokens"
        return {name: tokens}

    def probe(self, messages: list[Message], used: Usage) -> int | None:
        """Prompt tokens the server counts for ``messages`` (one token of reply)."""
        body = self._body(messages, None, **self._limit(1))
        try:
            data = post_chat(self._client(), body)
        except TransportError:
            self._count(used, 0, 0, failed=True)
            return None
        usage = data.get("usage") if isinstance(data, dict) else None
        count = usage.get("prompt_tokens") if isinstance(usage, dict) else None
        self._count(used, int(count or 0), 1)
        return int(count) if isinstance(count, int) and count > 0 else None

    def request(
        self,
        messages: list[Message],
        fmt: dict[str, Any] | None,
        *,
        mode: str,
        fallback: bool,
        used: Usage,
    ) -> tuple[Reply, int | None]:
        """One streamed reply and the prompt tokens the server counted (None if it
        did not say). ``fallback``: a refused ``response_format`` raises
        ``FormatRefused`` instead of an error."""
        body = self._body(
            messages, fmt, stream=True, stream_options={"include_usage": True},
            **self._limit(self.max_tokens),
        )  # fmt: skip
        tried = 0
        while True:
            partial: list[str] = []
            with self._progress(f"waiting for {self.model}") as status:
                try:
                    return self._stream(body, messages, used, status, partial)
                except TransportError as exc:
                    sent = estimate_messages(messages) if partial else 0
                    self._count(used, sent, len(partial), failed=True)
                    if fallback and is_format_refusal(exc):
                        raise FormatRefused(_short(exc)) from None
                    if retryable(exc) and tried < self._retries():
                        time.sleep(_backoff(exc, tried))
                        tried += 1
                        continue
                    raise translate_error(
                        exc, model=self.model, endpoint=self._endpoint(),
                        timeout=self._timeout(), mode=mode, tried=tried,
                    ) from None  # fmt: skip

    def _stream(
        self,
        body: dict[str, Any],
        messages: list[Message],
        used: Usage,
        status: Any,
        parts: list[str],
    ) -> tuple[Reply, int | None]:
        """Read one streamed reply into ``parts``, stopping a loop early."""
        finish: str | None = None
        refusal: list[str] = []
        prompt_tokens: int | None = None
        completion_tokens: int | None = None
        size = seen = 0
        next_check = _RUNAWAY_CHECK
        for chunk in stream_chat(self._client(), body):
            usage = chunk.get("usage")
            if isinstance(usage, dict):
                prompt_tokens = _int(usage.get("prompt_tokens"))
                completion_tokens = _int(usage.get("completion_tokens"))
            choices = chunk.get("choices")
            choice = choices[0] if isinstance(choices, list) and choices else None
            if not isinstance(choice, dict):
                continue
            found = choice.get("delta")
            delta: dict[str, Any] = found if isinstance(found, dict) else {}
            seen += 1
            text = delta.get("content")
            if isinstance(text, str) and text:
                parts.append(text)
                size += len(text)
                if status is not None and hasattr(status, "update"):
                    status.update(len(parts))
                if size >= next_check:
                    next_check = size + _RUNAWAY_CHECK
                    if repeating("".join(parts)):
                        self._count(used, estimate_messages(messages), len(parts), failed=True)
                        raise RunawayReplyError(
                            f"model {self.model!r} kept repeating itself; stopped after "
                            f"{len(parts)} tokens",
                            content="".join(parts),
                        )
            if isinstance(delta.get("refusal"), str) and delta["refusal"]:
                refusal.append(delta["refusal"])
            if choice.get("finish_reason"):
                finish = str(choice["finish_reason"])
        if not seen:
            self._count(used, 0, 0, failed=True)
            raise ModelError(
                f"{self._endpoint().public_url} answered with something that is not a chat "
                "completion; check that OPENAI_BASE_URL points at an OpenAI-compatible server"
            )
        self._count(
            used,
            prompt_tokens if prompt_tokens is not None else estimate_messages(messages),
            completion_tokens if completion_tokens is not None else len(parts),
        )
        if prompt_tokens is None:
            used.estimated = self.usage.estimated = True
        return Reply("".join(parts), finish, "".join(refusal) or None), prompt_tokens


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _short(exc: Exception) -> str:
    from .client import first_line

    status = getattr(exc, "status_code", "")
    message = getattr(exc, "message", "") or str(exc)
    return f"{status}: {first_line(str(message), 120)}"


def _backoff(exc: Exception, tried: int) -> float:
    """Seconds before sending again: the server's Retry-After (capped), else 0.5, 1, 2…"""
    headers = getattr(exc, "headers", None) or {}
    header = headers.get("retry-after")
    try:
        wait = float(header) if header else 0.5 * 2**tried
    except ValueError:
        wait = 0.5 * 2**tried
    return max(0.0, min(wait, 20.0))
