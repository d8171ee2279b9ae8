"""Multicodec varint headers for key types."""

from __future__ import annotations

import re

import pytest

from vckit._codec import multicodec
from vckit.errors import ParseError


@pytest.mark.parametrize(
    ("code", "header"),
    [
        (multicodec.ED25519_PUB, b"\xed\x01"),
        (multicodec.X25519_PUB, b"\xec\x01"),
        (multicodec.SECP256K1_PUB, b"\xe7\x01"),
        (multicodec.P256_PUB, b"\x80\x24"),
        (multicodec.P384_PUB, b"\x81\x24"),
        (multicodec.RSA_PUB, b"\x85\x24"),
        (multicodec.ED25519_PRIV, b"\x80\x26"),
        (multicodec.P256_PRIV, b"\x86\x26"),
    ],
)
def test_headers_match_the_table(code: int, header: bytes) -> None:
    assert multicodec.add_prefix(code, b"key") == header + b"key"
    assert multicodec.split(header + b"key") == (code, b"key")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "invalid multicodec header: Varints must be at least 1 byte long."),  # no header
        (
            b"\xed",
            "invalid multicodec header: Byte #0 was a continuation byte, but byte #1 not available.",
        ),  # truncated varint
        (
            b"\xed\x81\x00",
            "invalid multicodec header: Number 237 was not minimally encoded (as a 3 bytes varint).",
        ),  # non-minimal varint for 0xed
        (
            b"\xff" * 10,
            "invalid multicodec header: Varints must be at most 9 bytes long.",
        ),  # longer than 9 bytes
    ],
)
def test_split_rejects_malformed_headers(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)):
        multicodec.split(data)


def test_negative_code() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        multicodec.add_prefix(-1, b"")
