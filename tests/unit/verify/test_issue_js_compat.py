"""``vckit.issue`` refuses, by default, an RDFC-signed credential the JS stack cannot canonicalize
(docs/issue.md): blank nodes only deep RDFC-1.0 iteration tells apart, past rdf-canonize's
``maxWorkFactor`` 1. ``js_compat=False`` signs it anyway, and vckit verifies what it signed."""

from __future__ import annotations

from typing import Any

import pytest

import vckit
from vckit import dids, keys
from vckit.verification import IssuanceError

KEY = keys.KeyPair.from_raw("Ed25519", bytes(range(32)))
ISSUER = dids.did_key(KEY.public_key)
PATH = "$.credentialSubject.achievement.resultDescription[0].allowedValue"


def _badge(allowed: list[str]) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2d4c1f53-9f8e-4e1e-b1a8-57c0b5f2a001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Org"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Exam",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/achievements/exam",
                "type": ["Achievement"],
                "name": "Exam",
                "description": "A graded exam.",
                "criteria": {"narrative": "Pass."},
                "resultDescription": [
                    {
                        "id": "urn:uuid:2d4c1f53-9f8e-4e1e-b1a8-57c0b5f2a002",
                        "type": ["ResultDescription"],
                        "name": "Grade",
                        "resultType": "LetterGrade",
                        "allowedValue": allowed,
                    }
                ],
            },
        },
    }


def test_a_credential_the_js_stack_refuses_is_not_signed() -> None:
    with pytest.raises(IssuanceError, match="JS_CANONICALIZATION_LIMIT") as caught:
        vckit.issue(_badge(["x", "x", "x", "y"]), KEY.signer(), created="2024-01-01T00:00:00Z")
    (problem,) = caught.value.problems
    assert problem.code == "JS_CANONICALIZATION_LIMIT"
    assert PATH in problem.message


def test_js_compat_false_signs_it_and_it_verifies() -> None:
    signed = vckit.issue(
        _badge(["x", "x", "x", "y"]),
        KEY.signer(),
        created="2024-01-01T00:00:00Z",
        js_compat=False,
    )
    assert isinstance(signed, dict)
    assert vckit.verify(signed, now="2025-01-01T00:00:00Z").verified is True


def test_a_credential_the_js_stack_reads_is_signed() -> None:
    signed = vckit.issue(_badge(["x", "x", "y"]), KEY.signer(), created="2024-01-01T00:00:00Z")
    assert isinstance(signed, dict)
    assert vckit.verify(signed, now="2025-01-01T00:00:00Z").verified is True
