"""The strict CBOR subset used by ecdsa-sd-2023 proof values."""

from __future__ import annotations

import re

import pytest

from vckit.errors import ParseError
from vckit.proofs.dataintegrity._cbor import decode


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b"\x00", 0),
        (b"\x17", 23),
        (b"\x18\x18", 24),
        (b"\x19\x01\x00", 256),
        (b"\x1a\x00\x01\x00\x00", 65536),
        (b"\x1b\x00\x00\x00\x01\x00\x00\x00\x00", 2**32),
        (b"\x43abc", b"abc"),
        (b"\x82\x01\x41x", [1, b"x"]),
        (b"\xa2\x00\x41a\x01\x41b", {0: b"a", 1: b"b"}),
        (b"\x80", []),
    ],
)
def test_decodes(data: bytes, value: object) -> None:
    assert decode(data) == value


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "CBOR value is truncated"),  # nothing
        (b"\x18\x17", "CBOR integer is not in its shortest form"),  # 23 in two bytes: not shortest
        (b"\x19\x00\xff", "CBOR integer is not in its shortest form"),  # 255 in three bytes
        (
            b"\x5f\xff",
            "CBOR indefinite lengths and reserved values are not accepted",
        ),  # indefinite byte string
        (
            b"\x9f\xff",
            "CBOR indefinite lengths and reserved values are not accepted",
        ),  # indefinite array
        (
            b"\x1c",
            "CBOR indefinite lengths and reserved values are not accepted",
        ),  # reserved additional information
        (b"\x43ab", "CBOR value is truncated"),  # truncated byte string
        (b"\x84\x01", "CBOR length exceeds the data"),  # array longer than the data
        (b"\x20", "CBOR major type 1 is not used by this format"),  # negative integer: not used
        (b"\x61a", "CBOR major type 3 is not used by this format"),  # text string: not used
        (b"\xc0\x00", "CBOR major type 6 is not used by this format"),  # tag: not used
        (
            b"\xa1\x41k\x00",
            "CBOR map keys must be distinct integers",
        ),  # map key that is not an integer
        (b"\xa2\x00\x00\x00\x00", "CBOR map keys must be distinct integers"),  # duplicate map key
        (b"\x00\x00", "trailing bytes after the CBOR value"),  # trailing bytes
        (b"\x81" * 20 + b"\x00", "CBOR value nests too deeply"),  # nested too deeply
    ],
)
def test_refuses(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)):
        decode(data)
