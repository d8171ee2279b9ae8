"""vckit tokens verify with plain jwcrypto and pyjwt, and their tokens verify in vckit."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jwt
import pytest
from jwcrypto import jwk, jws
from tests.unit.jose.jose_support import (
    NOW,
    Issuer,
    credential,
    did_key_issuer,
    vc_jwt_claims,
)

from vckit._codec import base64url
from vckit.proofs import jose

ALGORITHMS = [
    ("Ed25519", "EdDSA"),
    ("P-256", "ES256"),
    ("P-384", "ES384"),
    ("secp256k1", "ES256K"),
    *[("RSA", alg) for alg in ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")],
]


@cache
def issuer(kind: str) -> Issuer:
    return did_key_issuer(kind)


def _did_jwk(public_jwk: dict[str, Any]) -> str:
    return "did:jwk:" + base64url.encode(json.dumps(public_jwk, separators=(",", ":")).encode())


@pytest.mark.parametrize("profile", ["vc-jwt", "vc+jwt"])
@pytest.mark.parametrize(("kind", "alg"), ALGORITHMS)
def test_vckit_token_verifies_with_jwcrypto(kind: str, alg: str, profile: str) -> None:
    who = issuer(kind)
    vc = credential(who.did)
    token = jose.sign_credential_jwt(vc, who.signer(alg), profile=profile, now=NOW)
    checked = jws.JWS()
    checked.deserialize(token, key=jwk.JWK(**who.pair.public_key.jwk), alg=alg)
    payload = json.loads(checked.payload)
    assert (payload["vc"] if profile == "vc-jwt" else payload) == vc
    assert checked.jose_header["kid"] == who.kid


@pytest.mark.parametrize(("kind", "alg"), ALGORITHMS)
def test_vckit_token_verifies_with_pyjwt(kind: str, alg: str) -> None:
    who = issuer(kind)
    vc = credential(who.did)
    token = jose.sign_credential_jwt(vc, who.signer(alg), now=NOW)
    public = jwt.PyJWK(who.pair.public_key.jwk, algorithm=alg)
    claims = jwt.decode(token, key=public, algorithms=[alg])
    assert claims["vc"] == vc
    assert (claims["iss"], claims["sub"], claims["jti"]) == (
        who.did,
        "did:example:learner",
        vc["id"],
    )


@pytest.mark.parametrize(
    ("kty", "params", "alg"),
    [
        ("OKP", {"crv": "Ed25519"}, "EdDSA"),
        ("EC", {"crv": "P-256"}, "ES256"),
        ("EC", {"crv": "P-384"}, "ES384"),
        ("EC", {"crv": "secp256k1"}, "ES256K"),
        ("RSA", {"size": 2048}, "RS256"),
        ("RSA", {"size": 2048}, "PS384"),
    ],
)
def test_jwcrypto_token_verifies_in_vckit(kty: str, params: dict[str, Any], alg: str) -> None:
    key = jwk.JWK.generate(kty=kty, **params)
    did = _did_jwk(key.export_public(as_dict=True))
    token = jws.JWS(json.dumps(vc_jwt_claims(did)).encode())
    token.add_signature(key, alg=alg, protected={"alg": alg, "typ": "JWT", "kid": f"{did}#0"})
    result = jose.verify_credential_jwt(token.serialize(compact=True), now=NOW)
    assert (result.verified, result.problems) == (True, ())
    assert result.issuer == did


@pytest.mark.parametrize(
    ("kind", "alg"), [("Ed25519", "EdDSA"), ("P-256", "ES256"), ("RSA", "RS256"), ("RSA", "PS512")]
)
def test_pyjwt_token_verifies_in_vckit(kind: str, alg: str) -> None:
    who = issuer(kind)
    private = jwt.PyJWK(who.pair.private_jwk, algorithm=alg)
    token = jwt.encode(vc_jwt_claims(who.did), private.key, algorithm=alg, headers={"kid": who.kid})
    result = jose.verify_credential_jwt(token, now=NOW)
    assert (result.verified, result.problems) == (True, ())
    assert result.header == {"alg": alg, "typ": "JWT", "kid": who.kid}


def test_pyjwt_hs256_token_is_refused() -> None:
    """pyjwt happily makes an HMAC token; vckit never accepts one, whatever the key."""
    who = issuer("Ed25519")
    token = jwt.encode(
        vc_jwt_claims(who.did), "x" * 32, algorithm="HS256", headers={"kid": who.kid}
    )
    result = jose.verify_credential_jwt(token, now=NOW)
    assert [p.code for p in result.problems] == [jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR]
