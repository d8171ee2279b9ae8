"""W3C vc-di-ecdsa ecdsa-sd-2023 vectors: derived proofs verify, with every intermediate value.

vckit verifies derived (selectively disclosed) proofs only. For the ``employ`` and ``prc``
vectors the parsed proof value, the relabeled N-Quads, the proof and mandatory hashes and the
split into mandatory / non-mandatory statements must equal the published ones.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import vectors_dir

from vckit import jsonld
from vckit._codec import multibase
from vckit.problems import MALFORMED_PROOF_ERROR, PROOF_VERIFICATION_ERROR
from vckit.proofs.dataintegrity import DataIntegrity, EcdsaSd2023
from vckit.proofs.dataintegrity._ecdsa_sd import parse_derived_proof_value, relabeled_nquads

NOW = "2025-01-01T00:00:00Z"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> DataIntegrity:
    contexts = vectors_dir("contexts")
    urls = _json(contexts / "urls.json")
    bundled = jsonld.default_loader()
    extra = {url: _json(contexts / file) for url, file in urls.items() if url not in bundled}
    return DataIntegrity(loader=jsonld.DocumentLoader(extra=extra))


@pytest.fixture(params=["employ", "prc"])
def folder(request: pytest.FixtureRequest) -> Path:
    return vectors_dir("di", "vc-di-ecdsa", "TestVectors", "ecdsa-sd-2023", request.param)


def test_derived_document_verifies(folder: Path, engine: DataIntegrity) -> None:
    result = engine.verify_proof(_json(folder / "derivedRevealDocument.json"), now=NOW)
    assert result.problems == ()
    assert result.verified is True
    assert result.proofs[0].cryptosuite == "ecdsa-sd-2023"


def test_derived_proof_value_parses_to_the_published_parts(folder: Path) -> None:
    expected = _json(folder / "verifyDerivedProofValue.json")
    proof = _json(folder / "derivedRevealDocument.json")["proof"]
    derived = parse_derived_proof_value(proof["proofValue"])
    assert derived.base_signature.hex() == expected["baseSignature"]
    assert multibase.encode(derived.public_key) == expected["publicKey"]
    assert [s.hex() for s in derived.signatures] == expected["signatures"]
    assert derived.labels == dict(expected["labelMap"])
    assert derived.mandatory == expected["mandatoryIndexes"]


def test_verify_data_matches_the_published_values(folder: Path, engine: DataIntegrity) -> None:
    expected = _json(folder / "verifyCreateVerifyData.json")
    document = _json(folder / "derivedRevealDocument.json")
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    suite = engine.cryptosuites["ecdsa-sd-2023"]
    assert isinstance(suite, EcdsaSd2023)
    data = suite.create_verify_data(unsecured, document["proof"], engine.loader)
    assert data.proof_hash.hex() == expected["proofHash"]
    assert data.mandatory_hash.hex() == expected["mandatoryHash"]
    assert list(data.non_mandatory) == expected["nonMandatory"]
    assert [s.hex() for s in data.signatures] == expected["signatures"]
    assert data.base_signature.hex() == expected["baseSignature"]


def test_relabeled_nquads_match(folder: Path, engine: DataIntegrity) -> None:
    document = _json(folder / "derivedRevealDocument.json")
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    labels = parse_derived_proof_value(document["proof"]["proofValue"]).labels
    canonical = jsonld.canonicalize(unsecured, engine.loader)
    assert relabeled_nquads(canonical, labels) == _json(folder / "verifyNQuads.json")


def test_base_proof_is_not_for_verifiers(folder: Path, engine: DataIntegrity) -> None:
    result = engine.verify_proof(_json(folder / "addSignedSDBase.json"), now=NOW)
    assert [p.code for p in result.problems] == [MALFORMED_PROOF_ERROR]


def test_changing_a_disclosed_value_fails(folder: Path, engine: DataIntegrity) -> None:
    document = _json(folder / "derivedRevealDocument.json")
    tampered = copy.deepcopy(document)
    tampered["validFrom"] = "2001-01-01T00:00:00Z"
    result = engine.verify_proof(tampered, now=NOW)
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]
