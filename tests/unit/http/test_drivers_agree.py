"""Every policy case through both drivers: ``fetch`` and ``afetch`` must give identical outcomes.

The outcome of a case is the response's fields, or the error's type, message, URL and status. A
difference means the two drivers have drifted (as the DNS-timeout mapping once did).
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from tests.unit.http.http_support import async_handler

from vckit._http import HttpPolicy, afetch, fetch
from vckit.errors import FetchError

Handler = Callable[[httpx.Request], httpx.Response]
JSON = {"content-type": "application/json"}
Outcome = tuple[Any, ...]


def _stream(body: bytes, *, parts: int = 1) -> Iterator[bytes]:
    size = max(1, len(body) // parts)
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _respond(status: int = 200, body: bytes = b"{}", **headers: str) -> Handler:
    all_headers = {**JSON, **{k.replace("_", "-"): v for k, v in headers.items()}}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=all_headers, content=_stream(body, parts=3))

    return handler


def _routes(routes: dict[str, Handler]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        return routes.get(request.url.path, _respond(404))(request)

    return handler


def _raises(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def _drip(request: httpx.Request) -> httpx.Response:
    def chunks() -> Iterator[bytes]:
        while True:
            time.sleep(0.05)
            yield b" "

    return httpx.Response(200, headers=JSON, content=chunks())


def _outcome(call: Callable[[], Any]) -> Outcome:
    try:
        result = call()
    except FetchError as exc:
        return (type(exc).__name__, str(exc), exc.url, getattr(exc, "status", None))
    except ValueError as exc:
        return ("ValueError", str(exc))
    return ("ok", result.url, result.status, dict(result.headers), result.content, result.max_age)


def _sync(url: str, handler: Handler, **options: Any) -> Outcome:
    def call() -> Any:
        with httpx.Client(transport=httpx.MockTransport(handler)) as client:
            return fetch(url, client=client, **options)

    return _outcome(call)


def _async(url: str, handler: Handler, **options: Any) -> Outcome:
    async def run() -> Any:
        async with httpx.AsyncClient(
            transport=httpx.MockTransport(async_handler(handler))
        ) as client:
            return await afetch(url, client=client, **options)

    return _outcome(lambda: asyncio.run(run()))


BOMB = gzip.compress(b"\0" * 5_000_000)
LOOP = {f"/{i}": _respond(302, location=f"/{i + 1}") for i in range(6)}

CASES: dict[str, tuple[str, Handler, dict[str, Any]]] = {
    "success": ("https://e.com/a#x", _respond(body=b'{"a":1}', cache_control="max-age=60"), {}),
    "age-header": ("https://e.com/", _respond(cache_control="max-age=60", age="20"), {}),
    "no-store": ("https://e.com/", _respond(cache_control="no-store"), {}),
    "http-refused": ("http://e.com/", _respond(), {}),
    "http-allowed": ("http://e.com/", _respond(), {"policy": HttpPolicy(allow_http=True)}),
    "ftp-refused": ("ftp://e.com/", _respond(), {}),
    "userinfo": ("https://u:p@e.com/", _respond(), {}),
    "loopback-literal": ("https://127.0.0.1/", _respond(), {}),
    "numeric-host": ("https://2130706433/", _respond(), {}),
    "localhost": ("https://localhost/", _respond(), {}),
    "status-404": ("https://e.com/", _respond(404), {}),
    "status-500": ("https://e.com/", _respond(500), {}),
    "html-refused": ("https://e.com/", _respond(content_type="text/html"), {}),
    "html-allowed": (
        "https://e.com/",
        _respond(content_type="text/html; charset=utf-8"),
        {"allowed_content_types": ["text/html"]},
    ),
    "no-allowed-types": ("https://e.com/", _respond(), {"allowed_content_types": []}),
    "same-origin-redirect": (
        "https://e.com/a",
        _routes({"/a": _respond(301, location="/b"), "/b": _respond(body=b"[]")}),
        {},
    ),
    "cross-origin-redirect": ("https://e.com/a", _respond(302, location="https://x.org/"), {}),
    "port-change-redirect": ("https://e.com/a", _respond(302, location="https://e.com:8443/"), {}),
    "redirect-to-loopback": ("https://e.com/a", _respond(302, location="https://127.0.0.1/"), {}),
    "redirect-limit": ("https://e.com/0", _routes(LOOP), {}),
    "redirect-limit-0": ("https://e.com/0", _routes(LOOP), {"policy": HttpPolicy(max_redirects=0)}),
    "redirect-without-location": ("https://e.com/", _respond(302), {}),
    "byte-cap": (
        "https://e.com/",
        _respond(body=b"x" * 6000),
        {"policy": HttpPolicy(max_bytes=5000)},
    ),
    "byte-cap-exact": (
        "https://e.com/",
        _respond(body=b"x" * 5000),
        {"policy": HttpPolicy(max_bytes=5000)},
    ),
    "declared-length": ("https://e.com/", _respond(content_length="99999999"), {}),
    "gzip": (
        "https://e.com/",
        _respond(body=gzip.compress(b'{"g":1}'), content_encoding="gzip"),
        {},
    ),
    "deflate": (
        "https://e.com/",
        _respond(body=zlib.compress(b"[1]"), content_encoding="deflate"),
        {},
    ),
    "gzip-bomb": ("https://e.com/", _respond(body=BOMB, content_encoding="gzip"), {}),
    "truncated-gzip": (
        "https://e.com/",
        _respond(body=gzip.compress(b"{}" * 1000)[:-10], content_encoding="gzip"),
        {},
    ),
    "corrupt-gzip": ("https://e.com/", _respond(body=b"not gzip", content_encoding="gzip"), {}),
    "brotli-refused": ("https://e.com/", _respond(content_encoding="br"), {}),
    "read-timeout": ("https://e.com/", _raises(httpx.ReadTimeout("slow")), {}),
    "connect-timeout": ("https://e.com/", _raises(httpx.ConnectTimeout("slow")), {}),
    "connect-error": ("https://e.com/", _raises(httpx.ConnectError("refused")), {}),
    "protocol-error": ("https://e.com/", _raises(httpx.RemoteProtocolError("bad")), {}),
    "total-timeout": ("https://e.com/", _drip, {"policy": HttpPolicy(total_timeout=0.2)}),
}


@pytest.mark.parametrize("case", CASES)
def test_sync_and_async_drivers_agree(case: str) -> None:
    url, handler, options = CASES[case]
    sync = _sync(url, handler, **options)
    assert sync == _async(url, handler, **options)
    assert sync[0] in ("ok", "FetchError", "FetchStatusError", "ValueError")


def test_the_cases_cover_success_and_refusal() -> None:
    """A guard on the table itself: it must hold successes and each kind of failure."""
    kinds = {_sync(url, handler, **options)[0] for url, handler, options in CASES.values()}
    assert kinds == {"ok", "FetchError", "FetchStatusError", "ValueError"}


def test_a_slow_resolver_is_the_same_error_on_both_drivers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drift this package was rebuilt to end: one mapping for DNS timeouts on both paths."""
    release = threading.Event()

    def hang(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        raise OSError("released")

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    policy = HttpPolicy(connect_timeout=0.2)
    url = "https://slow-dns.example/did.json"
    try:
        sync = _outcome(lambda: fetch(url, policy=policy))
        asynchronous = _outcome(lambda: asyncio.run(afetch(url, policy=policy)))
    finally:
        release.set()
    assert sync == asynchronous == ("FetchError", "timed out (ConnectTimeout)", url, None)


def test_a_resolver_failure_is_the_same_error_on_both_drivers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    url = "https://no-such-host.example/"
    sync = _outcome(lambda: fetch(url))
    asynchronous = _outcome(lambda: asyncio.run(afetch(url)))
    assert sync == asynchronous
    assert sync[:2] == (
        "FetchError",
        "ConnectError: cannot resolve 'no-such-host.example': "
        f"[Errno {socket.EAI_NONAME}] Name or service not known",
    )
