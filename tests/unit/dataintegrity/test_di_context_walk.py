"""The verify path validates contexts without a second walk when nothing below the top has one.

``check_contexts`` (the allow-list walk every verify runs) reports whether an object below the top
level has an ``@context``; when none has, the engine asks ``validate_top_contexts`` for the
top-level rules only. These tests pin that the shortcut gives exactly ``validate_contexts``'s
answer, that the flag is raised wherever a nested ``@context`` can hide, and that the depth bound
it relies on holds.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vckit.jsonld import default_loader
from vckit.jsonld._emit import MAX_DEPTH
from vckit.jsonld._validate import validate_contexts, validate_top_contexts
from vckit.problems import CONTEXT_VALIDATION_ERROR
from vckit.proofs.dataintegrity import verify_proof
from vckit.proofs.dataintegrity._transform import _MAX_CONTEXT_DEPTH, check_contexts

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
UNDEFINED = "https://www.w3.org/ns/credentials/undefined-terms/v2"


def _badge(context: Any) -> dict[str, Any]:
    return {
        "@context": context,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": ["Profile"]},
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": [{"name": "x"}]},
        "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"},
    }


TOP_LEVEL_ONLY = [
    _badge([VC2, OB303]),
    _badge(VC2),
    _badge([OB303, VC2]),  # base context not first, and a base context later
    _badge([VC2, UNDEFINED, OB303]),  # undefined-terms not last
    _badge([VC2, {"@vocab": "https://example.org/#"}]),  # inline object, not allow-listed
    _badge([VC2, 5]),  # neither URL nor object
    _badge([]),
]


@pytest.mark.parametrize("document", TOP_LEVEL_ONLY)
def test_top_level_rules_alone_give_the_full_answer(document: dict[str, Any]) -> None:
    loader = default_loader()
    assert check_contexts(document, _AllowAll()) is False
    assert validate_top_contexts(document, loader=loader) == validate_contexts(
        document, loader=loader
    )


class _AllowAll:
    def __contains__(self, url: object) -> bool:
        return True

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:  # pragma: no cover
        raise AssertionError("not loaded")


def _nested_in_subject(document: dict[str, Any]) -> None:
    document["credentialSubject"]["@context"] = {"score": "https://example.org/#score"}


def _nested_in_array(document: dict[str, Any]) -> None:
    document["credentialSubject"]["achievement"][0]["@context"] = VC2


def _nested_null(document: dict[str, Any]) -> None:
    document["issuer"]["@context"] = None  # a member, even null: the full walk must look


def _in_proof(document: dict[str, Any]) -> None:
    document["proof"]["@context"] = [VC2]


def _inside_a_context(document: dict[str, Any]) -> None:
    document["@context"] = [VC2, {"Thing": {"@id": "https://example.org/#T", "@context": {}}}]


@pytest.mark.parametrize(
    "nest", [_nested_in_subject, _nested_in_array, _nested_null, _in_proof, _inside_a_context]
)
def test_any_context_below_the_top_asks_for_the_full_walk(nest: Any) -> None:
    document = copy.deepcopy(_badge([VC2, OB303]))
    nest(document)
    assert check_contexts(document, _AllowAll()) is True


def test_the_allow_list_walk_stops_long_before_the_validation_depth_bound() -> None:
    # validate_top_contexts skips the walk that reports nesting beyond MAX_DEPTH: the allow-list
    # walk must already have refused anything that deep.
    assert _MAX_CONTEXT_DEPTH + 1 < MAX_DEPTH


def test_the_engine_still_reports_a_nested_context_in_a_signed_badge() -> None:
    document = _badge([VC2, OB303])
    _nested_in_subject(document)
    result = verify_proof(document, now="2025-01-01T00:00:00Z")
    assert result.verified is False
    assert [(p.code, p.detail["reason"]) for p in result.problems] == [
        (CONTEXT_VALIDATION_ERROR, "nested-context")
    ]
