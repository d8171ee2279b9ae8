"""Remote contexts load only from the caller's allow-list, over https, through the HTTP policy.

Each test serves from an ``httpx.MockTransport`` that records every request, so "refused" also
means "no request was made".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from vckit import jsonld
from vckit._http import HttpPolicy
from vckit.errors import DocumentLoaderError, FetchError

PREFIX = "https://contexts.example.org/v1/"
SHOES = PREFIX + "shoes.jsonld"
SHOES_CONTEXT = {"@context": {"shoeSize": "https://contexts.example.org/vocab#shoeSize"}}


class Server:
    """A fake HTTPS server: answers from ``routes`` and records what was asked."""

    def __init__(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> None:
        self.routes = routes
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        handler = self.routes.get(str(request.url))
        if handler is None:
            return httpx.Response(404)
        return handler(request)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def _json(document: Any, content_type: str = "application/ld+json") -> Callable[..., Any]:
    body = json.dumps(document).encode()
    return lambda request: httpx.Response(200, content=body, headers={"content-type": content_type})


@pytest.fixture
def server() -> Server:
    return Server({SHOES: _json(SHOES_CONTEXT)})


def _cause(error: BaseException) -> BaseException | None:
    return error.__cause__


def test_allow_listed_url_is_fetched_once_and_kept(server: Server) -> None:
    loader = jsonld.DocumentLoader(allow_remote=[SHOES], client=server.client())
    first = loader(SHOES, {})
    assert first["document"] == SHOES_CONTEXT
    assert first["documentUrl"] == SHOES
    assert first["tag"] is None
    assert loader.get(SHOES) == SHOES_CONTEXT
    assert server.requests == [SHOES]


def test_prefix_entry_admits_urls_below_it(server: Server) -> None:
    loader = jsonld.DocumentLoader(allow_remote=[PREFIX], client=server.client())
    assert loader.get(SHOES) == SHOES_CONTEXT
    assert server.requests == [SHOES]


def test_fetched_document_does_not_leak_to_other_loaders(server: Server) -> None:
    jsonld.DocumentLoader(allow_remote=[SHOES], client=server.client()).get(SHOES)
    with pytest.raises(DocumentLoaderError, match="not allowed for remote loading"):
        jsonld.DocumentLoader(client=server.client()).get(SHOES)
    with pytest.raises(DocumentLoaderError, match="not allowed for remote loading"):
        jsonld.default_loader().get(SHOES)
    assert server.requests == [SHOES]


@pytest.mark.parametrize(
    "url",
    [
        "https://contexts.example.org/v2/other.jsonld",  # same host, outside the prefix
        "https://contexts.example.org/v1-evil/shoes.jsonld",  # prefix without the slash
        "https://contexts.example.org.evil.test/v1/shoes.jsonld",  # host suffix trick
        "https://user@contexts.example.org/v1/shoes.jsonld",  # userinfo
        "https://contexts.example.org/v1/../admin/secrets.json",  # dot segments
        "https://contexts.example.org/v1/%2e%2e/admin/secrets.json",  # encoded dot segments
        "https://contexts.example.org/v1/a\\..\\..\\admin",  # backslashes
        "https://contexts.example.org/v1/sho es.jsonld",  # whitespace
        "https://contexts.example.org/v1/shoes.jsonld#frag",  # fragment
        "http://contexts.example.org/v1/shoes.jsonld",  # http: under an https prefix
    ],
)
def test_urls_outside_the_allow_list_are_refused_without_a_request(
    url: str, server: Server, no_network: list[Any]
) -> None:
    loader = jsonld.DocumentLoader(allow_remote=[PREFIX], client=server.client())
    with pytest.raises(DocumentLoaderError, match="not allowed for remote loading") as info:
        loader(url, {})
    assert info.value.url == url
    assert server.requests == []
    assert no_network == []


def test_remote_loading_is_off_by_default(server: Server, no_network: list[Any]) -> None:
    loader = jsonld.DocumentLoader(client=server.client())
    with pytest.raises(DocumentLoaderError, match="not allowed for remote loading"):
        loader(SHOES, {})
    assert server.requests == []
    assert no_network == []


def test_http_allow_list_entry_needs_an_http_policy_that_allows_it() -> None:
    with pytest.raises(ValueError, match="does not allow http"):
        jsonld.DocumentLoader(allow_remote=["http://contexts.example.org/v1/"])


def test_http_url_loads_only_when_both_the_entry_and_the_policy_allow_it() -> None:
    url = "http://contexts.example.org/v1/shoes.jsonld"
    server = Server({url: _json(SHOES_CONTEXT)})
    loader = jsonld.DocumentLoader(
        allow_remote=["http://contexts.example.org/v1/"],
        http=HttpPolicy(allow_http=True),
        client=server.client(),
    )
    assert loader.get(url) == SHOES_CONTEXT


def test_private_host_is_refused_by_the_http_policy(no_network: list[Any]) -> None:
    url = "https://127.0.0.1/contexts/shoes.jsonld"
    server = Server({url: _json(SHOES_CONTEXT)})
    loader = jsonld.DocumentLoader(allow_remote=[url], client=server.client())
    with pytest.raises(DocumentLoaderError, match="could not be fetched") as info:
        loader(url, {})
    assert isinstance(_cause(info.value), FetchError)
    assert server.requests == []


def test_cross_origin_redirect_is_refused() -> None:
    server = Server(
        {
            SHOES: lambda request: httpx.Response(
                302, headers={"location": "https://elsewhere.example.net/shoes.jsonld"}
            )
        }
    )
    loader = jsonld.DocumentLoader(allow_remote=[SHOES], client=server.client())
    with pytest.raises(DocumentLoaderError, match="could not be fetched") as info:
        loader(SHOES, {})
    assert isinstance(_cause(info.value), FetchError)
    assert server.requests == [SHOES]


def test_http_error_status_is_a_loader_error() -> None:
    server = Server({})
    loader = jsonld.DocumentLoader(allow_remote=[SHOES], client=server.client())
    with pytest.raises(DocumentLoaderError, match="404") as info:
        loader(SHOES, {})
    assert info.value.url == SHOES


def test_pyld_expands_with_an_allow_listed_remote_context(server: Server) -> None:
    from pyld import jsonld as pyld_jsonld

    loader = jsonld.DocumentLoader(allow_remote=[PREFIX], client=server.client())
    expanded = pyld_jsonld.expand({"@context": SHOES, "shoeSize": 44}, {"documentLoader": loader})
    assert expanded == [{"https://contexts.example.org/vocab#shoeSize": [{"@value": 44}]}]
