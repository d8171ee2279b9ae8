"""The fast base58btc codec gives exactly what the ``base58`` package gives."""

from __future__ import annotations

import base58
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vckit.proofs.dataintegrity._base58 import b58decode, b58encode


@given(st.binary(max_size=130))
def test_encode_matches_the_base58_package(data: bytes) -> None:
    assert b58encode(data) == base58.b58encode(data).decode("ascii")


@given(st.binary(max_size=130))
def test_decode_round_trips(data: bytes) -> None:
    assert b58decode(b58encode(data)) == data


@given(st.text(alphabet="123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", max_size=180))
def test_decode_matches_the_base58_package(text: str) -> None:
    assert b58decode(text) == base58.b58decode(text)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\1", "112"),
        (b"\x00" * 64, "1" * 64),
        (b"\xff" * 64, base58.b58encode(b"\xff" * 64).decode()),
        (bytes(range(10)), "1kA3B2yGe2z4"),
    ],
)
def test_edges(data: bytes, text: str) -> None:
    assert b58encode(data) == text
    assert b58decode(text) == data


@pytest.mark.parametrize("bad", ["0", "O", "I", "l", "z+", "abc\u00e9"])
def test_characters_outside_the_alphabet_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="invalid base58btc character"):
        b58decode(bad)
