"""Fuzz the status-list decoder and the status checker.

Oracles: ``BitstringStatusList.decode`` raises only ``StatusListDecodeError`` and reads back what
``encode`` wrote; ``parse_status_list_index`` raises only ``ValueError``; ``StatusChecker.check``
never raises, whatever the entry or the served list; a status list changed in any member or byte
never clears a revoked credential (never ``VALID`` for a set bit) and is trusted only unchanged.
"""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import byte_mutated, fuzz, json_values, mutated, only, same_json
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
    MIN_LIST_LENGTH,
    BitstringStatusList,
    StatusChecker,
    StatusListDecodeError,
    StatusResult,
    StatusVerdict,
    parse_status_list_index,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("no_network")]

ISSUER = make_issuer()
REVOKED = 94_567
_LIST = BitstringStatusList()
_LIST.set(REVOKED)
SIGNED_LIST = signed_list(ISSUER, _LIST)


@fuzz(60)
@given(
    size=st.integers(min_value=1, max_value=4096),
    status_size=st.integers(min_value=1, max_value=16),
    data=st.data(),
)
def test_decode_reads_back_what_encode_wrote(size: int, status_size: int, data: Any) -> None:
    lst = BitstringStatusList(size, status_size)
    for index in data.draw(st.lists(st.integers(0, size - 1), max_size=20)):
        lst.set(index, data.draw(st.integers(1, 2**status_size - 1)))
    decoded = BitstringStatusList.decode(lst.encode(), status_size=status_size)
    assert all(decoded.get(index) == lst.get(index) for index in range(size))


def _encoded(payload: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(payload).rstrip(b"=").decode()


encoded_lists = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=120).map(_encoded),
    st.binary(max_size=120).map(gzip.compress).flatmap(byte_mutated).map(_encoded),
    st.just(_LIST.encode().encode()).flatmap(byte_mutated).map(lambda b: b.decode("latin-1")),
    st.integers(min_value=1, max_value=64).map(lambda n: _encoded(gzip.compress(b"\0" * n * 1024))),
)


@fuzz(150)
@given(encoded=encoded_lists, status_size=st.integers(min_value=1, max_value=16))
def test_decode_raises_only_status_list_decode_errors(encoded: str, status_size: int) -> None:
    only(
        (StatusListDecodeError,),
        BitstringStatusList.decode,
        encoded,
        status_size=status_size,
        max_bytes=32 * 1024,
    )


@fuzz(150)
@given(value=st.text(max_size=24) | json_values)
def test_status_list_index_raises_only_value_errors(value: Any) -> None:
    index = only((ValueError,), parse_status_list_index, value)
    if isinstance(index, int):
        assert str(index) == value.lstrip("0") or (index == 0 and set(value) == {"0"})


def _check(served: Any, status_entry: Any) -> StatusResult:
    server = ListServer()
    server.put(LIST_URL, served)
    with server.client() as client:
        checker = StatusChecker(client=client)
        result = only((), checker.check, credential(ISSUER), status_entry, now=NOW)
    assert isinstance(result, StatusResult)
    assert isinstance(result.verdict, StatusVerdict)
    return result


def test_the_unmutated_list_says_valid_and_revoked() -> None:
    assert _check(SIGNED_LIST, entry(4)).verdict is StatusVerdict.VALID
    assert _check(SIGNED_LIST, entry(REVOKED)).verdict is StatusVerdict.REVOKED


@fuzz(40)
@given(data=st.data(), index=st.sampled_from([REVOKED, 4, 0, MIN_LIST_LENGTH - 1]))
def test_a_changed_list_is_never_trusted(data: st.DataObject, index: int) -> None:
    served = data.draw(
        st.one_of(
            mutated(SIGNED_LIST),
            st.just(json.dumps(SIGNED_LIST).encode()).flatmap(byte_mutated),
        )
    )
    if isinstance(served, bytes):
        try:
            if same_json(json.loads(served), SIGNED_LIST):
                return
        except ValueError:
            pass
    elif same_json(served, SIGNED_LIST):
        return
    result = _check(served, entry(index))
    assert result.verdict in (StatusVerdict.UNDETERMINED, StatusVerdict.REVOKED), served
    if index != REVOKED:
        assert result.verdict is StatusVerdict.UNDETERMINED


@fuzz(60)
@given(status_entry=mutated(entry(REVOKED)) | json_values)
def test_any_entry_gives_a_result_and_never_clears_the_revoked_bit(status_entry: Any) -> None:
    result = _check(SIGNED_LIST, status_entry)
    if (
        isinstance(status_entry, dict)
        and status_entry.get("statusListIndex") == str(REVOKED)
        and status_entry.get("statusListCredential") == LIST_URL
    ):
        assert result.verdict is not StatusVerdict.VALID
