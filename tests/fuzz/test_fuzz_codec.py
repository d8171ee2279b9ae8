"""Fuzz the L0 codecs: strict JSON, multibase, multicodec and base64url.

Oracles: only ``ParseError`` escapes (never a ``json``/``base58``/``multiformats`` exception);
what the encoder writes decodes back to the same value; one spelling per value (a decoded string
re-encodes to itself, so a signature or key check cannot be bypassed with a second spelling).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import byte_mutated, fuzz, json_values, only, same_json

from vckit._codec import base64url, multibase, multicodec
from vckit._codec.strict_json import loads_strict
from vckit.errors import ParseError

pytestmark = pytest.mark.fuzz

json_texts = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=80),
    json_values.map(json.dumps).map(str.encode).flatmap(byte_mutated),
    st.sampled_from(['{"a":1,"a":2}', "NaN", "[1e999]", '"\\ud800"', "[" * 300, '{"a":-0}']),
)


@fuzz(200)
@given(data=json_texts)
def test_strict_json_raises_only_parse_errors(data: str | bytes) -> None:
    value = only((ParseError,), loads_strict, data)
    if not isinstance(value, ParseError):  # what it accepts is plain JSON that re-reads the same
        assert same_json(loads_strict(json.dumps(value)), value)


@fuzz(100)
@given(value=json_values)
def test_strict_json_reads_back_what_json_writes(value: Any) -> None:
    assert same_json(loads_strict(json.dumps(value)), value)
    assert same_json(loads_strict(json.dumps(value, ensure_ascii=False).encode()), value)


BASES = st.sampled_from(["base58btc", "base64url", "base64"])


@fuzz(150)
@given(data=st.binary(max_size=100), base=BASES)
def test_multibase_round_trips(data: bytes, base: Any) -> None:
    encoded = multibase.encode(data, base)
    assert multibase.decode_with_base(encoded) == (base, data)


@fuzz(200)
@given(
    value=st.text(max_size=60)
    | st.builds(lambda p, s: p + s, st.sampled_from("zumZUMf"), st.text(max_size=60))
)
def test_multibase_decode_raises_only_parse_errors_and_is_canonical(value: str) -> None:
    decoded = only((ParseError,), multibase.decode_with_base, value)
    if not isinstance(decoded, ParseError):
        base, data = decoded
        assert multibase.encode(data, base) == value


@fuzz(20)
@given(chunk=st.text(min_size=1, max_size=50), extra=st.integers(min_value=0, max_value=10**6))
def test_multibase_refuses_long_values_before_decoding(chunk: str, extra: int) -> None:
    value = "z" + (chunk * (10_000 // len(chunk) + 1))[:10_000] + "1" * extra
    with pytest.raises(ParseError, match="longer than 10000 characters"):
        multibase.decode(value)


@fuzz(150)
@given(code=st.integers(min_value=0, max_value=2**63 - 1), payload=st.binary(max_size=40))
def test_multicodec_round_trips(code: int, payload: bytes) -> None:
    assert multicodec.split(multicodec.add_prefix(code, payload)) == (code, payload)


@fuzz(200)
@given(data=st.binary(max_size=40))
def test_multicodec_split_raises_only_parse_errors(data: bytes) -> None:
    split = only((ParseError,), multicodec.split, data)
    if not isinstance(split, ParseError):  # minimal varints only: the prefix re-encodes the same
        code, payload = split
        assert multicodec.add_prefix(code, payload) == data


@fuzz(200)
@given(value=st.text(max_size=60) | st.binary(max_size=40).map(base64url.encode))
def test_base64url_one_spelling_per_value(value: str) -> None:
    decoded = only((ParseError,), base64url.decode, value)
    if not isinstance(decoded, ParseError):
        assert base64url.encode(decoded) == value
