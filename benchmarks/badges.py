"""Deterministic Open Badges 3.0 credentials for benchmarks, in three sizes.

The shapes are those of the peer fixtures in ``../shared/peers/fixtures`` (the JS peer signs
those): ``small`` a minimal badge (15 quads), ``representative`` a typical badge with image,
alignments, result description, result, evidence and a status entry (68 quads), ``large`` the
representative badge with 50 alignments, 10 result descriptions, 50 results and 5 evidence
(820 quads). Generated here, so ``make bench`` runs on any clone; ``tests/unit/test_build_parity``
checks they equal the peer fixtures when ``../shared`` is present.
"""

from __future__ import annotations

import random
from typing import Any

__all__ = ["ISSUER_SEED", "SIZES", "VERIFICATION_METHOD", "badge", "variants"]

SIZES = ("small", "representative", "large")
ISSUER_DID = "did:key:z6MkoLbeo26zDYhD93GzutHAdrA1hph2G2DRw46WhohogJqq"
VERIFICATION_METHOD = ISSUER_DID + "#z6MkoLbeo26zDYhD93GzutHAdrA1hph2G2DRw46WhohogJqq"
#: The Ed25519 seed of ``ISSUER_DID`` (the peers' deterministic test key; never use it for real).
ISSUER_SEED = bytes.fromhex("4407d6fff9ede5d5618d525d6a6ac5995bdf7a76fb89d0499e3dc14d4179f621")
_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
_GRADES = ["A", "B", "C", "D", "F"]


def _small() -> dict[str, Any]:
    return {
        "@context": list(_CONTEXT),
        "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Teamwork Badge",
        "issuer": {"id": ISSUER_DID, "type": ["Profile"], "name": "Example Org"},
        "validFrom": "2024-01-15T12:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/achievements/teamwork",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Recognises effective collaboration.",
                "criteria": {"narrative": "Contribute to a team project."},
            },
        },
    }


def _alignment(index: int) -> dict[str, Any]:
    return {
        "type": ["Alignment"],
        "targetName": f"Competency {index}: Analyse data sets",
        "targetDescription": f"Learner can analyse and interpret data set #{index}.",
        "targetFramework": "Example Skills Framework",
        "targetCode": f"ESF-{index:04d}",
        "targetType": "ceasn:Competency",
        "targetUrl": f"https://example.org/frameworks/esf/competencies/{index}",
    }


def _result_description(index: int) -> dict[str, Any]:
    return {
        "id": f"urn:uuid:5b7d6c90-0000-4000-8000-{index:012d}",
        "type": ["ResultDescription"],
        "name": f"Assessment {index} grade",
        "resultType": "LetterGrade",
        "allowedValue": list(_GRADES),
        "requiredValue": "C",
    }


def _result(index: int, descriptions: int) -> dict[str, Any]:
    return {
        "type": ["Result"],
        "resultDescription": f"urn:uuid:5b7d6c90-0000-4000-8000-{index % descriptions:012d}",
        "value": _GRADES[index % len(_GRADES)],
    }


def _evidence(index: int) -> dict[str, Any]:
    return {
        "id": f"https://example.edu/evidence/{index}",
        "type": ["Evidence"],
        "name": f"Capstone project artefact {index}",
        "description": "Source code and written report submitted for assessment.",
        "narrative": "The learner designed, implemented and documented a data pipeline.",
        "genre": "Project",
        "audience": "Employers",
    }


def _representative(alignments: int, descriptions: int, results: int, evidence: int) -> Any:
    return {
        "@context": list(_CONTEXT),
        "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Data Analysis Fundamentals",
        "description": "Awarded for completing the Data Analysis Fundamentals course.",
        "issuer": {
            "id": ISSUER_DID,
            "type": ["Profile"],
            "name": "Example University",
            "url": "https://example.edu",
        },
        "validFrom": "2024-01-15T12:00:00Z",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.edu/achievements/data-analysis-fundamentals",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": "Data Analysis Fundamentals",
                "description": (
                    "Demonstrates foundational skills in statistics, data cleaning and "
                    "visualisation."
                ),
                "criteria": {
                    "narrative": (
                        "Complete all four modules, pass the final exam with a grade of C or "
                        "better, and submit a capstone project."
                    )
                },
                "image": {
                    "id": "https://example.edu/achievements/data-analysis-fundamentals/badge.png",
                    "type": "Image",
                },
                "alignment": [_alignment(index) for index in range(alignments)],
                "resultDescription": [_result_description(i) for i in range(descriptions)],
            },
            "result": [_result(index, descriptions) for index in range(results)],
        },
        "evidence": [_evidence(index) for index in range(evidence)],
        "credentialStatus": {
            "id": "https://example.edu/credentials/status/3#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": "https://example.edu/credentials/status/3",
        },
    }


def badge(size: str) -> dict[str, Any]:
    """A fresh copy of the ``small``, ``representative`` or ``large`` badge (unsigned)."""
    if size == "small":
        return _small()
    if size == "representative":
        return _representative(2, 1, 1, 1)  # type: ignore[no-any-return]
    if size == "large":
        return _representative(50, 10, 50, 5)  # type: ignore[no-any-return]
    raise ValueError(f"unknown badge size {size!r} (use one of {SIZES})")


_ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789-_.,;:'\"\\/éßøΩ語😀\t\n\r\x00\x1f\x7f"


def variants(seed: int, count: int) -> list[dict[str, Any]]:
    """``count`` varied badges from ``seed`` (texts with escapes and non-ASCII, sizes, ids)."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 24)))

    out: list[dict[str, Any]] = []
    for index in range(count):
        document = _representative(
            rng.randint(0, 6), rng.randint(1, 3), rng.randint(0, 6), rng.randint(0, 3)
        )
        document["id"] = f"urn:uuid:00000000-0000-4000-8000-{index:012d}"
        document["name"] = text()
        achievement = document["credentialSubject"]["achievement"]
        achievement["description"] = text()
        for alignment in achievement["alignment"]:
            alignment["targetName"] = text()
        for result in document["credentialSubject"]["result"]:
            result["value"] = text()
        if rng.random() < 0.3:  # twin evidence: blank nodes RDFC-1.0 must tell apart N-degree
            document["evidence"].append(dict(_evidence(0), id=None))
            document["evidence"][-1].pop("id")
            document["evidence"].append(dict(document["evidence"][-1]))
        out.append(document)
    return out
