"""The pipeline's cheap paths give the results of the general ones, and its argument checks.

A verification of a plain badge shares fixed-message results between reports, reads the dates
once, skips generators for absent status / refresh / endorsements and opens no fetch budget when
nothing configured can fetch. None of it may show in a report; the budget must still be there
for anything that can fetch.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.unit.verify._support import NOW, Issuer

import vckit
from vckit.keys import LocalKeyResolver
from vckit.verification import CheckStatus, Verifier


def test_two_verifications_give_equal_reports(issuer: Issuer) -> None:
    badge = issuer.signed()
    first = Verifier().verify(badge, now=NOW)
    second = Verifier().verify(badge, now=NOW)
    assert first.verified
    assert first.checks == second.checks
    assert first.to_json() == second.to_json()
    assert [(c.check, c.status) for c in first.checks[:5]] == [
        ("parse", CheckStatus.PASSED),
        ("context", CheckStatus.PASSED),
        ("data_model", CheckStatus.PASSED),
        ("ob_validation", CheckStatus.PASSED),
        ("schema", CheckStatus.SKIPPED),
    ]


def test_parse_message_of_an_unusual_type_is_its_own(issuer: Issuer) -> None:
    usual = vckit.verify(issuer.signed(), now=NOW).check("parse")
    assert usual is not None
    assert usual.message == "OpenBadgeCredential (json-ld)"
    odd = issuer.badge(type=["VerifiableCredential", "ExampleBadge"])  # unsigned: parse runs
    parse = vckit.verify(odd, now=NOW).check("parse")
    assert parse is not None
    assert (parse.status, parse.message) == (CheckStatus.PASSED, "ExampleBadge (json-ld)")


def test_validity_window_is_read_from_the_credential_once(issuer: Issuer) -> None:
    badge = issuer.signed(validFrom="2026-01-15T14:00:00+02:00", validUntil="2027-01-01T00:00:00Z")
    report = vckit.verify(badge, now=NOW)
    validity = report.check("validity")
    assert validity is not None
    assert validity.message == "valid from 2026-01-15T12:00:00Z, until 2027-01-01T00:00:00Z"
    expired = vckit.verify(badge, now="2027-01-01T00:05:01Z").check("validity")
    assert expired is not None
    assert (expired.status, expired.code) == (CheckStatus.FAILED, "EXPIRED")
    assert expired.message == "expired at 2027-01-01T00:00:00Z (validUntil)"


def test_a_configured_resolver_runs_under_the_fetch_budget(issuer: Issuer) -> None:
    from vckit._http._budget import current_account

    accounts: list[Any] = []
    local = LocalKeyResolver()

    class Spy:
        def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            accounts.append(current_account())
            return local.dereference(method_id, relationship)

    report = Verifier(resolver=Spy()).verify(issuer.signed(), now=NOW)
    assert report.verified
    assert accounts
    assert accounts[0] is not None


@pytest.mark.parametrize("value", [0, -1, 1.5, "100"])
def test_max_input_bytes_must_be_a_positive_int(value: Any) -> None:
    with pytest.raises(ValueError, match="max_input_bytes must be a positive int"):
        Verifier(max_input_bytes=value)


def test_recipient_must_be_a_string(issuer: Issuer) -> None:
    with pytest.raises(TypeError, match="recipient must be a str"):
        vckit.verify(issuer.signed(), now=NOW, recipient=42)  # type: ignore[arg-type]


def test_refresh_is_read_as_a_truth_value(issuer: Issuer) -> None:
    report = vckit.verify(issuer.signed(), now=NOW, refresh=1)  # type: ignore[arg-type]
    assert report.verified
    refresh = report.check("refresh")
    assert refresh is not None
    assert (refresh.status, refresh.message) == (CheckStatus.SKIPPED, "no refreshService")


def test_results_built_directly_are_the_dataclass_instances() -> None:
    import dataclasses
    import pickle
    from types import MappingProxyType

    from vckit.problems import Problem
    from vckit.verification._flow import make_check, make_report
    from vckit.verification._report import CheckResult, VerificationReport

    detail = MappingProxyType({"issues": [1]})
    fields = ("proof", CheckStatus.FAILED, "EXPIRED", "expired", detail, True, ())
    built, direct = CheckResult(*fields), make_check(*fields)
    assert direct == built
    assert repr(direct) == repr(built)
    assert pickle.loads(pickle.dumps(direct)) == built
    assert dataclasses.replace(direct, required=False) == dataclasses.replace(built, required=False)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field"):
        direct.message = "changed"  # type: ignore[misc]

    parts = (False, "json-ld", {"id": "urn:x"}, (direct,), (Problem("W", "w"),), None)
    report, fast = VerificationReport(*parts), make_report(*parts)
    assert fast == report
    assert repr(fast) == repr(report)
    assert pickle.loads(pickle.dumps(fast)) == report
    assert fast.to_json() == report.to_json()
    assert str(fast) == str(report)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field"):
        fast.verified = True  # type: ignore[misc]


def test_operation_built_directly_is_the_dataclass_instance() -> None:
    import dataclasses
    from datetime import UTC, datetime

    from vckit.verification._flow import verify_di_operation
    from vckit.verification._ops import VerifyDataIntegrity

    fields = (
        {"id": "urn:x"},
        "assertionMethod",
        "did:example:i",
        None,
        "d",
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    built, direct = VerifyDataIntegrity(*fields), verify_di_operation(*fields)
    assert type(direct) is VerifyDataIntegrity
    assert direct == built
    assert repr(direct) == repr(built)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field"):
        direct.purpose = "authentication"  # type: ignore[misc]


# -- the context check takes the top-level rules alone when the bounds walk saw no nested context


def test_bounds_walk_tells_whether_a_context_is_nested(issuer: Issuer) -> None:
    from vckit.verification._detect import detect_json

    plain = issuer.signed()
    assert detect_json(plain).nested_context is False
    in_subject = issuer.signed()
    in_subject["credentialSubject"]["@context"] = {"name": "https://schema.org/name"}
    assert detect_json(in_subject).nested_context is True
    in_proof = issuer.signed()
    in_proof["proof"][0]["@context"] = "https://w3id.org/security/data-integrity/v2"
    assert detect_json(in_proof).nested_context is True
    in_a_list = issuer.signed()
    in_a_list["credentialSubject"]["achievement"]["alignment"] = [{"@context": []}]
    assert detect_json(in_a_list).nested_context is True


@pytest.mark.parametrize(
    "context",
    [
        ["https://www.w3.org/ns/credentials/v2"],  # the OB context missing: still known, fine
        ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],  # VC base not first
        ["https://www.w3.org/ns/credentials/v2", "https://unknown.example/context.json"],
        ["https://www.w3.org/ns/credentials/v2", {"name": "https://schema.org/name"}],  # inline
        "https://www.w3.org/ns/credentials/v2",
        [],
        None,
    ],
)
def test_top_level_only_check_reports_what_the_full_walk_reports(
    issuer: Issuer, context: Any
) -> None:
    from vckit.jsonld import default_loader
    from vckit.verification._contexts import context_issues

    badge = issuer.badge()
    badge["@context"] = context
    full = context_issues(badge, default_loader(), (), nested=True)
    top = context_issues(badge, default_loader(), (), nested=False)
    assert top == full
    report = vckit.verify(badge, now=NOW).check("context")
    assert report is not None
    expected = CheckStatus.PASSED if not full else CheckStatus.FAILED
    assert report.status == expected


def test_nested_context_still_fails_the_pipeline(issuer: Issuer) -> None:
    badge = issuer.signed()
    badge["credentialSubject"]["@context"] = {"name": "https://schema.org/name"}
    report = vckit.verify(badge, now=NOW)
    context = report.check("context")
    assert context is not None
    assert (context.status, context.code) == (CheckStatus.FAILED, "CONTEXT_VALIDATION_ERROR")
    assert "nested @context is not allowed" in context.message
    assert not report.verified
