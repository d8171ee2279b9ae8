"""Guarded httpx transports built from public httpx and httpcore APIs.

httpx's own ``HTTPTransport`` does not take an httpcore network backend, so vckit implements
``httpx.BaseTransport`` / ``httpx.AsyncBaseTransport`` over an httpcore connection pool whose
backend resolves host names itself (:func:`~vckit._http._guard.getaddrinfo_within`), checks every
address and connects to a checked IP literal. TLS still uses the URL's host name for SNI and the
certificate check (httpcore takes them from the request, not the socket) and the ``Host`` header
is unchanged, so virtual hosting works as usual. httpcore's exceptions are mapped to httpx's, so
a guarded client behaves like any other ``httpx.Client`` to the code that uses it. Proxies from
the environment are ignored (``trust_env=False``): a proxy would make the connected address the
proxy's.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import anyio.to_thread
import httpcore
import httpx

from vckit._http._guard import checked_addresses, getaddrinfo_within
from vckit._http._policy import HttpPolicy
from vckit.errors import FetchError

__all__ = ["new_async_client", "new_client"]

# Most specific first: the first match wins.
_CORE_TO_HTTPX: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProxyError, httpx.ProxyError),
)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    """Re-raise httpcore's exceptions as the httpx ones a client user expects."""
    try:
        yield
    except tuple(core for core, _ in _CORE_TO_HTTPX) as exc:
        mapped = next(ours for core, ours in _CORE_TO_HTTPX if isinstance(exc, core))
        raise mapped(str(exc) or type(exc).__name__) from exc


@contextlib.contextmanager
def _resolution_errors(host: str) -> Iterator[None]:
    """One translation of DNS failures for both backends: a slow resolver is a connect timeout."""
    try:
        yield
    except TimeoutError as exc:
        raise httpcore.ConnectTimeout(f"resolving {host!r} timed out") from exc
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc


_CONNECT_FAILURES = (httpcore.ConnectError, httpcore.ConnectTimeout)


class _GuardedBackend(httpcore.NetworkBackend):
    """Sync network backend that only ever connects to addresses it has checked.

    ``connect_tcp``'s other options (local address, socket options) pass through unchanged.
    """

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, *rest: Any, **options: Any
    ) -> httpcore.NetworkStream:
        with _resolution_errors(host):
            infos = getaddrinfo_within(host, port, timeout)
        addresses = checked_addresses(host, infos, self._allow_private)
        for ip in addresses[:-1]:  # try the next address on failure, as a browser would
            with contextlib.suppress(*_CONNECT_FAILURES):
                return self._inner.connect_tcp(ip, port, timeout, *rest, **options)
        return self._inner.connect_tcp(addresses[-1], port, timeout, *rest, **options)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise FetchError("unix sockets are not allowed by the HTTP policy")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncGuardedBackend(httpcore.AsyncNetworkBackend):
    """Async network backend (anyio: asyncio and trio) with the same checks."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, *rest: Any, **options: Any
    ) -> httpcore.AsyncNetworkStream:
        with _resolution_errors(host):
            infos = await anyio.to_thread.run_sync(getaddrinfo_within, host, port, timeout)
        addresses = checked_addresses(host, infos, self._allow_private)
        for ip in addresses[:-1]:
            with contextlib.suppress(*_CONNECT_FAILURES):
                return await self._inner.connect_tcp(ip, port, timeout, *rest, **options)
        return await self._inner.connect_tcp(addresses[-1], port, timeout, *rest, **options)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise FetchError("unix sockets are not allowed by the HTTP policy")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _core_request(request: httpx.Request) -> httpcore.Request:
    url = request.url
    return httpcore.Request(
        method=request.method,
        url=httpcore.URL(
            scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
        ),
        headers=request.headers.raw,
        content=request.stream,
        extensions=request.extensions,
    )


class _Stream(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._response.iter_stream()

    def close(self) -> None:
        self._response.close()


class _AsyncStream(httpx.AsyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for part in self._response.aiter_stream():
                yield part

    async def aclose(self) -> None:
        await self._response.aclose()


class _GuardedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore pool on the guarded backend."""

    def __init__(self, policy: HttpPolicy) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=policy.ssl_context(),
            network_backend=_GuardedBackend(policy.allow_private_hosts),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with _httpx_errors():
            answer = self._pool.handle_request(_core_request(request))
        return httpx.Response(
            answer.status,
            headers=answer.headers,
            stream=_Stream(answer),
            extensions=answer.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _AsyncGuardedTransport(httpx.AsyncBaseTransport):
    """The async transport: same pool settings, async guarded backend."""

    def __init__(self, policy: HttpPolicy) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=policy.ssl_context(),
            network_backend=_AsyncGuardedBackend(policy.allow_private_hosts),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        with _httpx_errors():
            answer = await self._pool.handle_async_request(_core_request(request))
        return httpx.Response(
            answer.status,
            headers=answer.headers,
            stream=_AsyncStream(answer),
            extensions=answer.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


def _client_options(policy: HttpPolicy) -> dict[str, Any]:
    return {"timeout": policy.timeout(), "follow_redirects": False, "trust_env": False}


def new_client(policy: HttpPolicy | None = None) -> httpx.Client:
    """An ``httpx.Client`` whose connections obey ``policy``'s address rules. Caller closes it."""
    policy = policy or HttpPolicy()
    return httpx.Client(transport=_GuardedTransport(policy), **_client_options(policy))


def new_async_client(policy: HttpPolicy | None = None) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` whose connections obey ``policy``'s address rules."""
    policy = policy or HttpPolicy()
    return httpx.AsyncClient(transport=_AsyncGuardedTransport(policy), **_client_options(policy))
