"""Multibase: z / u / m prefixes, strict decoding, length checked first."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vckit._codec import multibase
from vckit.errors import ParseError


def test_encode_each_base() -> None:
    assert multibase.encode(b"hello") == "zCn8eVZg"
    assert multibase.encode(b"\xfb\xff", "base64url") == "u-_8"
    assert multibase.encode(b"\xfb\xff", "base64") == "m+/8"


def test_leading_zero_bytes_are_kept() -> None:
    assert multibase.encode(b"\x00\x00\x01") == "z112"
    assert multibase.decode("z112") == b"\x00\x00\x01"


@pytest.mark.parametrize("base", ["base58btc", "base64url", "base64"])
@given(data=st.binary(max_size=100))
def test_round_trip(base: multibase.Base, data: bytes) -> None:
    assert multibase.decode_with_base(multibase.encode(data, base)) == (base, data)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty multibase value"),  # no prefix
        ("fabcd", "unsupported multibase prefix 'f'"),  # base16: not accepted
        ("z0OIl", "invalid base58btc character"),  # characters outside base58btc
        ("zCn8eVZg ", "invalid base58btc character"),  # trailing space (base58 would strip it)
        ("u-_8=", "base64url value has padding, whitespace or non-alphabet characters"),  # padding
        ("m+/8=", "invalid multibase base64 value"),  # padding
        ("m-_8", "invalid multibase base64 value"),  # base64url alphabet under the base64 prefix
        ("m+/9", "multibase base64 value is not canonical"),  # non-zero trailing bits
    ],
)
def test_rejects_malformed(value: str, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)):
        multibase.decode(value)


def test_length_is_checked_before_decoding() -> None:
    huge = "z" + "2" * (multibase.DEFAULT_MAX_LENGTH + 1)
    with pytest.raises(ParseError, match="longer than"):
        multibase.decode(huge)
    with pytest.raises(ParseError, match="longer than"):
        multibase.decode("zCn8eVZg", max_length=4)


def test_unknown_base_name() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        multibase.encode(b"x", "base32")  # type: ignore[arg-type]
