"""``jsonld.to_rdf`` / ``jsonld.canonicalize``: values on the peers' fixtures and error mapping."""

from __future__ import annotations

from typing import Any

import pytest
from tests.unit.jsonld.jsonld_support import fixture as _fixture
from tests.unit.jsonld.jsonld_support import pyld_canonical

from vckit import jsonld
from vckit.errors import CanonicalizationError, DocumentLoaderError


def test_small_badge_quads(loader: Any) -> None:
    quads = jsonld.to_rdf(_fixture("ob3_small.json"), loader)
    assert len(quads) == 15
    assert (
        "<did:key:z6MkoLbeo26zDYhD93GzutHAdrA1hph2G2DRw46WhohogJqq>",
        "<https://schema.org/name>",
        '"Example Org"',
        "",
    ) in quads
    assert (
        "<urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58>",
        "<https://www.w3.org/2018/credentials#validFrom>",
        '"2024-01-15T12:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>',
        "",
    ) in quads


def test_canonical_nquads_are_sorted_lines(loader: Any) -> None:
    text = jsonld.canonicalize(_fixture("ob3_small.json"), loader)
    lines = text.splitlines()
    assert len(lines) == 15
    assert lines == sorted(lines)
    assert text.endswith(" .\n")
    assert "_:c14n0" in text


def test_unknown_context_is_a_loader_error(loader: Any) -> None:
    doc = {"@context": "https://example.com/unknown-context", "name": "x"}
    with pytest.raises(DocumentLoaderError, match="unknown-context' is not bundled"):
        jsonld.to_rdf(doc, loader, safe=False)


def test_invalid_json_ld_is_a_canonicalization_error(loader: Any) -> None:
    doc = {"@context": {"@version": 2.0}, "name": "x"}
    with pytest.raises(CanonicalizationError, match="invalid @version value"):
        jsonld.to_rdf(doc, loader, safe=False)


def test_document_must_be_a_mapping(loader: Any) -> None:
    with pytest.raises(TypeError, match=r"document must be a JSON object \(a Mapping\)"):
        jsonld.to_rdf(["not", "a", "mapping"], loader)  # type: ignore[arg-type]


def test_unsupported_hash_algorithm(loader: Any) -> None:
    with pytest.raises(ValueError, match="sha512"):
        jsonld.canonicalize(_fixture("ob3_small.json"), loader, "sha512")


@pytest.mark.parametrize("name", ["ob3_small.json", "ob3_representative.json", "ob3_large.json"])
def test_fixtures_match_pyld(name: str) -> None:
    document = _fixture(name)
    assert jsonld.canonicalize(document) == pyld_canonical(document)


def test_default_loader_is_used(loader: Any) -> None:
    document = _fixture("ob3_small.json")
    assert jsonld.to_rdf(document) == jsonld.to_rdf(document, loader)


def test_sha384_gives_the_same_nquads() -> None:
    document = _fixture("ob3_small.json")
    assert jsonld.canonicalize(document, hash_algorithm="sha384").count("\n") == 15
