"""``verify_proof`` runs VC Data Integrity Context Validation first (issue 16, item 1).

The attacks themselves (an inline context swapping two terms' IRIs under the undefined-terms
context; a type-scoped redefinition under OB 3.0.1) are in ``test_context_substitution.py``; this
file pins how the engine applies the check: before any proof, for both front ends, with
``allowed_inline_contexts`` as the only way to loosen it and exactly for the content listed.
"""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest

from vckit import keys
from vckit.problems import CONTEXT_VALIDATION_ERROR
from vckit.proofs.dataintegrity import add_proof, averify_proof, verify_proof

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2025-06-01T00:00:00Z"
VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
UNDEFINED = "https://www.w3.org/ns/credentials/undefined-terms/v2"
TERM = "https://www.w3.org/ns/credentials/undefined-term#"
SWAP = {"score": TERM + "passMark", "passMark": TERM + "score"}


def _issuer() -> tuple[keys.Signer, str]:
    pair = keys.generate("Ed25519")
    did = f"did:key:{pair.public_key.multibase}"
    return pair.signer(f"{did}#{pair.public_key.multibase}"), did


@pytest.fixture(scope="module")
def scored() -> tuple[dict[str, Any], str]:
    signer, did = _issuer()
    badge = {
        "@context": [VC2, OB303, UNDEFINED],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Exam Board"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "score": 40, "passMark": 90},
    }
    return add_proof(badge, signer, created="2024-01-01T00:00:00Z"), did


def _both(document: Any, **options: Any) -> list[Any]:
    return [
        verify_proof(document, now=NOW, **options),
        asyncio.run(averify_proof(document, now=NOW, **options)),
    ]


def test_context_substitution_is_refused_before_any_proof(
    scored: tuple[dict[str, Any], str],
) -> None:
    signed, did = scored
    assert verify_proof(signed, now=NOW, expected_controller=did).verified is True
    forged = copy.deepcopy(signed)
    forged["@context"] = [VC2, OB303, SWAP]  # the swap, without the undefined-terms context
    forged["credentialSubject"]["score"], forged["credentialSubject"]["passMark"] = 90, 40
    for result in _both(forged, expected_controller=did):
        assert (result.verified, result.proofs) == (False, ())
        assert [(p.code, p.detail["reason"], p.detail["path"]) for p in result.problems] == [
            (CONTEXT_VALIDATION_ERROR, "inline-context", "$['@context'][2]")
        ]


def test_allow_listing_is_for_the_exact_content(scored: tuple[dict[str, Any], str]) -> None:
    signer, did = _issuer()
    extension = {"score": TERM + "score", "passMark": TERM + "passMark"}
    badge = copy.deepcopy(scored[0])
    del badge["proof"]
    badge["issuer"]["id"] = did
    badge["@context"] = [VC2, OB303, extension]
    signed = add_proof(badge, signer, created="2024-01-01T00:00:00Z")
    for result in _both(signed, allowed_inline_contexts=[extension]):
        assert (result.verified, result.problems) == (True, ())
    for result in _both(signed):
        assert [p.detail["reason"] for p in result.problems] == ["inline-context"]
    changed = {**extension, "score": TERM + "passMark"}
    for result in _both(signed, allowed_inline_contexts=[changed]):
        assert [p.code for p in result.problems] == [CONTEXT_VALIDATION_ERROR]


def test_undefined_terms_context_only_last(scored: tuple[dict[str, Any], str]) -> None:
    signed, _ = scored
    moved = copy.deepcopy(signed)
    moved["@context"] = [VC2, UNDEFINED, OB303]
    for result in _both(moved):
        assert [(p.code, p.detail["reason"]) for p in result.problems] == [
            (CONTEXT_VALIDATION_ERROR, "undefined-terms-not-last")
        ]


def test_nested_context_is_refused(scored: tuple[dict[str, Any], str]) -> None:
    signed, _ = scored
    nested = copy.deepcopy(signed)
    nested["credentialSubject"]["@context"] = SWAP
    (result, _) = _both(nested)
    assert [(p.code, p.detail["reason"], p.detail["path"]) for p in result.problems] == [
        (CONTEXT_VALIDATION_ERROR, "nested-context", "$.credentialSubject['@context']")
    ]


def test_a_jcs_document_without_context_has_nothing_to_validate() -> None:
    signer, _ = _issuer()
    signed = add_proof({"name": "plain JSON"}, signer, cryptosuite="eddsa-jcs-2022")
    assert "@context" not in signed["proof"]
    assert verify_proof(signed).verified is True


def test_allowed_inline_contexts_must_be_a_collection(scored: tuple[dict[str, Any], str]) -> None:
    with pytest.raises(TypeError, match="allowed_inline_contexts must be a list"):
        verify_proof(scored[0], now=NOW, allowed_inline_contexts=SWAP)  # type: ignore[arg-type]


def test_base_context_rule_is_per_engine() -> None:
    """A DID document is JSON-LD but not a credential: the VC base-context rule is for VCs."""
    from vckit.proofs.dataintegrity import DataIntegrity

    signer, did = _issuer()
    document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/data-integrity/v2"],
        "id": did,
        "controller": did,
    }
    signed = add_proof(document, signer, created="2024-01-01T00:00:00Z")
    refused = verify_proof(signed, now=NOW)
    assert [(p.code, p.detail["reason"]) for p in refused.problems] == [
        (CONTEXT_VALIDATION_ERROR, "base-context-not-first")
    ]
    any_json_ld = DataIntegrity(base_contexts=None)
    result = any_json_ld.verify_proof(signed, now=NOW)
    assert (result.verified, result.problems) == (True, ())
    # the other rules still hold
    inline = dict(signed, **{"@context": [*signed["@context"], {"x": "https://example.org/x"}]})
    assert [p.detail["reason"] for p in any_json_ld.verify_proof(inline, now=NOW).problems] == [
        "inline-context"
    ]
    with pytest.raises(TypeError, match="base_contexts must be a collection"):
        DataIntegrity(base_contexts="https://www.w3.org/ns/did/v1")


def test_input_checked_engine_leaves_contexts_and_limits_to_its_caller(
    scored: tuple[dict[str, Any], str],
) -> None:
    """``input_checked=True`` is for the pipeline, which runs both checks itself, once.

    The forged document's RDF is unchanged, so an engine told the caller has already validated
    the contexts verifies its signature; the pipeline refuses it in its context check (see
    tests/security/test_pipeline_hostile.py). The flag survives pickling (batch workers).
    """
    import pickle

    from vckit.proofs.dataintegrity import DataIntegrity

    signed, did = scored
    forged = copy.deepcopy(signed)
    forged["@context"] = [VC2, OB303, SWAP]
    forged["credentialSubject"]["score"], forged["credentialSubject"]["passMark"] = 90, 40
    trusting = DataIntegrity(input_checked=True)
    assert trusting.verify_proof(forged, now=NOW, expected_controller=did).verified is True
    copied = pickle.loads(pickle.dumps(trusting))
    assert copied.verify_proof(forged, now=NOW, expected_controller=did).verified is True
    assert DataIntegrity().verify_proof(forged, now=NOW).verified is False

    import vckit

    report = vckit.verify(forged, now=NOW)
    assert [(c.check, c.code) for c in report.checks if c.failed][:1] == [
        ("context", CONTEXT_VALIDATION_ERROR)
    ]
