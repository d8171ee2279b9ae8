"""Context substitution (VC Data Integrity "Context Validation"; the 2024 disclosure).

Both attacks keep the RDF, so the signature still verifies: that is the point. What refuses them
is ``jsonld.validate_contexts``, which the pipeline and ``verify_proof`` run on every document.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vckit import dids, jsonld, keys
from vckit.problems import CONTEXT_VALIDATION_ERROR
from vckit.proofs.dataintegrity import add_proof, verify_proof

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
DI2 = "https://w3id.org/security/data-integrity/v2"
OB301 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
UNDEFINED = "https://www.w3.org/ns/credentials/undefined-terms/v2"
TERM = "https://www.w3.org/ns/credentials/undefined-term#"
CREATED = "2024-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def signer() -> tuple[keys.Signer, str]:
    pair = keys.KeyPair.from_jwk(
        {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        }
    )
    did = dids.did_key(pair.public_key)
    return pair.signer(f"{did}#{did.split(':')[-1]}"), did


def scored_badge(did: str) -> dict[str, Any]:
    """An OB 3.0.3 badge with two extension terms mapped by the undefined-terms context."""
    return {
        "@context": [VC2, OB303, UNDEFINED],
        "id": "urn:uuid:7f1a5c2e-2b1d-4c55-9f0e-1d8f6b1c3a01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Exam Board"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/achievements/exam",
                "type": ["Achievement"],
                "name": "Final exam",
                "criteria": {"narrative": "Score at least the pass mark."},
            },
            "score": 40,
            "passMark": 90,
        },
    }


def vc11_badge(did: str) -> dict[str, Any]:
    """A VC 1.1 badge with OB context 3.0.1 (which has no protected terms)."""
    return {
        "@context": [VC1, OB301, DI2],
        "id": "urn:uuid:7f1a5c2e-2b1d-4c55-9f0e-1d8f6b1c3a02",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": "Profile", "name": "Exam Board"},
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": "AchievementSubject",
            "achievement": {
                "id": "https://example.org/achievements/welding",
                "type": "Achievement",
                "name": "Welding, level 1",
                "description": "Basic arc welding under supervision.",
                "criteria": {"narrative": "Pass the practical test."},
            },
        },
    }


def test_undefined_terms_swap_keeps_the_signature_and_is_refused(
    signer: tuple[keys.Signer, str], no_network: list[Any]
) -> None:
    key, did = signer
    signed = add_proof(scored_badge(did), key, created=CREATED)
    assert jsonld.validate_contexts(signed) == ()
    forged = copy.deepcopy(signed)
    forged["@context"].append({"score": TERM + "passMark", "passMark": TERM + "score"})
    forged["credentialSubject"]["score"] = 90  # the JSON now reads "passed"
    forged["credentialSubject"]["passMark"] = 40
    # the RDF is unchanged, so the signature alone cannot tell; verify_proof's context
    # validation refuses it before any proof is looked at
    assert jsonld.canonicalize(forged) == jsonld.canonicalize(signed)
    refused = verify_proof(forged)
    assert (refused.verified, refused.proofs) == (False, ())
    assert [(p.code, p.detail["reason"]) for p in refused.problems] == [
        (CONTEXT_VALIDATION_ERROR, "undefined-terms-not-last"),
        (CONTEXT_VALIDATION_ERROR, "inline-context"),
    ]

    problems = jsonld.validate_contexts(forged)
    assert [p.code for p in problems] == [CONTEXT_VALIDATION_ERROR] * 2
    assert [(p.detail["reason"], p.detail["path"]) for p in problems] == [
        ("undefined-terms-not-last", "$['@context'][2]"),
        ("inline-context", "$['@context'][3]"),
    ]
    assert no_network == []


def test_type_scoped_redefinition_under_ob_301_is_refused(
    signer: tuple[keys.Signer, str], no_network: list[Any]
) -> None:
    key, did = signer
    signed = add_proof(vc11_badge(did), key, created=CREATED)
    assert jsonld.validate_contexts(signed) == ()
    achievement = copy.deepcopy(jsonld.default_loader().get(OB301)["@context"]["Achievement"])
    achievement["@context"]["name"] = {
        "@id": "https://schema.org/description",
        "@type": "xsd:string",
    }
    achievement["@context"]["description"] = {
        "@id": "https://schema.org/name",
        "@type": "xsd:string",
    }
    forged = copy.deepcopy(signed)
    forged["@context"] = [VC1, OB301, DI2, {"Achievement": achievement}]
    shown = forged["credentialSubject"]["achievement"]
    shown["name"], shown["description"] = shown["description"], shown["name"]
    assert jsonld.canonicalize(forged) == jsonld.canonicalize(signed)
    refused = verify_proof(forged)
    assert [(p.code, p.detail["reason"]) for p in refused.problems] == [
        (CONTEXT_VALIDATION_ERROR, "inline-context")
    ]
    # the signature itself still holds: only context validation tells the forgery apart
    assert verify_proof(forged, allowed_inline_contexts=[forged["@context"][3]]).verified is True

    problems = jsonld.validate_contexts(forged)
    assert [(p.code, p.detail["reason"], p.detail["path"]) for p in problems] == [
        (CONTEXT_VALIDATION_ERROR, "inline-context", "$['@context'][3]")
    ]
    # the same redefinition nested at the achievement itself is refused too
    nested = copy.deepcopy(signed)
    nested["credentialSubject"]["achievement"]["@context"] = {"Achievement": achievement}
    problems = jsonld.validate_contexts(nested)
    assert [(p.detail["reason"], p.detail["path"]) for p in problems] == [
        ("nested-context", "$.credentialSubject.achievement['@context']")
    ]
    assert no_network == []


def test_allow_listing_the_exact_content_accepts_it(signer: tuple[keys.Signer, str]) -> None:
    _, did = signer
    extension = {"score": TERM + "score", "passMark": TERM + "passMark"}
    document = scored_badge(did)
    document["@context"] = [VC2, OB303, extension]
    assert jsonld.validate_contexts(document, allowed_inline=[extension]) == ()
    # one IRI changed: no longer the allow-listed content
    changed = {**extension, "score": TERM + "passMark"}
    document["@context"] = [VC2, OB303, changed]
    problems = jsonld.validate_contexts(document, allowed_inline=[extension])
    assert [p.detail["reason"] for p in problems] == ["inline-context"]
