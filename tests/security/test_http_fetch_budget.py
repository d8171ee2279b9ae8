"""Hostile input (issue 16 item 4): one piece of work naming 256 distinct did:web issuers.

Under the default per-verification budget (16 fetches) only 16 documents are fetched; every
later lookup fails with ``FetchBudgetExceededError`` before any request, and failed lookups are
not retried within the negative-cache lifetime.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from vckit._http import FetchBudget, fetch_budget
from vckit.dids import AsyncDIDResolver, DIDResolver
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind, FetchBudgetExceededError

ISSUERS = [f"did:web:issuer{i}.example" for i in range(256)]


class NotFoundEverywhere:
    """Every issuer host answers 404; counts requests."""

    def __init__(self) -> None:
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return httpx.Response(404, headers={"content-type": "application/json"}, content=b"{}")

    async def async_call(self, request: httpx.Request) -> httpx.Response:
        response = self(request)

        async def body() -> AsyncIterator[bytes]:
            yield b"{}"

        return httpx.Response(response.status_code, headers=response.headers, content=body())


def _tally(errors: list[BaseException]) -> dict[str, int]:
    tally: dict[str, int] = {}
    for error in errors:
        name = (
            f"DIDResolutionError:{error.kind}"
            if isinstance(error, DIDResolutionError)
            else type(error).__name__
        )
        tally[name] = tally.get(name, 0) + 1
    return tally


def test_256_did_web_issuers_cost_16_fetches_sync() -> None:
    server = NotFoundEverywhere()
    errors: list[BaseException] = []
    with httpx.Client(transport=httpx.MockTransport(server)) as client:
        resolver = DIDResolver(client=client)
        with fetch_budget(FetchBudget()):
            for did in ISSUERS:
                with pytest.raises(
                    (DIDResolutionError, FetchBudgetExceededError),
                    match=r"(HTTP 404 from https://issuer\d+\.example/|fetch budget)",
                ) as info:
                    resolver.resolve(did)
                errors.append(info.value)
        assert server.requests == 16
        assert _tally(errors) == {
            f"DIDResolutionError:{DIDResolutionErrorKind.NOT_FOUND}": 16,
            "FetchBudgetExceededError": 240,
        }
        with pytest.raises(DIDResolutionError, match="not retried yet"):
            resolver.resolve(ISSUERS[0])  # remembered: no new request
        assert server.requests == 16


def test_256_did_web_issuers_cost_16_fetches_async() -> None:
    server = NotFoundEverywhere()

    async def run() -> list[BaseException]:
        transport = httpx.MockTransport(server.async_call)
        async with httpx.AsyncClient(transport=transport) as client:
            resolver = AsyncDIDResolver(client=client)
            with fetch_budget(FetchBudget()):
                outcomes = await asyncio.gather(
                    *(resolver.resolve(did) for did in ISSUERS), return_exceptions=True
                )
        return [o for o in outcomes if isinstance(o, BaseException)]

    errors = asyncio.run(run())
    assert server.requests == 16
    assert _tally(errors) == {
        f"DIDResolutionError:{DIDResolutionErrorKind.NOT_FOUND}": 16,
        "FetchBudgetExceededError": 240,
    }


CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:web:issuer.example",
    "credentialSubject": {"id": "did:example:subject"},
    "validFrom": "2024-01-01T00:00:00Z",
}


def test_spent_budget_fails_proof_verification_never_passes(no_network: list[object]) -> None:
    from vckit import keys
    from vckit.proofs import dataintegrity, jose

    signer = keys.generate("Ed25519").signer("did:web:issuer.example#key-1")
    signed = dataintegrity.add_proof(CREDENTIAL, signer)
    token = jose.sign_credential_jwt(CREDENTIAL, signer)
    with fetch_budget(FetchBudget(max_fetches=0)):
        proof = dataintegrity.verify_proof(signed, DIDResolver())
        jwt = jose.verify_credential_jwt(token, resolver=DIDResolver())
    assert proof.verified is False
    assert [p.code for p in proof.problems] == ["INVALID_VERIFICATION_METHOD_ERROR"]
    assert "fetch budget of 0 fetches exhausted" in proof.problems[0].message
    assert jwt.verified is False
    assert "INVALID_VERIFICATION_METHOD_ERROR" in [p.code for p in jwt.problems]
    assert no_network == []
