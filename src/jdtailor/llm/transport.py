"""The chat completions wire protocol, spoken directly over HTTP.

An OpenAI-compatible server needs one call: ``POST {base}/chat/completions``, its
reply streamed as server-sent events. Speaking it here rather than through the
openai SDK saves the SDK's import (~0.45 s, most of a whole offline draft) on
every model draft, and gives one place that decides what an error means:

    TransportError          nothing usable came back
    ├── ServerTimeout       the server was silent for ``timeout`` seconds
    ├── ServerUnreachable   no connection, or it dropped mid-reply
    └── StatusError         an HTTP error status: ``status``, ``body``, ``headers``

Two clients speak it. A plain ``http://`` server that no proxy variable covers
(a local llama.cpp, vLLM or Ollama, the usual case for ``http``) gets the
standard library's ``http.client``: no TLS, no connection pool, and about 60 ms
less to import than httpx's stack. Anything else (``https``, or a proxy from the
environment) gets ``httpx2`` (httpx's successor, which the openai SDK 3.x uses
too), imported on the first request, with proxies honoured as by the SDK.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "ServerTimeout",
    "ServerUnreachable",
    "StatusError",
    "TransportError",
    "PlainClient",
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


def _headers(api_key: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {api_key}",
        "Content-Type": "application/json",
        "Accept": "text/event-stream, application/json",
        "User-Agent": "jdtailor",
    }


def open_client(base_url: str, api_key: str, *, timeout: float) -> Any:
    """An HTTP client for ``base_url``. ``timeout`` bounds connecting and each wait
    for the next bytes (not the whole reply); plain http skips the TLS set-up."""
    parts = urlsplit(base_url)
    if parts.scheme.lower() == "http" and not _proxied(parts.hostname or ""):
        return PlainClient(base_url, _headers(api_key), timeout=timeout)
    httpx = _httpx()
    tls = base_url.lower().startswith("https:")
    return httpx.Client(
        base_url=base_url.rstrip("/") + "/",
        headers=_headers(api_key),
        timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
        verify=tls_context() if tls else False,
    )


def _proxied(host: str) -> bool:
    """Whether a proxy variable in the environment covers plain-http ``host``
    (then httpx, which honours proxies as the SDK does, speaks to it)."""
    env = {k.lower(): v for k, v in os.environ.items() if k.lower().endswith("_proxy")}
    if not (env.get("http_proxy") or env.get("all_proxy")):
        return False
    host = host.lower().strip("[]")
    for entry in env.get("no_proxy", "").split(","):
        entry = entry.strip().lower()
        if entry == "*":
            return False
        if entry.count(":") == 1:  # host:port (an IPv6 address has more colons)
            entry = entry.rsplit(":", 1)[0]
        entry = entry.strip("[]").lstrip(".")
        if entry and (host == entry or host.endswith("." + entry)):
            return False
    return True


_LINE = 1 << 20  # bytes of one reply line read at a time
_BODY = 64 << 20  # a reply larger than this is not a chat completion


class PlainClient:
    """``http.client`` speaking to one plain-http base URL, a connection a request.

    It offers what ``post_chat`` and ``stream_chat`` use of an httpx client:
    ``post``, ``stream`` and ``close``; its responses have ``status_code``,
    ``headers`` (lower-case names), ``read``, ``text``, ``json`` and
    ``iter_lines``."""

    def __init__(self, base_url: str, headers: dict[str, str], *, timeout: float) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "localhost"
        self.port = parts.port or 80
        self.prefix = (parts.path or "").rstrip("/") + "/"
        self.headers = headers
        self.timeout = timeout
        self._open: list[Any] = []

    def close(self) -> None:
        while self._open:
            self._open.pop().close()

    def __enter__(self) -> PlainClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def stream(self, method: str, path: str, *, content: bytes) -> Iterator[PlainResponse]:
        import http.client

        conn = http.client.HTTPConnection(self.host, self.port, timeout=min(self.timeout, 15.0))
        self._open.append(conn)
        try:
            try:
                conn.connect()
                if conn.sock is not None:
                    conn.sock.settimeout(self.timeout)  # the silence allowed between bytes
                conn.request(method, self.prefix + path, body=content, headers=self.headers)
                response = PlainResponse(conn.getresponse())
            except (OSError, http.client.HTTPException) as exc:
                raise _transport(exc) from None
            yield response
        finally:
            conn.close()
            if conn in self._open:
                self._open.remove(conn)

    def post(self, path: str, *, content: bytes) -> PlainResponse:
        with self.stream("POST", path, content=content) as response:
            response.read()
            return response


class PlainResponse:
    """One ``http.client`` response, read with bounds."""

    def __init__(self, response: Any) -> None:
        self._response = response
        self.status_code = int(response.status)
        self.headers = {k.lower(): v for k, v in response.getheaders()}
        self._body: bytes | None = None

    def read(self) -> bytes:
        if self._body is None:
            self._body = self._guard(lambda: self._response.read(_BODY + 1))
            if len(self._body) > _BODY:
                raise ServerUnreachable(f"the reply is larger than {_BODY >> 20} MB")
        return self._body

    @property
    def text(self) -> str:
        return self.read().decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.read())

    def iter_lines(self) -> Iterator[str]:
        pending = b""
        total = 0
        while True:
            chunk = self._guard(lambda: self._response.readline(_LINE))
            if not chunk:
                if pending:
                    yield pending.decode("utf-8", "replace").rstrip("\r\n")
                return
            total += len(chunk)
            if total > _BODY:
                raise ServerUnreachable(f"the reply is larger than {_BODY >> 20} MB")
            pending += chunk
            if pending.endswith(b"\n"):
                yield pending.decode("utf-8", "replace").rstrip("\r\n")
                pending = b""

    @staticmethod
    def _guard(read: Any) -> Any:
        import http.client

        try:
            return read()
        except (OSError, http.client.HTTPException) as exc:
            raise _transport(exc) from None


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


def _transport(exc: BaseException) -> TransportError:
    if isinstance(exc, TransportError):
        return exc
    name = type(exc).__name__
    if "Timeout" in name or "timed out" in str(exc):
        return ServerTimeout(str(exc) or name)
    return ServerUnreachable(str(exc) or name)


def _encode(body: dict[str, Any]) -> bytes:
    """The request body as compact UTF-8 JSON (what the server tokenizes is smaller)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _errors(client: Any) -> tuple[type[BaseException], ...]:
    """The client's own transport errors (a PlainClient raises ours already)."""
    return () if isinstance(client, PlainClient) else (_httpx().TransportError,)


def post_chat(client: Any, body: dict[str, Any]) -> Any:
    """One non-streamed chat completion as parsed JSON (None when it is not JSON)."""
    errors = _errors(client)
    try:
        response = client.post("chat/completions", content=_encode(body))
        _raise_for_status(response)
        return response.json()
    except errors as exc:
        raise _transport(exc) from None
    except ValueError:
        return None


def stream_chat(client: Any, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The chunks of a streamed chat completion, as dicts. A server that answers
    with one JSON completion instead of a stream yields it as a single chunk
    (``message`` in place of ``delta``); an error event in the stream raises."""
    errors = _errors(client)
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
    except errors as exc:
        raise _transport(exc) from None


def _as_chunk(completion: dict[str, Any]) -> dict[str, Any]:
    choices = []
    for choice in completion.get("choices") or []:
        if isinstance(choice, dict):
            message = choice.get("message") or {}
            choices.append({"delta": message, "finish_reason": choice.get("finish_reason")})
    return {"choices": choices, "usage": completion.get("usage")}
