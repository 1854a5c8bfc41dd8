"""The openai client factory and the translation of its errors into ours.

openai is imported inside the functions here, never at module level: it costs
about half a second, and only the model path should pay it. The API key lives in
``Endpoint`` only; ``redact`` removes it from any text a message is built from.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import (
    ModelAuthError,
    ModelConfigError,
    ModelError,
    ModelNotFoundError,
    ModelRequestError,
    ModelUnavailableError,
    QuotaExceededError,
)

__all__ = [
    "OPENAI_URL",
    "Endpoint",
    "configured_url",
    "first_line",
    "make_client",
    "redact",
    "rejects_format",
    "resolve_endpoint",
    "retryable",
    "translate_error",
]

OPENAI_URL = "https://api.openai.com/v1"
# Local servers (llama.cpp, Ollama, vLLM) accept any key; we send this one.
PLACEHOLDER_KEY = "not-needed"
# Defaults by kind of server. A CPU server on this machine may think for minutes
# before its first token and streams slowly after; a hosted API answers in seconds.
# The timeout is idle time: seconds without a byte (replies are streamed).
LOCAL_TIMEOUT = 600.0
REMOTE_TIMEOUT = 60.0
LOCAL_RETRIES = 1
REMOTE_RETRIES = 2


@dataclass(frozen=True)
class Endpoint:
    """Where requests go and the key they carry (never shown: ``repr`` hides it)."""

    base_url: str
    api_key: str = field(repr=False)

    @property
    def public_url(self) -> str:
        """The base URL without credentials or query, safe to show and to hash."""
        return public_url(self.base_url)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or self.base_url

    @property
    def is_openai(self) -> bool:
        return self.host.endswith("openai.com")

    @property
    def is_local(self) -> bool:
        """A loopback server (127.0.0.1, ::1, localhost): no prices, CPU-friendly defaults."""
        host = self.host.strip("[]").lower()
        if host == "localhost" or host.endswith(".localhost"):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    @property
    def default_timeout(self) -> float:
        return LOCAL_TIMEOUT if self.is_local else REMOTE_TIMEOUT

    @property
    def default_retries(self) -> int:
        return LOCAL_RETRIES if self.is_local else REMOTE_RETRIES


def public_url(url: str) -> str:
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def configured_url(explicit: str | None = None) -> str:
    """``explicit``, else ``OPENAI_BASE_URL``, else OpenAI's own URL; a
    ``ModelConfigError`` when it is not an http(s) URL."""
    url = (explicit or os.environ.get("OPENAI_BASE_URL") or "").strip() or OPENAI_URL
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # "http://[::1", a port past 65535
        ok = False
    if not ok:
        shown = re.sub(r"//[^/@]*@", "//", url)  # never show credentials
        raise ModelConfigError(
            f"OPENAI_BASE_URL {shown!r} is not an http(s) URL; set it like http://127.0.0.1:8080/v1"
        )
    return url


def resolve_endpoint(base_url: str | None = None, api_key: str | None = None) -> Endpoint:
    """The endpoint from arguments, else ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``."""
    url = configured_url(base_url)
    key = (api_key or os.environ.get("OPENAI_API_KEY") or "").strip()
    endpoint = Endpoint(url, key or PLACEHOLDER_KEY)
    if not key and endpoint.is_openai:
        raise ModelConfigError(
            "no API key: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server), "
            "or pass --offline to draft without a model"
        )
    return endpoint


def make_client(endpoint: Endpoint, *, timeout: float) -> Any:
    """An ``openai.OpenAI`` client that never retries on its own (``ask`` owns
    transport retries: timeouts and deterministic errors are not worth repeating).

    ``timeout`` bounds connecting and each wait for the next bytes of a streamed
    reply, not the whole reply. Plain ``http://`` skips the TLS set-up (~40 ms).
    """
    import openai

    tls = endpoint.base_url.lower().startswith("https:")
    http_client = openai.DefaultHttpxClient(verify=_ssl_context() if tls else False)
    return openai.OpenAI(
        api_key=endpoint.api_key,
        base_url=endpoint.base_url,
        timeout=openai.Timeout(timeout, connect=min(timeout, 15.0)),
        max_retries=0,
        http_client=http_client,
    )


@cache
def _ssl_context() -> Any:
    """One TLS context per process: loading the CA bundle costs ~40 ms a time."""
    try:
        import httpx2 as httpx  # openai 3.x
    except ImportError:  # pragma: no cover - openai 1.x/2.x use httpx
        import httpx  # type: ignore[no-redef]

    return httpx.create_ssl_context()


def redact(text: str, endpoint: Endpoint | None) -> str:
    """``text`` with the API key replaced by ``***``."""
    if endpoint is None or endpoint.api_key == PLACEHOLDER_KEY:
        return text
    key = endpoint.api_key
    if key and key in text:
        text = text.replace(key, "***")
    return text


_NOISE = re.compile(r"^\s*(Traceback \(most recent call last\)|File \"|For further information)")
_HTML = re.compile(r"<\s*(!doctype|html|head|body|title)\b", re.I)


def first_line(text: str, limit: int = 200) -> str:
    """The part of a server's message worth showing: no traceback, no pydantic
    link, one line, at most ``limit`` characters. A pydantic error's headline
    ("1 validation error for X") is joined with its first detail."""
    lines = []
    for line in text.splitlines():
        if _NOISE.match(line):
            break
        if line.strip():
            lines.append(line.strip())
    if lines and re.match(r"\d+ validation errors? for", lines[0]):
        lines = [" ".join(lines[:3])]
    out = " ".join((lines[0] if lines else text.strip()).split())
    return out if len(out) <= limit else out[: limit - 3] + "..."


def _server_message(exc: Any, endpoint: Endpoint) -> str:
    body = getattr(exc, "body", None)
    message = None
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else None
        if message is None and isinstance(body.get("message"), str):
            message = body["message"]
    if not isinstance(message, str) or not message.strip():
        message = getattr(exc, "message", "") or str(exc)
    return first_line(redact(message, endpoint))


def _looks_like_html(exc: Any) -> bool:
    response = getattr(exc, "response", None)
    try:
        kind = response.headers.get("content-type", "") if response is not None else ""
        text = response.text[:500] if response is not None else ""
    except Exception:  # a streamed body that was never read
        return False
    return "html" in kind.lower() or bool(_HTML.search(text))


FORMAT_REJECTED = re.compile(
    r"response_format|json_schema|json_object|'text'|grammar|schema", re.IGNORECASE
)


def rejects_format(exc: Exception) -> bool:
    """Whether an error says the server does not take our ``response_format``."""
    status = getattr(exc, "status_code", None)
    if status not in (400, 422, 500, 501):
        return False
    body = getattr(exc, "body", None)
    text = str(body) if body is not None else ""
    return bool(FORMAT_REJECTED.search(text + " " + str(getattr(exc, "message", ""))))


def retryable(exc: Exception) -> bool:
    """Worth sending again: a dropped connection, 429 (not quota) or a busy gateway.
    Timeouts and every other status are not: the same request fails the same way."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return False
    if isinstance(exc, openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429:
            return "insufficient_quota" not in str(getattr(exc, "body", "")) + str(exc)
        return exc.status_code in (502, 503, 504)
    return False


def translate_error(
    exc: Exception,
    *,
    model: str,
    endpoint: Endpoint,
    retries: int,
    timeout: float,
    mode: str,
    tried: int = 0,
) -> ModelError:
    """One of our ``ModelError``s for an openai exception, with a fix where there is one.

    ``tried`` is how many times this request was sent again before giving up."""
    import openai

    where = endpoint.public_url
    tries = f" after {tried} retr{'y' if tried == 1 else 'ies'}" if tried else ""
    if isinstance(exc, openai.APITimeoutError):
        return ModelUnavailableError(
            f"{where} sent nothing for {timeout:g} s; the server may be overloaded or "
            "stuck: check it, or raise --timeout (seconds of silence allowed)"
        )
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailableError(
            f"cannot reach {where}{tries}; check OPENAI_BASE_URL and that the server is running"
        )
    if not isinstance(exc, openai.APIStatusError):
        return ModelError(f"{where}: {first_line(redact(str(exc), endpoint))}")
    status = exc.status_code
    code = str(getattr(exc, "code", None) or getattr(exc, "type", None) or "")
    message = _server_message(exc, endpoint)
    not_openai = (
        f"{where} does not look like an OpenAI-compatible server ({status}"
        + (", an HTML page" if _looks_like_html(exc) else "")
        + "); check OPENAI_BASE_URL (it usually ends in /v1)"
    )
    if status == 401:
        return ModelAuthError(
            f"{where} rejected the API key (401); check OPENAI_API_KEY for this server"
        )
    if status == 403:
        return ModelAuthError(
            f"{where} refused access to model {model!r} (403); check that the key's project "
            "may use it"
        )
    if "insufficient_quota" in (code, getattr(exc, "type", None)):
        return QuotaExceededError(
            f"the account behind OPENAI_API_KEY has no quota left at {where} (insufficient_quota); "
            "add credit or use another key — retrying will not help"
        )
    if code == "model_not_found" or (status == 404 and "model" in message.lower()):
        return ModelNotFoundError(
            f"{where} has no model {model!r}; check -m/--model or JDTAILOR_MODEL"
        )
    if status in (404, 405, 501) or _looks_like_html(exc):
        return ModelConfigError(not_openai)
    if status == 429:
        return ModelUnavailableError(
            f"{where} is rate-limiting requests (429{tries}); wait a minute or raise --retries"
        )
    hint = ""
    if mode != "prompt" and FORMAT_REJECTED.search(message):
        hint = "; try --structured auto (or json_object, or prompt)"
    if status in (400, 422):
        return ModelRequestError(f"{where} rejected the request ({status}): {message}{hint}")
    if status >= 500:
        return ModelUnavailableError(f"{where} failed with {status}{tries}: {message}{hint}")
    return ModelError(f"{where} answered {status}: {message}")
