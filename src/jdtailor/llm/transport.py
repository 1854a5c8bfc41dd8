"""The chat completions wire protocol, spoken directly over httpx.

An OpenAI-compatible server needs one call: ``POST {base}/chat/completions``, its
reply streamed as server-sent events. Speaking it here rather than through the
openai SDK saves the SDK's import (~0.45 s, most of a whole offline draft) on
every model draft, and gives one place that decides what an error means:

    TransportError          nothing usable came back
    ├── ServerTimeout       the server was silent for ``timeout`` seconds
    ├── ServerUnreachable   no connection, or it dropped mid-reply
    └── StatusError         an HTTP error status: ``status``, ``body``, ``headers``

``httpx2`` (httpx's successor, which the openai SDK 3.x uses too) is imported on
the first request; proxies from the environment are honoured as by the SDK.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

__all__ = [
    "ServerTimeout",
    "ServerUnreachable",
    "StatusError",
    "TransportError",
    "open_client",
    "tls_context",
    "post_chat",
    "stream_chat",
]


class TransportError(Exception):
    """A request that brought back no usable reply."""


class ServerTimeout(TransportError):
    pass


class ServerUnreachable(TransportError):
    pass


class StatusError(TransportError):
    """An HTTP error status with the server's body (parsed JSON, else text)."""

    def __init__(self, status: int, body: Any, headers: dict[str, str]) -> None:
        super().__init__(f"HTTP {status}")
        self.status_code = status
        self.body = body
        self.headers = headers

    @property
    def message(self) -> str:
        body = self.body
        if isinstance(body, dict):
            inner = body.get("error", body)
            if isinstance(inner, dict) and isinstance(inner.get("message"), str):
                return inner["message"]
            if isinstance(inner, str):
                return inner
            if isinstance(body.get("message"), str):
                return body["message"]
            if isinstance(body.get("detail"), str):
                return body["detail"]
        return body if isinstance(body, str) else json.dumps(body)

    @property
    def code(self) -> str:
        inner = self.body.get("error") if isinstance(self.body, dict) else None
        if isinstance(inner, dict):
            return str(inner.get("code") or inner.get("type") or "")
        return ""

    @property
    def is_html(self) -> bool:
        kind = self.headers.get("content-type", "").lower()
        text = self.body if isinstance(self.body, str) else ""
        return "html" in kind or text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))


def _httpx() -> Any:
    try:
        import httpx2 as httpx  # what openai 3.x depends on
    except ImportError:  # pragma: no cover - older installs have httpx
        import httpx  # type: ignore[no-redef, import-not-found, unused-ignore]
    return httpx


@cache
def tls_context() -> Any:
    """One TLS context per process: loading the CA bundle costs ~40 ms a time."""
    return _httpx().create_ssl_context()


def open_client(base_url: str, api_key: str, *, timeout: float) -> Any:
    """An HTTP client for ``base_url``. ``timeout`` bounds connecting and each wait
    for the next bytes (not the whole reply); plain http skips the TLS set-up."""
    httpx = _httpx()
    tls = base_url.lower().startswith("https:")
    return httpx.Client(
        base_url=base_url.rstrip("/") + "/",
        headers={
            "Authorization": f"Bearer {api_key}",
            "Content-Type": "application/json",
            "Accept": "text/event-stream, application/json",
            "User-Agent": "jdtailor",
        },
        timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
        verify=tls_context() if tls else False,
    )


def _read_body(response: Any) -> Any:
    response.read()
    text = response.text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _raise_for_status(response: Any) -> None:
    if response.status_code >= 400:
        body = _read_body(response)
        raise StatusError(response.status_code, body, dict(response.headers))


def _transport(exc: Exception) -> TransportError:
    name = type(exc).__name__
    if "Timeout" in name:
        return ServerTimeout(str(exc) or name)
    return ServerUnreachable(str(exc) or name)


def _encode(body: dict[str, Any]) -> bytes:
    """The request body as compact UTF-8 JSON (what the server tokenizes is smaller)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def post_chat(client: Any, body: dict[str, Any]) -> Any:
    """One non-streamed chat completion as parsed JSON (None when it is not JSON)."""
    httpx = _httpx()
    try:
        response = client.post("chat/completions", content=_encode(body))
        _raise_for_status(response)
        return response.json()
    except httpx.TransportError as exc:
        raise _transport(exc) from None
    except ValueError:
        return None


def stream_chat(client: Any, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The chunks of a streamed chat completion, as dicts. A server that answers
    with one JSON completion instead of a stream yields it as a single chunk
    (``message`` in place of ``delta``); an error event in the stream raises."""
    httpx = _httpx()
    try:
        with client.stream("POST", "chat/completions", content=_encode(body)) as response:
            _raise_for_status(response)
            kind = response.headers.get("content-type", "").lower()
            if "event-stream" not in kind:
                data = _read_body(response)
                if isinstance(data, dict) and "choices" in data:
                    yield _as_chunk(data)
                return
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    return
                try:
                    chunk = json.loads(payload)
                except ValueError:
                    continue
                if isinstance(chunk, dict) and "error" in chunk and "choices" not in chunk:
                    raise StatusError(500, chunk, dict(response.headers))
                if isinstance(chunk, dict):
                    yield chunk
    except httpx.TransportError as exc:
        raise _transport(exc) from None


def _as_chunk(completion: dict[str, Any]) -> dict[str, Any]:
    choices = []
    for choice in completion.get("choices") or []:
        if isinstance(choice, dict):
            message = choice.get("message") or {}
            choices.append({"delta": message, "finish_reason": choice.get("finish_reason")})
    return {"choices": choices, "usage": completion.get("usage")}
