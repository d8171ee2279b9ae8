"""The guarded transports: built on public httpx/httpcore APIs, and they behave like httpx's own."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from vckit._http import HttpPolicy, new_async_client, new_client
from vckit.errors import FetchError

LOOPBACK = HttpPolicy(allow_http=True, allow_private_hosts=True, connect_timeout=2)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_transports_are_their_own_not_httpx_with_a_swapped_pool() -> None:
    with new_client() as client:
        transport = client._transport  # the one the client was given
        assert isinstance(transport, httpx.BaseTransport)
        assert not isinstance(transport, httpx.HTTPTransport)


def test_guarded_client_raises_httpx_errors_sync() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    with new_client(LOOPBACK) as client, pytest.raises(httpx.ConnectError):
        client.get(url)


def test_guarded_client_raises_httpx_errors_async() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"

    async def run() -> None:
        async with new_async_client(LOOPBACK) as client:
            await client.get(url)

    with pytest.raises(httpx.ConnectError):
        asyncio.run(run())


def test_guard_refuses_private_address_on_direct_use_sync() -> None:
    """Used directly (not through fetch), the client still refuses a private address."""
    with (
        new_client() as client,
        pytest.raises(FetchError, match=r"resolves to a loopback address \(127.0.0.1\)"),
    ):
        client.get("http://127.0.0.1:9/")


def test_guard_refuses_private_address_on_direct_use_async() -> None:
    async def run() -> None:
        async with new_async_client() as client:
            await client.get("http://127.0.0.1:9/")

    with pytest.raises(FetchError, match=r"resolves to a loopback address \(127.0.0.1\)"):
        asyncio.run(run())
