"""Canonicalization cost is bounded before the expensive work: hostile documents that used to
cost seconds of CPU are refused with an exact error (timings: ``benchmarks/bench_security.py``).

The documents are built here, deterministic and offline.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from vckit import jsonld
from vckit.errors import CanonicalizationError, CanonicalizationWorkLimitError, SafeModeError
from vckit.jsonld import _reference
from vckit.problems import CONTEXT_VALIDATION_ERROR
from vckit.proofs.dataintegrity import verify_proof

VC2 = "https://www.w3.org/ns/credentials/v2"


def nest_with_scoped_context(nodes: int = 500, terms: int = 500) -> dict[str, Any]:
    """One ``@nest`` (outside the fast path) plus a 500-term inline type-scoped context used by
    500 nodes: pyld re-processes the context per node (250,000 term definitions)."""
    scoped = {f"t{i}": f"https://example.org/t{i}" for i in range(terms)}
    context = {
        "Thing": {"@id": "https://example.org/Thing", "@context": scoped},
        "items": {"@id": "https://example.org/items"},
        "meta": "@nest",
    }
    return {
        "@context": [VC2, context],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {
            "id": "did:example:subject",
            "meta": {"items": [{"type": "Thing", "t1": "v"} for _ in range(nodes)]},
        },
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2024-01-01T00:00:00Z",
            "verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
            "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "proofPurpose": "assertionMethod",
            "proofValue": "z" + "1" * 64,  # 64 zero bytes: well-formed, wrong
        },
    }


def heavy_clique(size: int = 7, literals: int = 8_000) -> dict[str, Any]:
    """A blank-node clique whose nodes also carry 8,000 literals each (about 500 KB of JSON)."""
    labels = [f"n{i}" for i in range(size)]
    context = {
        "knows": {"@id": "https://schema.org/knows", "@type": "@id"},
        "note": "https://schema.org/note",
    }
    return {
        "@context": [VC2, context],
        "type": "VerifiableCredential",
        "issuer": "did:example:poison",
        "credentialSubject": [
            {
                "id": f"_:{a}",
                "knows": [f"_:{b}" for b in labels if b != a],
                "note": [f"v{j}" for j in range(literals)],
            }
            for a in labels
        ],
    }


def wide_document(values: int = 300_000) -> dict[str, Any]:
    """A 300,000-member object under an undefined-terms ``@vocab``."""
    subject = {f"k{i}": i for i in range(values)}
    return {
        "@context": [VC2, "https://www.w3.org/ns/credentials/undefined-terms/v2"],
        "type": "VerifiableCredential",
        "issuer": "did:example:wide",
        "credentialSubject": subject,
    }


def test_nest_document_is_refused_by_safe_mode_before_pyld_runs(
    monkeypatch: pytest.MonkeyPatch, no_network: list[Any]
) -> None:
    document = nest_with_scoped_context()
    assert 25_000 < len(json.dumps(document)) < 40_000
    calls: list[Any] = []
    monkeypatch.setattr(_reference, "pyld_to_rdf", lambda *a, **k: calls.append(a))
    monkeypatch.setattr("vckit.jsonld._api.pyld_to_rdf", lambda *a, **k: calls.append(a))
    with pytest.raises(SafeModeError, match=r"safe mode cannot vouch .*@nest"):
        jsonld.canonicalize(document)
    assert calls == []  # refused before the expensive work


def test_nest_document_with_bogus_proof_fails_verification() -> None:
    document = nest_with_scoped_context()
    # context validation refuses the inline context before any canonicalization
    refused = verify_proof(document)
    assert [(p.code, p.detail["reason"]) for p in refused.problems] == [
        (CONTEXT_VALIDATION_ERROR, "inline-context")
    ]
    # allow-listed, it reaches canonicalization, where safe mode refuses it up front
    result = verify_proof(document, allowed_inline_contexts=[document["@context"][1]])
    assert not result.verified
    assert "safe mode cannot vouch" in result.problems[0].message


def test_nest_document_without_safe_mode_hits_pyld_work_limit() -> None:
    """With safe mode off pyld does run, within bounds on its own work."""
    with pytest.raises(
        CanonicalizationWorkLimitError,
        match=r"JSON-LD processing exceeded its work limit \(10000 term definitions\)",
    ):
        jsonld.canonicalize(nest_with_scoped_context(), safe=False)


def test_pyld_limits_bound_context_applications_and_expansions() -> None:
    document = nest_with_scoped_context(nodes=50, terms=2)
    small = _reference.PyldLimits(contexts=10)
    with pytest.raises(CanonicalizationWorkLimitError, match=r"\(10 context applications\)"):
        _reference.pyld_to_rdf(document, jsonld.default_loader(), limits=small)
    tiny = _reference.PyldLimits(expansions=20)
    with pytest.raises(CanonicalizationWorkLimitError, match=r"\(20 expansion steps\)"):
        _reference.pyld_to_rdf(document, jsonld.default_loader(), limits=tiny)
    # within the default limits the same document is processed
    assert _reference.pyld_to_rdf(document, jsonld.default_loader())


def test_heavy_blank_node_clique_hits_the_weighted_work_limit() -> None:
    document = heavy_clique()
    assert 450_000 < len(json.dumps(document)) < 550_000
    with pytest.raises(CanonicalizationWorkLimitError, match=r"RDFC-1\.0 work limit exceeded"):
        jsonld.canonicalize(document)


def test_three_hundred_thousand_members_hit_the_value_cap() -> None:
    with pytest.raises(
        CanonicalizationError, match=r"has more than 200000 values \(max_values\)"
    ) as caught:
        jsonld.canonicalize(wide_document())
    assert caught.value.path == "$.credentialSubject"


def test_value_cap_applies_to_arrays_and_the_pyld_path() -> None:
    document = {
        "@context": {"@vocab": "https://example.org/#"},
        "@id": "urn:example:x",
        "p": list(range(1_000)),
    }
    with pytest.raises(CanonicalizationError, match=r"more than 500 values") as caught:
        jsonld.canonicalize(document, max_values=500)
    assert caught.value.path == "$.p"
    nested = {**document, "@context": {**document["@context"], "n": "@nest"}}
    with pytest.raises(CanonicalizationError, match=r"more than 500 values"):
        jsonld.canonicalize(nested, safe=False, max_values=500)
    assert jsonld.canonicalize(document, max_values=2_000).count("\n") == 1_000


@pytest.mark.parametrize("bad", [-1, True, 1.5])
def test_max_values_must_be_a_count(bad: Any) -> None:
    with pytest.raises(ValueError, match="max_values must be a non-negative int"):
        jsonld.canonicalize({"@context": {}}, max_values=bad)
