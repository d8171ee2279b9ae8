"""Hostile input through the whole pipeline (issue 10's list): the exact failure, no network."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
from tests.unit.verify._support import CREATED, NOW, Issuer

import vckit
from vckit.proofs import dataintegrity, jose
from vckit.verification import CheckStatus, IssuanceError, Verifier

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture(scope="module")
def issuer() -> Issuer:
    return Issuer()


@pytest.fixture(scope="module")
def attacker() -> Issuer:
    return Issuer()


def _failed(report: vckit.VerificationReport) -> list[tuple[str, str | None]]:
    return [(c.check, c.code) for c in report.checks if c.failed]


def test_one_valid_and_one_invalid_proof_fails(issuer: Issuer) -> None:
    signed = issuer.signed()
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    # A well-formed proof made over other content: it does not verify on this document.
    second = dataintegrity.add_proof({**unsigned, "name": "Other"}, issuer.signer)["proof"]
    hostile = {**signed, "proof": [*signed["proof"], second]}
    assert _failed(vckit.verify(hostile, now=NOW)) == [("proof", "PROOF_VERIFICATION_ERROR")]


def test_valid_proof_by_a_key_the_issuer_does_not_control(issuer: Issuer, attacker: Issuer) -> None:
    unsigned = issuer.badge()  # names the issuer, signed by the attacker
    forged = dataintegrity.add_proof(unsigned, attacker.signer, created=CREATED)
    assert dataintegrity.verify_proof(forged).verified is True  # the low-level check alone passes
    assert _failed(vckit.verify(forged, now=NOW)) == [("proof", "UNTRUSTED_ISSUER_ERROR")]


def test_jwt_and_embedded_proof_disagreeing(issuer: Issuer) -> None:
    signed = issuer.signed()
    altered = copy.deepcopy(signed)
    altered["credentialSubject"]["achievement"]["name"] = "Python 501"
    token = jose.sign_credential_jwt(altered, issuer.signer, now="2026-01-15T12:00:00Z")
    assert jose.verify_credential_jwt(token, now=NOW).verified is True  # the envelope holds
    report = vckit.verify(token, now=NOW)
    assert report.format == "vc-jwt"
    assert _failed(report) == [("proof", "PROOF_VERIFICATION_ERROR")]


def test_issuer_changed_after_signing(issuer: Issuer, attacker: Issuer) -> None:
    signed = issuer.signed()
    signed["issuer"] = {**signed["issuer"], "id": attacker.did}
    assert _failed(vckit.verify(signed, now=NOW)) == [("proof", "PROOF_VERIFICATION_ERROR")]


def test_valid_until_one_second_ago_with_zero_skew(issuer: Issuer) -> None:
    from datetime import timedelta

    badge = issuer.signed(validUntil="2026-05-31T23:59:59Z")
    report = Verifier(clock_skew=timedelta(0)).verify(badge, now=NOW)
    assert _failed(report) == [("validity", "EXPIRED")]


def test_status_checker_that_raises_is_an_error(issuer: Issuer) -> None:
    class Raising:
        def check(
            self, credential: Mapping[str, Any], entry: Mapping[str, Any], *, now: Any
        ) -> Any:
            raise RuntimeError("status backend exploded")

    entry = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "1",
        "statusListCredential": "https://issuer.example/status/1",
    }
    report = vckit.verify(issuer.signed(credentialStatus=entry), now=NOW, status=Raising())
    status = report.check("status")
    assert status is not None
    assert status.status is CheckStatus.ERROR
    assert _failed(report) == [("status", "STATUS_CHECK_FAILED")]
    assert report.verified is False


def test_thousand_endorsements_are_bounded(issuer: Issuer) -> None:
    endorsement = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "EndorsementCredential"],
    }
    badge = issuer.badge(endorsement=[endorsement] * 1000)
    report = vckit.verify(badge, now=NOW)
    check = report.check("endorsements")
    assert check is not None
    assert check.code == "ENDORSEMENT_LIMIT_EXCEEDED"
    assert check.nested == ()  # none of them was verified


def test_endorsement_cycle_by_id(issuer: Issuer) -> None:
    badge = issuer.badge()
    looping = copy.deepcopy(badge)  # an "endorsement" that is the badge itself
    badge["endorsement"] = [looping]
    report = vckit.verify(badge, now=NOW)
    assert ("endorsements", "ENDORSEMENT_INVALID") in _failed(report)
    nested = report.check("endorsements").nested[0]  # type: ignore[union-attr]
    assert _failed(nested) == [("parse", "ENDORSEMENT_INVALID")]


def test_cyclic_python_dict_is_refused(issuer: Issuer) -> None:
    badge = issuer.badge()
    badge["endorsement"] = [badge]
    assert _failed(vckit.verify(badge, now=NOW)) == [("parse", "PARSING_ERROR")]


def test_endorsements_nested_deeper_than_three(issuer: Issuer) -> None:
    inner: dict[str, Any] = issuer.badge()
    for level in range(4):
        inner = {**issuer.badge(), "id": f"urn:uuid:level-{level}", "endorsement": [inner]}
    report = vckit.verify(inner, now=NOW)
    codes = []
    check = report.check("endorsements")
    while check is not None and check.nested:
        codes.append(check.code)
        check = check.nested[0].check("endorsements")
    assert check is not None
    assert check.code == "ENDORSEMENT_LIMIT_EXCEEDED"


def test_refresh_service_on_a_private_address_is_refused(issuer: Issuer) -> None:
    badge = issuer.badge(
        refreshService={
            "id": "https://169.254.169.254/latest/meta-data",
            "type": "1EdTechCredentialRefresh",
        }
    )
    report = Verifier(allow_network=True).verify(badge, now=NOW, refresh=True)
    refresh = report.check("refresh")
    assert refresh is not None
    assert (refresh.status, refresh.code) == (CheckStatus.ERROR, "REFRESH_ERROR")
    assert "169.254.169.254" in refresh.message or "private" in refresh.message
    assert refresh.required is False  # the badge stands or falls on its own checks


def test_ob2_assertion(issuer: Issuer) -> None:
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "badge": "x",
        "verification": {},
    }
    report = vckit.verify(json.dumps(assertion), now=NOW)
    assert (report.format, _failed(report)) == ("ob2", [("parse", "OB2_NOT_SUPPORTED")])


def test_png_carrying_two_credentials(badge_png_two: bytes) -> None:
    report = vckit.verify(badge_png_two, now=NOW)
    assert report.verified is False
    assert _failed(report) == [("parse", "PARSING_ERROR")]


@pytest.fixture
def badge_png_two() -> bytes:
    pytest.importorskip(
        "vckit.openbadges.baking", reason="baking (issue 13) not on this branch yet"
    )
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    text = b"openbadgecredential\x00\x00\x00\x00\x00" + b'{"a": 1}'
    idat = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"iTXt", text)
        + chunk(b"iTXt", text)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def test_ten_megabyte_json_is_refused_before_parsing() -> None:
    big = '{"x": "' + "a" * (10 * 1024 * 1024) + '"}'
    report = vckit.verify(big, now=NOW)
    assert _failed(report) == [("parse", "INPUT_TOO_LARGE")]
    assert _failed(vckit.verify(big.encode(), now=NOW)) == [("parse", "INPUT_TOO_LARGE")]


def test_wide_dict_is_refused(issuer: Issuer) -> None:
    badge = issuer.badge()
    badge["credentialSubject"]["extra"] = {f"k{i}": i for i in range(300_000)}
    assert _failed(vckit.verify(badge, now=NOW)) == [("parse", "PARSING_ERROR")]


def test_presentation_without_challenge(issuer: Issuer, attacker: Issuer) -> None:
    vp = vckit.present(
        [issuer.signed()], attacker.signer, challenge=None, domain=None, created=CREATED
    )
    report = vckit.verify_presentation(vp, challenge="expected-nonce", domain=None, now=NOW)
    assert _failed(report) == [("proof", "INVALID_CHALLENGE_ERROR")]
    unasked = vckit.verify(vp, now=NOW)  # no challenge given and none waived
    assert _failed(unasked) == [("proof", "INVALID_CHALLENGE_ERROR")]


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (float("nan"), r"nan at \$\.credentialSubject\.score is not a JSON number"),
        ({f"k{i}": i for i in range(10_001)}, r"\$\.credentialSubject\.score has 10001 members"),
    ],
)
def test_issue_refuses_what_json_cannot_carry_before_any_work(
    issuer: Issuer, member: object, message: str
) -> None:
    badge = issuer.badge()
    badge["credentialSubject"]["score"] = member
    with pytest.raises(IssuanceError, match=message) as caught:
        vckit.issue(badge, issuer.signer, created=CREATED)
    assert [p.code for p in caught.value.problems] == ["PARSING_ERROR"]


@pytest.mark.parametrize("js_compat", [True, False])
def test_issue_refuses_an_undefined_term_as_data_loss(issuer: Issuer, js_compat: bool) -> None:
    """A term no context defines would be dropped from the signed RDF: refused, never signed."""
    badge = issuer.badge()
    badge["credentialSubject"]["score"] = 40  # not an OB 3.0 term, no undefined-terms context
    with pytest.raises(IssuanceError, match=r"^the credential cannot be signed: ") as caught:
        vckit.issue(badge, issuer.signer, created=CREATED, js_compat=js_compat)
    assert [p.code for p in caught.value.problems] == ["DATA_LOSS_DETECTION_ERROR"]
    assert "'score' is not defined" in caught.value.problems[0].message
