"""vckit._http: the HTTP policy, driven through httpx.MockTransport (sync and async alike)."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import zlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tests.unit.http.http_support import async_handler

from vckit._http import FetchResponse, HttpPolicy, address_refusal, afetch, check_url, fetch
from vckit.errors import FetchError, FetchStatusError

Handler = Callable[[httpx.Request], httpx.Response]
JSON = {"content-type": "application/json"}


def _sync(url: str, handler: Handler, **kwargs: Any) -> FetchResponse:
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        return fetch(url, client=client, **kwargs)


def _async(url: str, handler: Handler, **kwargs: Any) -> FetchResponse:
    async def run() -> FetchResponse:
        async with httpx.AsyncClient(
            transport=httpx.MockTransport(async_handler(handler))
        ) as client:
            return await afetch(url, client=client, **kwargs)

    return asyncio.run(run())


@pytest.fixture(params=[_sync, _async], ids=["sync", "async"])
def get(request: pytest.FixtureRequest) -> Callable[..., FetchResponse]:
    return request.param  # type: ignore[no-any-return]


class Recorder:
    """A MockTransport handler that records requests and serves canned responses by path.

    Each request gets a fresh copy of the canned response with a *streaming* body, as a real
    transport would give (httpx pre-reads and decodes ``bytes`` content at construction).
    """

    def __init__(self, routes: dict[str, httpx.Response]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        canned = self.routes.get(request.url.path)
        if canned is None:
            return httpx.Response(404, headers=JSON, content=iter([b"{}"]))
        raw = canned.stream
        body = b"".join(raw) if isinstance(raw, httpx.SyncByteStream) else b""
        return httpx.Response(canned.status_code, headers=canned.headers, content=iter([body]))


def test_success_returns_body_headers_and_final_url(get: Callable[..., FetchResponse]) -> None:
    handler = Recorder(
        {"/a": httpx.Response(200, headers={**JSON, "Cache-Control": "max-age=60"}, content=b"{}")}
    )
    result = get("https://example.com/a#frag", handler)
    assert result.url == "https://example.com/a"
    assert result.status == 200
    assert result.content == b"{}"
    assert result.headers["content-type"] == "application/json"
    assert result.max_age == 60
    sent = handler.requests[0]
    assert sent.headers["accept"] == "application/json"
    assert sent.url.fragment == ""


def test_http_refused_unless_allowed(get: Callable[..., FetchResponse]) -> None:
    handler = Recorder({"/": httpx.Response(200, headers=JSON, content=b"1")})
    with pytest.raises(FetchError, match="scheme 'http' not allowed"):
        get("http://example.com/", handler)
    assert handler.requests == []
    assert get("http://example.com/", handler, policy=HttpPolicy(allow_http=True)).content == b"1"


@pytest.mark.parametrize("url", ["ftp://example.com/", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_refused(url: str) -> None:
    with pytest.raises(FetchError, match="not allowed"):
        check_url(url, HttpPolicy(allow_http=True))


def test_status_error_carries_status(get: Callable[..., FetchResponse]) -> None:
    with pytest.raises(
        FetchStatusError, match=r"HTTP 404 from https://example\.com/missing"
    ) as info:
        get("https://example.com/missing", Recorder({}))
    assert info.value.status == 404
    assert info.value.url == "https://example.com/missing"


def test_content_type_checked(get: Callable[..., FetchResponse]) -> None:
    html = httpx.Response(200, headers={"content-type": "text/html"}, content=b"<html>")
    with pytest.raises(FetchError, match="content type 'text/html' not accepted"):
        get("https://example.com/", Recorder({"/": html}))
    ok = httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=b"x")
    result = get("https://example.com/", Recorder({"/": ok}), allowed_content_types=["text/html"])
    assert result.content == b"x"


def test_missing_content_type_refused(get: Callable[..., FetchResponse]) -> None:
    with pytest.raises(FetchError, match=r"content type '\(none\)'"):
        get("https://example.com/", Recorder({"/": httpx.Response(200, content=b"{}")}))


def test_same_origin_redirects_followed(get: Callable[..., FetchResponse]) -> None:
    handler = Recorder(
        {
            "/a": httpx.Response(301, headers={"location": "/b"}),
            "/b": httpx.Response(302, headers={"location": "https://example.com/c"}),
            "/c": httpx.Response(200, headers=JSON, content=b"[]"),
        }
    )
    result = get("https://example.com/a", handler)
    assert result.url == "https://example.com/c"
    assert [r.url.path for r in handler.requests] == ["/a", "/b", "/c"]


@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/",
        "http://example.com/b",
        "https://example.com:8443/b",
        "//evil.example/",
    ],
)
def test_cross_origin_redirect_refused(get: Callable[..., FetchResponse], location: str) -> None:
    handler = Recorder({"/a": httpx.Response(302, headers={"location": location})})
    policy = HttpPolicy(allow_http=True)
    with pytest.raises(FetchError, match="cross-origin redirect"):
        get("https://example.com/a", handler, policy=policy)
    assert len(handler.requests) == 1


def test_redirect_limit(get: Callable[..., FetchResponse]) -> None:
    routes = {f"/{i}": httpx.Response(302, headers={"location": f"/{i + 1}"}) for i in range(10)}
    handler = Recorder(routes)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        get("https://example.com/0", handler)
    assert len(handler.requests) == 4
    with pytest.raises(FetchError, match="more than 0 redirects"):
        get("https://example.com/0", Recorder(routes), policy=HttpPolicy(max_redirects=0))


def test_byte_cap_while_streaming(get: Callable[..., FetchResponse]) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b"x" * 1000

    big = httpx.Response(200, headers=JSON, content=chunks())
    with pytest.raises(FetchError, match="body exceeds 5000 bytes"):
        get("https://example.com/", Recorder({"/": big}), policy=HttpPolicy(max_bytes=5000))


def test_byte_cap_exact_limit_allowed(get: Callable[..., FetchResponse]) -> None:
    body = httpx.Response(200, headers=JSON, content=b"1" * 5000)
    result = get("https://example.com/", Recorder({"/": body}), policy=HttpPolicy(max_bytes=5000))
    assert len(result.content) == 5000


def test_declared_length_over_cap_refused_before_reading(
    get: Callable[..., FetchResponse],
) -> None:
    response = httpx.Response(200, headers={**JSON, "content-length": "99999999"}, content=b"{}")
    with pytest.raises(FetchError, match="body of 99999999 bytes exceeds"):
        get("https://example.com/", Recorder({"/": response}))


def test_gzip_and_deflate_decoded(get: Callable[..., FetchResponse]) -> None:
    routes = {
        "/g": httpx.Response(
            200, headers={**JSON, "content-encoding": "gzip"}, content=gzip.compress(b'{"a":1}')
        ),
        "/d": httpx.Response(
            200, headers={**JSON, "content-encoding": "deflate"}, content=zlib.compress(b"[1]")
        ),
    }
    assert get("https://example.com/g", Recorder(routes)).content == b'{"a":1}'
    assert get("https://example.com/d", Recorder(routes)).content == b"[1]"


def test_unsupported_content_encoding_refused(get: Callable[..., FetchResponse]) -> None:
    for coding in ("br", "zstd", "gzip, gzip", "compress"):
        response = httpx.Response(200, headers={**JSON, "content-encoding": coding}, content=b"x")
        with pytest.raises(FetchError, match=r"content encoding .* not supported"):
            get("https://example.com/", Recorder({"/": response}))


def test_truncated_gzip_refused(get: Callable[..., FetchResponse]) -> None:
    data = gzip.compress(b"{}" * 1000)[:-10]
    response = httpx.Response(200, headers={**JSON, "content-encoding": "gzip"}, content=data)
    with pytest.raises(FetchError, match=r"truncated compressed body|corrupt"):
        get("https://example.com/", Recorder({"/": response}))


@pytest.mark.parametrize(
    ("header", "age", "expected"),
    [
        ("max-age=300", None, 300),
        ("public, max-age=300", "100", 200),
        ('max-age="30"', None, 30),
        ("max-age=10", "50", 0),
        ("no-store", None, 0),
        ("no-cache, max-age=100", None, 0),
        ("max-age=abc", None, None),
        (None, None, None),
    ],
)
def test_max_age(header: str | None, age: str | None, expected: int | None) -> None:
    headers = dict(JSON)
    if header is not None:
        headers["cache-control"] = header
    if age is not None:
        headers["age"] = age
    result = _sync("https://e.com/", Recorder({"/": httpx.Response(200, headers=headers)}))
    assert result.max_age == expected


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "shared (carrier-grade NAT)"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("fec0::1", "site-local"),
        ("::ffff:127.0.0.1", "loopback (IPv4 127.0.0.1 inside IPv6)"),
        ("::ffff:10.0.0.1", "private (IPv4 10.0.0.1 inside IPv6)"),
        ("2002:7f00:1::", "loopback (IPv4 127.0.0.1 inside IPv6)"),
        ("64:ff9b::a9fe:a9fe", "link-local (IPv4 169.254.169.254 inside IPv6)"),
    ],
)
def test_address_refusal(address: str, reason: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_allowed(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("connect_timeout", 0),
        ("read_timeout", -1),
        ("total_timeout", 0),
        ("max_bytes", 0),
        ("max_redirects", -1),
    ],
)
def test_policy_validates(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        HttpPolicy(**{field: value})  # type: ignore[arg-type]


def test_empty_allowed_types_is_programmer_error() -> None:
    with pytest.raises(ValueError, match="allowed_content_types"):
        _sync("https://e.com/", Recorder({}), allowed_content_types=[])
