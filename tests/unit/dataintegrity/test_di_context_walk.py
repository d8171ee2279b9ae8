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

from vckit._codec.limits import json_shape
from vckit.jsonld import default_loader
from vckit.jsonld._emit import MAX_DEPTH
from vckit.jsonld._validate import validate_contexts, validate_top_contexts
from vckit.problems import CONTEXT_VALIDATION_ERROR
from vckit.proofs.dataintegrity import verify_proof
from vckit.proofs.dataintegrity._errors import TransformError
from vckit.proofs.dataintegrity._transform import (
    _MAX_CONTEXT_DEPTH,
    check_contexts,
    check_top_contexts,
)

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


# -- the limits walk standing in for the allow-list walk (core4) -------------------------------


class _Refuse:
    """An allow-list holding only ``allowed``; records every URL it is asked about."""

    def __init__(self, *allowed: str) -> None:
        self.allowed = set(allowed)
        self.asked: list[object] = []

    def __contains__(self, url: object) -> bool:
        self.asked.append(url)
        return url in self.allowed

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:  # pragma: no cover
        raise AssertionError("not loaded")


def _deep(levels: int) -> dict[str, Any]:
    """The badge with a chain of ``levels`` objects under one member (no @context in it)."""
    document = _badge([VC2, OB303])
    chain: dict[str, Any] = {"leaf": "x"}
    for _ in range(levels - 1):
        chain = {"next": chain}
    document["credentialSubject"]["deep"] = chain
    return document


@pytest.mark.parametrize("document", TOP_LEVEL_ONLY)
def test_the_limits_walk_sees_no_nested_context_where_the_allow_list_walk_sees_none(
    document: dict[str, Any],
) -> None:
    nested, deepest = json_shape(document)
    assert nested is False
    assert deepest == 3  # credentialSubject -> achievement list -> its object
    assert check_top_contexts(document, _AllowAll(), deepest) is False


@pytest.mark.parametrize(
    "nest", [_nested_in_subject, _nested_in_array, _nested_null, _in_proof, _inside_a_context]
)
def test_the_limits_walk_raises_the_nested_flag_wherever_the_allow_list_walk_does(
    nest: Any,
) -> None:
    document = copy.deepcopy(_badge([VC2, OB303]))
    nest(document)
    assert json_shape(document)[0] is True


@pytest.mark.parametrize(
    ("context", "refused"),
    [
        ([VC2, "https://evil.example/a", "https://evil.example/b"], "https://evil.example/a"),
        ("https://evil.example/only", "https://evil.example/only"),
        ([VC2, 5, {"@vocab": "https://example.org/#"}, "https://evil.example/c"], None),
    ],
)
def test_the_top_level_check_refuses_the_url_the_full_walk_refuses(
    context: Any, refused: str | None
) -> None:
    document = _badge(context)
    if refused is None:  # the last URL, after a number and an inline object
        refused = context[-1]
    with pytest.raises(TransformError) as full:
        check_contexts(document, _Refuse(VC2, OB303))
    with pytest.raises(TransformError) as top:
        check_top_contexts(document, _Refuse(VC2, OB303), json_shape(document)[1])
    assert str(top.value) == str(full.value)
    assert top.value.detail == full.value.detail == {"url": refused}


def test_the_top_level_check_leaves_a_document_beyond_the_walk_bound_to_the_walk() -> None:
    within, beyond = _deep(_MAX_CONTEXT_DEPTH - 1), _deep(_MAX_CONTEXT_DEPTH)
    assert json_shape(within) == (False, _MAX_CONTEXT_DEPTH)
    assert check_top_contexts(within, _AllowAll(), _MAX_CONTEXT_DEPTH) is False
    assert check_contexts(within, _AllowAll()) is False
    assert json_shape(beyond) == (False, _MAX_CONTEXT_DEPTH + 1)
    assert check_top_contexts(beyond, _AllowAll(), _MAX_CONTEXT_DEPTH + 1) is None
    with pytest.raises(TransformError, match=r"document nests too deeply"):
        check_contexts(beyond, _AllowAll())


def test_the_engine_still_refuses_nesting_beyond_the_walk_bound() -> None:
    result = verify_proof(_deep(_MAX_CONTEXT_DEPTH), now="2025-01-01T00:00:00Z")
    assert result.verified is False
    assert len(result.problems) == 1
    assert "document nests too deeply" in result.problems[0].message


def test_the_engine_still_refuses_a_top_level_context_off_the_allow_list() -> None:
    document = _badge([VC2, "https://evil.example/context"])
    result = verify_proof(document, now="2025-01-01T00:00:00Z")
    assert result.verified is False
    assert [p.detail.get("url") for p in result.problems] == ["https://evil.example/context"]


# -- the pipeline's bounds walk standing in for the engine's own (`_verify_bounded`) ------------


def _bounded(engine: Any, document: dict[str, Any], shape: tuple[bool, int]) -> Any:
    from datetime import timedelta

    from vckit.proofs.dataintegrity._engine import _default_resolver

    return engine._verify_bounded(
        document,
        shape,
        _default_resolver(),
        expected_proof_purpose="assertionMethod",
        expected_controller=None,
        challenge=None,
        domain=None,
        now="2025-01-01T00:00:00Z",
        clock_skew=timedelta(minutes=5),
    )


def _checked_engine() -> Any:
    from vckit.proofs.dataintegrity import DataIntegrity

    return DataIntegrity(input_checked=True)


def test_a_known_shape_still_refuses_a_top_level_context_off_the_allow_list() -> None:
    document = _badge([VC2, "https://evil.example/context"])
    result = _bounded(_checked_engine(), document, json_shape(document))
    assert result.verified is False
    assert [p.detail.get("url") for p in result.problems] == ["https://evil.example/context"]


def test_a_known_shape_with_a_nested_context_takes_the_allow_list_walk() -> None:
    document = _badge([VC2, OB303])
    document["credentialSubject"]["@context"] = "https://evil.example/nested"
    shape = json_shape(document)
    assert shape[0] is True
    result = _bounded(_checked_engine(), document, shape)
    assert result.verified is False
    assert [p.detail.get("url") for p in result.problems] == ["https://evil.example/nested"]


def test_a_known_shape_beyond_the_walk_bound_goes_back_to_the_walk() -> None:
    document = _deep(_MAX_CONTEXT_DEPTH)
    shape = json_shape(document)
    assert shape[0] is False
    assert shape[1] > _MAX_CONTEXT_DEPTH
    result = _bounded(_checked_engine(), document, shape)
    assert result.verified is False
    assert len(result.problems) == 1
    assert "document nests too deeply" in result.problems[0].message


def test_an_engine_that_bounds_its_own_input_ignores_a_claimed_shape() -> None:
    from vckit.proofs.dataintegrity import DataIntegrity

    document = _badge([VC2, OB303])
    _nested_in_subject(document)
    # a shape that wrongly says "nothing below the top": the engine walks anyway
    result = _bounded(DataIntegrity(), document, (False, 1))
    assert result.verified is False
    assert [(p.code, p.detail["reason"]) for p in result.problems] == [
        (CONTEXT_VALIDATION_ERROR, "nested-context")
    ]
