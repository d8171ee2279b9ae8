"""Helpers shared by the HTTP tests: run a sync MockTransport handler behind an AsyncClient."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import httpx

Handler = Callable[[httpx.Request], httpx.Response]


def async_handler(
    handler: Handler,
) -> Callable[[httpx.Request], Coroutine[Any, Any, httpx.Response]]:
    """``handler`` for an ``httpx.AsyncClient``: a streaming body is re-yielded lazily (so an
    endless body stays endless), as an async transport would give it."""

    async def handle(request: httpx.Request) -> httpx.Response:
        response = handler(request)
        stream = response.stream
        if response.is_stream_consumed or not isinstance(stream, httpx.SyncByteStream):
            return response

        async def chunks() -> AsyncIterator[bytes]:
            for chunk in stream:
                yield chunk

        return httpx.Response(response.status_code, headers=response.headers, content=chunks())

    return handle
