"""Strict base64url: one spelling per byte string."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vckit._codec import base64url
from vckit.errors import ParseError


def test_encode_known_values() -> None:
    assert base64url.encode(b"") == ""
    assert base64url.encode(b"\xfb\xff") == "-_8"
    assert base64url.encode(b"hello") == "aGVsbG8"


def test_decode_known_value() -> None:
    assert base64url.decode("-_8") == b"\xfb\xff"


@given(st.binary(max_size=200))
def test_round_trip(data: bytes) -> None:
    assert base64url.decode(base64url.encode(data)) == data


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "aGVsbG8=",
            "base64url value has padding, whitespace or non-alphabet characters",
        ),  # padding
        (
            "aGVs bG8",
            "base64url value has padding, whitespace or non-alphabet characters",
        ),  # inner space
        (
            "aGVsbG8\n",
            "base64url value has padding, whitespace or non-alphabet characters",
        ),  # trailing newline
        (
            "+/8",
            "base64url value has padding, whitespace or non-alphabet characters",
        ),  # standard alphabet
        (
            "aGVsbG9",
            "base64url value is not canonical (non-zero trailing bits)",
        ),  # non-zero trailing bits ("hello" is aGVsbG8)
        ("A", "base64url value has an impossible length"),  # impossible length
        ("é", "base64url value has padding, whitespace or non-alphabet characters"),  # non-ASCII
    ],
)
def test_rejects_non_canonical(value: str, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)):
        base64url.decode(value)


def test_rejects_bytes_input() -> None:
    with pytest.raises(TypeError, match="base64url value must be str, not bytes"):
        base64url.decode(b"abc")  # type: ignore[arg-type]
