"""``averify_proof``: the async front end gives what ``verify_proof`` gives, from one core."""

from __future__ import annotations

import asyncio
import copy
import gc
import warnings
from typing import Any

import pytest

from vckit import dids, keys
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind
from vckit.problems import (
    INVALID_VERIFICATION_METHOD_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
)
from vckit.proofs import dataintegrity
from vckit.proofs.dataintegrity import (
    DataIntegrity,
    ProofVerificationResult,
    add_proof,
    averify_proof,
    verify_proof,
)

pytestmark = pytest.mark.usefixtures("no_network")

VC2 = "https://www.w3.org/ns/credentials/v2"
CREATED = "2025-01-01T00:00:00Z"
NOW = "2025-06-01T00:00:00Z"


def _signer(kind: str = "Ed25519") -> tuple[keys.Signer, str]:
    pair = keys.generate(kind)
    did = f"did:key:{pair.public_key.multibase}"
    return pair.signer(f"{did}#{pair.public_key.multibase}"), did


def _credential(issuer: str) -> dict[str, Any]:
    return {
        "@context": [VC2],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:subject", "name": "Alice"},
    }


class _AsyncLocal:
    """An async resolver over the offline one, counting its awaits."""

    def __init__(self) -> None:
        self._inner = keys.LocalKeyResolver()
        self.calls: list[tuple[str, str]] = []

    async def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> keys.VerificationMethodLike:
        self.calls.append((method_id, relationship))
        await asyncio.sleep(0)
        return self._inner.dereference(method_id, relationship=relationship)


def _same(sync: ProofVerificationResult, async_: ProofVerificationResult) -> None:
    assert async_.verified is sync.verified
    assert async_.problems == sync.problems
    assert [
        (p.verified, p.cryptosuite, p.verification_method, p.controller) for p in async_.proofs
    ] == [(p.verified, p.cryptosuite, p.verification_method, p.controller) for p in sync.proofs]


def _documents() -> list[tuple[str, dict[str, Any], str]]:
    """Signed, tampered, proof-set and chained documents over every bundled signing suite."""
    cases: list[tuple[str, dict[str, Any], str]] = []
    for suite, kind in [
        ("eddsa-rdfc-2022", "Ed25519"),
        ("eddsa-jcs-2022", "Ed25519"),
        ("ecdsa-rdfc-2019", "P-256"),
        ("ecdsa-jcs-2019", "P-384"),
        ("Ed25519Signature2020", "Ed25519"),
    ]:
        signer, did = _signer(kind)
        signed = add_proof(_credential(did), signer, cryptosuite=suite, created=CREATED)
        cases.append((f"{suite}-valid", signed, did))
        tampered = copy.deepcopy(signed)
        tampered["credentialSubject"]["name"] = "Mallory"
        cases.append((f"{suite}-tampered", tampered, did))
    signer, did = _signer()
    other, _ = _signer("P-256")
    first = add_proof(_credential(did), signer, created=CREATED, proof_id="urn:uuid:first")
    proof_set = add_proof(first, other, cryptosuite="ecdsa-rdfc-2019", created=CREATED)
    cases.append(("proof-set", proof_set, did))
    chain = add_proof(
        first,
        other,
        cryptosuite="ecdsa-rdfc-2019",
        created=CREATED,
        previous_proof="urn:uuid:first",
    )
    cases.append(("chain", chain, did))
    broken_chain = copy.deepcopy(chain)
    broken_chain["proof"][0]["created"] = "2025-01-02T00:00:00Z"
    cases.append(("chain-broken", broken_chain, did))
    cases.append(("no-proof", _credential(did), did))
    return cases


@pytest.mark.parametrize(("name", "document", "issuer"), _documents(), ids=lambda v: str(v)[:30])
@pytest.mark.parametrize("bind", [False, True])
@pytest.mark.parametrize("require_all", [True, False])
def test_async_gives_the_sync_result(
    name: str, document: dict[str, Any], issuer: str, bind: bool, require_all: bool
) -> None:
    options: dict[str, Any] = {"now": NOW, "require_all": require_all}
    if bind:
        options["expected_controller"] = issuer
    sync = verify_proof(document, keys.LocalKeyResolver(), **options)
    resolver = _AsyncLocal()
    async_ = asyncio.run(averify_proof(document, resolver, **options))
    _same(sync, async_)
    # the default (offline) resolver works from the async front end too
    _same(sync, asyncio.run(averify_proof(document, **options)))
    if name.endswith("-valid"):
        assert async_.verified is True
        assert len(resolver.calls) == 1


def test_async_did_resolver_verifies_did_key_offline() -> None:
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)

    async def run() -> ProofVerificationResult:
        async with dids.AsyncDIDResolver() as resolver:
            return await averify_proof(signed, resolver, expected_controller=did, now=NOW)

    result = asyncio.run(run())
    assert (result.verified, result.problems) == (True, ())
    assert result.proofs[0].controller == did


def test_instance_method_matches_the_module_function() -> None:
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)
    stranger, _ = _signer()
    forged = add_proof(_credential(did), stranger, created=CREATED)
    engine = DataIntegrity()
    for document in (signed, forged):
        sync = engine.verify_proof(document, expected_controller=did, now=NOW)
        async_ = asyncio.run(
            engine.averify_proof(document, _AsyncLocal(), expected_controller=did, now=NOW)
        )
        _same(sync, async_)
    assert [p.code for p in sync.problems] == [UNTRUSTED_ISSUER_ERROR]


def test_async_resolver_error_becomes_the_same_problem() -> None:
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)

    class Failing:
        async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            raise DIDResolutionError(
                "not found", kind=DIDResolutionErrorKind.NOT_FOUND, did=method_id
            )

    class SyncFailing:
        def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            raise DIDResolutionError(
                "not found", kind=DIDResolutionErrorKind.NOT_FOUND, did=method_id
            )

    async_ = asyncio.run(averify_proof(signed, Failing(), now=NOW))
    _same(verify_proof(signed, SyncFailing(), now=NOW), async_)
    assert [p.code for p in async_.problems] == [INVALID_VERIFICATION_METHOD_ERROR]


def test_a_buggy_async_resolver_fails_closed() -> None:
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)

    class Buggy:
        async def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            raise KeyError("bug")

    result = asyncio.run(averify_proof(signed, Buggy(), now=NOW))
    assert result.verified is False
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]
    assert result.problems[0].detail["exception"] == "KeyError"


# -- an async resolver handed to the sync front end -------------------------------------------


def test_async_resolver_to_verify_proof_is_a_clear_type_error() -> None:
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)
    with pytest.raises(
        TypeError, match=r"AsyncDIDResolver\.dereference is async: use averify_proof"
    ):
        verify_proof(signed, dids.AsyncDIDResolver(), now=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"_AsyncLocal\.dereference is async: use averify_proof"):
        DataIntegrity().verify_proof(signed, _AsyncLocal(), now=NOW)  # type: ignore[arg-type]


def test_awaitable_from_a_sync_looking_resolver_is_closed_not_leaked() -> None:
    """A ``dereference`` that is not ``async def`` but returns a coroutine: TypeError, and the
    coroutine is closed (no "never awaited" RuntimeWarning)."""
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)
    inner = _AsyncLocal()

    class Sneaky:
        def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            return inner.dereference(method_id, relationship)

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(TypeError, match="returned an awaitable: use averify_proof"):
            verify_proof(signed, Sneaky(), now=NOW)
        gc.collect()


def test_resolver_without_dereference_is_a_type_error() -> None:
    signer, did = _signer()
    signed = add_proof(_credential(did), signer, created=CREATED)
    with pytest.raises(TypeError, match="resolver must have a dereference"):
        verify_proof(signed, object(), now=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="resolver must have a dereference"):
        asyncio.run(averify_proof(signed, object(), now=NOW))  # type: ignore[arg-type]


def test_averify_proof_is_exported_with_the_verify_signature() -> None:
    import inspect

    assert "averify_proof" in dataintegrity.__all__
    assert inspect.iscoroutinefunction(averify_proof)
    sync = inspect.signature(verify_proof).parameters
    async_ = inspect.signature(averify_proof).parameters
    assert list(async_) == list(sync)
    assert [p.kind for p in async_.values()] == [p.kind for p in sync.values()]
    assert [p.default for p in async_.values()] == [p.default for p in sync.values()]
