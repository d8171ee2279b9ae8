"""Fuzz DID and DID URL parsing, did:key / did:jwk derivation, did:web URLs and hostile did:web
documents served over ``httpx.MockTransport``.

Oracles: only ``DIDResolutionError`` escapes (``FetchError`` too where a fetch is involved); a
parsed DID URL prints back as the input; a did:web URL never leaves the DID's host; a document
whose verification method is not the issuer's never yields that issuer's key.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import ISSUER_KEY, byte_mutated, fuzz, json_values, mutated, only

from vckit import dids
from vckit.errors import DIDResolutionError, FetchError

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("no_network")]

_DID_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:%/?#@!$&'()*+,;=~é<> "
)
did_like = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda method, rest: f"did:{method}:{rest}",
        st.sampled_from(["key", "jwk", "web", "example", "KEY", "", "we b"]),
        st.text(st.sampled_from(_DID_CHARS), max_size=60),
    ),
)


@fuzz(300)
@given(value=did_like)
def test_did_url_parsing_raises_only_resolution_errors_and_round_trips(value: str) -> None:
    url = only((DIDResolutionError,), dids.DIDURL.parse, value)
    if isinstance(url, dids.DIDURL):
        assert str(url) == value
        assert url.did.method.islower() or url.did.method.isdigit()


@fuzz(200)
@given(value=did_like.map(lambda v: "did:web:" + v.removeprefix("did:").split(":", 1)[-1]))
def test_did_web_url_stays_on_the_dids_host(value: str) -> None:
    url = only((DIDResolutionError,), dids.did_web_url, value)
    if isinstance(url, str):
        parts = urlsplit(url)
        assert parts.scheme == "https"
        assert parts.username is None
        assert parts.password is None
        assert parts.query == ""
        assert parts.fragment == ""
        host = unquote(value.split(":")[2]).split(":")[0].lower()
        assert parts.hostname == host
        assert ".." not in parts.path.split("/")


KEY_DID = dids.did_key(ISSUER_KEY.public_key)
JWK_DID = dids.did_jwk(ISSUER_KEY.public_key)


@fuzz(150)
@given(
    value=st.sampled_from([KEY_DID, JWK_DID])
    .map(str.encode)
    .flatmap(byte_mutated)
    .map(lambda data: data.decode("utf-8", "replace"))
)
def test_did_key_and_jwk_resolution_raises_only_resolution_errors(value: str) -> None:
    with dids.DIDResolver() as resolver:
        document = only((DIDResolutionError,), resolver.resolve, value)
        if isinstance(document, dids.DIDDocument) and value.startswith(KEY_DID[:10]):
            # a changed did:key that still resolves names a different key, never the issuer's
            # (did:jwk may spell one JWK several ways, e.g. with a space, so it is not checked)
            for vm in document.methods:
                method = only(
                    (DIDResolutionError,), document.verification_method, vm, "assertionMethod"
                )
                if value != KEY_DID and isinstance(method, dids.VerificationMethod):
                    assert method.public_key != ISSUER_KEY.public_key


def _served(document: Any) -> httpx.Client:
    body = document if isinstance(document, bytes) else json.dumps(document).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/did+json"}, content=body)

    return httpx.Client(transport=httpx.MockTransport(handler))


WEB_DID = "did:web:issuer.example"
WEB_DOCUMENT = dids.did_web_document(WEB_DID, [ISSUER_KEY.public_key])
web_documents = st.one_of(
    mutated(WEB_DOCUMENT),
    json_values,
    st.just(json.dumps(WEB_DOCUMENT).encode()).flatmap(byte_mutated),
)


@fuzz(100)
@given(document=web_documents)
def test_hostile_did_web_documents_fail_cleanly(document: Any) -> None:
    with dids.DIDResolver(client=_served(document)) as resolver:
        method = only(
            (DIDResolutionError, FetchError),
            resolver.dereference,
            f"{WEB_DID}#key-1",
            "assertionMethod",
        )
    if isinstance(method, dids.VerificationMethod):
        assert method.controller == WEB_DID
        assert method.id.startswith(WEB_DID + "#")
