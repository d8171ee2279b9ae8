"""The conditional-request option the status cache needs from ``vckit._http.fetch`` / ``afetch``."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from vckit._http import afetch, fetch
from vckit.errors import FetchStatusError

URL = "https://issuer.example/status/1"


def _handler(request: httpx.Request) -> httpx.Response:
    if request.headers.get("if-none-match") == '"v1"':
        return httpx.Response(304, headers={"ETag": '"v1"', "Cache-Control": "max-age=60"})
    return httpx.Response(200, json={"a": 1}, headers={"ETag": '"v1"'})


def test_conditional_request_gets_a_304_response() -> None:
    client = httpx.Client(transport=httpx.MockTransport(_handler))
    full = fetch(URL, client=client)
    assert (full.status, full.headers["etag"], full.content) == (200, '"v1"', b'{"a":1}')
    again = fetch(URL, client=client, headers={"If-None-Match": '"v1"'})
    assert (again.status, again.content, again.max_age) == (304, b"", 60)


def test_conditional_request_async() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return _handler(request)

    async def run() -> int:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            response = await afetch(URL, client=client, headers={"If-None-Match": '"v1"'})
            return response.status

    assert asyncio.run(run()) == 304


def test_a_304_without_a_conditional_request_is_an_error() -> None:
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(304)))
    with pytest.raises(FetchStatusError, match="HTTP 304") as info:
        fetch(URL, client=client)
    assert info.value.status == 304


@pytest.mark.parametrize(
    ("headers", "match"),
    [
        ({"Authorization": "Bearer x"}, "not allowed"),
        ({"Host": "evil.example"}, "not allowed"),
        ({"If-None-Match": '"a"\r\nX-Injected: 1'}, "invalid value"),
    ],
)
def test_only_conditional_headers_are_accepted(headers: dict[str, str], match: str) -> None:
    client = httpx.Client(transport=httpx.MockTransport(_handler))
    with pytest.raises(ValueError, match=match):
        fetch(URL, client=client, headers=headers)
