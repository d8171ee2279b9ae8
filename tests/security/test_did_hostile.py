"""Hostile DIDs and hostile servers: each a DIDResolutionError of the right kind, no forbidden
request, bounded time and memory."""

from __future__ import annotations

import gzip
import json
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from vckit import keys
from vckit._codec import base64url
from vckit.dids import DIDResolver, did_key, did_web_document
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind

Kind = DIDResolutionErrorKind


def _refuse(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"request made to {request.url}")


def _kind(resolver: DIDResolver, did: str, match: str, *, dereference: bool = False) -> Kind:
    """The kind of the DIDResolutionError ``did`` raises; its message must match ``match``."""
    call = resolver.dereference if dereference else resolver.resolve
    with pytest.raises(DIDResolutionError, match=match) as info:
        call(did)
    return info.value.kind


@pytest.fixture
def offline() -> Iterator[DIDResolver]:
    with httpx.Client(transport=httpx.MockTransport(_refuse)) as client:
        yield DIDResolver(client=client)


@pytest.mark.parametrize(
    "did",
    [
        "did:web:localhost",
        "did:web:localhost%3A8443",
        "did:web:127.0.0.1",
        "did:web:169.254.169.254",
        "did:web:10.0.0.1",
        "did:web:0x7f000001",
        "did:web:2130706433",
        "did:web:0.0.0.0",
    ],
)
@pytest.mark.timeout(10)
def test_did_web_forbidden_hosts(did: str, offline: DIDResolver, no_network: list[Any]) -> None:
    refused = r"/\.well-known/did\.json: host refused: "
    assert _kind(offline, did, refused) is Kind.FETCH_FAILED
    assert _kind(DIDResolver(), did, refused) is Kind.FETCH_FAILED  # default guarded client too
    assert no_network == []


@pytest.mark.parametrize(
    "did",
    [
        "did:web:[::1]",
        "did:web:%5B%3A%3A1%5D",
        "did:web:example.com:a%2Fb",
        "did:web:example.com:..",
        "did:web:example.com:%2E%2E",
        "did:web:example.com:.",
        "did:web:example.com:a%40b",
        "did:web:user%40example.com",
        "did:web:user:pass%40example.com",
        "did:web:example.com%2Fevil",
        "did:web:example.com%3A99999",
        "did:web:example.com::a",
        "did:web:example.com%3Fx",
    ],
)
def test_did_web_malformed(did: str, offline: DIDResolver, no_network: list[Any]) -> None:
    expected = (
        r"^(invalid method-specific id|did:web host '.*' is not a host name with an optional port"
        r"|did:web path segment '.*' is not allowed)"
    )
    assert _kind(offline, did, expected) is Kind.INVALID_DID
    assert no_network == []


@pytest.mark.timeout(5)
def test_64kb_did_refused_fast(offline: DIDResolver) -> None:
    too_long = "^DID URL longer than 8192 characters$"
    assert _kind(offline, "did:web:" + "a" * 65_536, too_long) is Kind.INVALID_DID
    assert _kind(offline, "did:key:z" + "6" * 65_536, too_long) is Kind.INVALID_DID


def test_hostname_resolving_to_private_address(monkeypatch: pytest.MonkeyPatch) -> None:
    connects: list[Any] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port))]

    def connect(*args: Any, **kwargs: Any) -> Any:
        connects.append(args)
        raise OSError("blocked")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", connect)
    monkeypatch.setattr(socket.socket, "connect", connect)
    with DIDResolver() as resolver:
        expected = r"host 'internal\.example' resolves to a private address \(10\.0\.0\.1\)"
        assert _kind(resolver, "did:web:internal.example", expected) is Kind.FETCH_FAILED
    assert connects == []


def _serving(doc: Any, **headers: str) -> DIDResolver:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.dumps(doc).encode()
        return httpx.Response(
            200, headers={"content-type": "application/did+json", **headers}, content=iter([body])
        )

    return DIDResolver(client=httpx.Client(transport=httpx.MockTransport(handler)))


KEY = keys.generate("Ed25519").public_key


def test_document_id_differs_from_did() -> None:
    doc = did_web_document("did:web:attacker.example", [KEY])
    resolver = _serving(doc)
    expected = "document id 'did:web:attacker.example' is not 'did:web:victim.example'"
    assert _kind(resolver, "did:web:victim.example", expected) is Kind.INVALID_DID_DOCUMENT


def test_method_controlled_by_another_did() -> None:
    doc = did_web_document("did:web:issuer.example", [KEY])
    doc["verificationMethod"][0]["controller"] = did_key(KEY)
    resolver = _serving(doc)
    expected = "did:web:issuer.example#key-1 is controlled by 'did:key:"
    kind = _kind(resolver, "did:web:issuer.example#key-1", expected, dereference=True)
    assert kind is Kind.INVALID_DID_DOCUMENT


def test_method_listed_but_not_for_the_relationship() -> None:
    doc = did_web_document("did:web:issuer.example", [KEY], relationships=["authentication"])
    resolver = _serving(doc)
    expected = "did:web:issuer.example#key-1 is not authorised for assertionMethod"
    kind = _kind(resolver, "did:web:issuer.example#key-1", expected, dereference=True)
    assert kind is Kind.NOT_FOUND


def _did_jwk(jwk: dict[str, Any]) -> str:
    return "did:jwk:" + base64url.encode(json.dumps(jwk).encode())


@pytest.mark.parametrize(
    ("did", "message"),
    [
        (_did_jwk({**keys.generate("Ed25519").private_jwk}), "private"),
        (_did_jwk({"kty": "oct", "k": "c2VjcmV0"}), "unsupported JWK key type 'oct'"),
        (
            _did_jwk({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}),
            "JWK member 'x' must be 32 bytes, not 3",
        ),
        ("did:jwk:bm90IGpzb24", "did:jwk does not encode a JSON object: invalid JSON"),
        ("did:jwk:WzFd", "did:jwk must encode a JWK object"),
    ],
    ids=["private-d", "oct", "off-curve", "not-json", "not-object"],
)
def test_bad_did_jwk(did: str, message: str, offline: DIDResolver) -> None:
    assert _kind(offline, did, message) is Kind.INVALID_DID
    assert _kind(offline, did, message, dereference=True) is Kind.INVALID_DID


@pytest.mark.parametrize(
    ("did", "message"),
    [
        ("did:key:z0OIl", "not a did:key DID"),  # not base58btc
        ("did:key:m7QEg", "not a did:key DID"),  # base64 multibase, not base58btc
        ("did:key:z" + "1" * 48, "multicodec 0x0 is not a supported key type"),  # zero bytes
        ("did:key:z6Mk", "multicodec 0x46 is not a supported key type"),  # truncated Ed25519
        (  # one byte too long
            "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWpX",
            "multicodec 0x35 is not a supported key type",
        ),
        (  # BLS: unknown to vckit
            "did:key:zUC7K4ndUaGZgV7Cp2yJy6JtMoUHY6u7tkcSYUvPrEidqBmLCTLmi6d5WvwnUqejscAkERJ3bfjEiSYtdPkRSE8kSa11hFBr4sTgnbZ95SJj19PN2jdvJjyzpSZgxkyyxNnBNnY",
            "BLS12-381 G2 keys are not supported",
        ),
    ],
)
def test_malformed_did_key(did: str, message: str, offline: DIDResolver) -> None:
    assert _kind(offline, did, message) is Kind.INVALID_DID


@pytest.mark.timeout(10)
def test_never_ending_response() -> None:
    def endless() -> Iterator[bytes]:
        while True:
            yield b" " * 65_536

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=endless())

    resolver = DIDResolver(client=httpx.Client(transport=httpx.MockTransport(handler)))
    expected = "body exceeds 1048576 bytes"
    assert _kind(resolver, "did:web:example.com", expected) is Kind.FETCH_FAILED


def test_gzip_bomb() -> None:
    bomb = gzip.compress(b" " * 100_000_000)

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/json", "content-encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=iter([bomb]))

    resolver = DIDResolver(client=httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(DIDResolutionError, match="body exceeds 1048576 bytes") as info:
        resolver.resolve("did:web:example.com")
    assert info.value.kind is Kind.FETCH_FAILED


def test_did_jwk_use_enc_cannot_sign(offline: DIDResolver) -> None:
    jwk = {**keys.generate("P-256").public_key.jwk, "use": "enc"}
    did = _did_jwk(jwk)
    assert offline.dereference(f"{did}#0", "keyAgreement").public_key.key_type == "P-256"
    expected = "is not authorised for assertionMethod$"
    assert _kind(offline, f"{did}#0", expected, dereference=True) is Kind.NOT_FOUND
