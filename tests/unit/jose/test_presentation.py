"""Presentations as JWTs: holder binding, nonce / audience, embedded credentials."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from tests.unit.jose.jose_support import NOW, codes, credential, did_key_issuer, forge

from vckit import keys
from vckit.errors import SigningError
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    INVALID_CHALLENGE_ERROR,
    INVALID_DOMAIN_ERROR,
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
    Problem,
)
from vckit.proofs import jose
from vckit.proofs.jose._compact import parse_compact

ISSUER = did_key_issuer("P-256")
HOLDER = did_key_issuer("Ed25519")
VERIFIER = "https://verifier.example"


def _presentation(*credentials: Any, **members: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": HOLDER.did,
        "verifiableCredential": list(credentials),
    }
    document.update(members)
    return document


def _vc_token(profile: str = "vc-jwt", **members: Any) -> str:
    return jose.sign_credential_jwt(
        credential(ISSUER.did, **members), ISSUER.signer(), profile=profile, now=NOW
    )


def _envelope(token: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:application/vc+jwt,{token}",
        "type": "EnvelopedVerifiableCredential",
    }


@pytest.mark.parametrize("profile", ["vc-jwt", "vc+jwt"])
def test_round_trip_with_nonce_and_audience(profile: str) -> None:
    inner = _vc_token() if profile == "vc-jwt" else _envelope(_vc_token("vc+jwt"))
    vp = _presentation(inner)
    token = jose.sign_presentation_jwt(
        vp, HOLDER.signer(), profile=profile, nonce="n-42", audience=VERIFIER, now=NOW
    )
    result = jose.verify_presentation_jwt(token, nonce="n-42", audience=VERIFIER, now=NOW)
    assert (result.verified, result.problems) == (True, ())
    # vp+jwt signs the presentation itself, so nonce and aud become members of it.
    binding = {} if profile == "vc-jwt" else {"nonce": "n-42", "aud": VERIFIER}
    assert result.presentation == {**vp, **binding}
    assert result.holder == HOLDER.did
    assert result.verification_method == HOLDER.kid
    assert [r.verified for r in result.credential_results] == [True]
    assert result.credential_results[0].credential == credential(ISSUER.did)
    assert parse_compact(token).header["typ"] == ("JWT" if profile == "vc-jwt" else "vp+jwt")


def test_vc_jwt_presentation_claims() -> None:
    token = jose.sign_presentation_jwt(
        _presentation(id="urn:uuid:vp-1"), HOLDER.signer(), nonce="n", audience=VERIFIER, now=NOW
    )
    assert parse_compact(token).payload == {
        "iss": HOLDER.did,
        "jti": "urn:uuid:vp-1",
        "iat": 1748779200,
        "nonce": "n",
        "aud": VERIFIER,
        "vp": _presentation(id="urn:uuid:vp-1"),
    }


def test_holder_defaults_to_the_signers_did() -> None:
    vp = _presentation()
    del vp["holder"]
    token = jose.sign_presentation_jwt(vp, HOLDER.signer(), now=NOW)
    result = jose.verify_presentation_jwt(token, now=NOW)
    assert result.verified
    assert result.presentation is not None
    assert result.presentation["holder"] == HOLDER.did


def test_wrong_nonce_and_audience() -> None:
    token = jose.sign_presentation_jwt(
        _presentation(), HOLDER.signer(), nonce="n-1", audience=VERIFIER, now=NOW
    )
    result = jose.verify_presentation_jwt(
        token, nonce="n-2", audience="https://other.example", now=NOW
    )
    assert codes(result) == [INVALID_CHALLENGE_ERROR, INVALID_DOMAIN_ERROR]


def test_expected_nonce_missing_from_the_token() -> None:
    token = jose.sign_presentation_jwt(_presentation(), HOLDER.signer(), now=NOW)
    assert codes(jose.verify_presentation_jwt(token, nonce="n", now=NOW)) == [
        INVALID_CHALLENGE_ERROR
    ]
    assert codes(jose.verify_presentation_jwt(token, audience=VERIFIER, now=NOW)) == [
        INVALID_DOMAIN_ERROR
    ]


def test_audience_may_be_a_list() -> None:
    payload = {"iss": HOLDER.did, "aud": ["https://a.example", VERIFIER], "vp": _presentation()}
    token = forge(HOLDER.pair, {"alg": "EdDSA", "kid": HOLDER.kid}, payload)
    assert jose.verify_presentation_jwt(token, audience=VERIFIER, now=NOW).verified


def test_failing_embedded_credentials_fail_the_presentation() -> None:
    good = _vc_token()
    bad = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    token = jose.sign_presentation_jwt(_presentation(good, bad, 7), HOLDER.signer(), now=NOW)
    result = jose.verify_presentation_jwt(token, now=NOW)
    assert not result.verified
    assert [r.verified for r in result.credential_results] == [True, False, False]
    assert codes(result) == [PROOF_VERIFICATION_ERROR, MALFORMED_PROOF_ERROR]
    assert [p.detail["credential"] for p in result.problems] == [1, 2]


def test_presentation_signed_by_someone_else_than_the_holder() -> None:
    token = jose.sign_presentation_jwt(_presentation(), ISSUER.signer(), now=NOW)
    assert codes(jose.verify_presentation_jwt(token, now=NOW)) == [UNTRUSTED_ISSUER_ERROR]


def test_presentation_key_must_be_an_authentication_method() -> None:
    holder = "https://holder.example"
    kid = "https://holder.example/keys/1"
    method = {
        "id": kid,
        "type": "Multikey",
        "controller": holder,
        "publicKeyMultibase": HOLDER.pair.public_key.multibase,
        "relationships": ["assertionMethod"],
    }
    token = jose.sign_presentation_jwt(
        _presentation(holder=holder), HOLDER.pair.signer(kid), now=NOW
    )
    only_assertion = keys.LocalKeyResolver({kid: method})
    result = jose.verify_presentation_jwt(token, resolver=only_assertion, now=NOW)
    assert codes(result) == [INVALID_VERIFICATION_METHOD_ERROR]
    authentication = keys.LocalKeyResolver({kid: {**method, "relationships": ["authentication"]}})
    assert jose.verify_presentation_jwt(token, resolver=authentication, now=NOW).verified


def test_embedded_objects_need_a_credential_verifier() -> None:
    with_proof = {**credential(ISSUER.did), "proof": {"type": "DataIntegrityProof"}}
    token = jose.sign_presentation_jwt(_presentation(with_proof), HOLDER.signer(), now=NOW)
    assert codes(jose.verify_presentation_jwt(token, now=NOW)) == [CRYPTOSUITE_UNSUPPORTED_ERROR]

    seen: list[Mapping[str, Any]] = []

    def accept(document: Mapping[str, Any]) -> Sequence[Problem]:
        seen.append(document)
        return ()

    assert jose.verify_presentation_jwt(token, now=NOW, credential_verifier=accept).verified
    assert seen == [with_proof]


def test_envelope_must_be_a_vc_jwt_data_url() -> None:
    envelope = {"id": "data:application/json,{}", "type": ["EnvelopedVerifiableCredential"]}
    token = jose.sign_presentation_jwt(_presentation(envelope), HOLDER.signer(), now=NOW)
    assert codes(jose.verify_presentation_jwt(token, now=NOW)) == [MALFORMED_PROOF_ERROR]


def test_enveloped_token_must_really_be_vc_jose_cose() -> None:
    token = jose.sign_presentation_jwt(
        _presentation(_envelope(_vc_token("vc-jwt"))), HOLDER.signer(), now=NOW
    )
    assert codes(jose.verify_presentation_jwt(token, now=NOW)) == [jose.JWS_HEADER_INVALID_ERROR]


def test_a_credential_token_is_not_a_presentation() -> None:
    result = jose.verify_presentation_jwt(_vc_token("vc+jwt"), now=NOW)
    assert codes(result) == [jose.JWS_HEADER_INVALID_ERROR]
    assert result.credential_results == ()


def test_vc_jwt_credential_token_lacks_a_vp_claim() -> None:
    assert codes(jose.verify_presentation_jwt(_vc_token(), now=NOW)) == [
        jose.JWT_CLAIM_INVALID_ERROR
    ]


def test_signing_without_a_holder_or_did_signer() -> None:
    vp = _presentation()
    del vp["holder"]
    with pytest.raises(SigningError, match="holder"):
        jose.sign_presentation_jwt(vp, ISSUER.pair.signer("https://lms.example/keys/1"))


def test_unknown_holder_method() -> None:
    other = did_key_issuer("Ed25519")
    token = jose.sign_presentation_jwt(
        _presentation(holder=other.did), other.pair.signer(other.did + "#nope"), now=NOW
    )
    assert codes(jose.verify_presentation_jwt(token, now=NOW)) == [
        INVALID_VERIFICATION_METHOD_ERROR
    ]
