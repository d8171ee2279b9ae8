"""``check_json_limits``: the size gate for JSON values that arrive already parsed."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest

from vckit._codec.limits import (
    DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_NODES,
    JsonLimitError,
    check_json_limits,
)
from vckit.errors import ParseError


def test_ordinary_credential_passes() -> None:
    check_json_limits(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "credentialSubject": {"id": "did:example:a", "score": 1.5, "ok": True, "n": None},
        }
    )


def test_limit_error_is_a_parse_error_naming_limit_and_path() -> None:
    with pytest.raises(ParseError, match=r"\$\.a\.b has 3 members; at most 2 are accepted") as info:
        check_json_limits({"a": {"b": {"x": 1, "y": 2, "z": 3}}}, max_members=2)
    assert isinstance(info.value, JsonLimitError)
    assert (info.value.limit, info.value.path) == ("members", "$.a.b")


def test_array_items_count_as_members() -> None:
    with pytest.raises(JsonLimitError, match=r"\$\.list has 4 items") as info:
        check_json_limits({"list": [1, 2, 3, 4]}, max_members=3)
    assert info.value.limit == "members"


@pytest.mark.parametrize(("nodes", "fails"), [(5, False), (4, True)])
def test_node_count_is_exact(nodes: int, fails: bool) -> None:
    value = {"a": [1, "two"], "b": None}  # object, array, 1, "two", None: five nodes
    if fails:
        with pytest.raises(JsonLimitError, match="more than 4 JSON values"):
            check_json_limits(value, max_nodes=nodes)
    else:
        check_json_limits(value, max_nodes=nodes)


@pytest.mark.parametrize(("depth", "fails"), [(3, False), (2, True)])
def test_depth_is_exact(depth: int, fails: bool) -> None:
    value = {"a": {"b": [1]}}  # three container levels
    if fails:
        with pytest.raises(JsonLimitError, match=r"deeper than 2 levels at \$\.a\.b"):
            check_json_limits(value, max_depth=depth)
    else:
        check_json_limits(value, max_depth=depth)


def test_long_string_and_long_member_name() -> None:
    with pytest.raises(JsonLimitError, match=r"a string of 11 characters at \$\.s\[1\]"):
        check_json_limits({"s": ["ok", "x" * 11]}, max_string=10)
    with pytest.raises(JsonLimitError, match="a member name of 11 characters") as info:
        check_json_limits({"k" * 11: 1}, max_string=10)
    assert info.value.limit == "string"


def test_total_size_estimate() -> None:
    value = {"a": "x" * 60, "b": "y" * 60}
    check_json_limits(value, max_bytes=200)
    with pytest.raises(JsonLimitError, match="larger than 100 bytes") as info:
        check_json_limits(value, max_bytes=100)
    assert info.value.limit == "bytes"


def test_member_names_must_be_strings() -> None:
    with pytest.raises(JsonLimitError, match=r"member name 1 at \$ is not a string"):
        check_json_limits({1: "x"})


def test_mappings_and_tuples_are_walked_like_objects_and_arrays() -> None:
    value: Any = OrderedDict(a=(1, 2, 3))
    with pytest.raises(JsonLimitError, match=r"\$\.a has 3 items"):
        check_json_limits(value, max_members=2)


def test_defaults_allow_a_large_clr_but_not_the_audit_case() -> None:
    assert DEFAULT_MAX_NODES >= 100_000
    assert DEFAULT_MAX_MEMBERS >= 1_000
    with pytest.raises(JsonLimitError, match="300000 members"):
        check_json_limits({f"k{i}": i for i in range(300_000)})
    check_json_limits({"credentials": [{"id": f"urn:x:{i}", "n": i} for i in range(5_000)]})


def test_the_walk_reports_an_at_context_below_the_top_level() -> None:
    from vckit._codec.limits import check_json_limits

    assert check_json_limits({"@context": ["x"], "a": {"b": 1}}) is False
    assert check_json_limits({"a": {"@context": "x"}}) is True
    assert check_json_limits({"a": [{"b": [{"@context": None}]}]}) is True
    assert check_json_limits([{"@context": "x"}]) is True  # below a top-level list
    assert check_json_limits({"a": ["@context"]}) is False  # a string, not a member
    assert check_json_limits("@context") is False
    assert check_json_limits({"a": {"@context": "x"}}, json_types=True) is True
