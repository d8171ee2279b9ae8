"""Helpers for status tests: a fixed issuer key, signed lists, and an in-memory list server."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from vckit import dids, keys
from vckit.status import BitstringStatusList, issue_status_list_credential

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LIST_URL = "https://issuer.example/status/1"

_SEED = bytes(range(32))


def issuer_key(seed: bytes = _SEED) -> keys.KeyPair:
    return keys.KeyPair.from_jwk(
        {
            "kty": "OKP",
            "crv": "Ed25519",
            "d": _b64(seed),
            "x": _b64(_public(seed)),
        }
    )


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _public(seed: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return (
        Ed25519PrivateKey.from_private_bytes(seed)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


@dataclass
class Issuer:
    key: keys.KeyPair
    did: str
    signer: keys.Signer


def make_issuer(seed: bytes = _SEED) -> Issuer:
    key = issuer_key(seed)
    did = dids.did_key(key.public_key)
    return Issuer(key, did, key.signer(f"{did}#{did.split(':')[-1]}"))


def signed_list(
    issuer: Issuer,
    lst: BitstringStatusList,
    *,
    url: str = LIST_URL,
    purpose: str | list[str] = "revocation",
    **options: Any,
) -> Any:
    options.setdefault("valid_from", "2025-01-01T00:00:00Z")
    options.setdefault("created", "2025-01-01T00:00:00Z")
    return issue_status_list_credential(lst, issuer.signer, id=url, purpose=purpose, **options)


def entry(
    index: int | str,
    *,
    purpose: str = "revocation",
    url: str = LIST_URL,
    kind: str = "BitstringStatusListEntry",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": f"{url}#{index}",
        "type": kind,
        "statusPurpose": purpose,
        "statusListIndex": str(index) if isinstance(index, int) else index,
        "statusListCredential": url,
        **extra,
    }


def credential(
    issuer: Issuer | str, *entries: Mapping[str, Any], ident: str = "urn:uuid:1"
) -> dict[str, Any]:
    iss = issuer if isinstance(issuer, str) else issuer.did
    cred: dict[str, Any] = {"id": ident, "issuer": {"id": iss, "type": ["Profile"]}}
    if entries:
        cred["credentialStatus"] = list(entries) if len(entries) > 1 else entries[0]
    return cred


@dataclass
class ListServer:
    """Serves documents by URL through httpx.MockTransport; records every request."""

    documents: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def put(self, url: str, document: Any, **headers: str) -> None:
        self.documents[url] = document
        self.headers[url] = {k.replace("_", "-"): v for k, v in headers.items()}

    def _respond(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if url not in self.documents:
            return httpx.Response(404, text="not found")
        document = self.documents[url]
        headers = dict(self.headers.get(url, {}))
        etag = headers.get("ETag")
        if etag is not None and request.headers.get("if-none-match") == etag:
            return httpx.Response(304, headers=headers)
        if isinstance(document, str):
            headers.setdefault("Content-Type", "application/vc+jwt")
            return httpx.Response(200, content=document.encode(), headers=headers)
        if isinstance(document, bytes):
            headers.setdefault("Content-Type", "application/json")
            return httpx.Response(200, content=document, headers=headers)
        headers.setdefault("Content-Type", "application/vc+ld+json")
        return httpx.Response(200, content=json.dumps(document).encode(), headers=headers)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self._respond))

    def async_client(self) -> httpx.AsyncClient:
        async def handler(request: httpx.Request) -> httpx.Response:
            return self._respond(request)

        return httpx.AsyncClient(transport=httpx.MockTransport(handler))
