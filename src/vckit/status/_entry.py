"""Reading ``credentialStatus`` entries strictly: which list, which index, which purpose.

A status entry is attacker-written. ``statusListIndex`` is a decimal string of ASCII digits and
nothing else: ``int()`` would accept ``" 7 "``, ``"1_000"`` and Arabic-Indic digits, and a float
parser ``"1e3"``; each would point a verifier at a bit the issuer never meant.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from vckit.status._codes import MALFORMED_VALUE_ERROR, STATUS_VERIFICATION_ERROR

__all__ = [
    "BITSTRING_ENTRY",
    "REVOCATION_LIST_ENTRY",
    "STATUS_LIST_2021_ENTRY",
    "EntryError",
    "StatusEntry",
    "parse_entry",
    "parse_status_list_index",
]

BITSTRING_ENTRY: Final = "BitstringStatusListEntry"
STATUS_LIST_2021_ENTRY: Final = "StatusList2021Entry"
REVOCATION_LIST_ENTRY: Final = "1EdTechRevocationList"
_LIST_ENTRIES: Final = frozenset((BITSTRING_ENTRY, STATUS_LIST_2021_ENTRY))
#: The purposes a verdict can be drawn from: a bit of an unknown purpose means nothing known.
PURPOSES: Final = frozenset(("revocation", "suspension", "refresh", "message"))

_INDEX = re.compile(r"[0-9]{1,15}", re.ASCII)
_STATUS_HEX = re.compile(r"0x[0-9a-fA-F]{1,4}", re.ASCII)
#: Longest status list URL read from an entry.
MAX_URL_LENGTH: Final = 2048
MAX_STATUS_SIZE: Final = 16
_NO_MESSAGES: Final[Mapping[int, str]] = MappingProxyType({})


class EntryError(Exception):
    """Internal: the entry cannot be checked; carries the problem code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class StatusEntry(NamedTuple):
    """A checked ``credentialStatus`` entry (a named tuple: cheap to build on the hot path).

    ``kind`` is the entry type; ``list_index`` is ``-1`` for a 1EdTech revocation list (no index);
    ``messages`` maps status values to ``statusMessage`` texts (empty when none were given).
    """

    kind: str
    purpose: str
    url: str
    list_index: int
    status_size: int = 1
    messages: Mapping[int, str] = _NO_MESSAGES


def parse_status_list_index(value: object) -> int:
    """``statusListIndex`` as an int; ``ValueError`` for anything but ASCII decimal digits."""
    if not isinstance(value, str):
        raise ValueError(
            f"statusListIndex must be a string of decimal digits, not {type(value).__name__}"
        )
    if _INDEX.fullmatch(value) is None:
        raise ValueError(f"statusListIndex {value[:40]!r} is not a string of ASCII decimal digits")
    return int(value)


def _url(value: object, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise EntryError(MALFORMED_VALUE_ERROR, f"{name} must be a non-empty URL string")
    if len(value) > MAX_URL_LENGTH:
        raise EntryError(
            MALFORMED_VALUE_ERROR, f"{name} is longer than {MAX_URL_LENGTH} characters"
        )
    return value


def _messages(entry: Mapping[str, Any], size: int) -> Mapping[int, str]:
    raw = entry.get("statusMessage")
    if raw is None:
        if size > 1:
            raise EntryError(MALFORMED_VALUE_ERROR, "statusSize > 1 needs statusMessage")
        return _NO_MESSAGES
    if not isinstance(raw, list):
        raise EntryError(MALFORMED_VALUE_ERROR, "statusMessage must be an array")
    if len(raw) != 1 << size:
        raise EntryError(
            MALFORMED_VALUE_ERROR,
            f"statusMessage has {len(raw)} entries; statusSize {size} needs {1 << size}",
        )
    messages: dict[int, str] = {}
    for item in raw:
        if not isinstance(item, Mapping):
            raise EntryError(MALFORMED_VALUE_ERROR, "statusMessage items must be objects")
        status, message = item.get("status"), item.get("message")
        if not isinstance(status, str) or _STATUS_HEX.fullmatch(status) is None:
            raise EntryError(
                MALFORMED_VALUE_ERROR, "statusMessage status must be a hex string like '0x1'"
            )
        if not isinstance(message, str):
            raise EntryError(MALFORMED_VALUE_ERROR, "statusMessage message must be a string")
        value = int(status, 16)
        if value >= 1 << size or value in messages:
            raise EntryError(
                MALFORMED_VALUE_ERROR,
                f"statusMessage status {status!r} is out of range or repeated",
            )
        messages[value] = message
    return MappingProxyType(messages)


def _status_size(entry: Mapping[str, Any]) -> int:
    size = entry.get("statusSize", 1)
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_STATUS_SIZE:
        raise EntryError(
            MALFORMED_VALUE_ERROR, f"statusSize must be an integer from 1 to {MAX_STATUS_SIZE}"
        )
    return size


def _entry_type(entry: Mapping[str, Any]) -> str:
    kind = entry.get("type")
    if isinstance(kind, list) and len(kind) == 1:
        kind = kind[0]
    if not isinstance(kind, str):
        raise EntryError(MALFORMED_VALUE_ERROR, "the status entry has no single type")
    return kind


def parse_entry(entry: object) -> StatusEntry:
    """Check one ``credentialStatus`` entry; raise :class:`EntryError` when it is unusable."""
    if type(entry) is dict:  # the common shape, checked inline (a status check's hot path)
        kind, index, url = (
            entry.get("type"),
            entry.get("statusListIndex"),
            entry.get("statusListCredential"),
        )
        purpose = entry.get("statusPurpose")
        if (
            kind in _LIST_ENTRIES
            and type(purpose) is str
            and purpose in PURPOSES
            and type(url) is str
            and 0 < len(url) <= MAX_URL_LENGTH
            and type(index) is str
            and _INDEX.fullmatch(index) is not None
            and "statusSize" not in entry
            and "statusMessage" not in entry
        ):
            return StatusEntry(kind, purpose, url, int(index))
    if type(entry) is not dict and not isinstance(entry, Mapping):
        raise EntryError(MALFORMED_VALUE_ERROR, "the status entry is not a JSON object")
    kind = _entry_type(entry)
    if kind == REVOCATION_LIST_ENTRY:
        return StatusEntry(kind, "revocation", _url(entry.get("id"), "id"), -1)
    if kind not in (BITSTRING_ENTRY, STATUS_LIST_2021_ENTRY):
        raise EntryError(STATUS_VERIFICATION_ERROR, f"status type {kind[:80]!r} is not supported")
    purpose = entry.get("statusPurpose")
    if not isinstance(purpose, str) or not purpose:
        raise EntryError(MALFORMED_VALUE_ERROR, "statusPurpose must be a non-empty string")
    if purpose not in PURPOSES:
        raise EntryError(
            STATUS_VERIFICATION_ERROR, f"statusPurpose {purpose[:80]!r} is not supported"
        )
    url = _url(entry.get("statusListCredential"), "statusListCredential")
    try:
        index = parse_status_list_index(entry.get("statusListIndex"))
    except ValueError as exc:
        raise EntryError(MALFORMED_VALUE_ERROR, str(exc)) from None
    if kind == STATUS_LIST_2021_ENTRY:
        return StatusEntry(kind, purpose, url, index)
    size = _status_size(entry)
    return StatusEntry(kind, purpose, url, index, size, _messages(entry, size))
