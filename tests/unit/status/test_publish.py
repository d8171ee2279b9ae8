"""Issuing status list credentials: the spec's shape, any proof, re-issuing after changes."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

import pytest
from tests.unit.status.status_support import (
    LIST_URL,
    NOW,
    ListServer,
    credential,
    entry,
    make_issuer,
)

from vckit import keys
from vckit.proofs import dataintegrity, jose
from vckit.status import (
    BitstringStatusList,
    StatusChecker,
    StatusVerdict,
    build_status_list_credential,
    issue_status_list_credential,
)

ISSUER = make_issuer()
CREATED = "2025-01-01T00:00:00Z"


def test_credential_shape() -> None:
    lst = BitstringStatusList()
    lst.set(3)
    document = build_status_list_credential(
        lst,
        id=LIST_URL,
        issuer=ISSUER.did,
        purpose="revocation",
        valid_from=datetime(2025, 1, 1, tzinfo=UTC),
        valid_until="2026-01-01T00:00:00Z",
        ttl=86_400_000,
    )
    assert document == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ISSUER.did,
        "validFrom": "2025-01-01T00:00:00Z",
        "validUntil": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": lst.encode(),
            "ttl": 86_400_000,
        },
    }
    several = build_status_list_credential(
        lst, id=LIST_URL, issuer=ISSUER.did, purpose=["revocation", "suspension"]
    )
    assert several["credentialSubject"]["statusPurpose"] == ["revocation", "suspension"]
    assert "validFrom" not in several


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"id": ""}, "id"),
        ({"purpose": []}, "purpose"),
        ({"ttl": -1}, "ttl"),
        ({"valid_from": datetime(2025, 1, 1)}, "timezone-aware"),
    ],
)
def test_bad_options(options: dict[str, object], match: str) -> None:
    options.setdefault("id", LIST_URL)
    with pytest.raises(ValueError, match=match):
        build_status_list_credential(BitstringStatusList(), issuer=ISSUER.did, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_signed_with_data_integrity(suite: str) -> None:
    signed = issue_status_list_credential(
        BitstringStatusList(), ISSUER.signer, id=LIST_URL, proof=suite
    )
    assert isinstance(signed, dict)
    assert signed["issuer"] == ISSUER.did  # from the signer's verification method
    assert signed["proof"]["cryptosuite"] == suite
    result = dataintegrity.verify_proof(signed, expected_controller=ISSUER.did)
    assert result.verified, result.problems


def test_signed_with_ecdsa_p256() -> None:
    from vckit import dids

    key = keys.generate("P-256")
    did = dids.did_key(key.public_key)
    signer = key.signer(f"{did}#{did.split(':')[-1]}")
    signed = issue_status_list_credential(
        BitstringStatusList(), signer, id=LIST_URL, proof="ecdsa-rdfc-2019"
    )
    assert isinstance(signed, dict)
    assert dataintegrity.verify_proof(signed, expected_controller=did).verified


def test_signed_as_a_jwt() -> None:
    token = issue_status_list_credential(
        BitstringStatusList(),
        ISSUER.signer,
        id=LIST_URL,
        proof="vc-jwt",
        created=NOW - timedelta(hours=1),
    )
    assert isinstance(token, str)
    result = jose.verify_credential_jwt(token, now=NOW)
    assert result.verified, result.problems
    assert result.credential is not None
    assert result.credential["credentialSubject"]["type"] == "BitstringStatusList"


def test_reissuing_after_a_change_is_seen_by_a_checker() -> None:
    lst = BitstringStatusList()
    server = ListServer()
    server.put(
        LIST_URL,
        issue_status_list_credential(lst, ISSUER.signer, id=LIST_URL, created=CREATED),
        ETag='"1"',
    )
    checker = StatusChecker(client=server.client())
    assert checker.check(credential(ISSUER), entry(99), now=NOW).verdict is StatusVerdict.VALID
    lst.set(99)
    server.put(
        LIST_URL,
        issue_status_list_credential(lst, ISSUER.signer, id=LIST_URL, created=CREATED),
        ETag='"2"',
    )
    assert (
        checker.check(credential(ISSUER), entry(99), now=NOW, max_age=0).verdict
        is StatusVerdict.REVOKED
    )
    lst.clear(99)  # e.g. a suspension lifted
    server.put(
        LIST_URL,
        issue_status_list_credential(lst, ISSUER.signer, id=LIST_URL, created=CREATED),
        ETag='"3"',
    )
    assert (
        checker.check(credential(ISSUER), entry(99), now=NOW, max_age=0).verdict
        is StatusVerdict.VALID
    )


def test_checker_pickles_as_its_configuration() -> None:
    server = ListServer()
    server.put(
        LIST_URL,
        issue_status_list_credential(
            BitstringStatusList(), ISSUER.signer, id=LIST_URL, created=CREATED
        ),
    )
    checker = StatusChecker(client=server.client(), max_age=12, min_list_length=100_000)
    checker.check(credential(ISSUER), entry(1), now=NOW)
    clone = pickle.loads(pickle.dumps(checker))
    assert isinstance(clone, StatusChecker)
    assert clone._options == checker._options  # same configuration, no client, empty cache
    assert clone._client is None
    assert clone._core._cache == {}
