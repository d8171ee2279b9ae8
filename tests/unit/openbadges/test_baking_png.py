"""PNG baking: one uncompressed iTXt openbadgecredential chunk before IEND, read back exactly."""

from __future__ import annotations

import json
import struct

import pytest
from tests.unit.openbadges.baking_support import CREDENTIAL, JWT, chunk, itxt, png

from vckit.errors import BakingError
from vckit.openbadges import badge_png, baking


def _chunks(image: bytes) -> list[tuple[bytes, bytes]]:
    out, position = [], 8
    while position < len(image):
        (length,) = struct.unpack(">I", image[position : position + 4])
        out.append(
            (image[position + 4 : position + 8], image[position + 8 : position + 8 + length])
        )
        position += 12 + length
    return out


def test_bake_then_unbake_returns_the_credential() -> None:
    baked = baking.bake(png(), CREDENTIAL)
    assert baking.unbake(baked) == CREDENTIAL
    found = baking.extract(baked)
    assert (found.container, found.version) == ("png", "3.0")


def test_the_chunk_is_one_uncompressed_itxt_right_before_iend() -> None:
    original = png(chunk(b"tEXt", b"Comment\x00made by hand"))
    baked = baking.bake(original, JWT)
    chunks = _chunks(baked)
    assert [c[0] for c in chunks] == [b"IHDR", b"IDAT", b"tEXt", b"iTXt", b"IEND"]
    assert chunks[3][1] == b"openbadgecredential\x00\x00\x00\x00\x00" + JWT.encode()
    # every other chunk is byte-for-byte the issuer's
    our_chunk_length = 12 + len(chunks[3][1])
    assert baked[: -12 - our_chunk_length] == original[:-12]
    assert baked[-12:] == original[-12:]


def test_a_dict_is_baked_as_compact_utf8_json() -> None:
    baked = baking.bake(png(), CREDENTIAL)
    data = _chunks(baked)[2][1]
    prefix = b"openbadgecredential\x00\x00\x00\x00\x00"
    assert data.startswith(prefix)
    text = data[len(prefix) :]
    assert text.decode("utf-8") == json.dumps(CREDENTIAL, ensure_ascii=False, separators=(",", ":"))


def test_json_text_is_baked_byte_for_byte() -> None:
    text = json.dumps(CREDENTIAL, indent=2)
    baked = baking.bake(png(), text)
    assert _chunks(baked)[2][1].endswith(text.encode())
    assert baking.unbake(baked) == CREDENTIAL


def test_a_jwt_unbakes_as_the_token_string() -> None:
    assert baking.unbake(baking.bake(png(), JWT)) == JWT


def test_an_image_with_a_credential_is_refused_without_replace() -> None:
    baked = baking.bake(png(), JWT)
    with pytest.raises(
        BakingError, match="already carries an Open Badges credential; pass replace=True"
    ):
        baking.bake(baked, CREDENTIAL)


def test_replace_swaps_the_credential_and_keeps_one_chunk() -> None:
    baked = baking.bake(baking.bake(png(), JWT), CREDENTIAL, replace=True)
    assert baking.unbake(baked) == CREDENTIAL
    assert [c[0] for c in _chunks(baked)].count(b"iTXt") == 1


def test_replace_removes_an_open_badges_2_assertion() -> None:
    ob2 = png(itxt(b"openbadges", b"https://example.org/assertions/1"))
    with pytest.raises(BakingError, match="already carries"):
        baking.bake(ob2, JWT)
    baked = baking.bake(ob2, JWT, replace=True)
    assert baking.extract(baked).version == "3.0"
    assert b"openbadges\x00" not in baked


def test_a_compressed_itxt_within_the_cap_is_read() -> None:
    image = png(itxt(b"openbadgecredential", JWT.encode(), compressed=True))
    assert baking.unbake(image) == JWT


def test_open_badges_2_is_reported_not_taken_for_3() -> None:
    image = png(itxt(b"openbadges", JWT.encode()))
    found = baking.extract(image)
    assert (found.version, found.payload, found.container) == ("2.0", JWT, "png")
    with pytest.raises(baking.OpenBadges2Error, match=r"Open Badges 2\.0 assertion") as info:
        baking.unbake(image)
    assert info.value.baked == found


def test_open_badges_1_text_chunk_is_reported_as_2() -> None:
    image = png(chunk(b"tEXt", b"openbadges\x00https://example.org/assertion.json"))
    assert baking.extract(image).version == "2.0"
    assert baking.extract(image).payload == "https://example.org/assertion.json"


def test_credential_in_a_text_chunk_is_refused() -> None:
    image = png(chunk(b"tEXt", b"openbadgecredential\x00" + JWT.encode()))
    with pytest.raises(BakingError, match="openbadgecredential must be an iTXt chunk, found tEXt"):
        baking.unbake(image)


def test_an_image_without_a_credential() -> None:
    with pytest.raises(BakingError, match="the PNG image carries no Open Badges credential"):
        baking.unbake(png())


def test_text_that_is_neither_json_nor_jwt_is_refused() -> None:
    image = png(itxt(b"openbadgecredential", b"hello world"))
    with pytest.raises(BakingError, match="neither a JSON credential nor a compact JWT"):
        baking.unbake(image)


def test_json_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(BakingError, match="not acceptable JSON"):
        baking.unbake(png(itxt(b"openbadgecredential", b'{"a": 1, "a": 2}')))


def test_data_after_iend_is_refused() -> None:
    with pytest.raises(BakingError, match="PNG has 3 bytes after IEND"):
        baking.unbake(png() + b"abc")


def test_first_chunk_must_be_ihdr() -> None:
    image = b"\x89PNG\r\n\x1a\n" + chunk(b"tEXt", b"a\x00b") + chunk(b"IEND", b"")
    with pytest.raises(BakingError, match="does not start with an IHDR chunk"):
        baking.unbake(image)


def test_generated_png_bakes() -> None:
    baked = baking.bake(badge_png(size=32), CREDENTIAL)
    assert baking.unbake(baked) == CREDENTIAL


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        (b"  not a url, not a token  ", "not a url, not a token"),
        (b'{"type": "Assertion"}', {"type": "Assertion"}),
        (b'{"broken": ', '{"broken":'),
        (b"", ""),
    ],
)
def test_open_badges_2_payloads_are_reported_as_found(text: bytes, payload: object) -> None:
    found = baking.extract(png(itxt(b"openbadges", text)))
    assert (found.version, found.payload) == ("2.0", payload)


def test_unicode_noncharacters_are_escaped_and_round_trip() -> None:
    credential = {"name": "edge \ufffe\uffff"}
    baked = baking.bake(png(), credential)
    assert b"\\ufffe\\uffff" in baked
    assert baking.unbake(baked) == credential
