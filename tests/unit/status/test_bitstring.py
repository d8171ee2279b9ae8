"""BitstringStatusList: entry addressing, bit order, encode / decode, and decoding limits."""

from __future__ import annotations

import base64
import gzip

import pytest

from vckit.status import BitstringStatusList, StatusListDecodeError
from vckit.status._bitstring import decode_encoded_list

SPEC_ZERO_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def test_new_list_is_all_zero_with_the_minimum_length() -> None:
    lst = BitstringStatusList()
    assert lst.size == 131_072
    assert lst.status_size == 1
    assert lst.to_bytes() == bytes(16_384)
    assert list(lst.set_indexes()) == []


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, b"\x80\x00"), (1, b"\x40\x00"), (7, b"\x01\x00"), (8, b"\x00\x80"), (15, b"\x00\x01")],
)
def test_index_zero_is_the_left_most_bit_of_the_first_byte(index: int, expected: bytes) -> None:
    lst = BitstringStatusList(16)
    lst.set(index)
    assert lst.to_bytes() == expected
    assert lst.get(index) == 1
    assert [lst.get(i) for i in range(16)].count(1) == 1


def test_multi_bit_entries_read_left_to_right() -> None:
    lst = BitstringStatusList(8, status_size=2)
    lst.set(0, 0b01)
    lst.set(1, 0b10)
    lst.set(3, 0b11)
    assert lst.to_bytes() == bytes([0b01100011, 0])
    assert [lst.get(i) for i in range(4)] == [1, 2, 0, 3]
    assert list(lst.set_indexes()) == [0, 1, 3]


def test_entries_spanning_a_byte_boundary() -> None:
    lst = BitstringStatusList(8, status_size=3)  # entry 2 = bits 6..8
    lst.set(2, 0b101)
    assert lst.to_bytes() == bytes([0b00000010, 0b10000000, 0])
    assert lst.get(2) == 5
    lst.clear(2)
    assert lst.to_bytes() == bytes(3)


def test_set_clear_and_overwrite() -> None:
    lst = BitstringStatusList(64)
    lst.set(10, True)
    lst.set(11)
    lst.clear(10)
    assert list(lst.set_indexes()) == [11]
    lst.set(11, 0)
    assert lst.get(11) == 0


@pytest.mark.parametrize("bad", [-1, 64, 10**9])
def test_index_outside_the_list_is_an_index_error(bad: int) -> None:
    lst = BitstringStatusList(64)
    with pytest.raises(IndexError):
        lst.get(bad)
    with pytest.raises(IndexError):
        lst.set(bad)


def test_value_must_fit_the_status_size() -> None:
    with pytest.raises(ValueError, match="does not fit in 1 bit"):
        BitstringStatusList(8).set(0, 2)
    with pytest.raises(ValueError, match="does not fit in 2 bit"):
        BitstringStatusList(8, status_size=2).set(0, 4)


@pytest.mark.parametrize(
    ("size", "status_size", "match"),
    [(0, 1, "size"), (8, 0, "status_size"), (8, 17, "status_size"), (True, 1, "size")],
)
def test_bad_dimensions(size: int, status_size: int, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        BitstringStatusList(size, status_size)


def test_index_must_be_an_int() -> None:
    with pytest.raises(TypeError):
        BitstringStatusList(8).get(True)


def test_spec_example_decodes_to_16384_zero_bytes() -> None:
    lst = BitstringStatusList.decode(SPEC_ZERO_LIST)
    assert lst.size == 131_072
    assert lst.to_bytes() == bytes(16_384)


def test_encode_is_multibase_base64url_gzip_and_round_trips() -> None:
    lst = BitstringStatusList()
    for index in (0, 7, 94_567, 131_071):
        lst.set(index)
    encoded = lst.encode()
    assert encoded.startswith("uH4sI")
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert raw == lst.to_bytes()
    again = BitstringStatusList.decode(encoded)
    assert again == lst
    assert list(again.set_indexes()) == [0, 7, 94_567, 131_071]
    assert lst.encode() == encoded  # deterministic (no timestamp in the GZIP header)


def test_decode_with_status_size() -> None:
    lst = BitstringStatusList(131_072, status_size=2)
    lst.set(65_535, 3)
    again = BitstringStatusList.decode(lst.encode(), status_size=2)
    assert again.size == 131_072
    assert again.get(65_535) == 3


def test_statuslist2021_accepts_plain_base64url() -> None:
    plain = SPEC_ZERO_LIST[1:]
    assert decode_encoded_list(plain, multibase=False) == bytes(16_384)
    assert decode_encoded_list(SPEC_ZERO_LIST, multibase=False) == bytes(16_384)
    with pytest.raises(StatusListDecodeError) as info:
        decode_encoded_list(plain, multibase=True)
    assert info.value.reason == "multibase"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (42, "multibase"),
        ("zH4sI", "multibase"),
        ("uH4sI+AAA", "base64url"),
        ("uH4sI AAA", "base64url"),
        ("u" + base64.urlsafe_b64encode(b"not gzip at all").rstrip(b"=").decode(), "gzip"),
    ],
)
def test_malformed_encoded_lists(value: object, reason: str) -> None:
    with pytest.raises(StatusListDecodeError) as info:
        decode_encoded_list(value)
    assert info.value.reason == reason


def test_trailing_data_after_the_gzip_member_is_refused() -> None:
    data = gzip.compress(bytes(16)) + b"junk"
    value = "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    with pytest.raises(StatusListDecodeError, match="after the GZIP member"):
        decode_encoded_list(value)


def test_decoded_size_is_capped() -> None:
    lst = BitstringStatusList(8 * 4096)
    with pytest.raises(StatusListDecodeError, match="more than 1024 bytes") as info:
        BitstringStatusList.decode(lst.encode(), max_bytes=1024)
    assert info.value.reason == "too_large"
    assert BitstringStatusList.decode(lst.encode(), max_bytes=4096).size == 8 * 4096
