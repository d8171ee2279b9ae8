"""The strict CBOR subset used by ecdsa-sd-2023 proof values."""

from __future__ import annotations

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
    "data",
    [
        b"",  # nothing
        b"\x18\x17",  # 23 in two bytes: not shortest
        b"\x19\x00\xff",  # 255 in three bytes
        b"\x5f\xff",  # indefinite byte string
        b"\x9f\xff",  # indefinite array
        b"\x1c",  # reserved additional information
        b"\x43ab",  # truncated byte string
        b"\x84\x01",  # array longer than the data
        b"\x20",  # negative integer: not used
        b"\x61a",  # text string: not used
        b"\xc0\x00",  # tag: not used
        b"\xa1\x41k\x00",  # map key that is not an integer
        b"\xa2\x00\x00\x00\x00",  # duplicate map key
        b"\x00\x00",  # trailing bytes
        b"\x81" * 20 + b"\x00",  # nested too deeply
    ],
)
def test_refuses(data: bytes) -> None:
    with pytest.raises(ParseError):
        decode(data)
