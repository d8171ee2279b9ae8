"""Sign then verify, for every algorithm and both profiles, plus the verifier's options."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

import pytest
from tests.unit.jose.jose_support import (
    NOW,
    Issuer,
    codes,
    credential,
    did_jwk_issuer,
    did_key_issuer,
    forge,
    vc_jwt_claims,
)

from vckit import keys
from vckit.errors import SigningError, UnsupportedAlgorithmError
from vckit.problems import (
    INVALID_VERIFICATION_METHOD_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
)
from vckit.proofs import jose
from vckit.proofs.jose._compact import parse_compact

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


@pytest.mark.parametrize("profile", ["vc-jwt", "vc+jwt"])
@pytest.mark.parametrize(("kind", "alg"), ALGORITHMS)
def test_round_trip(kind: str, alg: str, profile: str) -> None:
    who = issuer(kind)
    vc = credential(who.did)
    token = jose.sign_credential_jwt(vc, who.signer(alg), profile=profile, now=NOW)
    result = jose.verify_credential_jwt(token, now=NOW)
    assert (result.verified, result.problems) == (True, ())
    assert result.credential == vc
    assert result.profile == profile
    assert result.issuer == who.did
    assert result.verification_method == who.kid
    assert result.header == {
        "alg": alg,
        "typ": "JWT" if profile == "vc-jwt" else "vc+jwt",
        "kid": who.kid,
    }


def test_vc_jwt_claims_follow_ob3() -> None:
    who = issuer("Ed25519")
    vc = credential(who.did, validUntil="2030-01-01T00:00:00Z")
    token = jose.sign_credential_jwt(vc, who.signer(), now=NOW)
    assert parse_compact(token).payload == {
        "iss": who.did,
        "jti": vc["id"],
        "sub": "did:example:learner",
        "nbf": 1735689600,
        "exp": 1893456000,
        "iat": 1748779200,
        "vc": vc,
    }


def test_rsa_signers_default_to_rs256() -> None:
    who = issuer("RSA")
    token = jose.sign_credential_jwt(credential(who.did), who.signer(), now=NOW)
    assert parse_compact(token).header["alg"] == "RS256"


def test_did_jwk_issuer_round_trip() -> None:
    who = did_jwk_issuer("P-256")
    token = jose.sign_credential_jwt(credential(who.did), who.signer(), now=NOW)
    assert jose.verify_credential_jwt(token, now=NOW).verified


def test_embedded_jwk_bound_to_did_jwk_issuer_verifies() -> None:
    who = did_jwk_issuer("Ed25519")
    token = jose.sign_credential_jwt(
        credential(who.did), who.signer(), now=NOW, embed_jwk=who.pair.public_key
    )
    assert parse_compact(token).header == {
        "alg": "EdDSA",
        "typ": "JWT",
        "jwk": who.pair.public_key.jwk,
    }
    result = jose.verify_credential_jwt(token, now=NOW)
    assert (result.verified, result.verification_method) == (True, "jwk")


def test_embedded_jwk_needs_pinning_for_an_https_issuer() -> None:
    pair = keys.generate("RSA")
    lms = "https://lms.example/issuers/1"
    signer = pair.signer("")
    token = jose.sign_credential_jwt(credential(lms), signer, now=NOW, embed_jwk=pair.public_key)
    unpinned = jose.verify_credential_jwt(token, now=NOW)
    assert codes(unpinned) == [UNTRUSTED_ISSUER_ERROR]
    assert unpinned.problems[0].detail["signature_valid"] is True
    pinned = jose.verify_credential_jwt(token, now=NOW, trusted_keys={lms: [pair.public_key]})
    assert (pinned.verified, pinned.problems) == (True, ())


def test_https_kid_on_the_issuers_origin_through_the_resolver() -> None:
    pair = keys.generate("P-256")
    lms = "https://lms.example/issuers/1"
    kid = "https://lms.example/keys/1"
    resolver = keys.LocalKeyResolver(
        {
            kid: {
                "id": kid,
                "type": "JsonWebKey",
                "controller": lms,
                "publicKeyJwk": pair.public_key.jwk,
            }
        }
    )
    token = jose.sign_credential_jwt(credential(lms), pair.signer(kid), now=NOW)
    result = jose.verify_credential_jwt(token, resolver=resolver, now=NOW)
    assert (result.verified, result.verification_method) == (True, kid)
    # Without the resolver knowing the key, the https kid is not fetched: it is just not found.
    assert codes(jose.verify_credential_jwt(token, now=NOW)) == [INVALID_VERIFICATION_METHOD_ERROR]


def test_method_controlled_by_someone_else_is_untrusted() -> None:
    pair = keys.generate("P-256")
    lms = "https://lms.example/issuers/1"
    kid = "https://lms.example/keys/1"
    resolver = keys.LocalKeyResolver(
        {
            kid: {
                "id": kid,
                "type": "JsonWebKey",
                "controller": "https://lms.example/issuers/2",
                "publicKeyJwk": pair.public_key.jwk,
            }
        }
    )
    token = jose.sign_credential_jwt(credential(lms), pair.signer(kid), now=NOW)
    result = jose.verify_credential_jwt(token, resolver=resolver, now=NOW)
    assert codes(result) == [UNTRUSTED_ISSUER_ERROR]


def test_pinned_key_verifies_a_token_without_kid_or_jwk() -> None:
    who = issuer("Ed25519")
    bare = forge(who.pair, {"alg": "EdDSA", "typ": "JWT"}, vc_jwt_claims(who.did))
    assert codes(jose.verify_credential_jwt(bare, now=NOW)) == [INVALID_VERIFICATION_METHOD_ERROR]
    pinned = jose.verify_credential_jwt(
        bare, now=NOW, trusted_keys={who.did: [who.pair.public_key]}
    )
    assert (pinned.verified, pinned.verification_method) == (True, "trusted_keys")


def test_tampered_payload_fails_the_signature() -> None:
    who = issuer("P-256")
    token = jose.sign_credential_jwt(credential(who.did), who.signer(), now=NOW)
    other = jose.sign_credential_jwt(credential(who.did, name="Other"), who.signer(), now=NOW)
    spliced = ".".join([*other.split(".")[:2], token.split(".")[2]])
    assert codes(jose.verify_credential_jwt(spliced, now=NOW)) == [PROOF_VERIFICATION_ERROR]


def test_profile_and_algorithm_pinning() -> None:
    who = issuer("P-256")
    token = jose.sign_credential_jwt(credential(who.did), who.signer(), profile="vc+jwt", now=NOW)
    assert jose.verify_credential_jwt(token, now=NOW, profile="vc+jwt").verified
    assert codes(jose.verify_credential_jwt(token, now=NOW, profile="vc-jwt")) == [
        jose.JWS_HEADER_INVALID_ERROR
    ]
    assert codes(jose.verify_credential_jwt(token, now=NOW, algorithms=["EdDSA"])) == [
        jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR
    ]


def test_time_window_uses_the_injected_clock_and_skew() -> None:
    who = issuer("Ed25519")
    vc = credential(who.did, validUntil="2025-12-31T00:00:00Z")
    token = jose.sign_credential_jwt(vc, who.signer(), now="2025-01-01T00:00:00Z")
    early = jose.verify_credential_jwt(token, now="2024-12-31T23:58:00Z")
    assert codes(early) == [jose.JWT_NOT_YET_VALID_ERROR] * 3  # validFrom, nbf, iat
    assert jose.verify_credential_jwt(
        token, now="2024-12-31T23:58:00Z", clock_skew=timedelta(minutes=3)
    ).verified
    late = jose.verify_credential_jwt(token, now="2026-01-01T00:00:00Z")
    assert codes(late) == [jose.JWT_EXPIRED_ERROR] * 2  # validUntil, exp


def test_signing_refuses_what_cannot_be_a_token() -> None:
    who = issuer("Ed25519")
    with pytest.raises(SigningError, match="no issuer"):
        jose.sign_credential_jwt({"type": ["VerifiableCredential"]}, who.signer())
    with pytest.raises(SigningError, match="could not be created"):
        jose.sign_credential_jwt(credential(who.did, score=float("nan")), who.signer())
    with pytest.raises(ValueError, match="profile"):
        jose.sign_credential_jwt(credential(who.did), who.signer(), profile="jwt")
    with pytest.raises(ValueError, match="embed_jwk"):
        jose.sign_credential_jwt(
            credential(who.did), who.signer(), profile="vc+jwt", embed_jwk=who.pair.public_key
        )
    with pytest.raises(TypeError):
        jose.sign_credential_jwt("{}", who.signer())  # type: ignore[arg-type]


class _HmacSigner:
    key_type = "oct"
    algorithm = "HS256"
    verification_method = "did:example:a#1"

    def sign(self, data: bytes) -> bytes:
        return b"mac"


def test_signing_refuses_symmetric_algorithms() -> None:
    with pytest.raises(UnsupportedAlgorithmError):
        jose.sign_credential_jwt(credential("did:example:a"), _HmacSigner())


class _KmsSigner:
    """A stand-in for a KMS: it only exposes ``sign``; the private key stays inside."""

    def __init__(self, pair: keys.KeyPair, kid: str) -> None:
        self._pair = pair
        self.key_type = pair.key_type
        self.algorithm = "ES256"
        self.verification_method = kid
        self.calls: list[bytes] = []

    def sign(self, data: bytes) -> bytes:
        self.calls.append(data)
        return self._pair.sign(data)


def test_any_signer_protocol_implementation_works() -> None:
    who = issuer("P-256")
    kms = _KmsSigner(who.pair, who.kid)
    token = jose.sign_credential_jwt(credential(who.did), kms, now=NOW)
    assert kms.calls == [token.rsplit(".", 1)[0].encode()]
    assert jose.verify_credential_jwt(token, now=NOW).verified


def test_verifier_argument_errors_are_programmer_errors() -> None:
    with pytest.raises(ValueError, match="clock_skew"):
        jose.verify_credential_jwt("a.b.c", clock_skew=timedelta(seconds=-1))
    with pytest.raises(ValueError, match="not supported"):
        jose.verify_credential_jwt("a.b.c", algorithms=["HS256"])
    with pytest.raises(TypeError):
        jose.verify_credential_jwt("a.b.c", trusted_keys={"x": ["not a key"]})  # type: ignore[list-item]
    with pytest.raises(ValueError, match="profile"):
        jose.verify_credential_jwt("a.b.c", profile="JWT")
