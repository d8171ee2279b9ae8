"""Status inputs the fuzz suite (tests/fuzz/test_fuzz_status.py) found mishandled, pinned.

* A ``credentialStatus`` entry whose ``type`` is a list (``[]``, or two types) made
  ``StatusChecker.check`` raise ``TypeError: unhashable type: 'list'`` from the hot-path
  membership test, though the checker promises a result for any bad input.
* An ``encodedList`` that decompresses to no whole entry (GZIP of zero bytes, or one byte read
  with 16-bit entries) made ``BitstringStatusList.decode`` raise a plain ``ValueError`` instead of
  the documented ``StatusListDecodeError``.
"""

from __future__ import annotations

import base64
import gzip
from typing import Any

import pytest
from tests.unit.status.status_support import (
    LIST_URL,
    NOW,
    ListServer,
    credential,
    entry,
    make_issuer,
    signed_list,
)

from vckit.status import (
    MALFORMED_VALUE_ERROR,
    STATUS_VERIFICATION_ERROR,
    BitstringStatusList,
    StatusChecker,
    StatusListDecodeError,
    StatusVerdict,
)

pytestmark = pytest.mark.usefixtures("no_network")

ISSUER = make_issuer()


def _check(status_entry: dict[str, Any]) -> Any:
    lst = BitstringStatusList()
    lst.set(7)
    server = ListServer()
    server.put(LIST_URL, signed_list(ISSUER, lst))
    with server.client() as client:
        return StatusChecker(client=client).check(credential(ISSUER), status_entry, now=NOW)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ([], MALFORMED_VALUE_ERROR),
        (["BitstringStatusListEntry", "StatusList2021Entry"], MALFORMED_VALUE_ERROR),
        ({"@id": "BitstringStatusListEntry"}, MALFORMED_VALUE_ERROR),
    ],
)
def test_entry_type_that_is_not_a_string_is_undetermined(kind: Any, code: str) -> None:
    result = _check({**entry(7), "type": kind})
    assert result.verdict is StatusVerdict.UNDETERMINED
    assert result.code == code
    assert result.message == "the status entry has no single type"


def test_entry_type_as_a_one_item_list_is_read() -> None:
    result = _check({**entry(7), "type": ["BitstringStatusListEntry"]})
    assert result.verdict is StatusVerdict.REVOKED
    assert result.code != STATUS_VERIFICATION_ERROR


def _encoded(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(raw)).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("raw", "status_size", "bits"),
    [(b"", 1, 0), (b"\x00", 16, 8), (b"\xff", 9, 8)],
)
def test_decode_of_a_bitstring_without_an_entry(raw: bytes, status_size: int, bits: int) -> None:
    with pytest.raises(
        StatusListDecodeError, match=f"holds {bits} bits, less than one {status_size}-bit entry"
    ) as caught:
        BitstringStatusList.decode(_encoded(raw), status_size=status_size)
    assert caught.value.reason == "empty"
