"""``DataIntegrity`` pickles as its configuration, for batch verification in other processes."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest

from vckit import jsonld, keys
from vckit.problems import CRYPTOSUITE_UNSUPPORTED_ERROR
from vckit.proofs.dataintegrity import (
    DEFAULT_CRYPTOSUITES,
    DataIntegrity,
    EddsaJcs2022,
    ProofVerificationResult,
    add_proof,
)

pytestmark = pytest.mark.usefixtures("no_network")

CREATED = "2025-01-01T00:00:00Z"
NOW = "2025-06-01T00:00:00Z"


def fixed_clock() -> datetime:
    return datetime(2024, 6, 1, tzinfo=UTC)


class BundledOnly:
    """A picklable loader: the bundled contexts, looked up in the receiving process."""

    def __contains__(self, url: object) -> bool:
        return url in jsonld.default_loader()

    def __call__(self, url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return jsonld.default_loader()(url, options)


def _signed(suite: str = "eddsa-rdfc-2022") -> tuple[dict[str, Any], str]:
    pair = keys.generate("Ed25519")
    did = f"did:key:{pair.public_key.multibase}"
    signer = pair.signer(f"{did}#{pair.public_key.multibase}")
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:subject"},
    }
    return add_proof(credential, signer, cryptosuite=suite, created=CREATED), did


def test_default_engine_round_trips_to_the_defaults() -> None:
    engine = DataIntegrity()
    engine.loader  # noqa: B018 - materialize the shared loader before pickling
    copy = pickle.loads(pickle.dumps(engine))
    assert isinstance(copy, DataIntegrity)
    assert copy.cryptosuites == DEFAULT_CRYPTOSUITES
    assert copy.loader is jsonld.default_loader()
    document, did = _signed()
    result = copy.verify_proof(document, expected_controller=did, now=NOW)
    assert (result.verified, result.problems) == (True, ())


def test_configuration_travels() -> None:
    engine = DataIntegrity(
        {"eddsa-jcs-2022": EddsaJcs2022()},
        loader=BundledOnly(),
        clock=fixed_clock,
        max_proofs=3,
    )
    copy = pickle.loads(pickle.dumps(engine))
    assert list(copy.cryptosuites) == ["eddsa-jcs-2022"]
    assert isinstance(copy.cryptosuites["eddsa-jcs-2022"], EddsaJcs2022)
    assert isinstance(copy.loader, BundledOnly)
    jcs, did = _signed("eddsa-jcs-2022")
    rdfc, _ = _signed()
    assert copy.verify_proof(jcs, expected_controller=did, now=NOW).verified is True
    refused = copy.verify_proof(rdfc, now=NOW)
    assert [p.code for p in refused.problems] == [CRYPTOSUITE_UNSUPPORTED_ERROR]
    signer = keys.generate("Ed25519")
    proof = copy.add_proof(
        {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]},
        signer.signer("did:example:a#k"),
        cryptosuite="eddsa-jcs-2022",
    )["proof"]
    assert proof["created"] == "2024-06-01T00:00:00Z"  # the clock came along
    too_many = dict(jcs, proof=[jcs["proof"]] * 4)
    assert "at most 3" in copy.verify_proof(too_many, now=NOW).problems[0].message


def test_a_lambda_clock_does_not_pickle() -> None:
    engine = DataIntegrity(clock=lambda: datetime(2024, 1, 1, tzinfo=UTC))
    with pytest.raises((pickle.PicklingError, AttributeError), match="lambda"):
        pickle.dumps(engine)


def _verify_in_worker(
    engine: DataIntegrity, document: dict[str, Any], did: str
) -> ProofVerificationResult:
    return engine.verify_proof(document, expected_controller=did, now=NOW)


def test_verifies_in_another_process() -> None:
    document, did = _signed()
    engine = DataIntegrity(clock=fixed_clock)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        result = pool.submit(_verify_in_worker, engine, document, did).result(timeout=120)
    assert (result.verified, result.problems) == (True, ())
    assert result.proofs[0].controller == did


def test_a_failed_result_crosses_processes_with_its_problems() -> None:
    document, did = _signed()
    stranger, _ = _signed()
    forged = dict(document, proof=stranger["proof"])
    result = DataIntegrity().verify_proof(forged, expected_controller=did, now=NOW)
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert copy.problems[0].detail["proofIndex"] == 0
    with pytest.raises(TypeError, match="does not support item assignment"):
        copy.problems[0].detail["proofIndex"] = 1  # type: ignore[index]


def test_base_contexts_travel() -> None:
    engine = pickle.loads(pickle.dumps(DataIntegrity(base_contexts=None)))
    assert engine._base_contexts is None
    engine = pickle.loads(pickle.dumps(DataIntegrity(base_contexts=["https://example.org/ctx"])))
    assert engine._base_contexts == ("https://example.org/ctx",)


def test_errors_raised_by_compiled_modules_pickle_with_their_details() -> None:
    """``JsonLimitError`` and ``TransformError`` are raised inside the mypyc-compiled hot core;
    they must still cross processes with their attributes (a native class has no ``__dict__``)."""
    from vckit._codec.limits import JsonLimitError, check_json_limits
    from vckit.proofs.dataintegrity._transform import TransformError, check_contexts

    with pytest.raises(JsonLimitError, match=r"has 3 items; at most 2 are accepted") as limit:
        check_json_limits({"a": [1, 2, 3]}, max_members=2)
    copy = pickle.loads(pickle.dumps(limit.value))
    assert (type(copy), str(copy), copy.limit, copy.path) == (
        JsonLimitError,
        str(limit.value),
        "members",
        "$.a",
    )
    with pytest.raises(TransformError, match=r"context not on the allow-list") as transform:
        check_contexts({"@context": "https://example.org/unknown"}, jsonld.default_loader())
    copied = pickle.loads(pickle.dumps(transform.value))
    assert (type(copied), copied.reason, copied.detail) == (
        TransformError,
        "context",
        {"url": "https://example.org/unknown"},
    )
