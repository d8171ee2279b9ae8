"""Reports built from the contract types, as the pipeline will produce them (good, expired, tampered)."""

from __future__ import annotations

import copy
from typing import Any

from vckit.verification import CheckResult, CheckStatus, VerificationReport

P, F = CheckStatus.PASSED, CheckStatus.FAILED

CREDENTIAL: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:7f7b0a6e-2b6e-4f0c-9a0a-6c3d0e6f1a11",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Data Literacy Foundations",
    "issuer": {
        "id": "did:web:learn.example.edu",
        "type": ["Profile"],
        "name": "Example University Digital Academy",
        "url": "https://learn.example.edu",
    },
    "validFrom": "2026-03-02T09:30:00Z",
    "validUntil": "2029-03-02T09:30:00Z",
    "credentialSubject": {
        "id": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://learn.example.edu/achievements/data-literacy",
            "type": ["Achievement"],
            "name": "Data Literacy Foundations",
            "achievementType": "Certificate",
            "description": "Reads, cleans and charts tabular data; explains uncertainty to a "
            "non-specialist audience.",
            "criteria": {
                "id": "https://learn.example.edu/achievements/data-literacy/criteria",
                "narrative": "1. Complete the six course modules.\n2. Pass the final project "
                "review with a score of 70% or more.",
            },
            "alignment": [
                {
                    "type": ["Alignment"],
                    "targetName": "Data literacy",
                    "targetFramework": "ESCO skills",
                    "targetCode": "S5.6.1",
                    "targetUrl": "https://esco.ec.europa.eu/en/classification/skills",
                },
                {
                    "type": ["Alignment"],
                    "targetName": "Analyse data",
                    "targetFramework": "SFIA 9",
                    "targetCode": "DAAN",
                    "targetUrl": "https://sfia-online.org/en/sfia-9/skills/data-analytics",
                },
            ],
        },
    },
    "evidence": [
        {
            "id": "https://learn.example.edu/portfolio/4711/final-project",
            "type": ["Evidence"],
            "name": "Final project: city air quality dashboard",
            "description": "Reviewed by two assessors on 27 February 2026.",
        }
    ],
    "proof": [
        {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2026-03-02T09:30:00Z",
            "verificationMethod": "did:web:learn.example.edu#key-1",
            "proofPurpose": "assertionMethod",
            "proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk",
        }
    ],
}

_ENDORSEMENT = VerificationReport(
    verified=True,
    format="ldp_vc",
    credential={
        "name": "Endorsed by the Regional Skills Council",
        "type": ["EndorsementCredential"],
    },
    checks=(CheckResult("proof", P), CheckResult("validity", P)),
)


def _checks(**override: CheckResult) -> tuple[CheckResult, ...]:
    base = {
        "parse": CheckResult("parse", P),
        "context": CheckResult("context", P),
        "data_model": CheckResult("data_model", P),
        "ob_validation": CheckResult("ob_validation", P),
        "proof": CheckResult(
            "proof", P, message="eddsa-rdfc-2022 proof by did:web:learn.example.edu"
        ),
        "validity": CheckResult("validity", P),
        "status": CheckResult("status", CheckStatus.SKIPPED, message="no credentialStatus"),
        "endorsements": CheckResult("endorsements", P, nested=(_ENDORSEMENT,)),
    }
    base.update(override)
    return tuple(base.values())


def good() -> VerificationReport:
    return VerificationReport(True, "ldp_vc", copy.deepcopy(CREDENTIAL), _checks(), container="png")


def expired() -> VerificationReport:
    credential = copy.deepcopy(CREDENTIAL)
    credential["validFrom"] = "2020-03-02T09:30:00Z"
    credential["validUntil"] = "2023-03-02T09:30:00Z"
    validity = CheckResult("validity", F, code="EXPIRED", message="expired on 2023-03-02T09:30:00Z")
    return VerificationReport(False, "ldp_vc", credential, _checks(validity=validity))


def tampered() -> VerificationReport:
    credential = copy.deepcopy(CREDENTIAL)
    credential["name"] = "Data Science Masters (with distinction)"
    credential["credentialSubject"]["achievement"]["name"] = (
        "Data Science Masters (with distinction)"
    )
    proof = CheckResult(
        "proof",
        F,
        code="PROOF_VERIFICATION_ERROR",
        message="the signature does not match the credential (it was changed after signing)",
    )
    return VerificationReport(False, "ldp_vc", credential, _checks(proof=proof))
