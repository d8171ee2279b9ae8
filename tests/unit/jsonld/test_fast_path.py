"""The fast path: each JSON-LD feature the bundled contexts use gives pyld's dataset, and its
processed contexts are reused instead of rebuilt."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.unit.jsonld.jsonld_support import fixture, pyld_canonical

from vckit import jsonld, rdfc
from vckit.jsonld import _api
from vckit.jsonld._loader import default_loader
from vckit.rdfc._terms import serialize_quad

VC2 = "https://www.w3.org/ns/credentials/v2"
VC1 = "https://www.w3.org/2018/credentials/v1"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def fast_canonical(document: Any) -> str:
    """Canonical N-Quads through the fast path only (raises if it would fall back)."""
    quads = _api._fast(document, default_loader(), True, None, "i18n-datatype", None)
    return rdfc.canonicalize("".join(serialize_quad(q) for q in quads))


def credential(**extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": [VC2, OB303],
        "id": "urn:uuid:0b8a2c1e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": "Profile", "name": "Issuer"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "type": "AchievementSubject",
            "achievement": {
                "id": "https://example.org/a/1",
                "type": "Achievement",
                "name": "A",
                "criteria": {"narrative": "Do it."},
            },
        },
    }
    doc.update(extra)
    return doc


CASES: dict[str, dict[str, Any]] = {
    "ob3 credential": credential(),
    "native numbers and booleans": {
        "@context": {"@vocab": "https://example.org/v#"},
        "@id": "https://example.org/n",
        "int": 5,
        "float": 5.5,
        "integralFloat": 5.0,
        "big": 1e21,
        "neg": -0.000123,
        "yes": True,
        "no": False,
    },
    "typed literals and coercion": {
        "@context": {
            "ex": "https://example.org/v#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "d": {"@id": "ex:d", "@type": "xsd:double"},
            "i": {"@id": "ex:i", "@type": "xsd:integer"},
            "link": {"@id": "ex:link", "@type": "@id"},
            "kind": {"@id": "ex:kind", "@type": "@vocab"},
            "Thing": "ex:Thing",
        },
        "@id": "https://example.org/t",
        "d": ["1.50", 2, "abc"],
        "i": 7,
        "link": ["https://example.org/x", "_:b7"],
        "kind": "Thing",
    },
    "language and direction": {
        "@context": {
            "@vocab": "https://example.org/v#",
            "@language": "EN",
            "fr": {"@id": "https://example.org/v#fr", "@language": "fr"},
            "rtl": {"@id": "https://example.org/v#rtl", "@direction": "rtl"},
        },
        "@id": "https://example.org/l",
        "name": "Hello",
        "fr": "Bonjour",
        "rtl": "שלום",
        "obj": {"@value": "x", "@language": "de", "@direction": "ltr"},
    },
    "lists and sets": {
        "@context": {
            "@vocab": "https://example.org/v#",
            "l": {"@id": "https://example.org/v#l", "@container": "@list"},
            "s": {"@id": "https://example.org/v#s", "@container": "@set"},
        },
        "@id": "https://example.org/ls",
        "l": ["a", {"@id": "https://example.org/x"}, 3, {"p": "nested"}],
        "empty": {"@list": []},
        "s": ["a", "a", "b"],
        "inline": {"@list": ["z"]},
        "set": {"@set": ["q"]},
    },
    "json literal": {
        "@context": {
            "@vocab": "https://example.org/v#",
            "j": {"@id": "https://example.org/v#j", "@type": "@json"},
        },
        "@id": "https://example.org/j",
        "j": {"b": [1, 2.5, "é"], "a": None},
        "v": {"@value": [1, {"x": True}], "@type": "@json"},
    },
    "graph keyword and blank nodes": {
        "@context": {"@vocab": "https://example.org/v#"},
        "@graph": [
            {"@id": "_:a", "knows": {"@id": "_:b"}},
            {"@id": "_:b", "name": "B", "@graph": {"@id": "https://example.org/in", "p": 1}},
        ],
    },
    "embedded and scoped contexts": {
        "@context": [
            VC2,
            {
                "Custom": {
                    "@id": "https://example.org/v#Custom",
                    "@context": {"inner": "https://example.org/v#inner"},
                },
                "holder2": {
                    "@id": "https://example.org/v#holder2",
                    "@context": {"deep": "https://example.org/v#deep"},
                },
            },
        ],
        "id": "urn:example:c",
        "type": ["VerifiableCredential", "Custom"],
        "inner": "typed-scope",
        "holder2": {"deep": {"deep": "propagates"}},
        "credentialSubject": {"@context": {"local": "https://example.org/v#local"}, "local": 1},
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_path_matches_pyld(name: str) -> None:
    document = CASES[name]
    assert fast_canonical(copy.deepcopy(document)) == pyld_canonical(copy.deepcopy(document))


def test_proof_goes_into_its_own_named_graph() -> None:
    doc = credential(
        proof={
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2024-01-01T00:00:00Z",
            "verificationMethod": "did:example:issuer#key-1",
            "proofPurpose": "assertionMethod",
            "proofValue": "z3FXQ",
        }
    )
    quads = jsonld.to_rdf(doc)
    proof_links = [q for q in quads if q[1] == "<https://w3id.org/security#proof>"]
    assert len(proof_links) == 1
    graph = proof_links[0][2]
    assert graph.startswith("_:")
    in_graph = [q for q in quads if q[3] == graph]
    assert (
        "<https://w3id.org/security#proofPurpose>",
        "<https://w3id.org/security#assertionMethod>",
    ) in {(q[1], q[2]) for q in in_graph}
    assert fast_canonical(doc) == pyld_canonical(doc)


@pytest.mark.parametrize("name", ["ob3_small.json", "ob3_representative.json", "ob3_large.json"])
def test_peer_fixtures_take_the_fast_path(name: str) -> None:
    document = fixture(name)
    assert fast_canonical(document) == pyld_canonical(document)


def test_processed_contexts_are_reused_across_calls() -> None:
    document = credential()
    loader = default_loader()
    calls: list[str] = []

    class CountingLoader:
        urls = loader.urls

        def get(self, url: str) -> Any:
            calls.append(url)
            return loader.get(url)

        def __call__(self, url: str, options: Any = None) -> Any:
            return loader(url, options)

    counting: Any = CountingLoader()
    first = jsonld.to_rdf(document, counting)
    loads_first = len(calls)
    second = jsonld.to_rdf(document, counting)
    assert first == second
    # the second call only re-checks the two top-level context URLs
    assert len(calls) - loads_first == 2


def test_unsupported_feature_falls_back_to_pyld_with_the_same_answer() -> None:
    document = {
        "@context": {
            "@vocab": "https://example.org/v#",
            "byLang": {"@id": "https://example.org/v#byLang", "@container": "@language"},
        },
        "@id": "https://example.org/x",
        "byLang": {"en": "Hello", "de": "Hallo"},
    }
    with pytest.raises(_api.Unsupported):
        fast_canonical(document)
    assert jsonld.canonicalize(document, safe=False) == pyld_canonical(document)
