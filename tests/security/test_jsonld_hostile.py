"""Hostile JSON-LD: poison graphs, deep nesting, huge strings, context tricks. Nothing hangs,
nothing recurses out of the interpreter, nothing is silently dropped, nothing touches the network."""

from __future__ import annotations

import json
from typing import Any

import pytest

from vckit import jsonld
from vckit.errors import (
    CanonicalizationError,
    CanonicalizationWorkLimitError,
    DocumentLoaderError,
    SafeModeError,
    VckitError,
)

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def clique_credential(size: int = 8) -> dict[str, Any]:
    """A small credential whose subjects form a blank-node clique (every node knows every other)."""
    labels = [f"n{i}" for i in range(size)]
    nodes = [{"id": f"_:{a}", "knows": [f"_:{b}" for b in labels if b != a]} for a in labels]
    return {
        "@context": [VC2, {"knows": {"@id": "https://schema.org/knows", "@type": "@id"}}],
        "type": "VerifiableCredential",
        "issuer": "did:example:poison",
        "credentialSubject": nodes,
    }


@pytest.mark.timeout(5)
def test_blank_node_clique_hits_the_work_limit_fast(no_network: list[Any]) -> None:
    document = clique_credential()
    assert 700 < len(json.dumps(document, separators=(",", ":"))) < 1000  # ~850 bytes
    with pytest.raises(CanonicalizationWorkLimitError, match=r"RDFC-1\.0 work limit exceeded"):
        jsonld.canonicalize(document)
    assert no_network == []


def _nested(depth: int) -> dict[str, Any]:
    inner: dict[str, Any] = {"name": "bottom"}
    for _ in range(depth):
        inner = {"child": inner}
    return {"@context": {"@vocab": "https://example.org/#"}, "id": "urn:example:deep", **inner}


@pytest.mark.parametrize("safe", [True, False])
def test_ten_thousand_levels_is_a_clear_error(safe: bool) -> None:
    with pytest.raises(CanonicalizationError, match="nests deeper") as caught:
        jsonld.canonicalize(_nested(10_000), safe=safe)
    assert not isinstance(caught.value, RecursionError)


def test_deep_lists_are_a_clear_error() -> None:
    value: Any = "bottom"
    for _ in range(10_000):
        value = [value]
    document = {"@context": {"@vocab": "https://example.org/#"}, "id": "urn:x", "p": value}
    with pytest.raises(CanonicalizationError, match="nests deeper than 200 levels"):
        jsonld.canonicalize(document)


def test_reasonable_nesting_still_works() -> None:
    nquads = jsonld.canonicalize(_nested(50))
    assert nquads.count("<https://example.org/#child>") == 50


@pytest.mark.timeout(30)  # a hang guard: linear work is far under it
def test_ten_megabyte_string_is_handled() -> None:
    big = ('a"b\\c' * 2_000_000)[:10_000_000]
    document = {
        "@context": [VC2, OB303],
        "id": "urn:example:big",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": ["Profile"]},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": big,
        "credentialSubject": {"type": ["AchievementSubject"]},
    }
    nquads = jsonld.canonicalize(document)
    assert big.replace("\\", "\\\\").replace('"', '\\"') in nquads


def test_undefined_term_is_an_error() -> None:
    document = {
        "@context": [VC2],
        "id": "urn:example:x",
        "type": "VerifiableCredential",
        "issuer": "did:example:i",
        "credentialSubject": {"id": "did:example:s", "undefinedClaim": "tampered"},
    }
    with pytest.raises(SafeModeError, match="term 'undefinedClaim' is not defined") as caught:
        jsonld.canonicalize(document)
    assert caught.value.path == "$.credentialSubject.undefinedClaim"


def test_relative_iri_is_an_error() -> None:
    document = {
        "@context": [VC2],
        "id": "credentials/1",
        "type": "VerifiableCredential",
        "issuer": "did:example:i",
        "credentialSubject": {"id": "did:example:s"},
    }
    with pytest.raises(SafeModeError, match="relative IRI 'credentials/1'") as caught:
        jsonld.canonicalize(document)
    assert caught.value.path == "$.id"


@pytest.mark.parametrize("safe", [True, False])
def test_protected_term_redefinition_is_an_error(safe: bool) -> None:
    document = {
        "@context": [VC2, {"name": "https://evil.example/#name"}],
        "type": "VerifiableCredential",
        "name": "renamed",
        "issuer": "did:example:i",
        "credentialSubject": {"id": "did:example:s"},
    }
    # the fast path names it in safe mode, pyld (its error code) without
    with pytest.raises(CanonicalizationError, match="protected term redefinition"):
        jsonld.canonicalize(document, safe=safe)


@pytest.mark.parametrize("safe", [True, False])
def test_context_not_on_the_allow_list(no_network: list[Any], safe: bool) -> None:
    document = {"@context": [VC2, "https://evil.example/context.jsonld"], "type": "X"}
    with pytest.raises(DocumentLoaderError, match="is not bundled") as caught:
        jsonld.canonicalize(document, safe=safe)
    assert "evil.example" in str(caught.value)
    assert no_network == []


@pytest.mark.parametrize(
    "embedded",
    [
        {"@import": "https://evil.example/ctx.jsonld"},
        {"@import": VC2},
        {"claim": {"@id": "https://example.org/#claim", "@context": "https://evil.example/c"}},
        {
            "@version": 1.1,
            "x": {"@id": "https://example.org/#x", "@context": ["https://evil.example/c"]},
        },
    ],
    ids=["import-remote", "import-bundled", "scoped-remote", "scoped-remote-list"],
)
def test_import_or_remote_context_inside_an_embedded_context(
    no_network: list[Any], embedded: dict[str, Any]
) -> None:
    # @import is outside the fast path (safe mode refuses it before any load); a scoped remote
    # context is looked up and refused by the offline loader
    expected = (
        r"safe mode cannot vouch for this document \(@context/@import/@base inside a context\)"
        if "@import" in embedded
        else "document 'https://evil.example/c' is not bundled"
    )
    document = {
        "@context": [VC2, embedded],
        "id": "urn:example:x",
        "type": "VerifiableCredential",
        "issuer": "did:example:i",
        "credentialSubject": {"id": "did:example:s"},
    }
    with pytest.raises((CanonicalizationError, DocumentLoaderError), match=expected):
        jsonld.canonicalize(document)
    assert no_network == []


def test_remote_context_in_a_nested_node(no_network: list[Any]) -> None:
    document = {
        "@context": [VC2],
        "id": "urn:example:x",
        "type": "VerifiableCredential",
        "issuer": "did:example:i",
        "credentialSubject": {"@context": "https://evil.example/c", "id": "did:example:s"},
    }
    with pytest.raises(DocumentLoaderError, match=r"'https://evil\.example/c' is not bundled"):
        jsonld.canonicalize(document, safe=False)
    assert no_network == []


def test_no_foreign_exception_escapes() -> None:
    """pyld's JsonLdError never reaches the caller (the fallback path included)."""
    document = {"@context": {"@version": "1.1"}, "a": 1}
    with pytest.raises(VckitError, match="JSON-LD processing failed") as caught:
        jsonld.canonicalize(document, safe=False)
    assert type(caught.value).__module__ == "vckit.errors"


@pytest.mark.parametrize("where", ["graph", "list"])
def test_deep_arrays_in_graphs_and_lists_are_a_clear_error(where: str) -> None:
    """Arrays nest without node objects in between: the depth bound covers them too."""
    value: Any = {"@id": "urn:x", "https://example.org/#p": "v"}
    for _ in range(10_000):
        value = [value]
    document: dict[str, Any] = (
        {"@context": {"@vocab": "https://example.org/#"}, "@graph": value}
        if where == "graph"
        else {
            "@context": {"@vocab": "https://example.org/#"},
            "@id": "urn:y",
            "p": {"@list": value},
        }
    )
    # a list of lists is outside the fast path: without safe mode it reaches the pyld path,
    # whose size check refuses it before pyld recurses
    with pytest.raises(CanonicalizationError, match="nests deeper than 200 levels"):
        jsonld.canonicalize(document, safe=where == "graph")
