"""Tokens shaped as other Python issuers write them, built here with pyjwt.

- openvc-core (1.37, ``VcJwt.sign``): ``vc`` claim plus ``iss``, ``jti``, ``sub``, and
  ``nbf`` = ``iat`` = the signing time, which is later than the credential's ``validFrom``.
- openbadgeslib (4.6, ``OpenBadgeCredential.to_jwt_payload`` + ``JWTSigner``): the payload IS the
  credential (no ``vc`` claim) with ``iss``, ``sub``, ``jti``, ``nbf`` (= validFrom) and ``exp``
  (= validUntil) beside its members, the issuer's key embedded as ``jwk``, no ``iat``.

Deviations that only narrow what the credential claims are warnings; anything that contradicts
the credential still fails.
"""

from __future__ import annotations

from typing import Any

import jwt
import pytest
from tests.unit.jose.jose_support import NOW, codes, credential, did_key_issuer

from vckit import keys
from vckit.problems import UNTRUSTED_ISSUER_ERROR
from vckit.proofs import jose

pytestmark = pytest.mark.usefixtures("no_network")

ISSUER = did_key_issuer("P-256")
SIGNED_AT = 1740787200  # 2025-03-01T00:00:00Z, two months after validFrom
VALID_FROM = 1735689600  # 2025-01-01T00:00:00Z


def _sign(payload: dict[str, Any], **headers: Any) -> str:
    private = jwt.PyJWK(ISSUER.pair.private_jwk, algorithm="ES256").key
    return jwt.encode(payload, private, algorithm="ES256", headers=headers)


def _openvc_core(vc: dict[str, Any], **overrides: Any) -> str:
    payload = {
        "iss": ISSUER.did,
        "nbf": SIGNED_AT,
        "iat": SIGNED_AT,
        "vc": vc,
        "jti": vc["id"],
        "sub": vc["credentialSubject"]["id"],
        **overrides,
    }
    return _sign(payload, typ="JWT", kid=ISSUER.kid)


def test_openvc_core_nbf_at_signing_time_is_a_warning() -> None:
    result = jose.verify_credential_jwt(_openvc_core(credential(ISSUER.did)), now=NOW)
    assert (result.verified, result.problems) == (True, ())
    assert [w.code for w in result.warnings] == [jose.JWT_CLAIM_NARROWER_WARNING]
    assert result.warnings[0].detail == {
        "claim": "nbf",
        "member": "validFrom",
        "claimed": SIGNED_AT,
        "document": "2025-01-01T00:00:00Z",
    }
    # The narrower bound is the one enforced: before the signing time the token is not valid.
    early = jose.verify_credential_jwt(
        _openvc_core(credential(ISSUER.did)), now="2025-02-01T00:00:00Z"
    )
    assert codes(early) == [jose.JWT_NOT_YET_VALID_ERROR, jose.JWT_NOT_YET_VALID_ERROR]


def test_openvc_core_exp_before_valid_until_is_a_warning() -> None:
    vc = credential(ISSUER.did, validUntil="2026-01-01T00:00:00Z")
    result = jose.verify_credential_jwt(_openvc_core(vc, exp=1764547200), now=NOW)
    assert result.verified is True
    assert [(w.code, w.detail["claim"]) for w in result.warnings] == [
        (jose.JWT_CLAIM_NARROWER_WARNING, "nbf"),
        (jose.JWT_CLAIM_NARROWER_WARNING, "exp"),
    ]


@pytest.mark.parametrize(
    ("overrides", "claim"),
    [
        ({"nbf": VALID_FROM - 86400}, "nbf"),  # valid a day before the credential says
        ({"exp": 1798761600}, "exp"),  # valid beyond the credential's validUntil
        ({"iss": "did:example:someone-else"}, "iss"),
        ({"sub": "did:example:someone-else"}, "sub"),
        ({"jti": "urn:uuid:other"}, "jti"),
    ],
)
def test_claims_that_contradict_the_credential_still_fail(
    overrides: dict[str, Any], claim: str
) -> None:
    vc = credential(ISSUER.did, validUntil="2026-01-01T00:00:00Z")
    result = jose.verify_credential_jwt(_openvc_core(vc, **overrides), now=NOW)
    assert result.verified is False
    mismatches = [p for p in result.problems if p.code == jose.JWT_CLAIM_MISMATCH_ERROR]
    assert [p.detail["claim"] for p in mismatches] == [claim]


def _openbadgeslib(vc: dict[str, Any], **overrides: Any) -> str:
    payload = {
        **vc,
        "iss": ISSUER.did,
        "sub": vc["credentialSubject"]["id"],
        "jti": vc["id"],
        "nbf": VALID_FROM,
        **overrides,
    }
    return _sign(payload, jwk=ISSUER.pair.public_key.jwk)


def test_openbadgeslib_payload_is_read_as_the_credential() -> None:
    vc = credential(ISSUER.did)
    token = _openbadgeslib(vc)
    result = jose.verify_credential_jwt(token, now=NOW)
    # did:key issuer with its own key embedded: bound, so it verifies without pinning.
    assert (result.verified, result.problems, result.warnings) == (True, (), ())
    assert result.credential == {
        **vc,
        "iss": ISSUER.did,
        "sub": vc["credentialSubject"]["id"],
        "jti": vc["id"],
        "nbf": VALID_FROM,
    }
    assert result.verification_method == "jwk"


def test_openbadgeslib_https_issuer_needs_its_key_pinned() -> None:
    issuer = "https://badges.example.edu/issuer"
    vc = credential(issuer)
    token = _openbadgeslib(vc, iss=issuer)
    unpinned = jose.verify_credential_jwt(token, now=NOW)
    assert codes(unpinned) == [UNTRUSTED_ISSUER_ERROR]
    pinned = jose.verify_credential_jwt(
        token, now=NOW, trusted_keys={issuer: [keys.PublicKey.from_jwk(ISSUER.pair.public_key.jwk)]}
    )
    assert (pinned.verified, pinned.problems) == (True, ())


def test_openbadgeslib_payload_with_a_contradicting_claim_fails() -> None:
    token = _openbadgeslib(credential(ISSUER.did), jti="urn:uuid:other")
    result = jose.verify_credential_jwt(token, now=NOW)
    assert codes(result) == [jose.JWT_CLAIM_MISMATCH_ERROR]
    assert result.problems[0].detail["claim"] == "jti"


def test_a_presentation_carries_its_credentials_warnings() -> None:
    holder = did_key_issuer("Ed25519")
    vp = {
        "type": ["VerifiablePresentation"],
        "holder": holder.did,
        "verifiableCredential": [_openvc_core(credential(ISSUER.did))],
    }
    token = jose.sign_presentation_jwt(vp, holder.signer(), nonce="n", now=NOW)
    result = jose.verify_presentation_jwt(token, nonce="n", now=NOW)
    assert (result.verified, result.problems) == (True, ())
    assert [(w.code, w.detail["credential"]) for w in result.warnings] == [
        (jose.JWT_CLAIM_NARROWER_WARNING, 0)
    ]
    assert result.warnings[0].message.startswith("credential 0: claim nbf")
    assert [w.code for w in result.credential_results[0].warnings] == [
        jose.JWT_CLAIM_NARROWER_WARNING
    ]
