"""Refresh (opt-in, at most once, nested report) and JWT endorsements, with injected transports."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from tests.unit.verify._support import NOW, Issuer

import vckit
from vckit.verification import AsyncVerifier, CheckStatus, Verifier

pytestmark = pytest.mark.usefixtures("no_network")

REFRESH_URL = "https://issuer.example/refresh/1"


def _refreshable(issuer: Issuer) -> dict[str, Any]:
    # The OB 3.0.3 context does not define 1EdTechCredentialRefresh as a term, so the badge is
    # left unsigned here: the refresh step does not depend on the outer proof.
    return issuer.badge(refreshService={"id": REFRESH_URL, "type": "1EdTechCredentialRefresh"})


def _transport(body: bytes, seen: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.MockTransport(handler)


def test_refresh_fetches_once_and_nests_the_refreshed_report(issuer: Issuer) -> None:
    fresh = json.dumps(issuer.signed()).encode()
    seen: list[str] = []
    client = httpx.Client(transport=_transport(fresh, seen))
    verifier = Verifier(allow_network=True, client=client)
    report = verifier.verify(_refreshable(issuer), now=NOW, refresh=True)
    refresh = report.check("refresh")
    assert refresh is not None
    assert refresh.status is CheckStatus.PASSED
    assert [r.verified for r in refresh.nested] == [True]
    assert refresh.nested[0].check("refresh").status is CheckStatus.SKIPPED  # type: ignore[union-attr]
    assert seen == [REFRESH_URL]


def test_refresh_is_off_unless_asked_and_allowed(issuer: Issuer) -> None:
    badge = _refreshable(issuer)
    not_asked = vckit.verify(badge, now=NOW).check("refresh")
    assert not_asked is not None
    assert "not requested" in not_asked.message
    offline = vckit.verify(badge, now=NOW, refresh=True).check("refresh")
    assert offline is not None
    assert "network use is off" in offline.message


def test_refresh_returning_a_forgery_is_reported(issuer: Issuer) -> None:
    forged = issuer.signed()
    forged["name"] = "Forged"
    client = httpx.Client(transport=_transport(json.dumps(forged).encode(), []))
    report = Verifier(allow_network=True, client=client).verify(
        _refreshable(issuer), now=NOW, refresh=True
    )
    refresh = report.check("refresh")
    assert refresh is not None
    assert (refresh.status, refresh.code, refresh.required) == (
        CheckStatus.FAILED,
        "REFRESH_ERROR",
        False,
    )


def test_async_refresh(issuer: Issuer) -> None:
    fresh = json.dumps(issuer.signed()).encode()

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=fresh, headers={"content-type": "application/json"})

    async def run() -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            verifier = AsyncVerifier(allow_network=True, client=client)
            return await verifier.verify(_refreshable(issuer), now=NOW, refresh=True)

    report = asyncio.run(run())
    assert report.check("refresh").status is CheckStatus.PASSED  # type: ignore[union-attr]


def test_endorsement_jwt_is_verified(issuer: Issuer, other: Issuer) -> None:
    from vckit import openbadges as ob

    endorsement = ob.EndorsementCredential.build(
        issuer=ob.Profile(id=other.did, name="Accreditor"),
        endorsed_id=issuer.did,
        name="Accredited issuer",
        valid_from="2026-01-01T00:00:00Z",
    )
    token = vckit.issue(endorsement, other.signer, proof="vc-jwt", created="2026-01-01T00:00:00Z")
    assert isinstance(token, str)
    # The OB 3.0 context defines no endorsementJwt term, so a Data Integrity proof (safe mode)
    # cannot cover it; a JWT badge can carry it.
    badge = vckit.issue(
        issuer.badge(endorsementJwt=[token]),
        issuer.signer,
        proof="vc-jwt",
        created="2026-01-15T12:00:00Z",
    )
    report = vckit.verify(badge, now=NOW)
    check = report.check("endorsements")
    assert check is not None
    assert check.status is CheckStatus.PASSED
    assert [(r.verified, r.format) for r in check.nested] == [(True, "vc-jwt")]


def test_each_verification_runs_inside_one_fetch_budget(issuer: Issuer) -> None:
    from vckit import _http

    fresh = json.dumps(issuer.signed()).encode()
    seen: list[str] = []
    client = httpx.Client(transport=_transport(fresh, seen))
    exhausted = Verifier(allow_network=True, client=client, budget=_http.FetchBudget(max_fetches=0))
    report = exhausted.verify(_refreshable(issuer), now=NOW, refresh=True)
    refresh = report.check("refresh")
    assert refresh is not None
    assert (refresh.status, refresh.code) == (CheckStatus.ERROR, "REFRESH_ERROR")
    assert "budget" in refresh.message
    assert seen == []  # refused before any request


def test_status_checker_runs_under_the_budget(issuer: Issuer) -> None:
    from vckit._http._budget import current_account
    from vckit.errors import FetchBudgetExceededError
    from vckit.status import StatusResult

    accounts: list[Any] = []

    class Spy:
        def check(self, credential: Any, entry: Any, *, now: Any) -> StatusResult:
            accounts.append(current_account())
            raise FetchBudgetExceededError("over budget", url="https://issuer.example/s")

    entry = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "1",
        "statusListCredential": "https://issuer.example/s",
    }
    report = vckit.verify(issuer.signed(credentialStatus=entry), now=NOW, status=Spy())
    assert accounts[0] is not None
    status = report.check("status")
    assert status is not None
    assert (status.status, status.code) == (CheckStatus.ERROR, "FETCH_BUDGET_EXCEEDED")
