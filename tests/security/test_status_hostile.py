"""Hostile status lists, entries and registries: each refused with its exact code, offline."""

from __future__ import annotations

import asyncio
import functools
import json
import struct
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.unit.status.status_support import (
    LIST_URL,
    NOW,
    Issuer,
    ListServer,
    credential,
    entry,
    make_issuer,
    signed_list,
)

from vckit._codec import base64url
from vckit._http import HttpPolicy
from vckit.proofs import dataintegrity
from vckit.status import (
    MALFORMED_VALUE_ERROR,
    RANGE_ERROR,
    STATUS_LIST_LENGTH_ERROR,
    STATUS_RETRIEVAL_ERROR,
    STATUS_VERIFICATION_ERROR,
    BitstringStatusList,
    StatusChecker,
    StatusListDecodeError,
    StatusRegistry,
    StatusRegistryError,
    StatusResult,
    StatusVerdict,
    build_status_list_credential,
)
from vckit.status._bitstring import decode_encoded_list

ISSUER = make_issuer()
OTHER = make_issuer(bytes(range(1, 33)))


def _undetermined(result: StatusResult, code: str) -> None:
    assert (result.verdict, result.code) == (StatusVerdict.UNDETERMINED, code), result


def _check(
    document: Any, ent: dict[str, Any] | None = None, *, issuer: Issuer = ISSUER, **options: Any
) -> StatusResult:
    server = ListServer()
    server.put(LIST_URL, document)
    checker = StatusChecker(client=server.client(), **options)
    return checker.check(credential(issuer), ent or entry(1), now=NOW)


def _signed_with_encoded_list(encoded: str, *, signer: Issuer = ISSUER) -> dict[str, Any]:
    document = build_status_list_credential(
        BitstringStatusList(8), id=LIST_URL, issuer=signer.did, valid_from="2025-01-01T00:00:00Z"
    )
    document["credentialSubject"]["encodedList"] = encoded
    return dataintegrity.add_proof(document, signer.signer, created="2025-01-01T00:00:00Z")


# -- GZIP bombs ------------------------------------------------------------------------------


@functools.cache
def _bomb(mebibytes: int) -> str:
    """An encodedList that expands to ``mebibytes`` MiB of zeros, built without expanding it.

    Each full-flushed deflate segment of 1 MiB of zeros is byte-identical, so the stream is the
    GZIP header, the segment repeated, the final block and a correct trailer.
    """
    zeros = bytes(1 << 20)
    deflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    segment = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    assert first.endswith(segment)
    header = first[: len(first) - len(segment)]
    final_block = deflater.flush(zlib.Z_FINISH)[:-8]
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    trailer = struct.pack("<II", crc, (mebibytes << 20) & 0xFFFFFFFF)
    return "u" + base64url.encode(header + segment * mebibytes + final_block + trailer)


def test_bomb_builder_is_honest() -> None:
    small = _bomb(3)
    assert decode_encoded_list(small, max_bytes=4 << 20) == bytes(3 << 20)


@pytest.mark.timeout(60)
def test_gzip_bomb_of_1_gib_in_a_signed_list() -> None:
    bomb = _bomb(1024)
    assert len(bomb) < 1_500_000  # 1 GiB expanded, ~1.4 MB on the wire
    tracemalloc.start()
    try:
        result = _check(_signed_with_encoded_list(bomb), http=HttpPolicy(max_bytes=4 << 20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    _undetermined(result, STATUS_LIST_LENGTH_ERROR)
    assert "expands to more than" in result.message or "too long" in result.message
    assert peak < 200 << 20


def test_gzip_bomb_is_stopped_while_streaming() -> None:
    bomb = _bomb(32)  # short enough to pass the length pre-check, 32 MiB expanded
    tracemalloc.start()
    try:
        with pytest.raises(
            StatusListDecodeError, match="expands to more than 16777216 bytes"
        ) as info:
            decode_encoded_list(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.reason == "too_large"
    assert peak < 40 << 20  # the cap (16 MiB) plus chunks, never the 32 MiB


# -- malformed encodedList ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "match"),
    [
        ("zH4sIAAAAAAAAA", "not multibase"),
        (BitstringStatusList().encode()[1:], "not multibase"),
        ("uH4sI+/AAAAAA", "not base64url"),
        ("uH4sIAAAAAAAAA=", "not base64url"),
        ("u" + base64url.encode(zlib.compress(bytes(16384))), "not valid GZIP"),
        (BitstringStatusList().encode()[:-12], "truncated"),
    ],
    ids=["base58", "no-prefix", "base64-alphabet", "padding", "zlib-not-gzip", "truncated-gzip"],
)
def test_malformed_encoded_list(encoded: str, match: str) -> None:
    result = _check(_signed_with_encoded_list(encoded))
    _undetermined(result, MALFORMED_VALUE_ERROR)
    assert match in result.message


def test_index_beyond_the_list() -> None:
    result = _check(signed_list(ISSUER, BitstringStatusList()), entry(131_072))
    _undetermined(result, RANGE_ERROR)
    huge = _check(signed_list(ISSUER, BitstringStatusList()), entry("999999999999999"))
    _undetermined(huge, RANGE_ERROR)


@pytest.mark.parametrize("index", ["-1", "1e3", "1_000", " 7 ", "\u0667", "0x7", True, 7])
def test_hostile_index_is_refused_before_any_fetch(index: Any) -> None:
    server = ListServer()
    checker = StatusChecker(client=server.client())
    result = checker.check(credential(ISSUER), entry(1, statusListIndex=index), now=NOW)
    _undetermined(result, MALFORMED_VALUE_ERROR)
    assert server.requests == []


# -- the list credential itself ----------------------------------------------------------------


def test_list_from_a_different_issuer() -> None:
    result = _check(signed_list(OTHER, BitstringStatusList()))  # valid proof, other issuer
    _undetermined(result, STATUS_VERIFICATION_ERROR)
    assert result.detail["list_issuer"] == OTHER.did
    assert result.detail["credential_issuer"] == ISSUER.did


def test_list_naming_the_issuer_but_signed_by_another_key() -> None:
    document = build_status_list_credential(
        BitstringStatusList(), id=LIST_URL, issuer=ISSUER.did, valid_from="2025-01-01T00:00:00Z"
    )
    forged = dataintegrity.add_proof(document, OTHER.signer, created="2025-01-01T00:00:00Z")
    result = _check(forged)
    _undetermined(result, STATUS_VERIFICATION_ERROR)
    assert "proof did not verify" in result.message


def test_list_with_a_broken_proof() -> None:
    document = signed_list(ISSUER, BitstringStatusList())
    revoked = BitstringStatusList()
    revoked.set(1)
    document["credentialSubject"]["encodedList"] = revoked.encode()  # tampered after signing
    _undetermined(_check(document), STATUS_VERIFICATION_ERROR)
    del document["proof"]
    _undetermined(_check(document), STATUS_VERIFICATION_ERROR)


def test_list_outside_its_validity_window() -> None:
    expired = signed_list(
        ISSUER,
        BitstringStatusList(),
        valid_from="2024-01-01T00:00:00Z",
        valid_until="2025-01-01T00:00:00Z",
    )
    result = _check(expired)
    _undetermined(result, STATUS_VERIFICATION_ERROR)
    assert result.message == "the status list credential has expired"
    future = signed_list(ISSUER, BitstringStatusList(), valid_from="2030-01-01T00:00:00Z")
    _undetermined(_check(future), STATUS_VERIFICATION_ERROR)


def test_list_with_a_mismatched_purpose() -> None:
    result = _check(signed_list(ISSUER, BitstringStatusList(), purpose="suspension"))
    _undetermined(result, STATUS_VERIFICATION_ERROR)
    assert "statusPurpose" in result.message


@pytest.mark.parametrize("where", ["credential", "subject"])
def test_list_with_a_mismatched_type(where: str) -> None:
    document = build_status_list_credential(
        BitstringStatusList(), id=LIST_URL, issuer=ISSUER.did, valid_from="2025-01-01T00:00:00Z"
    )
    if where == "credential":
        document["type"] = ["VerifiableCredential"]
    else:
        document["credentialSubject"]["type"] = "StatusList2021"
    signed = dataintegrity.add_proof(
        document, ISSUER.signer, cryptosuite="eddsa-jcs-2022", created="2025-01-01T00:00:00Z"
    )
    result = _check(signed)
    _undetermined(result, STATUS_VERIFICATION_ERROR)
    assert "is not a BitstringStatusList" in result.message


def test_list_that_is_not_json_or_a_jwt() -> None:
    _undetermined(_check(b"<html>hello</html>"), STATUS_RETRIEVAL_ERROR)
    _undetermined(_check(b'{"a": 1, "a": 2}'), STATUS_RETRIEVAL_ERROR)


# -- where the list is fetched from ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/status/1",
        "https://localhost/status/1",
        "https://169.254.169.254/latest/meta-data",
        "https://10.0.0.7/status/1",
        "https://[::ffff:127.0.0.1]/status/1",
        "https://0x7f000001/status/1",
        "http://issuer.example/status/1",
        "file:///etc/passwd",
    ],
)
def test_status_list_on_a_private_address(url: str, no_network: list[Any]) -> None:
    checker = StatusChecker()  # the default guarded client
    result = checker.check(credential(ISSUER), entry(1, url=url), now=NOW)
    _undetermined(result, STATUS_RETRIEVAL_ERROR)
    again = asyncio.run(checker.acheck(credential(ISSUER), entry(1, url=url), now=NOW))
    _undetermined(again, STATUS_RETRIEVAL_ERROR)
    assert no_network == []


def test_status_list_redirecting_across_origins(no_network: list[Any]) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "https://attacker.example/list"})

    checker = StatusChecker(client=httpx.Client(transport=httpx.MockTransport(handler)))
    result = checker.check(credential(ISSUER), entry(1), now=NOW)
    _undetermined(result, STATUS_RETRIEVAL_ERROR)
    assert "cross-origin redirect" in result.message
    assert seen == [LIST_URL]


def test_status_list_of_50_mb_on_the_wire() -> None:
    sent = [0]

    def body() -> Iterator[bytes]:
        chunk = b" " * 65_536
        for _ in range(800):  # 50 MiB
            sent[0] += len(chunk)
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body(), headers={"Content-Type": "application/json"})

    checker = StatusChecker(client=httpx.Client(transport=httpx.MockTransport(handler)))
    result = checker.check(credential(ISSUER), entry(1), now=NOW)
    _undetermined(result, STATUS_RETRIEVAL_ERROR)
    assert "exceeds 1048576 bytes" in result.message
    assert sent[0] <= 2 << 20  # stopped after the cap, not after 50 MB


def test_declared_50_mb_is_refused_before_reading() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=b"{}",
            headers={"Content-Type": "application/json", "Content-Length": str(50 << 20)},
        )

    checker = StatusChecker(client=httpx.Client(transport=httpx.MockTransport(handler)))
    _undetermined(checker.check(credential(ISSUER), entry(1), now=NOW), STATUS_RETRIEVAL_ERROR)


@pytest.mark.timeout(10)
def test_1edtech_revocation_list_with_a_million_entries() -> None:
    url = "https://issuer.example/revocations"
    produced = [0]

    def body() -> Iterator[bytes]:
        yield b'{"id": "' + url.encode() + b'", "revokedCredentials": ['
        for n in range(1_000_000):
            item = json.dumps({"id": f"urn:uuid:{n:032d}"}).encode() + (
                b"," if n < 999_999 else b""
            )
            produced[0] += 1
            yield item
        yield b"]}"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body(), headers={"Content-Type": "application/json"})

    checker = StatusChecker(client=httpx.Client(transport=httpx.MockTransport(handler)))
    result = checker.check(
        credential(ISSUER, ident="urn:uuid:" + "0" * 32),
        {"id": url, "type": "1EdTechRevocationList"},
        now=NOW,
    )
    _undetermined(result, STATUS_RETRIEVAL_ERROR)
    assert "exceeds" in result.message
    assert produced[0] < 30_000  # the body cap stopped the stream early


# -- the registry under a race -----------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def registry_target(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    if request.param == "sqlite":
        return "sqlite", str(tmp_path / "race.db")
    cluster = request.getfixturevalue("pg_cluster")
    return "postgres", cluster.new_database()


@pytest.fixture(scope="session")
def pg_cluster() -> Any:
    from tests.unit.status.conftest import start_pg_cluster

    return start_pg_cluster()


def _open(kind: str, target: str) -> StatusRegistry:
    template = "https://issuer.example/status/{list}"
    if kind == "sqlite":
        return StatusRegistry.sqlite(target, url_template=template, list_size=256)
    return StatusRegistry.postgres(target, url_template=template, list_size=256)


def test_concurrent_revoke_and_allocate_on_one_index(registry_target: tuple[str, str]) -> None:
    kind, target = registry_target
    _open(kind, target).close()
    errors: list[BaseException] = []
    refusals: list[str] = []
    results: dict[str, Any] = {}
    start = threading.Barrier(4)

    def allocate_target() -> None:
        with _open(kind, target) as registry:
            start.wait()
            time.sleep(0.01)
            results["target"] = registry.allocate("urn:target")

    def revoke_target() -> None:
        with _open(kind, target) as registry:
            start.wait()
            while True:
                try:
                    results["revoked"] = registry.revoke("urn:target")
                    return
                except StatusRegistryError as exc:
                    refusals.append(str(exc))

    def allocate_others(worker: int) -> None:
        with _open(kind, target) as registry:
            start.wait()
            results[f"others{worker}"] = [
                registry.allocate(f"urn:w{worker}:{n}") for n in range(100)
            ]

    def guarded(fn: Any, *args: Any) -> None:
        try:
            fn(*args)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=guarded, args=(allocate_target,)),
        threading.Thread(target=guarded, args=(revoke_target,)),
        threading.Thread(target=guarded, args=(allocate_others, 0)),
        threading.Thread(target=guarded, args=(allocate_others, 1)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert results["revoked"] is True
    assert all("has no revocation entry" in message for message in refusals)
    target_entry = results["target"]
    with _open(kind, target) as registry:
        assert registry.status("urn:target") == 1
        assert registry.allocate("urn:target") == target_entry  # idempotent, still revoked
        later = [registry.allocate(f"urn:later:{n}") for n in range(50)]
        taken = [target_entry, *results["others0"], *results["others1"], *later]
        pairs = [(e["statusListCredential"], e["statusListIndex"]) for e in taken]
        assert len(set(pairs)) == len(pairs) == 251  # the revoked index was never handed out again
        url = target_entry["statusListCredential"]
        bits = registry.status_list(url)
        assert list(bits.set_indexes()) == [int(target_entry["statusListIndex"])]
        assert registry.list_versions()[url] == 2


def test_one_url_read_as_two_kinds_of_list_never_passes() -> None:
    revoked = BitstringStatusList()
    revoked.set(1)
    server = ListServer()
    server.put(LIST_URL, signed_list(ISSUER, revoked))
    checker = StatusChecker(client=server.client())
    cred = credential(ISSUER)
    assert checker.check(cred, entry(1), now=NOW).verdict is StatusVerdict.REVOKED
    as_1edtech = checker.check(cred, {"id": LIST_URL, "type": "1EdTechRevocationList"}, now=NOW)
    _undetermined(as_1edtech, MALFORMED_VALUE_ERROR)  # a status list credential is not one
    assert "revokedCredentials" in as_1edtech.message
    assert checker.check(cred, entry(1), now=NOW).verdict is StatusVerdict.REVOKED
    as_2021 = checker.check(cred, entry(1, kind="StatusList2021Entry"), now=NOW)
    _undetermined(as_2021, STATUS_VERIFICATION_ERROR)


def test_revocation_list_without_revoked_credentials_is_not_empty() -> None:
    server = ListServer()
    server.put("https://issuer.example/revocations", {"id": "x"}, Content_Type="application/json")
    result = StatusChecker(client=server.client()).check(
        credential(ISSUER),
        {"id": "https://issuer.example/revocations", "type": "1EdTechRevocationList"},
        now=NOW,
    )
    _undetermined(result, MALFORMED_VALUE_ERROR)


@pytest.mark.parametrize("bad", [None, [], "credential", 7])
def test_non_object_credential_or_entry_is_undetermined(bad: Any) -> None:
    server = ListServer()
    server.put(LIST_URL, signed_list(ISSUER, BitstringStatusList()))
    checker = StatusChecker(client=server.client())
    _undetermined(checker.check(bad, entry(1), now=NOW), MALFORMED_VALUE_ERROR)
    _undetermined(checker.check(credential(ISSUER), bad, now=NOW), MALFORMED_VALUE_ERROR)
    checker.check(credential(ISSUER), entry(1), now=NOW)  # now cached
    _undetermined(checker.check(bad, entry(1), now=NOW), MALFORMED_VALUE_ERROR)


def test_a_spent_fetch_budget_is_undetermined_and_cached_lists_still_answer() -> None:
    from vckit._http import FetchBudget, fetch_budget

    server = ListServer()
    server.put(LIST_URL, signed_list(ISSUER, BitstringStatusList()))
    other = "https://issuer.example/status/2"
    server.put(other, signed_list(ISSUER, BitstringStatusList(), url=other))
    checker = StatusChecker(client=server.client())
    with fetch_budget(FetchBudget(max_fetches=1)):
        assert checker.check(credential(ISSUER), entry(1), now=NOW).verdict is StatusVerdict.VALID
        spent = checker.check(credential(ISSUER), entry(1, url=other), now=NOW)
        assert checker.check(credential(ISSUER), entry(2), now=NOW).verdict is StatusVerdict.VALID
    _undetermined(spent, STATUS_RETRIEVAL_ERROR)
    assert spent.detail["fetch_budget_exceeded"] is True
    assert len(server.requests) == 1
