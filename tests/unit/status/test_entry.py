"""Reading credentialStatus entries: strict statusListIndex, statusSize and statusMessage."""

from __future__ import annotations

from typing import Any

import pytest

from vckit.status import MALFORMED_VALUE_ERROR, STATUS_VERIFICATION_ERROR, parse_status_list_index
from vckit.status._entry import EntryError, parse_entry


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("7", 7), ("94567", 94567), ("007", 7)])
def test_decimal_indexes(text: str, value: int) -> None:
    assert parse_status_list_index(text) == value


@pytest.mark.parametrize(
    "bad",
    [
        "-1",
        "+1",
        "1e3",
        "1_000",
        " 7 ",
        "7\n",
        "",
        "0x10",
        "1.0",
        "\u0667",  # ARABIC-INDIC DIGIT SEVEN
        "\uff17",  # FULLWIDTH DIGIT SEVEN
        "1" * 16,
        True,
        False,
        7,
        7.0,
        None,
        ["7"],
    ],
)
def test_everything_else_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="statusListIndex"):
        parse_status_list_index(bad)


def _bitstring(**extra: Any) -> dict[str, Any]:
    return {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "message",
        "statusListIndex": "3",
        "statusListCredential": "https://example.com/status/1",
        **extra,
    }


def _messages(count: int) -> list[dict[str, str]]:
    return [{"status": hex(i), "message": f"m{i}"} for i in range(count)]


def test_multi_bit_entry_with_messages() -> None:
    parsed = parse_entry(_bitstring(statusSize=2, statusMessage=_messages(4)))
    assert parsed.status_size == 2
    assert dict(parsed.messages) == {0: "m0", 1: "m1", 2: "m2", 3: "m3"}
    assert parsed.list_index == 3


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ({"statusSize": 2}, "needs statusMessage"),
        ({"statusSize": 2, "statusMessage": _messages(3)}, "needs 4"),
        ({"statusSize": 0}, "statusSize"),
        ({"statusSize": 17}, "statusSize"),
        ({"statusSize": True}, "statusSize"),
        ({"statusSize": "2"}, "statusSize"),
        ({"statusSize": 1, "statusMessage": [{"status": "1", "message": "x"}] * 2}, "hex"),
        (
            {"statusSize": 1, "statusMessage": [{"status": "0x0", "message": "a"}] * 2},
            "repeated",
        ),
        ({"statusSize": 1, "statusMessage": "x"}, "array"),
        ({"statusListCredential": ""}, "statusListCredential"),
        ({"statusListCredential": "https://e.x/" + "a" * 3000}, "longer"),
        ({"statusPurpose": 1}, "statusPurpose"),
    ],
)
def test_malformed_entries(extra: dict[str, Any], match: str) -> None:
    with pytest.raises(EntryError, match=match) as info:
        parse_entry(_bitstring(**extra))
    assert info.value.code == MALFORMED_VALUE_ERROR


def test_unknown_status_type_is_a_verification_error() -> None:
    with pytest.raises(EntryError, match="not supported") as info:
        parse_entry({"type": "CredentialStatusList2017", "id": "https://e.x/1"})
    assert info.value.code == STATUS_VERIFICATION_ERROR


def test_statuslist2021_and_1edtech_entries() -> None:
    sl = parse_entry(_bitstring(type="StatusList2021Entry", statusPurpose="revocation"))
    assert (sl.kind, sl.purpose, sl.list_index) == ("StatusList2021Entry", "revocation", 3)
    rl = parse_entry({"type": "1EdTechRevocationList", "id": "https://e.x/revocations"})
    assert (rl.kind, rl.purpose, rl.url, rl.list_index) == (
        "1EdTechRevocationList",
        "revocation",
        "https://e.x/revocations",
        -1,
    )


def test_unknown_purpose_is_not_a_verdict() -> None:
    with pytest.raises(EntryError, match="statusPurpose 'custom' is not supported") as info:
        parse_entry(_bitstring(statusPurpose="custom"))
    assert info.value.code == STATUS_VERIFICATION_ERROR


@pytest.mark.parametrize("purpose", [["revocation"], {"a": 1}, None, ""])
def test_purpose_must_be_a_string(purpose: Any) -> None:
    with pytest.raises(EntryError, match="statusPurpose must be") as info:
        parse_entry(_bitstring(statusPurpose=purpose))
    assert info.value.code == MALFORMED_VALUE_ERROR
