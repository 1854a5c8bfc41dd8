"""The chat wire protocol over both HTTP clients, against a server on 127.0.0.1.

A plain-http server that no proxy covers is spoken to with the standard
library's ``http.client`` (no httpx import on the model path); https and proxied
servers go through httpx. Both must read the same replies and fail the same way.
"""

from __future__ import annotations

import json
import socket

import pytest

from jdtailor.llm import transport
from jdtailor.llm.transport import (
    PlainClient,
    ServerTimeout,
    ServerUnreachable,
    StatusError,
    open_client,
    post_chat,
    stream_chat,
)

from .fakeopenai import chat, error, raw

PROXY_VARS = ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY")


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch):
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)


def _client(kind: str, base_url: str, monkeypatch, timeout: float = 10.0):
    if kind == "httpx":
        monkeypatch.setattr(transport, "_proxied", lambda _host: True)
    client = open_client(base_url, "sk-test", timeout=timeout)
    assert isinstance(client, PlainClient) == (kind == "plain")
    return client


def _text(chunks) -> str:
    parts = []
    for chunk in chunks:
        for choice in chunk.get("choices") or []:
            parts.append((choice.get("delta") or {}).get("content") or "")
    return "".join(parts)


def _plain(base_url: str) -> bool:
    with open_client(base_url, "k", timeout=5) as client:
        return isinstance(client, PlainClient)


def test_plain_http_gets_the_standard_library_client_unless_a_proxy_covers_it(monkeypatch):
    assert _plain("http://127.0.0.1:8080/v1")
    assert _plain("http://llm.lan/v1")
    assert not _plain("https://api.example.com/v1")
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.lan:3128")
    assert not _plain("http://llm.lan/v1")
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1,.lan")
    assert _plain("http://127.0.0.1:8080/v1")
    assert _plain("http://llm.lan/v1")
    assert not _plain("http://gpu.example.com/v1")
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.delenv("NO_PROXY")
    assert _plain("http://gpu.example.com/v1")


@pytest.mark.parametrize("kind", ["plain", "httpx"])
@pytest.mark.parametrize("chunked", [False, True])
def test_a_streamed_reply_reads_the_same_over_either_client(
    fake_openai, monkeypatch, kind, chunked
):
    fake_openai.chunked = chunked
    text = "Ünïcode – " + "x" * 300 + " ✓"
    fake_openai.enqueue(chat(text, prompt_tokens=321))
    body = {"model": "m", "messages": [], "stream": True, "stream_options": {"include_usage": True}}
    with _client(kind, fake_openai.base_url, monkeypatch) as client:
        chunks = list(stream_chat(client, body))
    assert _text(chunks) == text
    assert chunks[-1]["usage"]["prompt_tokens"] == 321
    request = fake_openai.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.body["stream"] is True


@pytest.mark.parametrize("kind", ["plain", "httpx"])
def test_a_json_reply_to_a_stream_request_is_one_chunk(fake_openai, monkeypatch, kind):
    body = {"choices": [{"message": {"content": "whole"}, "finish_reason": "stop"}]}
    fake_openai.enqueue(raw(200, json.dumps(body), headers={"content-type": "application/json"}))
    with _client(kind, fake_openai.base_url, monkeypatch) as client:
        chunks = list(stream_chat(client, {"model": "m", "messages": [], "stream": True}))
    assert _text(chunks) == "whole"
    assert chunks[0]["choices"][0]["finish_reason"] == "stop"


@pytest.mark.parametrize("kind", ["plain", "httpx"])
def test_an_error_status_carries_the_servers_message(fake_openai, monkeypatch, kind):
    fake_openai.enqueue(error(400, "response_format is not supported"))
    fake_openai.enqueue(error(503, "loading model", headers={"retry-after": "2"}))
    with _client(kind, fake_openai.base_url, monkeypatch) as client:
        with pytest.raises(StatusError) as first:
            list(stream_chat(client, {"model": "m", "messages": [], "stream": True}))
        with pytest.raises(StatusError) as second:
            post_chat(client, {"model": "m", "messages": []})
    assert (first.value.status_code, first.value.message) == (
        400,
        "response_format is not supported",
    )
    assert second.value.status_code == 503
    assert second.value.headers["retry-after"] == "2"


@pytest.mark.parametrize("kind", ["plain", "httpx"])
def test_a_silent_server_times_out(fake_openai, monkeypatch, kind):
    fake_openai.enqueue(chat("late", delay=1.5))
    client = _client(kind, fake_openai.base_url, monkeypatch, timeout=0.3)
    with client, pytest.raises(ServerTimeout):
        list(stream_chat(client, {"model": "m", "messages": [], "stream": True}))


@pytest.mark.parametrize("kind", ["plain", "httpx"])
def test_nobody_listening_is_unreachable(monkeypatch, kind):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    client = _client(kind, f"http://127.0.0.1:{port}/v1", monkeypatch, timeout=2)
    with client, pytest.raises(ServerUnreachable):
        post_chat(client, {"model": "m", "messages": []})


def test_a_reply_without_end_is_bounded(monkeypatch):
    """A server that sends one endless line is cut off, not read into memory."""
    monkeypatch.setattr(transport, "_BODY", 4096)
    monkeypatch.setattr(transport, "_LINE", 1024)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        client = PlainClient(f"http://127.0.0.1:{port}/v1", {}, timeout=5)

        import threading

        def serve():
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n")
                try:
                    conn.sendall(b"data: " + b"y" * 20000)
                except OSError:
                    pass

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        with pytest.raises(ServerUnreachable, match="larger than"):
            list(stream_chat(client, {"model": "m", "messages": [], "stream": True}))
        thread.join(5)


@pytest.mark.parametrize("key", ["sk-ключ", "sk-a\nb", "sk-a\x7fb"])
def test_a_key_no_header_can_carry_is_one_line_and_exit_2(fake_openai, monkeypatch, runner, key):
    from jdtailor.cli import app

    from .conftest import EXAMPLES

    fake_openai.point_env(monkeypatch, api_key=key)
    context = str(EXAMPLES / "northwind-solar" / "company.md")
    result = runner.invoke(app, ["draft", "-c", context, "-m", "m", "--cache", "off"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        "jdtailor: error: OPENAI_API_KEY has a space, a control character or a non-ASCII "
        "letter, which no HTTP header can carry; copy the key again"
    ]
    assert fake_openai.requests == []
