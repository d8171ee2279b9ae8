"""Claims ⇄ credential mapping for OB 3.0 VC-JWT and VC-JOSE-COSE."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from vckit.errors import SigningError
from vckit.proofs.jose import (
    JWT_CLAIM_INVALID_ERROR,
    JWT_CLAIM_MISMATCH_ERROR,
    JWT_CLAIM_NARROWER_WARNING,
)
from vckit.proofs.jose._claims import decode_claims, encode_claims
from vckit.proofs.jose._rejected import Rejected

ISSUER = "https://lms.example/issuers/1"
ISSUED = datetime(2025, 2, 1, tzinfo=UTC)


def _credential(**members: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"]},
        "validFrom": "2025-01-01T00:00:00Z",
        "validUntil": "2026-01-01T00:00:00.750Z",
        "credentialSubject": {"id": "did:example:learner"},
    }
    document.update(members)
    return {k: v for k, v in document.items() if v is not None}


def test_vc_jwt_claims_are_derived_from_the_credential() -> None:
    claims = encode_claims(
        _credential(), kind="vc", profile="vc-jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    assert claims == {
        "iss": ISSUER,
        "jti": "urn:uuid:1",
        "sub": "did:example:learner",
        "nbf": 1735689600,
        "exp": 1767225600,
        "iat": 1738368000,
        "vc": _credential(),
    }


def test_vc_jwt_uses_vc_1_1_dates_when_there_are_no_2_0_dates() -> None:
    old = _credential(
        validFrom=None, validUntil=None, issuanceDate="2010-01-01T00:00:00Z", expirationDate=None
    )
    claims = encode_claims(
        old, kind="vc", profile="vc-jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    assert claims["nbf"] == 1262304000
    assert "exp" not in claims


def test_vc_jwt_leaves_sub_out_for_several_subjects() -> None:
    many = _credential(credentialSubject=[{"id": "did:example:a"}, {"id": "did:example:b"}])
    claims = encode_claims(
        many, kind="vc", profile="vc-jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    assert "sub" not in claims


def test_bad_dates_cannot_be_signed() -> None:
    with pytest.raises(SigningError, match="validFrom"):
        encode_claims(
            _credential(validFrom="soon"),
            kind="vc",
            profile="vc-jwt",
            issued_at=ISSUED,
            party=ISSUER,
            extra={},
        )


def test_vc_jose_cose_signs_the_credential_itself() -> None:
    claims = encode_claims(
        _credential(), kind="vc", profile="vc+jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    assert claims == _credential()


def test_round_trip_gives_back_the_credential_and_its_window() -> None:
    claims = encode_claims(
        _credential(), kind="vc", profile="vc-jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    decoded = decode_claims(claims, kind="vc", profile="vc-jwt")
    assert decoded.document == _credential()
    assert decoded.party == ISSUER
    assert decoded.problems == []
    assert decoded.not_before == {
        "validFrom": datetime(2025, 1, 1, tzinfo=UTC),
        "nbf": datetime(2025, 1, 1, tzinfo=UTC),
        "iat": ISSUED,
    }
    assert set(decoded.not_after) == {"validUntil", "exp"}


def test_members_missing_from_vc_are_filled_from_claims() -> None:
    """VC-JWT decoding: iss → issuer, jti → id, sub → subject id, nbf → issuanceDate (1.1)."""
    claims: dict[str, Any] = {
        "iss": "did:example:foo",
        "jti": "urn:uuid:7",
        "sub": "urn:uuid:subject",
        "nbf": 1627921070,
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": "VerifiableCredential",
            "credentialSubject": {"name": "x"},
        },
    }
    decoded = decode_claims(claims, kind="vc", profile="vc-jwt")
    assert decoded.problems == []
    assert decoded.document["issuer"] == "did:example:foo"
    assert decoded.document["id"] == "urn:uuid:7"
    assert decoded.document["credentialSubject"] == {"name": "x", "id": "urn:uuid:subject"}
    assert decoded.document["issuanceDate"] == "2021-08-02T16:17:50Z"
    assert claims["vc"]["credentialSubject"] == {"name": "x"}  # the token's claims are untouched


@pytest.mark.parametrize(
    ("claim", "value", "member"),
    [
        ("iss", "https://evil.example", "issuer"),
        ("jti", "urn:uuid:2", "id"),
        ("sub", "did:example:other", "credentialSubject.id"),
        # Date claims that widen the credential's window contradict it.
        ("nbf", 1735689599, "validFrom"),
        ("exp", 1767225601, "validUntil"),
    ],
)
def test_disagreeing_claims_are_reported(claim: str, value: Any, member: str) -> None:
    claims = encode_claims(
        _credential(), kind="vc", profile="vc-jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    claims[claim] = value
    decoded = decode_claims(claims, kind="vc", profile="vc-jwt")
    assert [p.code for p in decoded.problems] == [JWT_CLAIM_MISMATCH_ERROR]
    assert decoded.problems[0].detail["claim"] == claim
    assert decoded.problems[0].detail["member"] == member


@pytest.mark.parametrize(
    ("claim", "value", "member"),
    [("nbf", 1735689601, "validFrom"), ("exp", 1767225599, "validUntil")],
)
def test_date_claims_that_only_narrow_the_window_are_warnings(
    claim: str, value: int, member: str
) -> None:
    """nbf later than validFrom (openvc-core writes the signing time) or exp earlier than
    validUntil claims nothing beyond the credential: a warning, and the narrower bound is kept."""
    claims = encode_claims(
        _credential(), kind="vc", profile="vc-jwt", issued_at=ISSUED, party=ISSUER, extra={}
    )
    claims[claim] = value
    decoded = decode_claims(claims, kind="vc", profile="vc-jwt")
    assert decoded.problems == []
    assert [p.code for p in decoded.warnings] == [JWT_CLAIM_NARROWER_WARNING]
    assert (decoded.warnings[0].detail["claim"], decoded.warnings[0].detail["member"]) == (
        claim,
        member,
    )
    window = decoded.not_before if claim == "nbf" else decoded.not_after
    assert window[claim] == datetime.fromtimestamp(value, UTC)


@pytest.mark.parametrize("nested", ["vc", "vp"])
def test_vc_jose_cose_payload_must_not_carry_vc_or_vp_claims(nested: str) -> None:
    claims = {**_credential(), nested: _credential()}
    with pytest.raises(Rejected, match="must not carry") as caught:
        decode_claims(claims, kind="vc", profile="vc+jwt")
    assert caught.value.problem.code == JWT_CLAIM_INVALID_ERROR
    assert caught.value.problem.detail == {"claims": [nested]}


def test_vc_jose_cose_compares_only_claims_it_carries() -> None:
    claims = {**_credential(), "iss": "https://evil.example"}
    decoded = decode_claims(claims, kind="vc", profile="vc+jwt")
    assert [p.detail["claim"] for p in decoded.problems] == ["iss"]
    assert decoded.party == ISSUER


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": ISSUER},  # no vc
        {"iss": ISSUER, "vc": ["not", "an", "object"]},
        {"vc": {"type": "VerifiableCredential"}},  # no issuer anywhere
        {"iss": 5, "vc": {}},
        {"iss": ISSUER, "vc": {"issuer": {"name": "no id"}}},
    ],
)
def test_unusable_claims(claims: dict[str, Any]) -> None:
    with pytest.raises(Rejected) as caught:
        decode_claims(claims, kind="vc", profile="vc-jwt")
    assert caught.value.problem.code == JWT_CLAIM_INVALID_ERROR


def test_presentation_claims_map_iss_to_holder() -> None:
    presentation = {"type": ["VerifiablePresentation"], "verifiableCredential": []}
    claims = encode_claims(
        presentation,
        kind="vp",
        profile="vc-jwt",
        issued_at=ISSUED,
        party="did:example:holder",
        extra={"nonce": "n-1", "aud": "https://verifier.example"},
    )
    assert claims == {
        "iss": "did:example:holder",
        "iat": 1738368000,
        "nonce": "n-1",
        "aud": "https://verifier.example",
        "vp": presentation,
    }
    decoded = decode_claims(claims, kind="vp", profile="vc-jwt")
    assert decoded.document["holder"] == "did:example:holder"
    assert decoded.party == "did:example:holder"


def test_ob3_vc_jwt_may_carry_a_vc_2_0_credential_as_the_payload() -> None:
    """1EdTech's reference implementation signs VC 2.0 credentials unwrapped (no ``vc`` claim)."""
    decoded = decode_claims(_credential(), kind="vc", profile="vc-jwt")
    assert decoded.document == _credential()
    assert decoded.party == ISSUER
    assert decoded.problems == []
    assert set(decoded.not_before) == {"validFrom"}
