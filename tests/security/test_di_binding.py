"""What the low-level ``verify_proof`` does and does not bind (issue 16, item 5).

``verify_proof`` checks proofs, not issuers: these tests pin exactly what it reports for the
attacks that only ``expected_controller`` (which ``vckit.verify`` always passes) and
``require_all=True`` (the default) stop, and that a ``created`` in the future fails.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from vckit import keys
from vckit.problems import (
    MALFORMED_PROOF_ERROR,
    PROOF_EXPIRED_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
)
from vckit.proofs.dataintegrity import DEFAULT_CLOCK_SKEW, add_proof, verify_proof

pytestmark = pytest.mark.usefixtures("no_network")

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _party() -> tuple[keys.Signer, str]:
    pair = keys.generate("Ed25519")
    did = f"did:key:{pair.public_key.multibase}"
    return pair.signer(f"{did}#{pair.public_key.multibase}"), did


@pytest.fixture(scope="module")
def issued() -> tuple[dict[str, Any], str]:
    signer, did = _party()
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
    }
    return add_proof(credential, signer, created="2025-01-01T00:00:00Z"), did


def test_tampered_document_plus_attackers_own_proof_with_require_all_false(
    issued: tuple[dict[str, Any], str],
) -> None:
    """The attacker edits the credential and appends a proof of their own over the edit.

    With ``require_all=False`` and no ``expected_controller``, ``verify_proof`` says verified:
    one proof (the attacker's) holds. It still reports the issuer's proof as broken. The same
    document fails as soon as either default is kept, which is what ``vckit.verify`` does.
    """
    signed, issuer = issued
    attacker, attacker_did = _party()
    forged = copy.deepcopy(signed)
    forged["credentialSubject"]["name"] = "Mallory"
    issuer_proof = forged.pop("proof")
    forged = add_proof(forged, attacker, created="2025-02-01T00:00:00Z")
    forged["proof"] = [issuer_proof, forged["proof"]]

    loose = verify_proof(forged, now=NOW, require_all=False)
    assert loose.verified is True
    assert [p.code for p in loose.problems] == [PROOF_VERIFICATION_ERROR]
    assert loose.problems[0].message == "the signature does not verify"
    assert loose.problems[0].detail["proofIndex"] == 0
    assert [(p.verified, p.controller) for p in loose.proofs] == [
        (False, issuer),
        (True, attacker_did),
    ]

    strict = verify_proof(forged, now=NOW)  # require_all=True: the broken issuer proof fails it
    assert strict.verified is False
    assert [p.code for p in strict.problems] == [PROOF_VERIFICATION_ERROR]

    bound = verify_proof(forged, now=NOW, require_all=False, expected_controller=issuer)
    assert bound.verified is False
    assert [p.code for p in bound.problems] == [PROOF_VERIFICATION_ERROR, UNTRUSTED_ISSUER_ERROR]
    assert bound.problems[1].detail["controller"] == attacker_did
    assert bound.problems[1].detail["proofIndex"] == 1


def test_created_beyond_the_clock_skew_fails(issued: tuple[dict[str, Any], str]) -> None:
    signed, _ = issued
    created = datetime(2025, 1, 1, tzinfo=UTC)
    just_inside = created - DEFAULT_CLOCK_SKEW
    result = verify_proof(signed, now=just_inside)
    assert (result.verified, result.problems) == (True, ())

    too_early = created - DEFAULT_CLOCK_SKEW - timedelta(seconds=1)
    result = verify_proof(signed, now=too_early)
    assert result.verified is False
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]
    assert result.problems[0].message == (
        "the proof's created time is in the future (beyond the allowed clock skew)"
    )
    assert result.problems[0].detail["member"] == "created"
    assert result.problems[0].detail["created"] == "2025-01-01T00:00:00Z"
    assert result.problems[0].detail["clockSkewSeconds"] == 300.0


def test_clock_skew_is_the_callers_choice(issued: tuple[dict[str, Any], str]) -> None:
    signed, _ = issued
    second_before = datetime(2024, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert verify_proof(signed, now=second_before).verified is True
    strict = verify_proof(signed, now=second_before, clock_skew=timedelta(0))
    assert [p.code for p in strict.problems] == [PROOF_VERIFICATION_ERROR]
    lenient = verify_proof(
        signed, now=datetime(2024, 12, 31, tzinfo=UTC), clock_skew=timedelta(days=1)
    )
    assert lenient.verified is True


@pytest.mark.parametrize(
    ("member", "value", "code"),
    [
        # past the edge of datetime once in UTC: not a usable XSD dateTimeStamp
        ("created", "9999-12-31T23:59:59-14:00", MALFORMED_PROOF_ERROR),
        ("expires", "0001-01-01T00:00:00+14:00", MALFORMED_PROOF_ERROR),
        # at the edges, representable: judged as dates
        ("created", "9999-12-31T23:59:59Z", PROOF_VERIFICATION_ERROR),
        ("expires", "0001-01-01T00:00:00Z", PROOF_EXPIRED_ERROR),
    ],
)
def test_extreme_dates_fail_without_overflow(
    issued: tuple[dict[str, Any], str], member: str, value: str, code: str
) -> None:
    signed, _ = issued
    hostile = copy.deepcopy(signed)
    hostile["proof"][member] = value
    result = verify_proof(hostile, now=NOW)
    assert result.verified is False
    assert [p.code for p in result.problems] == [code]


@pytest.mark.parametrize("skew", [timedelta(seconds=-1), 300])
def test_bad_clock_skew_is_a_programmer_error(
    issued: tuple[dict[str, Any], str], skew: Any
) -> None:
    signed, _ = issued
    error = ValueError if isinstance(skew, timedelta) else TypeError
    with pytest.raises(error, match="clock_skew must"):
        verify_proof(signed, now=NOW, clock_skew=skew)
