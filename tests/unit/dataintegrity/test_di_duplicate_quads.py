"""The suites' canonical N-Quads of a document whose toRdf output repeats a quad.

``_transform.canonical_nquads`` canonicalizes the emitted quads as they are and looks for a
repeated output line afterwards (equal quads, and only they, give equal lines); a document with
one is canonicalized again from its deduplicated quads. The answer must be the public
``jsonld.canonicalize``'s (which deduplicates first) in every case, including the ``rdf:nil`` of
two empty lists, which toRdf keeps twice.
"""

from __future__ import annotations

from typing import Any

import pytest

from vckit import jsonld
from vckit.jsonld import default_loader
from vckit.jsonld._api import safe_quads
from vckit.proofs.dataintegrity._transform import canonical_nquads

VC2 = "https://www.w3.org/ns/credentials/v2"
EX = {"ex": "https://example.org/vocab#", "items": {"@id": "ex:items", "@container": "@list"}}


def _credential(**subject: Any) -> dict[str, Any]:
    return {
        "@context": [VC2, EX],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", **subject},
    }


DOCUMENTS = {
    "no duplicates": _credential(name="A"),
    "a repeated value": _credential(name=["A", "A"]),
    "a repeated type": {**_credential(name="A"), "type": ["VerifiableCredential"] * 2},
    "a node described twice": _credential(
        **{"ex:knows": [{"id": "did:example:x", "name": "X"}, {"id": "did:example:x", "name": "X"}]}
    ),
    "a repeated blank-node value": _credential(
        **{"ex:knows": [{"name": "X"}, {"name": "X"}], "ex:same": ["B", "B"]}
    ),
    "two empty lists": _credential(**{"ex:a": {"items": []}, "ex:b": {"items": []}}),
    "two empty lists on one node": _credential(**{"ex:a": [{"@list": []}, {"@list": []}]}),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("algorithm", ["sha256", "sha384"])
def test_the_same_canonical_form_as_the_public_canonicalize(name: str, algorithm: str) -> None:
    document = DOCUMENTS[name]
    loader = default_loader()
    expected = jsonld.canonicalize(document, loader, hash_algorithm=algorithm)
    assert canonical_nquads(document, loader, algorithm) == expected


@pytest.mark.parametrize("name", sorted(set(DOCUMENTS) - {"no duplicates", "two empty lists"}))
def test_these_documents_do_emit_a_quad_twice(name: str) -> None:
    """(So the cases above do take the second canonicalization.)"""
    emitted = safe_quads(DOCUMENTS[name], default_loader(), unique=False)
    assert len(set(emitted)) < len(emitted)


def test_repeated_quads_appear_once_and_empty_lists_twice() -> None:
    loader = default_loader()
    repeated = canonical_nquads(DOCUMENTS["a repeated value"], loader, "sha256").splitlines()
    assert sum(line.endswith('<https://schema.org/name> "A" .') for line in repeated) == 1
    assert len(repeated) == len(set(repeated))
    lists = canonical_nquads(DOCUMENTS["two empty lists on one node"], loader, "sha256")
    nil = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
    assert sum(line.endswith(nil) for line in lists.splitlines(keepends=True)) == 2
