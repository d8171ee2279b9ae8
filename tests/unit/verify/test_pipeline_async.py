"""The async driver runs the same flow: async resolvers, async status checkers."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Mapping
from typing import Any

import pytest
from tests.unit.verify._support import NOW, Issuer

import vckit
from vckit import keys
from vckit.status import StatusResult, StatusVerdict
from vckit.verification import AsyncVerifier

pytestmark = pytest.mark.usefixtures("no_network")


class CountingAsyncResolver:
    """An async resolver (did:key offline underneath) that counts its lookups."""

    def __init__(self) -> None:
        self.inner = keys.LocalKeyResolver()
        self.calls: list[tuple[str, str]] = []

    async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
        await asyncio.sleep(0)
        self.calls.append((method_id, relationship))
        return self.inner.dereference(method_id, relationship)


class AsyncChecker:
    async def acheck(
        self, credential: Mapping[str, Any], entry: Mapping[str, Any], *, now: Any
    ) -> StatusResult:
        await asyncio.sleep(0)
        return StatusResult(StatusVerdict.REVOKED, "revocation", None, "revoked")


def test_averify_with_an_async_resolver(issuer: Issuer) -> None:
    resolver = CountingAsyncResolver()
    verifier = AsyncVerifier(resolver=resolver)
    badge = issuer.signed()
    report = asyncio.run(vckit.averify(badge, verifier=verifier, now=NOW))
    assert report.verified is True
    assert resolver.calls == [(issuer.signer.verification_method, "assertionMethod")]
    tampered = copy.deepcopy(badge)
    tampered["name"] = "Other"
    report = asyncio.run(verifier.verify(tampered, now=NOW))
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("proof", "PROOF_VERIFICATION_ERROR")
    ]


def test_averify_jwt_with_an_async_resolver(issuer: Issuer) -> None:
    token = vckit.issue(
        issuer.badge(), issuer.signer, proof="vc-jwt", created="2026-01-15T12:00:00Z"
    )
    report = asyncio.run(
        vckit.averify(token, verifier=AsyncVerifier(resolver=CountingAsyncResolver()), now=NOW)
    )
    assert (report.verified, report.format) == (True, "vc-jwt")


def test_async_resolver_failure_is_an_invalid_method(issuer: Issuer) -> None:
    class Broken:
        async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            raise RuntimeError("boom")

    report = asyncio.run(vckit.averify(issuer.signed(), resolver=Broken(), now=NOW))
    # the engine's last-line guard: a crashing resolver fails the proof, never passes or raises
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("proof", "PROOF_VERIFICATION_ERROR")
    ]


def test_async_status_checker(issuer: Issuer) -> None:
    from tests.unit.verify.test_pipeline_checks import STATUS_ENTRY

    badge = issuer.signed(credentialStatus=STATUS_ENTRY)
    report = asyncio.run(vckit.averify(badge, status=AsyncChecker(), now=NOW))
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("status", "CREDENTIAL_REVOKED")
    ]
