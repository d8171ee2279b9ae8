"""Safe mode: whatever JSON-LD would silently drop is an error naming its JSON path."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.unit.jsonld.jsonld_support import pyld_canonical

from vckit import jsonld
from vckit.errors import CanonicalizationError

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def badge(context: list[Any] | None = None) -> dict[str, Any]:
    return {
        "@context": context or [VC2, OB303],
        "id": "urn:uuid:0b8a2c1e-0000-4000-8000-000000000002",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": "Profile", "name": "Issuer"},
        "validFrom": "2024-01-01T00:00:00Z",
        "issuanceDate": "2024-01-01T00:00:00Z",
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


def rejected(document: dict[str, Any]) -> CanonicalizationError:
    with pytest.raises(CanonicalizationError, match=r"^safe mode: .+ at \$") as caught:
        jsonld.canonicalize(document)
    return caught.value


def test_valid_badge_passes_safe_mode() -> None:
    doc = badge()
    del doc["issuanceDate"]
    assert jsonld.canonicalize(doc) == pyld_canonical(doc)


def test_undefined_term_without_vocab_names_its_path() -> None:
    doc = badge([VC1, OB303])
    del doc["validFrom"]
    doc["credentialSubject"]["achievement"]["foo"] = "tampered"
    error = rejected(doc)
    assert error.path == "$.credentialSubject.achievement.foo"
    # without safe mode the term is dropped, exactly as pyld drops it
    assert "tampered" not in jsonld.canonicalize(doc, safe=False)
    assert jsonld.canonicalize(doc, safe=False) == pyld_canonical(doc)


def test_undefined_type_without_vocab_is_rejected() -> None:
    doc = badge([VC1, OB303])
    del doc["validFrom"]
    doc["type"].append("MadeUpCredential")
    assert rejected(doc).path == "$.type[2]"


def test_undefined_term_under_vc2_is_rejected() -> None:
    """The published VC 2.0 context has no ``@vocab``: an undefined term is dropped by JSON-LD."""
    doc = badge()
    del doc["issuanceDate"]
    doc["credentialSubject"]["achievement"]["foo"] = "extension"
    assert rejected(doc).path == "$.credentialSubject.achievement.foo"


def test_vocab_chosen_by_the_issuer_is_accepted() -> None:
    """With the opt-in undefined-terms context the mapping is explicit (jsonld.js safe mode too)."""
    doc = badge([VC2, OB303, "https://www.w3.org/ns/credentials/undefined-terms/v2"])
    del doc["issuanceDate"]
    doc["credentialSubject"]["achievement"]["foo"] = "extension"
    nquads = jsonld.canonicalize(doc)
    assert "<https://www.w3.org/ns/credentials/undefined-term#foo>" in nquads
    assert nquads == pyld_canonical(doc)


def test_relative_id_is_rejected_even_with_vocab() -> None:
    doc = badge()
    del doc["issuanceDate"]
    doc["credentialSubject"]["achievement"]["id"] = "achievements/1"
    error = rejected(doc)
    assert error.path == "$.credentialSubject.achievement.id"
    assert "relative IRI" in str(error)


def test_relative_iri_in_id_coerced_property() -> None:
    doc = badge()
    del doc["issuanceDate"]
    doc["credentialSubject"]["achievement"]["image"] = "logo.png"
    assert rejected(doc).path == "$.credentialSubject.achievement.image"


def test_null_value_object_is_rejected() -> None:
    doc = badge()
    del doc["issuanceDate"]
    doc["name"] = {"@value": None}
    assert rejected(doc).path == "$.name['@value']"


def test_free_floating_top_level_node_is_rejected() -> None:
    doc = {"@context": [VC2], "id": "urn:example:only-id"}
    assert rejected(doc).path == "$"


def test_explicitly_null_term_drops_data() -> None:
    doc = badge()
    del doc["issuanceDate"]
    doc["@context"] = [VC2, OB303, {"secret": None}]
    doc["secret"] = "hidden"
    assert rejected(doc).path == "$.secret"


def test_protected_term_redefinition_is_rejected() -> None:
    doc = badge()
    doc["@context"] = [VC2, OB303, {"name": "https://example.org/evil#name"}]
    with pytest.raises(CanonicalizationError, match=r"\(protected term redefinition\)"):
        jsonld.canonicalize(doc)
    with pytest.raises(CanonicalizationError, match="failed: protected term redefinition"):
        jsonld.canonicalize(doc, safe=False)


def test_unsupported_feature_is_refused_in_safe_mode_only() -> None:
    doc = {
        "@context": {
            "@vocab": "https://example.org/v#",
            "byLang": {"@id": "https://example.org/v#byLang", "@container": "@language"},
        },
        "@id": "https://example.org/x",
        "byLang": {"en": "Hello"},
    }
    with pytest.raises(CanonicalizationError, match="safe mode cannot vouch"):
        jsonld.canonicalize(copy.deepcopy(doc))
    assert '"Hello"@en' in jsonld.canonicalize(doc, safe=False)
