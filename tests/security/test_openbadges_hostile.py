"""Hostile input to vckit.openbadges: exact error types, no RecursionError, no network."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vckit import openbadges as ob
from vckit.errors import ParseError

BADGE = ob.OpenBadgeCredential


def _nested(depth: int, leaf: Any = 1) -> Any:
    """A list nested ``depth`` deep, built without recursion."""
    value: Any = leaf
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"creditsEarned": NaN}', "NaN"),
        ('{"a": Infinity}', "Infinity"),
        ('{"a": 1e999}', "out of range"),
        ('{"type": "a", "type": "b"}', "duplicate"),
        ('{"name": "\\ud800"}', "surrogate"),
        ("[" * 100_000 + "]" * 100_000, "nests deeper"),
        ('{"a": 1', "invalid JSON"),
        (b'{"a": "\xff"}', "UTF-8"),
    ],
)
def test_bad_json_text_is_a_parse_error(text: str | bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        BADGE.from_json(text)
    issues = ob.validate(text)
    assert len(issues) == 1
    assert issues[0].rule == "parse"


def test_more_than_ten_megabytes_is_refused_before_parsing() -> None:
    big = '{"name": "' + "x" * (10 * 1024 * 1024) + '"}'
    with pytest.raises(ParseError, match="larger than"):
        BADGE.from_json(big)
    with pytest.raises(ParseError, match="larger than"):
        BADGE.from_json(big.encode())


def test_deep_nesting_in_a_dict_is_a_parse_error_not_recursion_error() -> None:
    data = {"name": "x", "ext:deep": _nested(100_000)}
    with pytest.raises(ParseError, match="nests deeper"):
        BADGE.from_json(data)
    assert [issue.rule for issue in ob.validate(data)] == ["parse"]


def test_lone_surrogate_in_a_dict_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="surrogate"):
        BADGE.from_json({"name": "\ud800"})


def test_huge_arrays_are_bounded() -> None:
    data = {"credentialSubject": {"achievement": {"tag": ["t"] * 10_001}}}
    with pytest.raises(ParseError, match="10001 items"):
        BADGE.from_json(data)
    with pytest.raises(ParseError, match="10001 items"):
        BADGE.from_json(json.dumps(data))
    assert [issue.rule for issue in ob.validate(data)] == ["parse"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        ((1, 2), "tuple is not a JSON value"),
        (b"bytes", "bytes is not a JSON value"),
        ({1: "x"}, "member names must be strings"),
    ],
)
def test_dicts_holding_what_json_cannot_are_refused(value: Any, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        BADGE.from_json({"ext:x": [value]})
    assert [issue.rule for issue in ob.validate({"ext:x": value})] == ["parse"]


@pytest.mark.timeout(10)
def test_an_object_with_300000_members_is_refused_before_any_model_or_rule_work() -> None:
    """Issue 16: 300,000 keys cost 5 s in from_json and 3.5 s in validate before the cap."""
    wide = {f"ext:k{i}": i for i in range(300_000)}
    message = r"^JSON object has 300000 members \(limit 10000\)$"
    with pytest.raises(ParseError, match=message):
        BADGE.from_json(wide)
    with pytest.raises(ParseError, match=message):
        BADGE.from_json({"credentialSubject": {"achievement": wide}})
    issues = ob.validate({"credentialSubject": wide})
    assert [(issue.rule, issue.message) for issue in issues] == [
        ("parse", "JSON object has 300000 members (limit 10000)")
    ]


def test_too_many_values_overall_are_bounded() -> None:
    wide = {f"ext:k{i}": list(range(9_000)) for i in range(60)}  # 540,000 values
    with pytest.raises(ParseError, match="more than 500000 JSON values"):
        BADGE.from_json(wide)


def test_deep_but_allowed_profile_chains_load_and_validate() -> None:
    profile: dict[str, Any] = {"id": "did:example:root", "type": ["Profile"]}
    for level in range(150):
        profile = {"id": f"did:example:{level}", "type": ["Profile"], "parentOrg": profile}
    credential = {
        "@context": [ob.VC_V2_CONTEXT, ob.OB_CONTEXT],
        "id": "urn:uuid:0b1a3b4c-0000-4000-8000-000000000002",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": profile,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:example:a",
                "type": ["Achievement"],
                "name": "n",
                "description": "d",
                "criteria": {},
            },
        },
    }
    assert ob.validate(credential) == []
    assert BADGE.from_json(credential).to_json() == credential


def test_remote_ref_in_a_registered_schema_is_an_issue_and_never_fetched(
    no_network: list[Any],
) -> None:
    registry = ob.SchemaRegistry(official=False)
    registry.register(
        "https://example.edu/s.json",
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": "https://evil.example/x",
        },
    )
    issues = registry.validate(
        {
            "credentialSchema": {
                "id": "https://example.edu/s.json",
                "type": "1EdTechJsonSchemaValidator2019",
            }
        }
    )
    assert [issue.rule for issue in issues] == ["credentialSchema"]
    assert "unresolvable $ref" in issues[0].message
    assert no_network == []


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
KEYS = st.sampled_from(
    [
        "@context",
        "type",
        "issuer",
        "credentialSubject",
        "achievement",
        "image",
        "proof",
        "id",
        "validFrom",
        "identifier",
        "evidence",
        "endorsement",
        "result",
        "verifiableCredential",
        "context",
        "credential_subject",
        "is_hashed",
    ]
)
SHAPES = st.dictionaries(KEYS, JSON | st.dictionaries(KEYS, JSON, max_size=5), max_size=8)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    data=SHAPES,
    kind=st.sampled_from([ob.OpenBadgeCredential, ob.ClrCredential, ob.EndorsementCredential]),
)
def test_arbitrary_json_never_crashes(
    data: dict[str, Any], kind: type[ob.VerifiableCredential]
) -> None:
    """validate always returns issues; from_json either loads or raises ParseError."""
    issues = ob.validate(data)
    assert isinstance(issues, list)
    try:
        model = kind.from_json(data)
    except ParseError:
        return
    assert model.to_json() == data
