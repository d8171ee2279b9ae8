"""Hostile dates at the edge of ``datetime``, VC-JOSE-COSE payload rules, lenient signature forms.

Each token is well formed and correctly signed except for the feature under test, and each test
asserts the exact problem: no ``OverflowError``, no exception of any kind.
"""

from __future__ import annotations

import asyncio
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

from vckit._codec import base64url
from vckit.problems import PROOF_VERIFICATION_ERROR
from vckit.proofs import jose

pytestmark = pytest.mark.usefixtures("no_network")

ISSUER = did_key_issuer("Ed25519")
EC = did_key_issuer("P-256")
RSA = did_key_issuer("RSA")
HOLDER = did_key_issuer("Ed25519")


def _dated(**members: Any) -> str:
    """A vc-jwt whose credential carries ``members`` (None removes one); no nbf claim."""
    vc = credential(ISSUER.did, **members)
    claims = vc_jwt_claims(ISSUER.did, vc={k: v for k, v in vc.items() if v is not None})
    del claims["nbf"]
    return forge(ISSUER.pair, {"alg": "EdDSA", "typ": "JWT", "kid": ISSUER.kid}, claims)


def _all_verifiers(token: str) -> list[Any]:
    """The token through every JOSE verifier, alone and inside a presentation."""
    vp = {
        "type": ["VerifiablePresentation"],
        "holder": HOLDER.did,
        "verifiableCredential": [token],
    }
    presentation = jose.sign_presentation_jwt(vp, HOLDER.signer(), now=NOW)
    return [
        jose.verify_credential_jwt(token, now=NOW),
        asyncio.run(jose.averify_credential_jwt(token, now=NOW)),
        jose.verify_presentation_jwt(presentation, now=NOW).credential_results[0],
        asyncio.run(jose.averify_presentation_jwt(presentation, now=NOW)).credential_results[0],
    ]


@pytest.mark.parametrize(
    ("members", "value"),
    [
        ({"validFrom": "9999-12-31T23:59:59-14:00"}, "9999-12-31T23:59:59-14:00"),
        ({"expirationDate": "0001-01-01T00:00:00+14:00"}, "0001-01-01T00:00:00+14:00"),
        ({"validUntil": "0001-01-01T00:00:00+14:00"}, "0001-01-01T00:00:00+14:00"),
        (
            {"validFrom": None, "issuanceDate": "9999-12-31T23:59:59-14:00"},
            "9999-12-31T23:59:59-14:00",
        ),
    ],
)
def test_dates_beyond_year_9999_or_before_year_1_in_utc(
    members: dict[str, Any], value: str
) -> None:
    """Issue 16: these raised OverflowError from the UTC conversion; now a claim problem."""
    for result in _all_verifiers(_dated(**members)):
        assert result.verified is False
        assert codes(result) == [jose.JWT_CLAIM_INVALID_ERROR]
        assert value in result.problems[0].message


def test_the_edge_dates_that_fit_are_read_exactly() -> None:
    future = _dated(validFrom="9999-12-31T09:59:59-14:00")  # 9999-12-31T23:59:59Z
    for result in _all_verifiers(future):
        assert codes(result) == [jose.JWT_NOT_YET_VALID_ERROR]
        assert result.problems[0].detail["validFrom"] == "9999-12-31T23:59:59Z"
    past = _dated(validUntil="0001-01-01T14:00:00+14:00")  # 0001-01-01T00:00:00Z
    for result in _all_verifiers(past):
        assert codes(result) == [jose.JWT_EXPIRED_ERROR]
        assert result.problems[0].detail["validUntil"] == "0001-01-01T00:00:00Z"


@pytest.mark.parametrize("nested", ["vc", "vp"])
def test_vc_jwt_typed_payload_carrying_vc_or_vp_claims(nested: str) -> None:
    """VC-JOSE-COSE: a vc+jwt payload is the credential; a vc / vp claim is a second, unchecked
    document a consumer might read instead."""
    payload = {**credential(ISSUER.did), nested: credential(ISSUER.did, name="Other")}
    token = forge(ISSUER.pair, {"alg": "EdDSA", "typ": "vc+jwt", "kid": ISSUER.kid}, payload)
    result = jose.verify_credential_jwt(token, now=NOW)
    assert result.verified is False
    assert codes(result) == [jose.JWT_CLAIM_INVALID_ERROR]
    assert result.problems[0].detail == {"claims": [nested]}


def test_vp_jwt_typed_payload_carrying_a_vp_claim() -> None:
    vp = {"type": ["VerifiablePresentation"], "holder": HOLDER.did}
    payload = {**vp, "vp": {**vp, "verifiableCredential": ["x"]}}
    token = forge(HOLDER.pair, {"alg": "EdDSA", "typ": "vp+jwt", "kid": HOLDER.kid}, payload)
    result = jose.verify_presentation_jwt(token, now=NOW)
    assert codes(result) == [jose.JWT_CLAIM_INVALID_ERROR]
    assert result.problems[0].detail == {"claims": ["vp"]}


def _resign(token: str, signature: bytes) -> str:
    head, body, _ = token.split(".")
    return f"{head}.{body}.{base64url.encode(signature)}"


def test_ecdsa_signature_with_zero_padded_halves() -> None:
    """jwcrypto splits any even-length signature in two: 33+33 bytes with leading zeros is the
    same r and s. vckit checks the exact length first, so there is one spelling."""
    token = jose.sign_credential_jwt(credential(EC.did), EC.signer(), now=NOW)
    raw = base64url.decode(token.split(".")[2])
    padded = b"\x00" + raw[:32] + b"\x00" + raw[32:]
    result = jose.verify_credential_jwt(_resign(token, padded), now=NOW)
    assert codes(result) == [PROOF_VERIFICATION_ERROR]


def test_rsa_signature_without_its_leading_zero_bytes() -> None:
    """OpenSSL accepts an RSA signature shorter than the modulus; vckit wants the exact length."""
    # Find a signature with a leading zero byte (1 in 256; about 256 tries expected). 512 tries
    # missed with probability (255/256)**512, about 13 %: the test was flaky. 6,000 tries miss
    # with probability about 6e-11.
    for n in range(6000):
        token = jose.sign_credential_jwt(credential(RSA.did, name=f"n{n}"), RSA.signer(), now=NOW)
        raw = base64url.decode(token.split(".")[2])
        if raw[0] == 0:
            break
    else:  # pragma: no cover
        pytest.fail("no RSA signature with a leading zero byte in 6,000 tries")
    assert jose.verify_credential_jwt(token, now=NOW).verified
    result = jose.verify_credential_jwt(_resign(token, raw[1:]), now=NOW)
    assert codes(result) == [PROOF_VERIFICATION_ERROR]
