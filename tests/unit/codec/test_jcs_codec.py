"""RFC 8785 canonical JSON: number format, member order, escapes, and what is refused."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vckit._codec import jcs
from vckit.errors import ParseError


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (-0.0, "0"),
        (1, "1"),
        (-1, "-1"),
        (56.0, "56"),
        (4.5, "4.5"),
        (0.002, "0.002"),
        (1e-6, "0.000001"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1e30, "1e+30"),
        (333333333.33333329, "333333333.3333333"),
        (123.456e10, "1234560000000"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (2**53, "9007199254740992"),
        (-(2**53), "-9007199254740992"),
        (9.999999999999997e-7, "9.999999999999997e-7"),
    ],
)
def test_number_format(value: float, text: str) -> None:
    assert jcs.format_number(value) == text


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_refused(value: float) -> None:
    with pytest.raises(ParseError, match=f"^{value} is not a JSON number$"):
        jcs.canonicalize({"n": value})


@pytest.mark.parametrize("value", [2**53 + 1, 10**400])
def test_integers_that_are_not_doubles_refused(value: int) -> None:
    with pytest.raises(ParseError, match="representable"):
        jcs.canonicalize([value])


def test_integer_in_jcs_spelling_of_a_double_is_kept() -> None:
    assert jcs.canonicalize([62909379718439460]) == b"[62909379718439460]"
    assert jcs.canonicalize([10**21]) == b"[1e+21]"


def test_lone_surrogates_refused_in_values_and_keys() -> None:
    with pytest.raises(ParseError, match="surrogate"):
        jcs.canonicalize("\ud800")
    with pytest.raises(ParseError, match="surrogate"):
        jcs.canonicalize({"\udc00": 1})


def test_members_sorted_by_utf16_code_units() -> None:
    # U+FB33 sorts after U+1F602 by code point but before it by UTF-16 code unit (0xD83D).
    value = {"\ufb33": 1, "\U0001f602": 2, "a": 3, "": 4, "A": 5}
    expected = '{"":4,"A":5,"a":3,"\U0001f602":2,"\ufb33":1}'
    assert jcs.canonicalize(value) == expected.encode()


def test_escapes() -> None:
    text = 'q"b\\s/\b\f\n\r\t\x00\x1f\x7f\u2028é'
    expected = '"q\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\x7f\u2028é"'
    assert jcs.canonicalize(text) == expected.encode()


def test_literals_and_nesting() -> None:
    value: dict[str, Any] = {"b": [True, False, None, []], "a": {"z": {}, "y": (1, 2)}}
    assert jcs.canonicalize(value) == b'{"a":{"y":[1,2],"z":{}},"b":[true,false,null,[]]}'


def test_non_json_values_refused() -> None:
    with pytest.raises(TypeError, match="JSON object keys must be str, not int"):
        jcs.canonicalize({1: "non-string key"})
    with pytest.raises(TypeError, match="set is not a JSON value"):
        jcs.canonicalize({"set": {1, 2}})
    with pytest.raises(TypeError, match="bytes is not a JSON value"):
        jcs.canonicalize(b"bytes")


def test_depth_limit() -> None:
    deep: Any = []
    for _ in range(jcs.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(ParseError, match="deeper"):
        jcs.canonicalize(deep)


TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]))
JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_output_parses_back_to_the_same_value(value: Any) -> None:
    out = jcs.canonicalize(value)
    # Numbers are doubles: "50086734633269670" is the shortest spelling of 5.008673463326967e16.
    assert json.loads(out, parse_int=float) == value
    assert jcs.canonicalize(json.loads(out)) == out


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_round_trip(value: float) -> None:
    assert float(jcs.format_number(value)) == value
