"""The async front ends run the same core as the sync ones, over async or sync resolvers."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest
from tests.unit.jose.jose_support import (
    NOW,
    codes,
    credential,
    did_key_issuer,
    forge,
    vc_jwt_claims,
)

from vckit import dids, keys
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    INVALID_VERIFICATION_METHOD_ERROR,
    PROOF_VERIFICATION_ERROR,
    Problem,
)
from vckit.proofs import jose

pytestmark = pytest.mark.usefixtures("no_network")

ISSUER = did_key_issuer("Ed25519")
HOLDER = did_key_issuer("P-256")
OTHER = did_key_issuer("Ed25519")


class AsyncResolver:
    """An async resolver over the offline one, recording what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self._inner = keys.LocalKeyResolver()

    async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
        self.asked.append((method_id, relationship))
        await asyncio.sleep(0)
        return self._inner.dereference(method_id, relationship)


def _tokens() -> dict[str, str]:
    good = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    head, body, _ = good.split(".")
    forged = jose.sign_credential_jwt(credential(ISSUER.did, name="x"), OTHER.signer(), now=NOW)
    return {
        "good": good,
        "vc+jwt": jose.sign_credential_jwt(
            credential(ISSUER.did), ISSUER.signer(), profile="vc+jwt", now=NOW
        ),
        "bad signature": f"{head}.{body}.{forged.split('.')[2]}",
        "foreign kid": forge(
            OTHER.pair,
            {"alg": "EdDSA", "typ": "JWT", "kid": OTHER.kid},
            vc_jwt_claims(ISSUER.did),
        ),
        "expired": jose.sign_credential_jwt(
            credential(ISSUER.did, validUntil="2025-02-01T00:00:00Z"), ISSUER.signer(), now=NOW
        ),
        "garbage": "a.b.c",
    }


@pytest.mark.parametrize("name", list(_tokens()))
def test_async_and_sync_give_the_same_result(name: str) -> None:
    token = _tokens()[name]
    sync = jose.verify_credential_jwt(token, now=NOW)
    resolver = AsyncResolver()
    result = asyncio.run(jose.averify_credential_jwt(token, resolver, now=NOW))
    assert result == sync
    if name in ("good", "vc+jwt", "bad signature", "expired"):
        assert resolver.asked == [(ISSUER.kid, "assertionMethod")]
    else:
        assert resolver.asked == []  # refused before any dereference


def test_async_with_the_real_async_did_resolver() -> None:
    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)

    async def go() -> jose.JwtVerificationResult:
        async with dids.AsyncDIDResolver() as resolver:
            return await jose.averify_credential_jwt(token, resolver, now=NOW)

    result = asyncio.run(go())
    assert (result.verified, result.problems, result.verification_method) == (
        True,
        (),
        ISSUER.kid,
    )


def test_async_without_a_resolver_is_offline() -> None:
    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    assert asyncio.run(jose.averify_credential_jwt(token, now=NOW)).verified


def test_async_resolver_failure_is_a_problem() -> None:
    class Failing:
        async def dereference(self, method_id: str, relationship: str = "") -> Any:
            raise DIDResolutionError("gone", kind=DIDResolutionErrorKind.NOT_FOUND)

    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    result = asyncio.run(jose.averify_credential_jwt(token, Failing(), now=NOW))
    assert codes(result) == [INVALID_VERIFICATION_METHOD_ERROR]
    assert result.problems[0].detail["error"] == "DIDResolutionError"


def test_sync_front_end_refuses_an_async_resolver() -> None:
    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    with pytest.raises(TypeError, match="averify_credential_jwt"):
        jose.verify_credential_jwt(token, dids.AsyncDIDResolver(), now=NOW)
    with pytest.raises(TypeError, match="averify_presentation_jwt"):
        jose.verify_presentation_jwt(token, AsyncResolver(), now=NOW)


def _presentation(*items: Any) -> str:
    vp = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": HOLDER.did,
        "verifiableCredential": list(items),
    }
    return jose.sign_presentation_jwt(vp, HOLDER.signer(), nonce="n-1", now=NOW)


def test_async_presentation_matches_sync_and_awaits_every_key() -> None:
    inner = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    token = _presentation(inner, inner)
    sync = jose.verify_presentation_jwt(token, nonce="n-1", now=NOW)
    resolver = AsyncResolver()
    result = asyncio.run(jose.averify_presentation_jwt(token, resolver, nonce="n-1", now=NOW))
    assert result == sync
    assert result.verified is True
    assert resolver.asked == [
        (HOLDER.kid, "authentication"),
        (ISSUER.kid, "assertionMethod"),
        (ISSUER.kid, "assertionMethod"),
    ]


def test_async_presentation_awaits_an_async_credential_verifier() -> None:
    embedded = {"type": ["VerifiableCredential"], "issuer": ISSUER.did, "proof": {}}
    token = _presentation(embedded)
    seen: list[Mapping[str, Any]] = []

    async def check(vc: Mapping[str, Any]) -> list[Problem]:
        seen.append(vc)
        return [Problem(PROOF_VERIFICATION_ERROR, "no")]

    result = asyncio.run(
        jose.averify_presentation_jwt(token, nonce="n-1", now=NOW, credential_verifier=check)
    )
    assert codes(result) == [PROOF_VERIFICATION_ERROR]
    assert seen == [embedded]
    undelegated = asyncio.run(jose.averify_presentation_jwt(token, nonce="n-1", now=NOW))
    assert codes(undelegated) == [CRYPTOSUITE_UNSUPPORTED_ERROR]


def test_sync_presentation_refuses_an_async_credential_verifier_answer() -> None:
    embedded = {"type": ["VerifiableCredential"], "issuer": ISSUER.did}
    token = _presentation(embedded)

    async def check(vc: Mapping[str, Any]) -> list[Problem]:
        return []

    result = jose.verify_presentation_jwt(
        token,
        nonce="n-1",
        now=NOW,
        credential_verifier=check,  # type: ignore[arg-type]
    )
    assert result.verified is False
    assert codes(result) == [PROOF_VERIFICATION_ERROR]
    assert result.credential_results[0].problems[0].detail == {"exception": "TypeError"}
