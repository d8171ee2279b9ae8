"""Resolver behaviour added for hostile networks: the negative cache, the fetch budget, the
did:web default timeout, and pickling as configuration (sync and async alike)."""

from __future__ import annotations

import asyncio
import json
import pickle
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest

from vckit import keys
from vckit._http import FetchBudget, HttpPolicy, fetch_budget
from vckit.dids import (
    DEFAULT_HTTP_POLICY,
    AsyncDIDResolver,
    DIDResolver,
    DocumentCache,
    KeyMethod,
    WebMethod,
    did_key,
    did_web_document,
)
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind, FetchBudgetExceededError

DID = "did:web:issuer.example"
KEY = keys.generate("Ed25519").public_key


class Server:
    """Serves ``routes`` (path -> (status, body)) and counts requests."""

    def __init__(self, routes: dict[str, tuple[int, bytes]]) -> None:
        self.routes = routes
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        status, body = self.routes.get(request.url.path, (404, b"{}"))
        headers = {"content-type": "application/did+json"}
        return httpx.Response(status, headers=headers, content=iter([body]))

    async def async_call(self, request: httpx.Request) -> httpx.Response:
        response = self(request)
        body = b"".join(response.stream)  # type: ignore[union-attr]

        async def chunks() -> AsyncIterator[bytes]:
            yield body

        return httpx.Response(response.status_code, headers=response.headers, content=chunks())


def _resolve_all(mode: str, server: Server, dids: list[str], **options: Any) -> list[Any]:
    """Resolve each DID in turn with one resolver; the outcome is the document id or
    ``(error type, kind)``."""

    def outcome(call: Any) -> Any:
        try:
            return call().id
        except DIDResolutionError as exc:
            return ("DIDResolutionError", exc.kind, "not retried yet" in str(exc))
        except FetchBudgetExceededError as exc:
            return ("FetchBudgetExceededError", str(exc))

    if mode == "sync":
        with httpx.Client(transport=httpx.MockTransport(server)) as client:
            resolver = DIDResolver(client=client, **options)
            return [outcome(lambda d=did: resolver.resolve(d)) for did in dids]

    async def run() -> list[Any]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(server.async_call)) as client:
            resolver = AsyncDIDResolver(client=client, **options)
            results = []
            for did in dids:
                try:
                    results.append((await resolver.resolve(did)).id)
                except (DIDResolutionError, FetchBudgetExceededError) as exc:
                    results.append(outcome(lambda e=exc: (_ for _ in ()).throw(e)))
            return results

    return asyncio.run(run())


MODES = pytest.mark.parametrize("mode", ["sync", "async"])
NOT_FOUND = ("DIDResolutionError", DIDResolutionErrorKind.NOT_FOUND)


@MODES
def test_failed_lookup_is_remembered(mode: str) -> None:
    server = Server({})
    outcomes = _resolve_all(mode, server, [DID, DID, DID])
    assert outcomes == [(*NOT_FOUND, False), (*NOT_FOUND, True), (*NOT_FOUND, True)]
    assert server.requests == 1


@MODES
def test_invalid_document_is_remembered(mode: str) -> None:
    server = Server({"/.well-known/did.json": (200, b"not json")})
    kind = DIDResolutionErrorKind.INVALID_DID_DOCUMENT
    outcomes = _resolve_all(mode, server, [DID, DID])
    assert outcomes == [("DIDResolutionError", kind, False), ("DIDResolutionError", kind, True)]
    assert server.requests == 1


@MODES
def test_negative_ttl_zero_retries_every_time(mode: str) -> None:
    server = Server({})
    assert _resolve_all(mode, server, [DID, DID], negative_ttl=0) == [(*NOT_FOUND, False)] * 2
    assert server.requests == 2


def test_remembered_failure_expires_on_the_cache_clock() -> None:
    now = [0.0]
    server = Server({})
    cache = DocumentCache[Any](clock=lambda: now[0])
    with httpx.Client(transport=httpx.MockTransport(server)) as client:
        resolver = DIDResolver(client=client, cache=cache, negative_ttl=30)
        for expected_requests, at in [(1, 0.0), (1, 29.0), (2, 31.0)]:
            now[0] = at
            with pytest.raises(DIDResolutionError, match="404"):
                resolver.resolve(DID)
            assert server.requests == expected_requests
        server.routes["/.well-known/did.json"] = (
            200,
            json.dumps(did_web_document(DID, [KEY])).encode(),
        )
        now[0] = 62.0
        assert resolver.resolve(DID).id == DID


def test_negative_ttl_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="negative_ttl"):
        DIDResolver(negative_ttl=-1)


@MODES
def test_spent_budget_is_raised_as_itself_and_not_remembered(mode: str) -> None:
    document = json.dumps(did_web_document(DID, [KEY])).encode()
    server = Server({"/.well-known/did.json": (200, document)})
    with fetch_budget(FetchBudget(max_fetches=0)):
        spent = _resolve_all(mode, server, [DID, did_key(KEY)])
    assert spent == [
        ("FetchBudgetExceededError", "fetch budget of 0 fetches exhausted"),
        did_key(KEY),  # derived offline: costs nothing
    ]
    assert server.requests == 0
    assert _resolve_all(mode, server, [DID]) == [DID]  # the DID itself did not fail


def test_did_web_default_total_timeout_is_ten_seconds() -> None:
    assert DEFAULT_HTTP_POLICY.total_timeout == 10.0
    assert DEFAULT_HTTP_POLICY.total_timeout < HttpPolicy().total_timeout
    assert DIDResolver().http is DEFAULT_HTTP_POLICY
    assert AsyncDIDResolver().http is DEFAULT_HTTP_POLICY
    custom = HttpPolicy(total_timeout=3)
    assert DIDResolver(http=custom).http is custom


# -- pickling as configuration ------------------------------------------------------------------


@pytest.mark.parametrize("cls", [DIDResolver, AsyncDIDResolver])
def test_resolver_pickles_as_its_configuration(cls: Any) -> None:
    policy = HttpPolicy(allow_http=True, total_timeout=4.0)
    methods = {"key": KeyMethod(legacy=True), "web": WebMethod()}
    cache = DocumentCache[Any](max_entries=7, default_ttl=11.0, max_ttl=13.0)
    resolver = cls(
        http=policy, methods=methods, cache=cache, negative_ttl=5.0, https_documents=False
    )
    if cls is DIDResolver:
        resolver.resolve(did_key(KEY))  # something in the cache: not carried over
        assert len(resolver.cache) == 1
    copy = pickle.loads(pickle.dumps(resolver))
    assert type(copy) is cls
    assert copy.http == policy
    assert dict(copy.methods) == methods
    assert (copy.cache.max_entries, copy.cache.default_ttl, copy.cache.max_ttl) == (7, 11.0, 13.0)
    assert len(copy.cache) == 0
    assert copy._core.negative_ttl == 5.0
    assert copy._core.allow_https_documents is False


def test_injected_client_is_not_pickled() -> None:
    with httpx.Client(transport=httpx.MockTransport(Server({}))) as client:
        copy = pickle.loads(pickle.dumps(DIDResolver(client=client)))
    assert copy._client is None
    assert copy._owns_client is True


def _dereference_in_child(resolver: DIDResolver, method_id: str) -> str:
    return resolver.dereference(method_id).public_key.multibase


def test_resolver_crosses_a_process_pool() -> None:
    method_id = f"{did_key(KEY)}#{KEY.multibase}"
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert (
            pool.submit(_dereference_in_child, DIDResolver(), method_id).result() == KEY.multibase
        )
