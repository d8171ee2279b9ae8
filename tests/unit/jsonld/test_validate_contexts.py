"""``jsonld.validate_contexts``: which ``@context`` values are understood, and where."""

from __future__ import annotations

from typing import Any

import pytest

from vckit import jsonld
from vckit.errors import DocumentLoaderError
from vckit.problems import CONTEXT_VALIDATION_ERROR

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR201 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
UNDEFINED = "https://www.w3.org/ns/credentials/undefined-terms/v2"
DI2 = "https://w3id.org/security/data-integrity/v2"


def credential(context: Any) -> dict[str, Any]:
    return {
        "@context": context,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject"},
    }


def reasons(document: dict[str, Any], **options: Any) -> list[tuple[str, str]]:
    problems = jsonld.validate_contexts(document, **options)
    assert all(problem.code == CONTEXT_VALIDATION_ERROR for problem in problems)
    return [(problem.detail["reason"], problem.detail["path"]) for problem in problems]


@pytest.mark.parametrize(
    "context",
    [
        [VC2, OB303],
        [VC2, OB303, UNDEFINED],
        [VC1, OB303, DI2],
        VC2,
        [VC2, CLR201, OB303],
    ],
)
def test_known_urls_in_an_allowed_order_pass(context: Any) -> None:
    assert jsonld.validate_contexts(credential(context)) == ()


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (
            [OB303, VC2],
            [
                ("base-context-not-first", "$['@context'][0]"),
                ("base-context-not-first", "$['@context'][1]"),
            ],
        ),
        ([VC2, VC1], [("base-context-not-first", "$['@context'][1]")]),
        ([VC2, UNDEFINED, OB303], [("undefined-terms-not-last", "$['@context'][1]")]),
        ([VC2, "https://example.org/ctx"], [("unknown-context", "$['@context'][1]")]),
        ([VC2, 7], [("invalid-context", "$['@context'][1]")]),
        ([VC2, {"x": "https://e.org/x"}], [("inline-context", "$['@context'][1]")]),
        (
            {"@vocab": "https://e.org/"},
            [("inline-context", "$['@context']"), ("base-context-not-first", "$['@context']")],
        ),
        ([], [("missing", "$['@context']")]),
    ],
)
def test_each_rule_names_its_entry(context: Any, expected: list[tuple[str, str]]) -> None:
    assert reasons(credential(context)) == expected


def test_missing_context() -> None:
    document = credential(VC2)
    del document["@context"]
    assert reasons(document) == [("missing", "$['@context']")]


def test_unknown_url_detail_names_it() -> None:
    (problem,) = jsonld.validate_contexts(credential([VC2, "https://example.org/ctx"]))
    assert problem.detail["url"] == "https://example.org/ctx"
    assert "not known to the loader" in problem.message


def test_base_contexts_option() -> None:
    document = credential([DI2])
    assert reasons(document) == [("base-context-not-first", "$['@context'][0]")]
    assert jsonld.validate_contexts(document, base_contexts=None) == ()
    assert jsonld.validate_contexts(document, base_contexts=[DI2]) == ()


def test_loader_decides_what_is_known() -> None:
    extra = "https://example.org/contexts/extra/v1"
    loader = jsonld.DocumentLoader({extra: {"@context": {"x": "https://example.org/x"}}})
    document = credential([VC2, extra])
    assert reasons(document) == [("unknown-context", "$['@context'][1]")]
    assert jsonld.validate_contexts(document, loader=loader) == ()


def test_foreign_loader_is_asked_once_per_url() -> None:
    asked: list[str] = []

    def loader(url: str, options: Any) -> dict[str, Any]:
        asked.append(url)
        if url == "https://example.org/nope":
            raise DocumentLoaderError("no", url=url)
        return {"document": {"@context": {}}}

    document = credential([VC2, "https://example.org/nope"])
    document["proof"] = {"@context": ["https://example.org/nope"], "type": "X"}
    assert reasons(document, loader=loader) == [
        ("unknown-context", "$['@context'][1]"),
        ("unknown-context", "$.proof['@context'][0]"),
    ]
    assert asked == [VC2, "https://example.org/nope"]


def test_allowed_inline_is_compared_as_json() -> None:
    inline = {"n": {"@id": "https://e.org/n", "@type": "http://www.w3.org/2001/XMLSchema#integer"}}
    document = credential([VC2, inline])
    assert jsonld.validate_contexts(document, allowed_inline=[inline]) == ()
    reordered = dict(reversed(list(inline.items())))
    assert jsonld.validate_contexts(credential([VC2, reordered]), allowed_inline=[inline]) == ()
    assert reasons(credential([VC2, {"a": True}]), allowed_inline=[{"a": 1}]) == [
        ("inline-context", "$['@context'][1]")
    ]
    with pytest.raises(TypeError, match="allowed_inline entries must be JSON values"):
        jsonld.validate_contexts(document, allowed_inline=[{"a": object()}])


def test_nested_context_anywhere_is_refused() -> None:
    document = credential([VC2, OB303])
    document["credentialSubject"]["achievement"] = {
        "type": "Achievement",
        "alignment": [{"@context": {"targetName": "https://e.org/evil"}, "targetName": "x"}],
    }
    assert reasons(document) == [
        ("nested-context", "$.credentialSubject.achievement.alignment[0]['@context']")
    ]
    allowed = {"targetName": "https://e.org/evil"}
    assert jsonld.validate_contexts(document, allowed_inline=[allowed]) == ()


def test_nested_url_context_is_refused_too() -> None:
    """Known URLs nested below the top level can still re-order meaning (unprotected terms)."""
    document = credential([VC2, OB303])
    document["credentialSubject"]["@context"] = "https://www.w3.org/ns/odrl.jsonld"
    assert reasons(document) == [("nested-context", "$.credentialSubject['@context']")]


def test_proof_context_may_repeat_the_document_context_or_name_known_urls() -> None:
    document = credential([VC2, OB303])
    document["proof"] = [
        {"@context": [VC2, OB303], "type": "DataIntegrityProof"},
        {"@context": [DI2], "type": "DataIntegrityProof"},
        {"@context": [DI2, {"evil": "https://e.org/"}], "type": "DataIntegrityProof"},
        {"@context": ["https://example.org/unknown"], "type": "DataIntegrityProof"},
    ]
    assert reasons(document) == [
        ("inline-context", "$.proof[2]['@context'][1]"),
        ("unknown-context", "$.proof[3]['@context'][0]"),
    ]


def test_embedded_credentials_follow_the_document_rules() -> None:
    inner = credential([VC2, OB303])
    inner["proof"] = {"@context": [VC2, OB303], "type": "DataIntegrityProof"}
    presentation = {
        "@context": [VC2],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [inner, credential([OB303, VC2, {"x": "https://e.org/x"}])],
    }
    assert reasons(presentation) == [
        ("inline-context", "$.verifiableCredential[1]['@context'][2]"),
        ("base-context-not-first", "$.verifiableCredential[1]['@context'][0]"),
        ("base-context-not-first", "$.verifiableCredential[1]['@context'][1]"),
    ]
    enveloped = {
        "@context": VC2,
        "id": "data:application/vc+jwt,eyJ...",
        "type": "EnvelopedVerifiableCredential",
    }
    presentation["verifiableCredential"] = [enveloped]
    assert jsonld.validate_contexts(presentation) == ()


def test_deep_documents_are_reported_not_recursed() -> None:
    document = credential([VC2])
    node: dict[str, Any] = document["credentialSubject"]
    for _ in range(10_000):
        node["child"] = {}
        node = node["child"]
    assert [reason for reason, _ in reasons(document)] == ["too-deep"]


def test_document_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="must be a JSON object"):
        jsonld.validate_contexts([VC2])  # type: ignore[arg-type]
