"""vckit.issue, vckit.present and vckit.verify_presentation."""

from __future__ import annotations

from typing import Any

import pytest
from tests.unit.verify._support import CREATED, NOW, Issuer

import vckit
from vckit.proofs import dataintegrity
from vckit.verification import IssuanceError

pytestmark = pytest.mark.usefixtures("no_network")


class Allocator:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def allocate(self, credential_id: str, *, purpose: str = "revocation") -> dict[str, Any]:
        self.asked.append((credential_id, purpose))
        return {
            "id": "https://issuer.example/status/1#7",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": "7",
            "statusListCredential": "https://issuer.example/status/1",
        }


def test_issue_writes_an_id_and_a_proof_array(issuer: Issuer) -> None:
    unsigned = issuer.badge()
    del unsigned["id"]
    signed = vckit.issue(unsigned, issuer.signer, created=CREATED)
    assert isinstance(signed, dict)
    assert signed["id"].startswith("urn:uuid:")
    assert list(signed)[:2] == ["@context", "id"]
    assert isinstance(signed["proof"], list)
    assert len(signed["proof"]) == 1
    assert "id" not in unsigned  # the input is not modified
    assert vckit.verify(signed, now=NOW).verified is True


def test_issue_refuses_a_credential_that_breaks_the_rules(issuer: Issuer) -> None:
    broken = issuer.badge()
    del broken["credentialSubject"]["achievement"]["criteria"]
    with pytest.raises(IssuanceError, match="OB_VALIDATION_ERROR") as caught:
        vckit.issue(broken, issuer.signer, created=CREATED)
    assert [p.code for p in caught.value.problems] == ["OB_VALIDATION_ERROR"]
    no_issuer = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:1"},
    }
    with pytest.raises(IssuanceError, match="issuer"):
        vckit.issue(no_issuer, issuer.signer, created=CREATED)


def test_issue_refuses_a_signer_the_issuer_does_not_control(issuer: Issuer, other: Issuer) -> None:
    with pytest.raises(IssuanceError, match="not controlled by the issuer") as caught:
        vckit.issue(issuer.badge(), other.signer, created=CREATED)
    assert [p.code for p in caught.value.problems] == ["UNTRUSTED_ISSUER_ERROR"]


def test_issue_adds_the_status_entry_before_signing(issuer: Issuer) -> None:
    allocator = Allocator()
    unsigned = issuer.badge()
    signed = vckit.issue(unsigned, issuer.signer, status=allocator, created=CREATED)
    assert isinstance(signed, dict)
    assert allocator.asked == [(unsigned["id"], "revocation")]
    assert signed["credentialStatus"]["statusListIndex"] == "7"
    assert dataintegrity.verify_proof(signed).verified is True  # the entry is signed


def test_issue_accepts_a_model(issuer: Issuer) -> None:
    from vckit import openbadges as ob

    model = ob.OpenBadgeCredential.from_json(issuer.badge())
    signed = vckit.issue(model, issuer.signer, created=CREATED)
    assert vckit.verify(signed, now=NOW).verified is True


def test_present_and_verify_a_data_integrity_presentation(issuer: Issuer, other: Issuer) -> None:
    badge = issuer.signed()
    vp = vckit.present(
        [badge], other.signer, challenge="c-1", domain="verifier.example", created=CREATED
    )
    assert isinstance(vp, dict)
    assert vp["holder"] == other.did
    report = vckit.verify_presentation(vp, challenge="c-1", domain="verifier.example", now=NOW)
    assert (report.verified, report.format) == (True, "presentation")
    assert [r.verified for r in report.check("credentials").nested] == [True]  # type: ignore[union-attr]

    wrong = vckit.verify_presentation(vp, challenge="c-2", domain="verifier.example", now=NOW)
    assert [(c.check, c.code) for c in wrong.checks if c.failed] == [
        ("proof", "INVALID_CHALLENGE_ERROR")
    ]


def test_presentation_holder_must_sign(issuer: Issuer, other: Issuer) -> None:
    vp = vckit.present(
        [issuer.signed()],
        other.signer,
        challenge="c",
        domain="d",
        holder=issuer.did,
        created=CREATED,
    )
    report = vckit.verify_presentation(vp, challenge="c", domain="d", now=NOW)
    assert [(c.check, c.code) for c in report.checks if c.failed] == [("proof", "HOLDER_MISMATCH")]


def test_present_and_verify_a_jwt_presentation(issuer: Issuer, other: Issuer) -> None:
    token = vckit.issue(
        issuer.badge(), issuer.signer, proof="vc-jwt", created="2026-01-15T12:00:00Z"
    )
    vp = vckit.present(
        [token],
        other.signer,
        challenge="n-1",
        domain="aud.example",
        proof="vc-jwt",
        created="2026-06-01T00:00:00Z",
    )
    assert isinstance(vp, str)
    report = vckit.verify_presentation(vp, challenge="n-1", domain="aud.example", now=NOW)
    assert (report.verified, report.format) == (True, "jwt-presentation")
    nested = report.check("credentials").nested  # type: ignore[union-attr]
    assert [(r.verified, r.format) for r in nested] == [(True, "vc-jwt")]
    replayed = vckit.verify_presentation(vp, challenge="n-2", domain="aud.example", now=NOW)
    assert [(c.check, c.code) for c in replayed.checks if c.failed] == [
        ("proof", "INVALID_CHALLENGE_ERROR")
    ]


def test_a_bad_embedded_credential_fails_the_presentation(issuer: Issuer, other: Issuer) -> None:
    badge = issuer.signed()
    badge["name"] = "Tampered"
    vp = vckit.present([badge], other.signer, challenge="c", domain="d", created=CREATED)
    report = vckit.verify_presentation(vp, challenge="c", domain="d", now=NOW)
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("credentials", "EMBEDDED_CREDENTIAL_INVALID")
    ]


def test_verify_presentation_refuses_a_credential(badge: dict[str, Any]) -> None:
    report = vckit.verify_presentation(badge, challenge=None, domain=None, now=NOW)
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("parse", "MALFORMED_VALUE_ERROR")
    ]
