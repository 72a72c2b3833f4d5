"""uvicorn's HTTP protocol (httptools) writing each answer to the socket once.

uvicorn writes an answer's head and its body with two ``send`` calls. On loopback the
first one wakes the client, which reads the head and waits for the body while the server
makes its second call; on a loaded machine the client, just woken, often takes the core
and the server waits for its turn to send the body: two more wake-ups a request. The two
writes also cost two trips through the kernel's TCP stack (the head's alone was a third of
the server's processor time for an empty text, docs/serve.md "Measured").

Here the connection's writes are held until the answer is complete (or, for one that
streams, until the event loop's next turn) and sent in one call.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["OneWriteHttpToolsProtocol"]


class _HeldWrites:
    """A transport whose writes wait for :meth:`flush`, called when an answer is complete
    and, in any case, on the event loop's next turn (so nothing waits longer than that)."""

    __slots__ = ("_transport", "_loop", "_held")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._held:
            self._loop.call_soon(self.flush)
        self._held.append(data)

    def flush(self) -> None:
        if not self._held:
            return
        data = b"".join(self._held) if len(self._held) > 1 else self._held[0]
        self._held.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


class OneWriteHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, an answer's head and body sent in one write."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(_HeldWrites(transport, self.loop))  # type: ignore[arg-type]

    def on_response_complete(self) -> None:
        self.transport.flush()  # type: ignore[attr-defined]
        super().on_response_complete()
