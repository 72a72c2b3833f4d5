"""The HTTP protocol of `replylint serve` (replylint/serve/protocol.py) on a real socket:
each answer leaves in one write, and answers that stream, close or follow each other on
one connection arrive whole."""

from __future__ import annotations

import asyncio
import http.client
import socket
import threading
import time

import pytest

pytest.importorskip("httptools", reason="the serve extra is not installed")

import uvicorn  # noqa: E402

from replylint.serve.protocol import OneWriteHttpToolsProtocol  # noqa: E402

WRITES: list[bytes] = []  # what the server handed to the socket, call by call


class _Recorded:
    """The real transport, its writes noted."""

    def __init__(self, transport) -> None:
        self._transport = transport

    def write(self, data: bytes) -> None:
        WRITES.append(bytes(data))
        self._transport.write(data)

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


class RecordedProtocol(OneWriteHttpToolsProtocol):
    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(_Recorded(transport))


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    if scope["path"] == "/stream":  # three chunks, the event loop turning between them
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        for part in (b"one ", b"two ", b"three"):
            await send({"type": "http.response.body", "body": part, "more_body": True})
            await asyncio.sleep(0.01)
        await send({"type": "http.response.body", "body": b""})
        return
    body = ("ответ на " + scope["path"]).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        number = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=number, http=RecordedProtocol,
                                           lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield number
    server.should_exit = True
    thread.join(10)


def test_each_answer_on_a_kept_connection_is_one_write(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for path in ("/a", "/b", "/c"):
        WRITES.clear()
        connection.request("POST", path, b'{"text": "x"}', {"Content-Type": "application/json"})
        response = connection.getresponse()
        assert (response.status, response.read().decode()) == (200, "ответ на " + path)
        assert len(WRITES) == 1, WRITES
        assert WRITES[0].startswith(b"HTTP/1.1 200 OK\r\n") and WRITES[0].endswith(("ответ на " + path).encode())
    connection.close()


def test_a_streamed_answer_arrives_whole_and_in_order(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/stream")
    response = connection.getresponse()
    assert response.read() == b"one two three"
    connection.request("GET", "/after")  # and the connection still serves the next request
    assert connection.getresponse().read().decode() == "ответ на /after"
    connection.close()


def test_an_answer_to_connection_close_arrives_before_the_close(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(b"GET /closing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := raw.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")
    assert received.endswith("ответ на /closing".encode())
