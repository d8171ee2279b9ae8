"""DIDResolver and AsyncDIDResolver over httpx.MockTransport: identical results, same errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tests.unit.http.http_support import async_handler

from vckit import keys
from vckit.dids import (
    AsyncDIDResolver,
    DIDDocument,
    DIDResolver,
    DocumentCache,
    KeyMethod,
    VerificationMethod,
    did_key,
    did_web_document,
)
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind

Handler = Callable[[httpx.Request], httpx.Response]


def json_response(
    doc: Any, status: int = 200, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = json.dumps(doc).encode()
    return httpx.Response(
        status,
        headers={"content-type": "application/did+json", **(headers or {})},
        content=iter([body]),
    )


class Driver:
    """Same interface over a sync or an async resolver (the async one run by asyncio.run)."""

    def __init__(self, mode: str, handler: Handler, **kwargs: Any) -> None:
        self.mode = mode
        self.handler = handler
        self.kwargs = kwargs
        if mode == "sync":
            self.client: Any = httpx.Client(transport=httpx.MockTransport(handler))
            self.resolver: Any = DIDResolver(client=self.client, **kwargs)
        else:
            self.client = httpx.AsyncClient(transport=httpx.MockTransport(async_handler(handler)))
            self.resolver = AsyncDIDResolver(client=self.client, **kwargs)

    def _run(self, name: str, *args: Any) -> Any:
        method = getattr(self.resolver, name)
        if self.mode == "sync":
            return method(*args)
        return asyncio.run(method(*args))

    def resolve(self, did: str) -> DIDDocument:
        return self._run("resolve", did)  # type: ignore[no-any-return]

    def dereference(
        self, did_url: str, relationship: str = "assertionMethod"
    ) -> VerificationMethod:
        return self._run("dereference", did_url, relationship)  # type: ignore[no-any-return]


ISSUER = keys.generate("Ed25519").public_key
OTHER = keys.generate("P-256").public_key
WEB = "did:web:issuer.example:badges"
WEB_DOC = did_web_document(WEB, [ISSUER, OTHER])
HTTPS_DOC = {
    "@context": ["https://www.w3.org/ns/cid/v1"],
    "id": "https://example.edu/issuers/565049",
    "verificationMethod": [
        {
            "id": "https://example.edu/issuers/565049#key-1",
            "type": "Multikey",
            "controller": "https://example.edu/issuers/565049",
            "publicKeyMultibase": ISSUER.multibase,
        }
    ],
    "assertionMethod": ["#key-1"],
}


class Server:
    def __init__(self, routes: dict[str, Callable[[], httpx.Response]]) -> None:
        self.routes = routes
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        route = self.routes.get(str(request.url))
        return route() if route else json_response({}, status=404)


def _server() -> Server:
    return Server(
        {
            "https://issuer.example/badges/did.json": lambda: json_response(WEB_DOC),
            "https://example.edu/issuers/565049": lambda: json_response(
                HTTPS_DOC, headers={"cache-control": "max-age=0"}
            ),
        }
    )


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


def test_did_key_is_offline(mode: str, no_network: list[Any]) -> None:
    server = _server()
    did = did_key(ISSUER)
    method = Driver(mode, server).dereference(f"{did}#{ISSUER.multibase}")
    assert (method.id, method.type, method.controller) == (
        f"{did}#{ISSUER.multibase}",
        "Multikey",
        did,
    )
    assert method.public_key == ISSUER
    assert server.requests == []
    assert no_network == []


def test_did_key_without_fragment_and_key_agreement(mode: str) -> None:
    did = did_key(ISSUER)
    driver = Driver(mode, _server())
    assert driver.dereference(did).public_key == ISSUER
    x_id = driver.resolve(did).data["keyAgreement"][0]
    assert driver.dereference(x_id, "keyAgreement").public_key == ISSUER.to_x25519()
    with pytest.raises(DIDResolutionError, match="not authorised for assertionMethod"):
        driver.dereference(x_id)


def test_did_web_resolve_and_dereference(mode: str) -> None:
    server = _server()
    driver = Driver(mode, server)
    doc = driver.resolve(WEB)
    assert doc.id == WEB
    assert doc.to_json() == WEB_DOC
    method = driver.dereference(f"{WEB}#key-2")
    assert method.public_key == OTHER
    assert method.controller == WEB
    assert server.requests == ["https://issuer.example/badges/did.json"]  # cached


def test_cache_honours_max_age_zero(mode: str) -> None:
    server = _server()
    driver = Driver(mode, server)
    for _ in range(2):
        method = driver.dereference("https://example.edu/issuers/565049#key-1")
        assert method.public_key == ISSUER
    assert len(server.requests) == 2


def test_cache_expiry_with_injected_clock(mode: str) -> None:
    now = [0.0]
    cache = DocumentCache[Any](default_ttl=10, clock=lambda: now[0])
    server = _server()
    driver = Driver(mode, server, cache=cache)
    driver.resolve(WEB)
    now[0] = 9.9
    driver.resolve(WEB)
    assert len(server.requests) == 1
    now[0] = 10.0
    driver.resolve(WEB)
    assert len(server.requests) == 2


def test_cache_max_ttl_caps_server_max_age() -> None:
    now = [0.0]
    cache = DocumentCache[str](max_ttl=60, clock=lambda: now[0])
    cache.put("a", "doc", max_age=86_400)
    now[0] = 59
    assert cache.get("a") == "doc"
    now[0] = 60
    assert cache.get("a") is None


def test_cache_is_size_bounded() -> None:
    cache = DocumentCache[int](max_entries=2)
    for index, key in enumerate("abc"):
        cache.put(key, index)
    assert len(cache) == 2
    assert cache.get("a") is None
    assert cache.get("c") == 2


def test_not_found_and_method_not_supported(mode: str) -> None:
    driver = Driver(mode, _server())
    with pytest.raises(DIDResolutionError, match=r"nobody/did\.json: HTTP 404") as info:
        driver.resolve("did:web:issuer.example:nobody")
    assert info.value.kind is DIDResolutionErrorKind.NOT_FOUND
    with pytest.raises(DIDResolutionError, match="DID method 'ion' is not registered") as info:
        driver.resolve("did:ion:abc")
    assert info.value.kind is DIDResolutionErrorKind.METHOD_NOT_SUPPORTED


def test_methods_are_per_instance(mode: str) -> None:
    driver = Driver(mode, _server(), methods={"key": KeyMethod()})
    assert set(driver.resolver.methods) == {"key"}
    with pytest.raises(DIDResolutionError, match="DID method 'web' is not registered") as info:
        driver.resolve(WEB)
    assert info.value.kind is DIDResolutionErrorKind.METHOD_NOT_SUPPORTED
    assert set(DIDResolver().methods) == {"key", "jwk", "web"}
    with pytest.raises(TypeError, match="does not support item assignment"):
        DIDResolver().methods["web"] = KeyMethod()  # type: ignore[index]


def test_non_json_body_is_invalid_document(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "application/json"}, content=iter([b"{nope"])
        )

    with pytest.raises(DIDResolutionError, match="did not return JSON: invalid JSON") as info:
        Driver(mode, handler).resolve(WEB)
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID_DOCUMENT


def test_sync_and_async_agree() -> None:
    cases = [WEB, did_key(ISSUER), "https://example.edu/issuers/565049"]
    sync, async_ = Driver("sync", _server()), Driver("async", _server())
    for target in cases:
        assert sync.resolve(target).to_json() == async_.resolve(target).to_json()
    for method_id in (f"{WEB}#key-1", "https://example.edu/issuers/565049#key-1"):
        assert sync.dereference(method_id) == async_.dereference(method_id)


def test_resolver_satisfies_key_resolver_protocol() -> None:
    resolver: keys.KeyResolver = DIDResolver()
    method: keys.VerificationMethodLike = resolver.dereference(did_key(ISSUER))
    assert method.public_key == ISSUER


def test_context_managers_close_owned_clients() -> None:
    with DIDResolver() as resolver:
        resolver.dereference(did_key(ISSUER))

    async def run() -> None:
        async with AsyncDIDResolver() as aresolver:
            await aresolver.dereference(did_key(ISSUER))

    asyncio.run(run())


def test_injected_client_is_not_closed() -> None:
    client = httpx.Client(transport=httpx.MockTransport(_server()))
    with DIDResolver(client=client) as resolver:
        resolver.resolve(WEB)
    assert not client.is_closed
    client.close()
