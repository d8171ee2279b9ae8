"""Hostile PNG images: each is refused with its own exact error, offline, in bounded work."""

from __future__ import annotations

import struct
import tracemalloc
import zlib
from typing import Any

import pytest
from tests.unit.openbadges.baking_support import IDAT, IHDR, JWT, SIGNATURE, chunk, itxt, png

from vckit.errors import BakingError
from vckit.openbadges import baking


@pytest.fixture(autouse=True)
def _offline(no_network: list[Any]) -> None:
    """Every test here runs with the network blocked."""


def test_bad_crc() -> None:
    image = png(chunk(b"tEXt", b"Comment\x00hi", crc=0xDEADBEEF))
    with pytest.raises(BakingError, match=r"^bad CRC in PNG chunk tEXt at offset 58$"):
        baking.unbake(image)


def test_bad_crc_in_the_credential_chunk_itself() -> None:
    good = baking.bake(png(), JWT)
    broken = good[:-20] + bytes([good[-20] ^ 1]) + good[-19:]  # a byte of the token, CRC kept
    with pytest.raises(BakingError, match="bad CRC in PNG chunk iTXt"):
        baking.unbake(broken)


def test_truncated_chunk() -> None:
    image = png(itxt(b"openbadgecredential", JWT.encode()))[:-30]
    with pytest.raises(
        BakingError, match=r"^truncated PNG chunk iTXt at offset 58: \d+ bytes declared"
    ):
        baking.unbake(image)


def test_truncated_header() -> None:
    with pytest.raises(BakingError, match="truncated PNG: no chunk header at offset 8"):
        baking.unbake(SIGNATURE + b"\x00\x00")


def test_length_field_of_two_to_the_31() -> None:
    image = SIGNATURE + chunk(b"IHDR", IHDR) + struct.pack(">I", 2**31) + b"iTXt" + b"\x00" * 16
    with pytest.raises(
        BakingError, match=r"^PNG chunk length 2147483648 at offset 33 exceeds 2\^31-1$"
    ):
        baking.unbake(image)


def test_length_field_just_below_the_limit_is_truncation_not_allocation() -> None:
    image = SIGNATURE + chunk(b"IHDR", IHDR) + struct.pack(">I", 2**31 - 1) + b"iTXt" + b"\x00" * 16
    tracemalloc.start()
    try:
        with pytest.raises(
            BakingError, match="truncated PNG chunk iTXt at offset 33: 2147483647 bytes declared"
        ):
            baking.unbake(image)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_one_hundred_thousand_chunks() -> None:
    filler = chunk(b"tIME", b"\x07\xe6\x01\x01\x00\x00\x00")
    image = SIGNATURE + chunk(b"IHDR", IHDR) + filler * 100_000 + chunk(b"IEND", b"")
    with pytest.raises(BakingError, match=r"^PNG has more than 10000 chunks$"):
        baking.unbake(image)


def test_itxt_bomb() -> None:
    bomb = zlib.compress(b" " * (64 * 1024 * 1024), 9)  # 64 MiB of spaces in ~64 KB
    assert len(bomb) < 100_000
    image = png(chunk(b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00" + bomb))
    tracemalloc.start()
    try:
        with pytest.raises(
            BakingError,
            match=r"^PNG iTXt chunk 'openbadgecredential' expands beyond 8388608 bytes$",
        ):
            baking.unbake(image)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024


def test_ztxt_bomb_under_the_open_badges_2_keyword() -> None:
    bomb = zlib.compress(b"a" * (64 * 1024 * 1024), 9)
    image = png(chunk(b"zTXt", b"openbadges\x00\x00" + bomb))
    with pytest.raises(
        BakingError, match=r"^PNG zTXt chunk 'openbadges' expands beyond 8388608 bytes$"
    ):
        baking.extract(image)


def test_unrelated_compressed_chunks_are_never_inflated() -> None:
    bomb = zlib.compress(b"a" * (64 * 1024 * 1024), 9)
    image = png(
        chunk(b"zTXt", b"Comment\x00\x00" + bomb), itxt(b"openbadgecredential", JWT.encode())
    )
    assert baking.unbake(image) == JWT


def test_two_openbadgecredential_chunks() -> None:
    image = png(
        itxt(b"openbadgecredential", JWT.encode()), itxt(b"openbadgecredential", JWT.encode())
    )
    with pytest.raises(BakingError, match=r"^PNG carries more than one openbadgecredential chunk$"):
        baking.unbake(image)
    with pytest.raises(BakingError, match="already carries"):
        baking.bake(image, JWT)
    repaired = baking.bake(image, "x.y.z", replace=True)  # replace removes every copy
    assert baking.unbake(repaired) == "x.y.z"


def test_non_utf8_text() -> None:
    image = png(itxt(b"openbadgecredential", b'{"name": "caf\xe9"}'))
    with pytest.raises(
        BakingError, match=r"^PNG iTXt chunk 'openbadgecredential' is not valid UTF-8$"
    ):
        baking.unbake(image)


def test_invalid_compression_flag_and_method() -> None:
    flag = png(chunk(b"iTXt", b"openbadgecredential\x00\x02\x00\x00\x00" + JWT.encode()))
    with pytest.raises(BakingError, match="has an invalid compression flag"):
        baking.unbake(flag)
    method = png(chunk(b"iTXt", b"openbadgecredential\x00\x01\x07\x00\x00" + zlib.compress(b"x")))
    with pytest.raises(BakingError, match="uses an unknown compression method"):
        baking.unbake(method)


def test_corrupt_and_truncated_zlib() -> None:
    corrupt = png(chunk(b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00not zlib"))
    with pytest.raises(BakingError, match="is not valid zlib data"):
        baking.unbake(corrupt)
    cut = png(
        chunk(
            b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00" + zlib.compress(JWT.encode())[:-6]
        )
    )
    with pytest.raises(BakingError, match="is truncated zlib data"):
        baking.unbake(cut)


def test_missing_itxt_separators() -> None:
    image = png(chunk(b"iTXt", b"openbadgecredential\x00\x00\x00no-separators"))
    with pytest.raises(BakingError, match="is malformed \\(missing separators\\)"):
        baking.unbake(image)


def test_text_chunk_without_keyword() -> None:
    image = png(chunk(b"tEXt", b"x" * 200))
    with pytest.raises(BakingError, match="tEXt chunk at offset 58 has no keyword"):
        baking.unbake(image)


def test_bad_chunk_type_bytes() -> None:
    image = SIGNATURE + chunk(b"IHDR", IHDR) + chunk(b"\x00<>!", b"") + chunk(b"IDAT", IDAT)
    with pytest.raises(BakingError, match="bad PNG chunk type"):
        baking.unbake(image)


def test_png_signature_only_prefix() -> None:
    with pytest.raises(BakingError, match="not a PNG or SVG image"):
        baking.unbake(b"\x89PNG\r\n")
