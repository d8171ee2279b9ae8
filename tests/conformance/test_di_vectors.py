"""W3C vc-di-eddsa and vc-di-ecdsa test vectors: every intermediate value, byte for byte.

For each suite the vectors give the canonical document, the canonical proof configuration, both
hashes, their concatenation and the signature. EdDSA is deterministic, so signing the unsigned
vector must reproduce the published ``proofValue``; ECDSA is randomized, so its published
signature must verify and a fresh one must verify too. The proof-set and proof-chain vectors are
rebuilt proof by proof with ``add_proof`` and must come out identical.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit import jsonld, keys
from vckit._codec import multibase
from vckit.proofs.dataintegrity import DataIntegrity, HashThenSignSuite

# Contexts the vectors use that vckit does not bundle (test-only vocabularies).
_EXTRA_CONTEXTS = (
    "https://www.w3.org/ns/credentials/examples/v2",
    "https://w3id.org/citizenship/v4rc1",
)
_CREATED = "2023-02-24T23:36:38Z"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> DataIntegrity:
    contexts = vectors_dir("contexts")
    urls = _json(contexts / "urls.json")
    extra = {url: _json(contexts / urls[url]) for url in _EXTRA_CONTEXTS}
    return DataIntegrity(loader=jsonld.DocumentLoader(extra=extra))


# (folder under TestVectors, file suffix, unsigned input, hash)
EDDSA = "di/vc-di-eddsa/TestVectors"
ECDSA = "di/vc-di-ecdsa/TestVectors"
CASES = [
    (EDDSA, "eddsa-rdfc-2022", "DataInt", "unsigned.json", "sha256"),
    (EDDSA, "eddsa-rdfc-2022/employ", "DataInt", "employmentAuth.json", "sha256"),
    (EDDSA, "eddsa-jcs-2022", "JCS", "unsigned.json", "sha256"),
    (EDDSA, "Ed25519Signature2020", "EdSig", "unsigned.json", "sha256"),
    (ECDSA, "ecdsa-rdfc-2019-p256", "ECDSAP256", "unsigned.json", "sha256"),
    (ECDSA, "ecdsa-rdfc-2019-p256/employ", "ECDSAP256", "employmentAuth.json", "sha256"),
    (ECDSA, "ecdsa-rdfc-2019-p384", "ECDSAP384", "unsigned.json", "sha384"),
    (ECDSA, "ecdsa-rdfc-2019-p384/employ", "ECDSAP384", "employmentAuth.json", "sha384"),
    (ECDSA, "ecdsa-jcs-2019-p256", "JCSECDSAP256", "unsigned.json", "sha256"),
    (ECDSA, "ecdsa-jcs-2019-p384", "JCSECDSAP384", "unsigned.json", "sha384"),
]
IDS = [f"{root.split('/')[1]}:{folder}" for root, folder, *_ in CASES]


class Case:
    """One vector folder: its files, the unsigned input and the suite the proof names."""

    def __init__(self, engine: DataIntegrity, root: str, folder: str, suffix: str, unsigned: str):
        self.dir = vectors_dir(*root.split("/"), *folder.split("/"))
        self.suffix = suffix
        self.unsigned: dict[str, Any] = _json(vectors_dir(*root.split("/")) / unsigned)
        self.config: dict[str, Any] = _json(self.dir / f"proofConfig{suffix}.json")
        self.signed: dict[str, Any] = _json(self.dir / f"signed{suffix}.json")
        name = self.config.get("cryptosuite") or self.config["type"]
        suite = engine.cryptosuites[name]
        assert isinstance(suite, HashThenSignSuite)
        self.suite = suite

    def text(self, stem: str) -> str:
        return (self.dir / f"{stem}{self.suffix}.txt").read_text(encoding="utf-8")


@pytest.fixture(params=CASES, ids=IDS)
def case(request: pytest.FixtureRequest, engine: DataIntegrity) -> tuple[Case, str]:
    root, folder, suffix, unsigned, hash_name = request.param
    return Case(engine, root, folder, suffix, unsigned), hash_name


def test_canonical_document(case: tuple[Case, str], engine: DataIntegrity) -> None:
    vector, hash_name = case
    canonical = vector.suite.canonicalize_document(vector.unsigned, engine.loader, hash_name)
    assert canonical.decode("utf-8") == vector.text("canonDoc")
    assert hashlib.new(hash_name, canonical).hexdigest() == vector.text("docHash").strip()


def test_canonical_proof_configuration(case: tuple[Case, str], engine: DataIntegrity) -> None:
    vector, hash_name = case
    options = {key: value for key, value in vector.config.items() if key != "@context"}
    config = vector.suite.proof_configuration(vector.unsigned, options)
    assert config == vector.config
    canonical = vector.suite.canonicalize_config(config, engine.loader, hash_name)
    assert canonical.decode("utf-8") == vector.text("proofCanon")
    assert hashlib.new(hash_name, canonical).hexdigest() == vector.text("proofHash").strip()


def test_combined_hash(case: tuple[Case, str], engine: DataIntegrity) -> None:
    vector, hash_name = case
    options = {key: value for key, value in vector.config.items() if key != "@context"}
    data = vector.suite.hash_data(vector.unsigned, options, engine.loader, hash_name)
    assert data.hex() == vector.text("combinedHash").strip()


def test_published_signature_encoding(case: tuple[Case, str]) -> None:
    vector, _ = case
    proof_value = vector.signed["proof"]["proofValue"]
    assert proof_value == vector.text("sigBTC58").strip()
    assert multibase.decode(proof_value).hex() == vector.text("sigHex").strip()


def test_signed_vector_verifies(case: tuple[Case, str], engine: DataIntegrity) -> None:
    vector, _ = case
    result = engine.verify_proof(vector.signed)
    assert result.problems == ()
    assert result.verified is True
    assert result.proofs[0].controller == vector.signed["proof"]["verificationMethod"].split("#")[0]


def _eddsa_signer(pair: dict[str, str]) -> keys.Signer:
    public = pair["publicKeyMultibase"]
    key = keys.KeyPair.from_multibase(pair["privateKeyMultibase"], public)
    return key.signer(f"did:key:{public}#{public}")


@pytest.mark.parametrize(
    "folder",
    ["eddsa-rdfc-2022", "eddsa-rdfc-2022/employ", "eddsa-jcs-2022", "Ed25519Signature2020"],
)
def test_eddsa_signing_reproduces_vector(folder: str, engine: DataIntegrity) -> None:
    """Ed25519 is deterministic: the whole signed document must come out identical."""
    case = next(c for c in CASES if c[0] == EDDSA and c[1] == folder)
    vector = Case(engine, case[0], folder, case[2], case[3])
    signer = _eddsa_signer(_json(vectors_dir(*EDDSA.split("/")) / "keyPair.json"))
    signed = engine.add_proof(
        vector.unsigned,
        signer,
        cryptosuite=vector.config.get("cryptosuite") or vector.config["type"],
        created=_CREATED,
    )
    assert signed == vector.signed
    assert signed["proof"]["proofValue"] == vector.text("sigBTC58").strip()


@pytest.mark.parametrize(
    ("folder", "suffix", "curve"),
    [
        ("ecdsa-rdfc-2019-p256", "ECDSAP256", "p256"),
        ("ecdsa-rdfc-2019-p384", "ECDSAP384", "p384"),
        ("ecdsa-jcs-2019-p256", "JCSECDSAP256", "p256"),
        ("ecdsa-jcs-2019-p384", "JCSECDSAP384", "p384"),
    ],
)
def test_ecdsa_fresh_signature_verifies(
    folder: str, suffix: str, curve: str, engine: DataIntegrity
) -> None:
    """ECDSA signatures are randomized: a fresh proof differs but verifies, with the same options."""
    vector = Case(engine, ECDSA, folder, suffix, "unsigned.json")
    pair = _json(vectors_dir(*ECDSA.split("/")) / f"{curve}KeyPair.json")
    public = pair["publicKeyMultibase"]
    key = keys.KeyPair.from_multibase(pair["secretKeyMultibase"], public)
    signed = engine.add_proof(
        vector.unsigned,
        key.signer(f"did:key:{public}#{public}"),
        cryptosuite=vector.config["cryptosuite"],
        created=_CREATED,
    )
    expected_proof = {k: v for k, v in vector.signed["proof"].items() if k != "proofValue"}
    assert {k: v for k, v in signed["proof"].items() if k != "proofValue"} == expected_proof
    assert len(multibase.decode(signed["proof"]["proofValue"])) == (64 if curve == "p256" else 96)
    result = engine.verify_proof(signed)
    assert (result.verified, result.problems) == (True, ())


# -- proof sets and chains -------------------------------------------------------------------

CHAIN = "di/vc-di-eddsa/TestVectors/proof-set-chain"


def _chain_file(name: str) -> Any:
    return _json(vectors_dir(*CHAIN.split("/")) / name)


def _add_from_config(
    engine: DataIntegrity, document: dict[str, Any], config: dict[str, Any], pair: dict[str, str]
) -> dict[str, Any]:
    return engine.add_proof(
        document,
        _eddsa_signer(pair),
        cryptosuite=config["cryptosuite"],
        created=config["created"],
        previous_proof=config.get("previousProof"),
        proof_id=config.get("id"),
    )


def test_proof_set_and_chain_are_rebuilt_exactly(engine: DataIntegrity) -> None:
    pairs = _chain_file("multiKeyPairs.json")
    document = _chain_file("unsigned.json")
    steps = [
        ("proofSetConfig1.json", "keyPair1", "signedProofSet1.json"),
        ("proofSetConfig2.json", "keyPair2", "signedProofSet2.json"),
        ("proofChainConfig1.json", "keyPair3", "signedProofChain1.json"),
        ("proofChainConfig2.json", "keyPair4", "signedProofChain2.json"),
    ]
    for config_name, pair_name, expected_name in steps:
        document = _add_from_config(engine, document, _chain_file(config_name), pairs[pair_name])
        assert document == _chain_file(expected_name), expected_name


@pytest.mark.parametrize(
    "name",
    [
        "signedProofSet1.json",
        "signedProofSet2.json",
        "signedProofChain1.json",
        "signedProofChain2.json",
    ],
)
def test_proof_set_and_chain_vectors_verify(name: str, engine: DataIntegrity) -> None:
    document = _chain_file(name)
    result = engine.verify_proof(document)
    assert result.problems == ()
    assert result.verified is True
    assert len(result.proofs) == len(
        document["proof"] if isinstance(document["proof"], list) else [1]
    )


def test_chain_temp_documents_are_what_the_chained_proofs_sign(engine: DataIntegrity) -> None:
    """proofChainTempDocN is the document plus only the proofs named in previousProof."""
    temp = _chain_file("proofChainTempDoc2.json")
    signed = _chain_file("signedProofChain2.json")
    chained = signed["proof"][-1]
    unsecured = {key: value for key, value in signed.items() if key != "proof"}
    unsecured["proof"] = [p for p in signed["proof"] if p.get("id") == chained["previousProof"]]
    assert unsecured == temp


def test_vectors_folder_is_where_conftest_says() -> None:
    assert vectors_dir("di") == VECTORS / "di"
