"""A vckit-issued revocable badge through vckit's own pipeline: valid, then revoked, suspended.

Issue with ``vckit.issue(..., status=registry)`` (the registry allocates the entry before
signing), publish the signed list, verify with ``vckit.verify(..., verifier=Verifier(status=
StatusChecker(...)))``; then ``revoke()``, republish, and the same badge fails with
``CREDENTIAL_REVOKED``. Sync and async drivers, SQLite and PostgreSQL registries.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.unit.status.status_support import ListServer, make_issuer

import vckit
from vckit import openbadges as ob
from vckit.status import StatusChecker, StatusRegistry, issue_status_list_credential

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CREATED = "2026-01-15T12:00:00Z"
ISSUER = make_issuer()


@pytest.fixture(params=["sqlite", "postgres"])
def registry(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StatusRegistry]:
    template = "https://college.example/status/{list}"
    if request.param == "sqlite":
        opened = StatusRegistry.sqlite(str(tmp_path / "status.db"), url_template=template)
    else:
        from tests.unit.status.conftest import start_pg_cluster

        opened = StatusRegistry.postgres(start_pg_cluster().new_database(), url_template=template)
    with opened:
        yield opened


def _badge() -> dict[str, Any]:
    return ob.OpenBadgeCredential.build(
        issuer=ob.Profile(id=ISSUER.did, name="Example College"),
        achievement=ob.Achievement(
            id="https://example.edu/achievements/python-101",
            name="Python 101",
            description="Introductory programming in Python.",
            criteria=ob.Criteria(narrative="Pass the final project."),
        ),
        recipient=ob.IdentityObject.hashed("learner@example.edu", salt="pepper"),
        valid_from="2026-01-15T12:00:00Z",
    ).to_json()


def _status_check(report: Any) -> Any:
    return next(check for check in report.checks if check.check == "status")


@pytest.fixture(params=["sync", "async"])
def verify(
    request: pytest.FixtureRequest,
) -> Callable[..., Any]:
    def run(signed: Any, checker: StatusChecker, now: datetime) -> Any:
        if request.param == "sync":
            return vckit.verify(signed, verifier=vckit.Verifier(status=checker), now=now)
        verifier = vckit.AsyncVerifier(status=checker)
        return asyncio.run(vckit.averify(signed, verifier=verifier, now=now))

    return run


def test_revocable_badge_is_valid_then_revoked(
    registry: StatusRegistry, verify: Callable[..., Any]
) -> None:
    server = ListServer()

    def publish(url: str) -> None:
        exported = registry.export(url)
        signed_list = issue_status_list_credential(
            exported.status_list,
            ISSUER.signer,
            id=url,
            purpose=exported.purpose,
            created=CREATED,
        )
        server.put(url, signed_list, ETag=f'"{exported.version}"')

    signed = vckit.issue(_badge(), ISSUER.signer, status=registry, created=CREATED)
    assert isinstance(signed, dict)
    entry = signed["credentialStatus"]
    assert entry == registry.entry(signed["id"])
    publish(entry["statusListCredential"])
    checker = StatusChecker(client=server.client(), async_client=server.async_client())

    report = verify(signed, checker, NOW)
    assert report.verified, str(report)
    status = _status_check(report)
    assert status.status.value == "passed"

    assert registry.revoke(signed["id"]) is True
    publish(entry["statusListCredential"])
    later = NOW + timedelta(minutes=10)  # past the 300 s default freshness: revalidated
    revoked = verify(signed, checker, later)
    assert not revoked.verified
    status = _status_check(revoked)
    assert (status.status.value, status.code) == ("failed", "CREDENTIAL_REVOKED")
    assert status.detail["statusListIndex"] == int(entry["statusListIndex"])
    assert status.detail["age_seconds"] == 0.0  # revalidated: the information is fresh
    assert [r.headers.get("if-none-match") for r in server.requests] == [None, '"1"']


def test_suspended_badge_fails_until_unsuspended(registry: StatusRegistry) -> None:
    server = ListServer()
    signed = vckit.issue(_badge(), ISSUER.signer, created=CREATED, status=_Suspension(registry))
    assert isinstance(signed, dict)
    url = signed["credentialStatus"]["statusListCredential"]

    def publish() -> None:
        exported = registry.export(url)
        server.put(
            url,
            issue_status_list_credential(
                exported.status_list, ISSUER.signer, id=url, purpose="suspension", created=CREATED
            ),
        )

    checker = StatusChecker(client=server.client(), max_age=0)
    verifier = vckit.Verifier(status=checker)
    publish()
    assert vckit.verify(signed, verifier=verifier, now=NOW).verified
    registry.suspend(signed["id"])
    publish()
    suspended = vckit.verify(signed, verifier=verifier, now=NOW)
    assert _status_check(suspended).code == "CREDENTIAL_SUSPENDED"
    registry.unsuspend(signed["id"])
    publish()
    assert vckit.verify(signed, verifier=verifier, now=NOW).verified


class _Suspension:
    """An allocator handing out suspension entries (``vckit.issue`` asks for ``revocation``)."""

    def __init__(self, registry: Any) -> None:
        self._registry = registry

    def allocate(self, credential_id: str, *, purpose: str = "revocation") -> dict[str, Any]:
        return self._registry.allocate(credential_id, purpose="suspension")  # type: ignore[no-any-return]


def test_unreachable_list_is_an_error_never_a_pass(registry: StatusRegistry) -> None:
    signed = vckit.issue(_badge(), ISSUER.signer, status=registry, created=CREATED)
    checker = StatusChecker(client=ListServer().client())  # publishes nothing: 404
    report = vckit.verify(signed, verifier=vckit.Verifier(status=checker), now=NOW)
    assert not report.verified
    status = _status_check(report)
    assert (status.status.value, status.code) == ("error", "STATUS_RETRIEVAL_ERROR")
