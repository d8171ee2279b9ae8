"""Strict base64url: one spelling per byte string."""

from __future__ import annotations

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
    "value",
    [
        "aGVsbG8=",  # padding
        "aGVs bG8",  # inner space
        "aGVsbG8\n",  # trailing newline
        "+/8",  # standard alphabet
        "aGVsbG9",  # non-zero trailing bits ("hello" is aGVsbG8)
        "A",  # impossible length
        "é",  # non-ASCII
    ],
)
def test_rejects_non_canonical(value: str) -> None:
    with pytest.raises(ParseError):
        base64url.decode(value)


def test_rejects_bytes_input() -> None:
    with pytest.raises(TypeError):
        base64url.decode(b"abc")  # type: ignore[arg-type]
