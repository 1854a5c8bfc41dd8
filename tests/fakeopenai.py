"""A scripted OpenAI-compatible server on 127.0.0.1, for tests over real HTTP.

The openai SDK 3.x talks through ``httpx2``, which respx cannot intercept, so
model-backend tests point ``OPENAI_BASE_URL`` at this server instead. It answers
``POST /v1/chat/completions`` with the replies you queue, in order, and records
every request it receives. The ``fake_openai`` fixture (registered in
conftest.py) gives a started server::

    from .fakeopenai import chat, error

    def test_something(fake_openai, monkeypatch):
        fake_openai.point_env(monkeypatch)   # OPENAI_BASE_URL and OPENAI_API_KEY
        fake_openai.enqueue(chat('{"not": "a posting"}'), chat(posting_dict))
        ...
        assert len(fake_openai.requests) == 2
        assert fake_openai.requests[0].body["model"] == "test-model"

Scripted replies (each may take ``delay=`` seconds before answering):

- ``chat(content)``: a chat completion; ``content`` is a string, or a dict /
  pydantic model sent as JSON. Options: ``finish_reason``, ``refusal``,
  ``prompt_tokens`` (default: the request's characters / 4, as a real server
  counts what arrived), ``completion_tokens``. A request with ``"stream": true``
  gets it as server-sent events, a few characters a chunk (``chunk_delay``
  seconds apart), with a usage chunk when asked for unless ``stream_usage=False``
  (llama-cpp-python sends none).
- ``error(status, message, code=..., type=..., headers=...)``: an OpenAI-style
  error body, e.g. ``error(429, "slow down", headers={"retry-after": "0.01"})``.
- ``raw(status, body, headers=...)``: any bytes.

With the queue empty the server asks ``responder(request)`` when one is set
(a function of the ``Recorded`` request returning a ``Scripted`` answer, for
replies that depend on the prompt), else answers 410 with
``x-should-retry: false`` (so the SDK does not retry) and a message saying
nothing was scripted.

The Batch API is there too: ``POST /v1/files`` (multipart upload),
``GET /v1/files/{id}/content``, ``POST /v1/batches`` and
``GET /v1/batches/{id}``. A batch runs when it is first retrieved with
``hold_batches`` false: each request line is answered like a chat request (the
queue, then ``responder``), and the batch is ``completed`` with an output file.
``uploads`` holds each uploaded file's text and ``batches`` each batch object.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

TEST_KEY = "sk-test-fake-0123456789abcdef"  # tests assert it never leaks

__all__ = [
    "TEST_KEY",
    "FakeOpenAI",
    "Recorded",
    "Scripted",
    "chat",
    "error",
    "fake_openai",
    "raw",
    "sse_events",
]


@dataclass
class Scripted:
    """One queued answer: status, headers, body bytes, and a delay before sending."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    completion: dict[str, Any] | None = None  # a chat reply, for streaming
    chunk_delay: float = 0.0
    stream_usage: bool = True


@dataclass
class Recorded:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw text when it was not JSON

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    @property
    def prompt_text(self) -> str:
        """Every message's content joined, for asserting what the model was shown."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


def chat(
    content: str | dict[str, Any] | Any,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int | None = None,
    completion_tokens: int = 50,
    delay: float = 0.0,
    model: str = "test-model",
    chunk_delay: float = 0.0,
    stream_usage: bool = True,
) -> Scripted:
    """A chat completion whose only choice carries ``content``."""
    if hasattr(content, "model_dump_json"):
        content = content.model_dump_json()
    elif not isinstance(content, str):
        content = json.dumps(content)
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": None if refusal else content,
                    "refusal": refusal,
                },
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,  # None: counted from the request when sent
            "completion_tokens": completion_tokens,
            "total_tokens": (prompt_tokens or 0) + completion_tokens,
        },
    }
    return Scripted(
        200,
        json.dumps(body).encode(),
        {"content-type": "application/json"},
        delay,
        completion=body,
        chunk_delay=chunk_delay,
        stream_usage=stream_usage,
    )


def sse_events(reply: Scripted, include_usage: bool, size: int = 16) -> Iterator[bytes]:
    """A scripted chat reply as the chunks of a streamed completion."""
    body = reply.completion or {}
    choice = body["choices"][0]
    message = choice["message"]
    base = {k: body[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}

    def event(delta: dict[str, Any], finish: str | None = None) -> bytes:
        data = base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return b"data: " + json.dumps(data).encode() + b"\n\n"

    yield event({"role": "assistant", "content": ""})
    if message.get("refusal"):
        yield event({"refusal": message["refusal"]})
    text = message.get("content") or ""
    for i in range(0, len(text), size):
        yield event({"content": text[i : i + size]})
    yield event({}, choice["finish_reason"])
    if include_usage and reply.stream_usage:
        data = base | {"choices": [], "usage": body["usage"]}
        yield b"data: " + json.dumps(data).encode() + b"\n\n"
    yield b"data: [DONE]\n\n"


def error(
    status: int,
    message: str,
    *,
    code: str | None = None,
    type: str | None = None,
    headers: dict[str, str] | None = None,
    delay: float = 0.0,
) -> Scripted:
    """An error response with OpenAI's ``{"error": {...}}`` body."""
    body = {"error": {"message": message, "type": type, "code": code, "param": None}}
    all_headers = {"content-type": "application/json", **(headers or {})}
    return Scripted(status, json.dumps(body).encode(), all_headers, delay)


def raw(
    status: int, body: bytes | str, *, headers: dict[str, str] | None = None, delay: float = 0.0
) -> Scripted:
    """Any status and body, e.g. an HTML error page from a proxy."""
    data = body.encode() if isinstance(body, str) else body
    return Scripted(status, data, dict(headers or {}), delay)


class FakeOpenAI:
    """The server: ``start()``, ``enqueue(...)``, read ``requests``, ``stop()``."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._queue: queue.SimpleQueue[Scripted] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.responder: Callable[[Recorded], Scripted] | None = None
        self.uploads: dict[str, str] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.hold_batches = False
        self.chunked = False  # stream with Transfer-Encoding: chunked, as uvicorn does

    @property
    def base_url(self) -> str:
        """What to put in ``OPENAI_BASE_URL``."""
        assert self._server is not None, "start() the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *replies: Scripted) -> FakeOpenAI:
        """Queue replies; each request takes the next one."""
        for reply in replies:
            self._queue.put(reply)
        return self

    def point_env(self, monkeypatch: pytest.MonkeyPatch, api_key: str = TEST_KEY) -> FakeOpenAI:
        """Set OPENAI_BASE_URL to this server and OPENAI_API_KEY to ``api_key``."""
        monkeypatch.setenv("OPENAI_BASE_URL", self.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", api_key)
        return self

    def pending(self) -> int:
        """Replies queued and not yet sent."""
        return self._queue.qsize()

    def start(self) -> FakeOpenAI:
        handler = _handler_for(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits for one poll, 0.5 s by default.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _record(self, request: Recorded) -> Scripted:
        with self._lock:
            self.requests.append(request)
        path = request.path.rstrip("/")
        if request.method == "POST" and path.endswith("/chat/completions"):
            return self._chat(request)
        with self._lock:
            return self._batch_api(request, path)

    def _chat(self, request: Recorded) -> Scripted:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            if self.responder is not None:
                return self.responder(request)
            return error(
                410,
                "fakeopenai: no scripted reply left for this request",
                headers={"x-should-retry": "false"},
            )

    def _batch_api(self, request: Recorded, path: str) -> Scripted:
        if request.method == "POST" and path.endswith("/files"):
            file_id = f"file-{len(self.uploads) + 1}"
            self.uploads[file_id] = _multipart_file(request)
            return _json(_file_object(file_id, self.uploads[file_id]))
        if request.method == "GET" and (m := re.search(r"/files/([^/]+)/content$", path)):
            if m.group(1) not in self.uploads:
                return error(404, f"fakeopenai: no file {m.group(1)}")
            return raw(200, self.uploads[m.group(1)], headers={"content-type": "text/plain"})
        if request.method == "POST" and path.endswith("/batches"):
            body = request.body if isinstance(request.body, dict) else {}
            batch_id = f"batch-{len(self.batches) + 1}"
            self.batches[batch_id] = {
                "id": batch_id, "object": "batch", "endpoint": body.get("endpoint"),
                "input_file_id": body.get("input_file_id"), "completion_window": "24h",
                "created_at": 1_700_000_000, "status": "validating",
            }  # fmt: skip
            return _json(self.batches[batch_id])
        if request.method == "GET" and (m := re.search(r"/batches/([^/]+)$", path)):
            batch = self.batches.get(m.group(1))
            if batch is None:
                return error(404, f"fakeopenai: no batch {m.group(1)}")
            if batch["status"] == "validating" and not self.hold_batches:
                self._run_batch(batch)
            elif self.hold_batches:
                batch["status"] = "in_progress"
            return _json(batch)
        return error(404, f"fakeopenai: no route {request.method} {request.path}")

    def _run_batch(self, batch: dict[str, Any]) -> None:
        """Answer every request line of the batch's input file; complete the batch."""
        lines = []
        for text in self.uploads[batch["input_file_id"]].splitlines():
            line = json.loads(text)
            inner = Recorded("POST", line["url"], {}, line["body"])
            self.requests.append(inner)
            answer = self._chat(inner)
            lines.append(
                json.dumps(
                    {
                        "id": f"resp-{len(lines) + 1}",
                        "custom_id": line["custom_id"],
                        "response": {
                            "status_code": answer.status,
                            "request_id": f"req-{len(lines) + 1}",
                            "body": json.loads(answer.body),
                        },
                        "error": None,
                    }
                )
            )
        out_id = f"file-{len(self.uploads) + 1}"
        self.uploads[out_id] = "".join(line + "\n" for line in lines)
        n = len(lines)
        batch.update(
            status="completed", output_file_id=out_id, completed_at=1_700_000_100,
            request_counts={"total": n, "completed": n, "failed": 0},
        )  # fmt: skip


def _json(data: dict[str, Any]) -> Scripted:
    return Scripted(200, json.dumps(data).encode(), {"content-type": "application/json"})


def _file_object(file_id: str, text: str) -> dict[str, Any]:
    return {
        "id": file_id, "object": "file", "bytes": len(text.encode()), "created_at": 1_700_000_000,
        "filename": f"{file_id}.jsonl", "purpose": "batch", "status": "processed",
    }  # fmt: skip


def _multipart_file(request: Recorded) -> str:
    """The text of the ``file`` part of a multipart/form-data upload."""
    body = request.body if isinstance(request.body, str) else json.dumps(request.body)
    head = f"content-type: {request.headers.get('content-type', '')}\r\n\r\n"
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        head.encode() + body.encode()
    )
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_payload(decode=True).decode()
    return ""


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            data = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(data) if data else None
            except ValueError:
                body = data.decode("utf-8", "replace")
            recorded = Recorded(
                self.command,
                self.path,
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
            reply = server._record(recorded)
            reply = _counted(reply, recorded)
            if reply.delay:
                time.sleep(reply.delay)
            streamed = isinstance(body, dict) and body.get("stream") and reply.completion
            if streamed:
                options = body.get("stream_options") or {}
                self._stream(reply, bool(options.get("include_usage")))
                return
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test); nothing to tell it

        def _stream(self, reply: Scripted, include_usage: bool) -> None:
            try:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                if server.chunked:
                    self.send_header("transfer-encoding", "chunked")
                else:
                    self.send_header("connection", "close")
                self.end_headers()
                for chunk in sse_events(reply, include_usage):
                    if server.chunked:  # each event split over two HTTP chunks
                        half = len(chunk) // 2
                        chunk = b"".join(
                            b"%x\r\n%s\r\n" % (len(part), part)
                            for part in (chunk[:half], chunk[half:])
                        )
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                if server.chunked:
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                    return
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        do_POST = _answer
        do_GET = _answer

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # keep test output clean

    return Handler


def _counted(reply: Scripted, request: Recorded) -> Scripted:
    """The reply with ``prompt_tokens`` filled in from the request when unscripted."""
    if reply.completion is None or reply.completion["usage"]["prompt_tokens"] is not None:
        return reply
    usage = dict(reply.completion["usage"])
    usage["prompt_tokens"] = len(request.prompt_text) // 4
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    body = reply.completion | {"usage": usage}
    return Scripted(
        reply.status, json.dumps(body).encode(), reply.headers, reply.delay, body,
        reply.chunk_delay, reply.stream_usage,
    )  # fmt: skip


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A started ``FakeOpenAI``; stopped after the test."""
    with FakeOpenAI() as server:
        yield server
