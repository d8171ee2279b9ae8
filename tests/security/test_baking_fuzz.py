"""Random and mutated images: unbake only ever raises BakingError, never a foreign exception."""

from __future__ import annotations

import struct
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.openbadges.baking_support import CREDENTIAL, JWT, SVG, chunk, png

from vckit.errors import BakingError
from vckit.openbadges import baking

BAKED_PNG = baking.bake(png(), CREDENTIAL)
BAKED_SVG = baking.bake(SVG, CREDENTIAL)
BAKED_SVG_JWT = baking.bake(SVG, JWT)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _unbake_or_baking_error(image: bytes) -> None:
    try:
        result = baking.unbake(image)
    except BakingError:
        return
    assert isinstance(result, dict | str)


@st.composite
def _mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[position] ^= draw(st.integers(1, 255))
        elif action == "delete" and data:
            del data[position : position + draw(st.integers(1, 16))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            data = data[:position]
    return bytes(data)


@SETTINGS
@given(st.binary(max_size=2048))
def test_random_bytes(image: bytes) -> None:
    _unbake_or_baking_error(image)


@SETTINGS
@given(st.binary(max_size=512))
def test_random_bytes_after_a_png_signature(tail: bytes) -> None:
    _unbake_or_baking_error(b"\x89PNG\r\n\x1a\n" + tail)


@SETTINGS
@given(_mutated(BAKED_PNG))
def test_mutated_png(image: bytes) -> None:
    _unbake_or_baking_error(image)


@SETTINGS
@given(st.binary(max_size=256), st.sampled_from([b"iTXt", b"zTXt", b"tEXt"]), st.booleans())
def test_random_text_chunks_with_valid_crc(body: bytes, ctype: bytes, ob3: bool) -> None:
    keyword = b"openbadgecredential\x00" if ob3 else b"openbadges\x00"
    _unbake_or_baking_error(png(chunk(ctype, keyword + body)))


@SETTINGS
@given(st.binary(max_size=256))
def test_random_compressed_itxt(text: bytes) -> None:
    body = b"openbadgecredential\x00\x01\x00\x00\x00" + zlib.compress(text)
    _unbake_or_baking_error(png(chunk(b"iTXt", body)))


@SETTINGS
@given(_mutated(BAKED_SVG))
def test_mutated_svg(image: bytes) -> None:
    _unbake_or_baking_error(image)


@SETTINGS
@given(_mutated(BAKED_SVG_JWT))
def test_mutated_svg_with_jwt(image: bytes) -> None:
    _unbake_or_baking_error(image)


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_as_svg(text: str) -> None:
    _unbake_or_baking_error(("<svg" + text).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.integers(0, 2**32 - 1), st.binary(min_size=4, max_size=4))
def test_any_length_and_type_field(length: int, ctype: bytes) -> None:
    header = struct.pack(">I", length) + ctype
    _unbake_or_baking_error(b"\x89PNG\r\n\x1a\n" + header + b"\x00" * 32)
