"""The pipeline check by check: each outcome with its exact code, on vckit-issued badges."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
from tests.unit.verify._support import NOW, Issuer

import vckit
from vckit.status import StatusResult, StatusVerdict
from vckit.verification import CheckStatus, VerificationReport, Verifier

pytestmark = pytest.mark.usefixtures("no_network")

CHECK_ORDER = [
    "parse",
    "context",
    "data_model",
    "ob_validation",
    "schema",
    "proof",
    "validity",
    "status",
    "refresh",
    "recipient",
    "issuer_trust",
    "endorsements",
]


def _failed(report: VerificationReport) -> list[tuple[str, str | None]]:
    return [(c.check, c.code) for c in report.checks if c.failed]


class FixedChecker:
    """A status checker answering one verdict for every entry, recording what it was asked."""

    def __init__(self, verdict: StatusVerdict, code: str | None = None) -> None:
        self.verdict = verdict
        self.code = code
        self.calls: list[Mapping[str, Any]] = []

    def check(
        self, credential: Mapping[str, Any], entry: Mapping[str, Any], *, now: Any
    ) -> StatusResult:
        self.calls.append(entry)
        return StatusResult(self.verdict, "revocation", self.code, f"verdict {self.verdict.value}")


STATUS_ENTRY = {
    "id": "https://issuer.example/status/1#5",
    "type": "BitstringStatusListEntry",
    "statusPurpose": "revocation",
    "statusListIndex": "5",
    "statusListCredential": "https://issuer.example/status/1",
}


def test_good_badge_passes_every_check_in_order(badge: dict[str, Any]) -> None:
    report = vckit.verify(badge, now=NOW)
    assert report.verified is True
    assert report.format == "json-ld"
    assert [c.check for c in report.checks] == CHECK_ORDER
    statuses = {c.check: c.status for c in report.checks}
    assert statuses["proof"] is CheckStatus.PASSED
    assert statuses["status"] is CheckStatus.SKIPPED
    assert statuses["issuer_trust"] is CheckStatus.SKIPPED


def test_tampered_badge_fails_the_proof(badge: dict[str, Any]) -> None:
    tampered = copy.deepcopy(badge)
    tampered["credentialSubject"]["achievement"]["name"] = "Python 501"
    report = vckit.verify(tampered, now=NOW)
    assert report.verified is False
    assert _failed(report) == [("proof", "PROOF_VERIFICATION_ERROR")]


def test_expired_and_not_yet_valid(issuer: Issuer) -> None:
    expired = issuer.signed(validUntil="2026-03-01T00:00:00Z")
    assert _failed(vckit.verify(expired, now=NOW)) == [("validity", "EXPIRED")]
    early = vckit.verify(issuer.signed(), now="2025-12-01T00:00:00Z")
    # a clock before the proof's ``created`` also fails the proof (issue 16: no future proofs)
    assert _failed(early) == [("proof", "PROOF_VERIFICATION_ERROR"), ("validity", "NOT_YET_VALID")]


def test_clock_skew_tolerates_a_slightly_early_clock(issuer: Issuer) -> None:
    badge = issuer.signed()
    within = vckit.verify(badge, now="2026-01-15T11:58:00Z")  # 2 minutes early, skew 5
    assert within.verified is True
    strict = Verifier(clock_skew=timedelta(0)).verify(badge, now="2026-01-15T11:58:00Z")
    # the same skew applies to the proof's ``created``, signed at 12:00
    assert _failed(strict) == [("proof", "PROOF_VERIFICATION_ERROR"), ("validity", "NOT_YET_VALID")]


def test_valid_from_after_valid_until_is_a_data_model_issue(issuer: Issuer) -> None:
    badge = issuer.badge(validUntil="2026-01-01T00:00:00Z")
    report = vckit.verify(badge, now=NOW)
    data_model = report.check("data_model")
    assert data_model is not None
    assert data_model.code == "RANGE_ERROR"


def test_status_without_checker_is_skipped_with_a_warning(issuer: Issuer) -> None:
    badge = issuer.signed(credentialStatus=STATUS_ENTRY)
    report = vckit.verify(badge, now=NOW)
    status = report.check("status")
    assert status is not None
    assert status.status is CheckStatus.SKIPPED
    assert status.message == "no status checker configured"
    assert [w.code for w in report.warnings] == ["STATUS_NOT_CHECKED"]
    assert report.verified is True


@pytest.mark.parametrize(
    ("verdict", "outcome", "code"),
    [
        (StatusVerdict.VALID, CheckStatus.PASSED, None),
        (StatusVerdict.REVOKED, CheckStatus.FAILED, "CREDENTIAL_REVOKED"),
        (StatusVerdict.SUSPENDED, CheckStatus.FAILED, "CREDENTIAL_SUSPENDED"),
        (StatusVerdict.UNDETERMINED, CheckStatus.ERROR, "STATUS_RETRIEVAL_ERROR"),
    ],
)
def test_status_verdicts(
    issuer: Issuer, verdict: StatusVerdict, outcome: CheckStatus, code: str | None
) -> None:
    badge = issuer.signed(credentialStatus=STATUS_ENTRY)
    checker = FixedChecker(
        verdict, "STATUS_RETRIEVAL_ERROR" if verdict is StatusVerdict.UNDETERMINED else None
    )
    report = vckit.verify(badge, now=NOW, status=checker)
    status = report.check("status")
    assert status is not None
    assert (status.status, status.code) == (outcome, code)
    assert report.verified is (verdict is StatusVerdict.VALID)
    assert checker.calls == [STATUS_ENTRY]


def test_recipient_by_hashed_email_and_by_did(issuer: Issuer) -> None:
    badge = issuer.signed()
    assert vckit.verify(badge, now=NOW, recipient="learner@example.edu").verified is True
    wrong = vckit.verify(badge, now=NOW, recipient="someone@example.edu")
    assert _failed(wrong) == [("recipient", "RECIPIENT_MISMATCH")]


def test_trusted_issuers_list_and_callback(issuer: Issuer, other: Issuer) -> None:
    badge = issuer.signed()
    assert vckit.verify(badge, now=NOW, trusted_issuers=[issuer.did]).verified is True
    report = vckit.verify(badge, now=NOW, trusted_issuers=[other.did])
    assert _failed(report) == [("issuer_trust", "ISSUER_NOT_TRUSTED")]
    by_callback = vckit.verify(badge, now=NOW, trusted_issuers=lambda did: did == issuer.did)
    assert by_callback.verified is True


def test_json_text_and_bytes_are_parsed_strictly(badge: dict[str, Any]) -> None:
    text = json.dumps(badge)
    assert vckit.verify(text, now=NOW).verified is True
    assert vckit.verify(text.encode(), now=NOW).verified is True
    duplicate = '{"id": "a", "id": "b"}'
    assert _failed(vckit.verify(duplicate, now=NOW)) == [("parse", "PARSING_ERROR")]
    nan = text[:-1] + ', "x": NaN}'
    assert _failed(vckit.verify(nan, now=NOW)) == [("parse", "PARSING_ERROR")]


def test_unrecognised_text_and_wrong_types() -> None:
    assert _failed(vckit.verify("hello", now=NOW)) == [("parse", "FORMAT_NOT_RECOGNIZED")]
    with pytest.raises(TypeError, match="verify\\(\\) takes"):
        vckit.verify(42, now=NOW)


@pytest.mark.parametrize("profile", ["vc-jwt", "vc+jwt"])
def test_jwt_credentials(issuer: Issuer, profile: str) -> None:
    token = vckit.issue(
        issuer.badge(), issuer.signer, proof=profile, created="2026-01-15T12:00:00Z"
    )
    assert isinstance(token, str)
    report = vckit.verify(token, now=NOW)
    assert (report.verified, report.format) == (True, profile)
    assert report.name == "Python 101"
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload}.{signature[:-4]}AAAA"
    assert _failed(vckit.verify(forged, now=NOW)) == [("proof", "PROOF_VERIFICATION_ERROR")]


def test_expired_jwt_is_reported_by_the_validity_check(issuer: Issuer) -> None:
    token = vckit.issue(
        issuer.badge(validUntil="2026-03-01T00:00:00Z"),
        issuer.signer,
        proof="vc-jwt",
        created="2026-01-15T12:00:00Z",
    )
    assert _failed(vckit.verify(token, now=NOW)) == [("validity", "EXPIRED")]


def test_ob2_assertion_is_recognised() -> None:
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://example.org/assertions/1",
        "recipient": {"type": "email", "hashed": False, "identity": "a@example.org"},
        "badge": "https://example.org/badges/1",
        "verification": {"type": "hosted"},
        "issuedOn": "2020-01-01T00:00:00Z",
    }
    report = vckit.verify(assertion, now=NOW)
    assert (report.verified, report.format) == (False, "ob2")
    assert _failed(report) == [("parse", "OB2_NOT_SUPPORTED")]


def test_inline_context_is_refused_before_the_proof(issuer: Issuer) -> None:
    inline = {"score": "https://example.org/passMark"}
    badge = issuer.badge()
    badge["@context"] = [*badge["@context"], inline]
    report = vckit.verify(badge, now=NOW)
    context = report.check("context")
    assert context is not None
    assert context.code == "CONTEXT_VALIDATION_ERROR"
    allowed = Verifier(allowed_inline_contexts=[inline]).verify(badge, now=NOW)
    assert allowed.check("context").status is CheckStatus.PASSED  # type: ignore[union-attr]


def test_endorsements_are_verified_and_nested(issuer: Issuer, other: Issuer) -> None:
    from vckit import openbadges as ob

    endorsement = ob.EndorsementCredential.build(
        issuer=ob.Profile(id=other.did, name="Accreditor"),
        endorsed_id="https://example.edu/achievements/python-101",
        name="Endorsed",
        valid_from="2026-01-01T00:00:00Z",
    )
    signed_endorsement = vckit.issue(endorsement, other.signer, created="2026-01-01T00:00:00Z")
    badge = issuer.signed(endorsement=[signed_endorsement])
    report = vckit.verify(badge, now=NOW)
    check = report.check("endorsements")
    assert check is not None
    assert check.status is CheckStatus.PASSED
    assert [r.verified for r in check.nested] == [True]
    assert check.nested[0].issuer == f"Accreditor ({other.did})"

    forged = copy.deepcopy(signed_endorsement)
    assert isinstance(forged, dict)
    forged["name"] = "Forged"
    report = vckit.verify(issuer.signed(endorsement=[forged]), now=NOW)
    assert _failed(report) == [("endorsements", "ENDORSEMENT_INVALID")]
    nested = report.check("endorsements").nested[0]  # type: ignore[union-attr]
    assert _failed(nested) == [("proof", "PROOF_VERIFICATION_ERROR")]


def test_clr_embedded_credentials_are_verified(issuer: Issuer) -> None:
    from vckit import openbadges as ob

    inner = issuer.signed()
    clr = ob.ClrCredential.build(
        issuer=ob.Profile(id=issuer.did, name="Example College"),
        learner="did:example:learner",
        credentials=[inner],
        name="Transcript",
        valid_from="2026-01-15T12:00:00Z",
    )
    signed = vckit.issue(clr, issuer.signer, created="2026-01-15T12:00:00Z")
    report = vckit.verify(signed, now=NOW)
    check = report.check("credentials")
    assert report.verified is True
    assert check is not None
    assert [r.verified for r in check.nested] == [True]


def test_verifier_pickles_as_its_configuration(issuer: Issuer) -> None:
    verifier = Verifier(trusted_issuers=[issuer.did], clock_skew=timedelta(minutes=1))
    copy_ = pickle.loads(pickle.dumps(verifier))
    assert copy_.trusted_issuers == frozenset({issuer.did})
    assert copy_.clock_skew == timedelta(minutes=1)
    assert copy_.verify(issuer.signed(), now=NOW).verified is True


def test_verifier_clock_is_used_when_no_now_is_given(issuer: Issuer) -> None:
    badge = issuer.signed(validUntil="2026-03-01T00:00:00Z")
    report = Verifier(clock=lambda: NOW).verify(badge)
    assert _failed(report) == [("validity", "EXPIRED")]


def test_verifier_refuses_an_async_resolver() -> None:
    class AsyncResolver:
        async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            raise AssertionError

    with pytest.raises(TypeError, match="AsyncVerifier"):
        Verifier(resolver=AsyncResolver())


def test_verify_rejects_verifier_and_options_together() -> None:
    with pytest.raises(TypeError, match="either"):
        vckit.verify({}, verifier=Verifier(), status=None)


def test_openvc_core_style_jwt_verifies_with_the_jose_warning(issuer: Issuer) -> None:
    """nbf at the signing time (later than validFrom) narrows the claim: a warning, not a failure."""
    import jwt as pyjwt

    from vckit import dids as vdids
    from vckit import keys as vkeys
    from vckit.proofs import jose

    pair = vkeys.generate("P-256")
    did = vdids.did_key(pair.public_key)
    kid = f"{did}#{did.removeprefix('did:key:')}"
    vc = Issuer.badge(issuer)
    vc["issuer"] = {**vc["issuer"], "id": did}
    vc["credentialSubject"]["id"] = "did:example:learner"
    signed_at = 1772323200  # 2026-03-01, after validFrom 2026-01-15
    payload = {
        "iss": did,
        "nbf": signed_at,
        "iat": signed_at,
        "vc": vc,
        "jti": vc["id"],
        "sub": "did:example:learner",
    }
    private = pyjwt.PyJWK(pair.private_jwk, algorithm="ES256").key
    token = pyjwt.encode(payload, private, algorithm="ES256", headers={"typ": "JWT", "kid": kid})
    report = vckit.verify(token, now=NOW)
    assert report.verified is True, str(report)
    assert [w.code for w in report.warnings] == [jose.JWT_CLAIM_NARROWER_WARNING]


def test_credential_schema_official_and_custom(issuer: Issuer) -> None:
    from vckit import openbadges as ob

    official = {
        "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        "type": "1EdTechJsonSchemaValidator2019",
    }
    custom = {
        "id": "https://example.edu/schemas/badge.json",
        "type": "1EdTechJsonSchemaValidator2019",
    }
    # The OB 3.0.3 context does not define 1EdTechJsonSchemaValidator2019, so safe mode would not
    # sign these; the schema check does not depend on the proof, so unsigned badges do here.
    badge = issuer.badge(credentialSchema=[official])
    schema = vckit.verify(badge, now=NOW).check("schema")
    assert schema is not None
    assert schema.status is CheckStatus.PASSED

    unknown = vckit.verify(issuer.badge(credentialSchema=[official, custom]), now=NOW)
    check = unknown.check("schema")
    assert check is not None
    assert (check.status, check.code, check.required) == (
        CheckStatus.SKIPPED,
        "SCHEMA_VALIDATION_ERROR",
        False,
    )
    assert _failed(unknown) == [("proof", "MALFORMED_PROOF_ERROR")]  # unsigned, nothing else

    registry = ob.SchemaRegistry({custom["id"]: {"type": "object", "required": ["awardedDate"]}})
    strict = Verifier(schemas=registry).verify(issuer.badge(credentialSchema=[custom]), now=NOW)
    assert ("schema", "SCHEMA_VALIDATION_ERROR") in _failed(strict)
