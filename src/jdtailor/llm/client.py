"""The openai client factory and the translation of its errors into ours.

openai is imported inside the functions here, never at module level: it costs
about half a second, and only the model path should pay it. The API key lives in
``Endpoint`` only; ``redact`` removes it from any text a message is built from.
"""

from __future__ import annotations

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
    "make_client",
    "redact",
    "resolve_endpoint",
    "translate_error",
]

OPENAI_URL = "https://api.openai.com/v1"
# Local servers (llama.cpp, Ollama, vLLM) accept any key; we send this one.
PLACEHOLDER_KEY = "not-needed"


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


def make_client(endpoint: Endpoint, *, timeout: float, retries: int) -> Any:
    """An ``openai.OpenAI`` client that never retries an exhausted quota."""
    import openai

    http_client = openai.DefaultHttpxClient(
        verify=_ssl_context(), event_hooks={"response": [_mark_quota_final]}
    )
    return openai.OpenAI(
        api_key=endpoint.api_key,
        base_url=endpoint.base_url,
        timeout=timeout,
        max_retries=retries,
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


def _mark_quota_final(response: Any) -> None:
    """Mark ``insufficient_quota`` 429s as not worth retrying.

    The SDK retries every 429, but an empty quota stays empty; the SDK's own
    ``x-should-retry: false`` header makes it fail at once.
    """
    if response.status_code == 429:
        response.read()
        if b"insufficient_quota" in response.content:
            response.headers["x-should-retry"] = "false"


def redact(text: str, endpoint: Endpoint | None) -> str:
    """``text`` with the API key replaced by ``***``."""
    if endpoint is None or endpoint.api_key == PLACEHOLDER_KEY:
        return text
    key = endpoint.api_key
    if key and key in text:
        text = text.replace(key, "***")
    return text


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
    message = " ".join(redact(message, endpoint).split())
    return message if len(message) <= 300 else message[:297] + "..."


def translate_error(
    exc: Exception, *, model: str, endpoint: Endpoint, retries: int, timeout: float, mode: str
) -> ModelError:
    """One of our ``ModelError``s for an openai exception, with a fix where there is one."""
    import openai

    where = endpoint.public_url
    tries = f"after {retries} retr{'y' if retries == 1 else 'ies'}"
    if isinstance(exc, openai.APITimeoutError):
        return ModelUnavailableError(
            f"{where} gave no reply within {timeout:g} s ({tries}); "
            "raise --timeout or --retries, or try again later"
        )
    if isinstance(exc, openai.APIConnectionError):
        return ModelUnavailableError(
            f"cannot reach {where} ({tries}); check OPENAI_BASE_URL and that the server is running"
        )
    if not isinstance(exc, openai.APIStatusError):
        return ModelError(f"{where}: {redact(str(exc), endpoint)}")
    status = exc.status_code
    code = str(getattr(exc, "code", None) or getattr(exc, "type", None) or "")
    message = _server_message(exc, endpoint)
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
    if status == 404:
        return ModelConfigError(
            f"{where} has no chat completions endpoint (404); OPENAI_BASE_URL usually ends in /v1"
        )
    if status == 429:
        return ModelUnavailableError(
            f"{where} is rate-limiting requests (429, {tries}); wait a minute or raise --retries"
        )
    hint = ""
    if mode == "json_schema" and ("response_format" in message or "json_schema" in message):
        hint = "; if the server does not support json_schema, pass --structured json_object"
    if status in (400, 422):
        return ModelRequestError(f"{where} rejected the request ({status}): {message}{hint}")
    if status >= 500:
        if mode == "json_schema" and not hint:
            hint = "; some servers (llama.cpp) fail on json_schema: try --structured json_object"
        return ModelUnavailableError(f"{where} failed with {status} ({tries}): {message}{hint}")
    return ModelError(f"{where} answered {status}: {message}")
