"""Where requests go (``Endpoint``), the HTTP client factory, and what a
transport error means for the user (``translate_error``).

Nothing heavy is imported here: the HTTP client loads on the first request. The
API key lives in ``Endpoint`` only; ``redact`` removes it from any text a message
is built from.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
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
    "is_format_refusal",
    "redact",
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
    if not all(" " < ch < "\x7f" for ch in key):
        raise ModelConfigError(
            "OPENAI_API_KEY has a space, a control character or a non-ASCII letter, which "
            "no HTTP header can carry; copy the key again"
        )
    endpoint = Endpoint(url, key or PLACEHOLDER_KEY)
    if not key and endpoint.is_openai:
        raise ModelConfigError(
            "no API key: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server), "
            "or pass --offline to draft without a model"
        )
    return endpoint


def make_client(endpoint: Endpoint, *, timeout: float | None, retries: int | None) -> Any:
    """An ``openai.OpenAI`` SDK client, for what needs the SDK (the Batch API's files
    and batches). Drafting does not: ``send`` speaks chat completions itself."""
    import openai

    from .transport import tls_context

    tls = endpoint.base_url.lower().startswith("https:")
    return openai.OpenAI(
        api_key=endpoint.api_key,
        base_url=endpoint.base_url,
        timeout=timeout or endpoint.default_timeout,
        max_retries=endpoint.default_retries if retries is None else retries,
        http_client=openai.DefaultHttpxClient(verify=tls_context() if tls else False),
    )


def redact(text: str, endpoint: Endpoint | None) -> str:
    """``text`` with the API key replaced by ``***``."""
    if endpoint is None or endpoint.api_key == PLACEHOLDER_KEY:
        return text
    key = endpoint.api_key
    if key and key in text:
        text = text.replace(key, "***")
    return text


_NOISE = re.compile(r"^\s*(Traceback \(most recent call last\)|File \"|For further information)")


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


FORMAT_REJECTED = re.compile(
    r"response_format|json_schema|json_object|'text'|grammar|schema", re.IGNORECASE
)


def is_format_refusal(exc: Exception) -> bool:
    """Whether an error says the server does not take our ``response_format``."""
    from .transport import StatusError

    if not isinstance(exc, StatusError) or exc.status_code not in (400, 422, 500, 501):
        return False
    return bool(FORMAT_REJECTED.search(exc.message))


def retryable(exc: Exception) -> bool:
    """Worth sending again: a dropped connection, 429 (not quota) or a busy gateway.
    Timeouts and every other status are not: the same request fails the same way."""
    from .transport import ServerUnreachable, StatusError

    if isinstance(exc, ServerUnreachable):
        return True
    if isinstance(exc, StatusError):
        if exc.status_code == 429:
            return "insufficient_quota" not in (exc.code + " " + exc.message)
        return exc.status_code in (502, 503, 504)
    return False


def _from_sdk(exc: Exception) -> Exception:
    """An openai SDK exception (the Batch API's) as the transport error it stands for."""
    if not type(exc).__module__.startswith("openai"):
        return exc
    from .transport import ServerTimeout, ServerUnreachable, StatusError

    name = type(exc).__name__
    if name == "APITimeoutError":
        return ServerTimeout(str(exc))
    if name == "APIConnectionError":
        return ServerUnreachable(str(exc))
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        response = getattr(exc, "response", None)
        headers = dict(response.headers) if response is not None else {}
        body = getattr(exc, "body", None)
        return StatusError(status, body if body is not None else str(exc), headers)
    return exc


def translate_error(
    exc: Exception,
    *,
    model: str,
    endpoint: Endpoint,
    timeout: float | None,
    mode: str,
    tried: int = 0,
    retries: int | None = None,  # noqa: ARG001 - callers from before ``tried``
) -> ModelError:
    """One of our ``ModelError``s for a transport (or SDK) error, with a fix where
    there is one. ``tried`` is how many times the request was sent again."""
    from .transport import ServerTimeout, ServerUnreachable, StatusError

    exc = _from_sdk(exc)
    timeout = timeout or endpoint.default_timeout

    where = endpoint.public_url
    tries = f" after {tried} retr{'y' if tried == 1 else 'ies'}" if tried else ""
    if isinstance(exc, ServerTimeout):
        return ModelUnavailableError(
            f"{where} sent nothing for {timeout:g} s; the server may be overloaded or "
            "stuck: check it, or raise --timeout (seconds of silence allowed)"
        )
    if isinstance(exc, ServerUnreachable):
        return ModelUnavailableError(
            f"cannot reach {where}{tries}; check OPENAI_BASE_URL and that the server is running"
        )
    if not isinstance(exc, StatusError):
        return ModelError(f"{where}: {first_line(redact(str(exc), endpoint))}")
    status = exc.status_code
    code = exc.code
    message = first_line(redact(exc.message, endpoint))
    if status == 401:
        return ModelAuthError(
            f"{where} rejected the API key (401); check OPENAI_API_KEY for this server"
        )
    if status == 403:
        return ModelAuthError(
            f"{where} refused access to model {model!r} (403); check that the key's project "
            "may use it"
        )
    if code == "insufficient_quota":
        return QuotaExceededError(
            f"the account behind OPENAI_API_KEY has no quota left at {where} (insufficient_quota); "
            "add credit or use another key — retrying will not help"
        )
    if not exc.is_html and (
        code == "model_not_found" or (status == 404 and "model" in message.lower())
    ):
        return ModelNotFoundError(
            f"{where} has no model {model!r}; check -m/--model or JDTAILOR_MODEL"
        )
    if status in (404, 405, 501) or exc.is_html:
        return ModelConfigError(
            f"{where} does not look like an OpenAI-compatible server ({status}"
            + (", an HTML page" if exc.is_html else "")
            + "); check OPENAI_BASE_URL (it usually ends in /v1)"
        )
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
