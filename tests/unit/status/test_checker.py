"""StatusChecker: verdicts, status methods, multi-bit messages, caching and freshness, sync + async."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

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

from vckit.proofs import dataintegrity
from vckit.status import (
    CREDENTIAL_REVOKED,
    CREDENTIAL_SUSPENDED,
    LEGACY_MIN_LIST_LENGTH,
    MALFORMED_VALUE_ERROR,
    RANGE_ERROR,
    STATUS_LIST_LENGTH_ERROR,
    STATUS_RETRIEVAL_ERROR,
    STATUS_VERIFICATION_ERROR,
    BitstringStatusList,
    StatusChecker,
    StatusResult,
    StatusVerdict,
    SupportsAsyncStatusCheck,
    SupportsStatusCheck,
)

Check = Callable[..., StatusResult]


@pytest.fixture
def issuer() -> Issuer:
    return make_issuer()


@pytest.fixture
def server() -> ListServer:
    return ListServer()


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest, server: ListServer) -> Callable[..., Check]:
    """Build a checker on ``server`` and return its check, driven sync or async."""

    def build(**options: Any) -> Check:
        checker = StatusChecker(
            client=server.client(), async_client=server.async_client(), **options
        )
        if request.param == "sync":
            return checker.check

        def check(cred: Any, ent: Any, **kw: Any) -> StatusResult:
            return asyncio.run(checker.acheck(cred, ent, **kw))

        return check

    return build


def _list(*indexes: int, size: int = 131_072, status_size: int = 1) -> BitstringStatusList:
    lst = BitstringStatusList(size, status_size)
    for index in indexes:
        lst.set(index, 1)
    return lst


def test_checker_implements_the_pipeline_protocols() -> None:
    checker = StatusChecker()
    assert isinstance(checker, SupportsStatusCheck)
    assert isinstance(checker, SupportsAsyncStatusCheck)


def test_valid_and_revoked(issuer: Issuer, server: ListServer, run: Callable[..., Check]) -> None:
    server.put(LIST_URL, signed_list(issuer, _list(3, 94_567)))
    check = run()
    valid = check(credential(issuer), entry(4), now=NOW)
    assert valid.verdict is StatusVerdict.VALID
    assert valid.code is None
    assert valid.purpose == "revocation"
    assert dict(valid.detail) == {
        "statusListCredential": LIST_URL,
        "statusListIndex": 4,
        "status": 0,
        "age_seconds": 0.0,
    }
    revoked = check(credential(issuer), entry(94_567), now=NOW)
    assert revoked.verdict is StatusVerdict.REVOKED
    assert revoked.code == CREDENTIAL_REVOKED
    assert revoked.detail["status"] == 1
    assert len(server.requests) == 1  # the second check used the cached list


def test_suspension(issuer: Issuer, server: ListServer, run: Callable[..., Check]) -> None:
    server.put(LIST_URL, signed_list(issuer, _list(9), purpose="suspension"))
    check = run()
    result = check(credential(issuer), entry(9, purpose="suspension"), now=NOW)
    assert (result.verdict, result.code, result.purpose) == (
        StatusVerdict.SUSPENDED,
        CREDENTIAL_SUSPENDED,
        "suspension",
    )
    assert check(credential(issuer), entry(10, purpose="suspension"), now=NOW).verdict is (
        StatusVerdict.VALID
    )


def test_list_with_several_purposes(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    server.put(LIST_URL, signed_list(issuer, _list(1), purpose=["revocation", "suspension"]))
    check = run()
    assert check(credential(issuer), entry(1), now=NOW).verdict is StatusVerdict.REVOKED
    assert check(credential(issuer), entry(1, purpose="suspension"), now=NOW).verdict is (
        StatusVerdict.SUSPENDED
    )
    refused = check(credential(issuer), entry(1, purpose="refresh"), now=NOW)
    assert (refused.verdict, refused.code) == (
        StatusVerdict.UNDETERMINED,
        STATUS_VERIFICATION_ERROR,
    )


MESSAGES = [
    {"status": "0x0", "message": "pending review"},
    {"status": "0x1", "message": "accepted"},
    {"status": "0x2", "message": "rejected"},
    {"status": "0x3", "message": "undefined"},
]


def test_multi_bit_message_list(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    lst = BitstringStatusList(131_072, status_size=2)
    lst.set(5, 2)
    lst.set(6, 1)
    server.put(LIST_URL, signed_list(issuer, lst, purpose="message"))
    check = run()

    def at(index: int) -> StatusResult:
        ent = entry(index, purpose="message", statusSize=2, statusMessage=MESSAGES)
        return check(credential(issuer), ent, now=NOW)

    rejected, accepted, pending = at(5), at(6), at(7)
    for result in (rejected, accepted, pending):
        assert result.verdict is StatusVerdict.VALID  # a message is information, not a verdict
    assert (rejected.detail["status"], rejected.detail["statusMessage"]) == (2, "rejected")
    assert (accepted.detail["status"], accepted.message) == (1, "accepted")
    assert pending.detail["statusMessage"] == "pending review"


def test_multi_bit_revocation_carries_the_message(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    lst = BitstringStatusList(131_072, status_size=2)
    lst.set(0, 3)
    server.put(LIST_URL, signed_list(issuer, lst))
    messages = [
        {"status": "0x0", "message": "valid"},
        {"status": "0x1", "message": "superseded"},
        {"status": "0x2", "message": "withdrawn"},
        {"status": "0x3", "message": "fraud"},
    ]
    result = run()(credential(issuer), entry(0, statusSize=2, statusMessage=messages), now=NOW)
    assert (result.verdict, result.message, result.detail["statusMessage"]) == (
        StatusVerdict.REVOKED,
        "fraud",
        "fraud",
    )


def test_refresh_purpose_reports_the_bit(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    server.put(LIST_URL, signed_list(issuer, _list(2), purpose="refresh"))
    result = run()(credential(issuer), entry(2, purpose="refresh"), now=NOW)
    assert (result.verdict, result.detail["status"]) == (StatusVerdict.VALID, 1)


def test_multiple_entries_on_one_credential(issuer: Issuer, server: ListServer) -> None:
    second = "https://issuer.example/status/2"
    server.put(LIST_URL, signed_list(issuer, _list()))
    server.put(second, signed_list(issuer, _list(12), url=second, purpose="suspension"))
    cred = credential(issuer, entry(12), entry(12, purpose="suspension", url=second))
    checker = StatusChecker(client=server.client(), async_client=server.async_client())
    results = checker.check_credential(cred, now=NOW)
    assert [r.verdict for r in results] == [StatusVerdict.VALID, StatusVerdict.SUSPENDED]
    again = asyncio.run(checker.acheck_credential(cred, now=NOW))
    assert [r.verdict for r in again] == [StatusVerdict.VALID, StatusVerdict.SUSPENDED]
    assert checker.check_credential({"issuer": issuer.did}, now=NOW) == ()


def _statuslist2021(issuer: Issuer, lst: BitstringStatusList, suite: str) -> dict[str, Any]:
    document = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/vc/status-list/2021/v1",
        ],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": issuer.did,
        "issuanceDate": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "StatusList2021",
            "statusPurpose": "revocation",
            "encodedList": lst.encode()[1:],  # StatusList2021: base64url without multibase prefix
        },
    }
    return dataintegrity.add_proof(
        document, issuer.signer, cryptosuite=suite, created="2025-01-01T00:00:00Z"
    )


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "Ed25519Signature2020"])
def test_statuslist2021(
    issuer: Issuer, server: ListServer, run: Callable[..., Check], suite: str
) -> None:
    server.put(LIST_URL, _statuslist2021(issuer, _list(41), suite))
    check = run()
    kind = "StatusList2021Entry"
    assert check(credential(issuer), entry(41, kind=kind), now=NOW).verdict is StatusVerdict.REVOKED
    assert check(credential(issuer), entry(40, kind=kind), now=NOW).verdict is StatusVerdict.VALID
    mixed = check(credential(issuer), entry(41), now=NOW)  # a Bitstring entry at a 2021 list
    assert (mixed.verdict, mixed.code) == (StatusVerdict.UNDETERMINED, STATUS_VERIFICATION_ERROR)


@pytest.mark.parametrize("profile", ["vc-jwt", "vc+jwt"])
def test_list_secured_as_a_jwt(
    issuer: Issuer, server: ListServer, run: Callable[..., Check], profile: str
) -> None:
    token = signed_list(issuer, _list(77), proof=profile, created=NOW - timedelta(days=1))
    assert isinstance(token, str)
    server.put(LIST_URL, token)
    check = run()
    assert check(credential(issuer), entry(77), now=NOW).verdict is StatusVerdict.REVOKED
    assert check(credential(issuer), entry(78), now=NOW).verdict is StatusVerdict.VALID


REVOCATIONS = "https://issuer.example/revocations"


def test_1edtech_revocation_list(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    server.put(
        REVOCATIONS,
        {
            "id": REVOCATIONS,
            "issuer": issuer.did,
            "revokedCredentials": [
                {"id": "urn:uuid:revoked", "revocationReason": "issued in error"},
                {"id": "urn:uuid:reinstated", "revoked": False},
            ],
        },
        Content_Type="application/json",
    )
    check = run()
    ent = {"id": REVOCATIONS, "type": "1EdTechRevocationList"}
    revoked = check(credential(issuer, ident="urn:uuid:revoked"), ent, now=NOW)
    assert (revoked.verdict, revoked.code, revoked.message) == (
        StatusVerdict.REVOKED,
        CREDENTIAL_REVOKED,
        "issued in error",
    )
    assert revoked.detail["revocationReason"] == "issued in error"
    for ident in ("urn:uuid:reinstated", "urn:uuid:other"):
        assert check(credential(issuer, ident=ident), ent, now=NOW).verdict is StatusVerdict.VALID
    no_id = check({"issuer": issuer.did}, ent, now=NOW)
    assert (no_id.verdict, no_id.code) == (StatusVerdict.UNDETERMINED, MALFORMED_VALUE_ERROR)
    other = check(credential("did:example:someone-else", ident="urn:uuid:revoked"), ent, now=NOW)
    assert (other.verdict, other.code) == (StatusVerdict.UNDETERMINED, STATUS_VERIFICATION_ERROR)


def test_unreachable_list_is_undetermined(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    result = run()(credential(issuer), entry(1), now=NOW)
    assert (result.verdict, result.code) == (StatusVerdict.UNDETERMINED, STATUS_RETRIEVAL_ERROR)
    assert result.detail["http_status"] == 404


def test_short_lists_need_the_explicit_compatibility_option(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    server.put(LIST_URL, signed_list(issuer, _list(6, size=100_000)))
    short = run()(credential(issuer), entry(6), now=NOW)
    assert (short.verdict, short.code) == (StatusVerdict.UNDETERMINED, STATUS_LIST_LENGTH_ERROR)
    assert short.detail["length"] == 100_000
    legacy = run(min_list_length=LEGACY_MIN_LIST_LENGTH)(credential(issuer), entry(6), now=NOW)
    assert legacy.verdict is StatusVerdict.REVOKED


def test_index_beyond_the_list(
    issuer: Issuer, server: ListServer, run: Callable[..., Check]
) -> None:
    server.put(LIST_URL, signed_list(issuer, _list()))
    result = run()(credential(issuer), entry(131_072), now=NOW)
    assert (result.verdict, result.code) == (StatusVerdict.UNDETERMINED, RANGE_ERROR)


def test_validity_window(issuer: Issuer, server: ListServer, run: Callable[..., Check]) -> None:
    server.put(
        LIST_URL,
        signed_list(
            issuer, _list(), valid_from="2025-06-01T00:00:00Z", valid_until="2025-07-01T00:00:00Z"
        ),
    )
    check = run()
    assert check(credential(issuer), entry(1), now=NOW).verdict is StatusVerdict.VALID
    early = check(credential(issuer), entry(1), now=NOW - timedelta(days=1))
    assert (early.verdict, early.code, early.message) == (
        StatusVerdict.UNDETERMINED,
        STATUS_VERIFICATION_ERROR,
        "the status list credential is not valid yet",
    )


def test_naive_now_is_a_programmer_error(issuer: Issuer, server: ListServer) -> None:
    checker = StatusChecker(client=server.client())
    with pytest.raises(ValueError, match="timezone-aware"):
        checker.check(credential(issuer), entry(1), now=NOW.replace(tzinfo=None))


# -- caching and freshness ---------------------------------------------------------------------


def test_cache_reports_age_and_refetches_when_stale(issuer: Issuer, server: ListServer) -> None:
    server.put(LIST_URL, signed_list(issuer, _list()))  # no ttl, no Cache-Control: 300 s
    checker = StatusChecker(client=server.client())
    cred = credential(issuer)
    checker.check(cred, entry(1), now=NOW)
    later = checker.check(cred, entry(1), now=NOW + timedelta(seconds=120))
    assert later.detail["age_seconds"] == 120.0
    assert len(server.requests) == 1
    stale = checker.check(cred, entry(1), now=NOW + timedelta(seconds=300))
    assert stale.detail["age_seconds"] == 0.0
    assert len(server.requests) == 2


def test_freshness_is_the_smallest_of_ttl_max_age_and_the_callers(
    issuer: Issuer, server: ListServer
) -> None:
    server.put(LIST_URL, signed_list(issuer, _list(), ttl=60_000), Cache_Control="max-age=30")
    cred = credential(issuer)

    def fetches_after(seconds: float, **options: Any) -> int:
        server.requests.clear()
        checker = StatusChecker(client=server.client(), **options)
        checker.check(cred, entry(1), now=NOW)
        checker.check(cred, entry(1), now=NOW + timedelta(seconds=seconds))
        return len(server.requests)

    assert fetches_after(29) == 1
    assert fetches_after(30) == 2  # Cache-Control (30 s) beats the list's ttl (60 s)
    assert fetches_after(9, max_age=10) == 1
    assert fetches_after(10, max_age=10) == 2  # the checker's max_age beats both
    server.put(LIST_URL, signed_list(issuer, _list(), ttl=5_000), Cache_Control="max-age=30")
    assert fetches_after(5) == 2  # ttl is in milliseconds: 5 s


def test_max_age_zero_revalidates_with_the_etag(issuer: Issuer, server: ListServer) -> None:
    server.put(LIST_URL, signed_list(issuer, _list()), ETag='"v1"')
    checker = StatusChecker(client=server.client())
    cred = credential(issuer)
    checker.check(cred, entry(1), now=NOW)
    result = checker.check(cred, entry(1), now=NOW + timedelta(seconds=5), max_age=0)
    assert result.verdict is StatusVerdict.VALID
    assert result.detail["age_seconds"] == 0.0
    assert len(server.requests) == 2
    assert server.requests[1].headers["if-none-match"] == '"v1"'
    assert "if-none-match" not in server.requests[0].headers


def test_republished_list_is_seen_after_revalidation(issuer: Issuer, server: ListServer) -> None:
    server.put(LIST_URL, signed_list(issuer, _list()), ETag='"v1"')
    checker = StatusChecker(client=server.client(), max_age=60)
    cred = credential(issuer)
    assert checker.check(cred, entry(8), now=NOW).verdict is StatusVerdict.VALID
    server.put(LIST_URL, signed_list(issuer, _list(8)), ETag='"v2"')
    cached = checker.check(cred, entry(8), now=NOW + timedelta(seconds=59))
    assert cached.verdict is StatusVerdict.VALID  # within max_age the cached answer stands...
    assert cached.detail["age_seconds"] == 59.0  # ...and says how old it is
    assert checker.check(cred, entry(8), now=NOW + timedelta(seconds=60)).verdict is (
        StatusVerdict.REVOKED
    )
    assert checker.check(cred, entry(8), now=NOW + timedelta(seconds=61), max_age=0).verdict is (
        StatusVerdict.REVOKED
    )


def test_clock_going_back_is_not_fresh(issuer: Issuer, server: ListServer) -> None:
    server.put(LIST_URL, signed_list(issuer, _list()))
    checker = StatusChecker(client=server.client())
    checker.check(credential(issuer), entry(1), now=NOW)
    checker.check(credential(issuer), entry(1), now=NOW - timedelta(seconds=1))
    assert len(server.requests) == 2


def test_cache_size_zero_and_clear(issuer: Issuer, server: ListServer) -> None:
    server.put(LIST_URL, signed_list(issuer, _list()))
    uncached = StatusChecker(client=server.client(), cache_size=0)
    uncached.check(credential(issuer), entry(1), now=NOW)
    uncached.check(credential(issuer), entry(1), now=NOW)
    assert len(server.requests) == 2
    checker = StatusChecker(client=server.client())
    checker.check(credential(issuer), entry(1), now=NOW)
    checker.clear_cache()
    checker.check(credential(issuer), entry(1), now=NOW)
    assert len(server.requests) == 4


def test_failures_are_not_cached(issuer: Issuer, server: ListServer) -> None:
    checker = StatusChecker(client=server.client())
    assert checker.check(credential(issuer), entry(1), now=NOW).code == STATUS_RETRIEVAL_ERROR
    server.put(LIST_URL, signed_list(issuer, _list()))
    assert checker.check(credential(issuer), entry(1), now=NOW).verdict is StatusVerdict.VALID


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"max_age": -1}, "max_age"),
        ({"min_list_length": 0}, "min_list_length"),
        ({"cache_size": -1}, "cache_size"),
    ],
)
def test_bad_options(options: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        StatusChecker(**options)
