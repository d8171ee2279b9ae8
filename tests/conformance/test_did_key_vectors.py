"""did:key test vectors (W3C CCG did-method-key): every DID decodes to the key it claims.

For each vector the key decoded from the DID must equal the key in the vector's DID document
(publicKeyBase58 / publicKeyJwk), every verification method must dereference under each
relationship the document lists it in, and the vector's private key material must produce the
same public key. Key types vckit does not implement (P-521, BLS12-381) must fail cleanly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import base58
import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit import keys
from vckit.errors import KeyFormatError, UnsupportedAlgorithmError
from vckit.keys import KeyPair, LocalKeyResolver, PublicKey

RELATIONSHIPS = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
    "keyAgreement",
)


def _documents(path: Path) -> Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    """(did, vector entry, DID document) for every vector in one file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data) == ["didDocument"]:  # x25519.json: {"didDocument": {did: document}}
        for did, document in data["didDocument"].items():
            yield did, {}, document
        return
    for did, entry in data.items():
        yield did, entry, entry["didDocument"]


def _all_vectors() -> list[tuple[str, str, Mapping[str, Any], Mapping[str, Any]]]:
    folder = VECTORS / "did" / "did-key" / "test-vectors"
    if not folder.exists():
        return []
    return [
        (path.name, did, entry, document)
        for path in sorted(folder.glob("*.json"))
        for did, entry, document in _documents(path)
    ]


def _unsupported(document: Mapping[str, Any]) -> bool:
    """BLS12-381 and P-521 keys appear in the vectors; vckit does not implement them."""
    for vm in document["verificationMethod"]:
        crv = vm.get("publicKeyJwk", {}).get("crv", "")
        if vm["type"].startswith("Bls12381") or crv == "P-521" or crv.startswith("BLS"):
            return True
    return False


VECTORS_FOUND = _all_vectors()
SUPPORTED = [v for v in VECTORS_FOUND if not _unsupported(v[3])]
UNSUPPORTED = [v for v in VECTORS_FOUND if _unsupported(v[3])]


def _id(vector: tuple[str, str, Mapping[str, Any], Mapping[str, Any]]) -> str:
    return f"{vector[0]}:{vector[1][8:24]}"


def claimed_key(vm: Mapping[str, Any]) -> PublicKey:
    """The key a vector's verification method states, read independently of the DID."""
    if vm["type"] == "P256Key2021":  # pre-Multikey type used by the P-256 base58 vector
        return PublicKey.from_raw("P-256", base58.b58decode(vm["publicKeyBase58"]))
    return PublicKey.from_verification_method(vm)


def _absolute(did: str, ref: str) -> str:
    return did + ref if ref.startswith("#") else ref


@pytest.fixture(autouse=True)
def _need_vectors() -> None:
    vectors_dir("did", "did-key", "test-vectors")


@pytest.mark.parametrize("vector", SUPPORTED, ids=_id)
def test_did_decodes_to_the_claimed_key(
    vector: tuple[str, str, Mapping[str, Any], Mapping[str, Any]],
) -> None:
    _, did, _, document = vector
    assert document["id"] == did
    own = _absolute(did, f"#{did[len('did:key:') :]}")
    (vm,) = [m for m in document["verificationMethod"] if _absolute(did, m["id"]) == own]
    key = keys.public_key_from_did_key(did)
    assert key == claimed_key(vm)
    assert key.multibase == did[len("did:key:") :]


@pytest.mark.parametrize("vector", SUPPORTED, ids=_id)
def test_every_listed_method_dereferences(
    vector: tuple[str, str, Mapping[str, Any], Mapping[str, Any]],
) -> None:
    _, did, _, document = vector
    methods = {_absolute(did, m["id"]): m for m in document["verificationMethod"]}
    resolver = LocalKeyResolver()
    checked = 0
    for relationship in RELATIONSHIPS:
        for ref in document.get(relationship, []):
            method_id = _absolute(did, ref if isinstance(ref, str) else ref["id"])
            resolved = resolver.dereference(method_id, relationship)
            assert resolved.controller == did
            assert resolved.public_key == claimed_key(methods[method_id])
            assert keys.public_key_from_did_key(method_id) == resolved.public_key
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("vector", SUPPORTED, ids=_id)
def test_private_material_matches(
    vector: tuple[str, str, Mapping[str, Any], Mapping[str, Any]],
) -> None:
    _, did, entry, _ = vector
    key = keys.public_key_from_did_key(did)
    pairs: list[KeyPair] = []
    if "seed" in entry and key.key_type == "Ed25519":
        pair = KeyPair.from_raw("Ed25519", bytes.fromhex(entry["seed"]))
        pairs.append(pair)
        agreement = entry["keyAgreementKeyPair"]
        x25519 = pair.to_x25519()
        assert _absolute(did, agreement["id"]).endswith("#" + x25519.public_key.multibase)
        if "privateKeyBase58" in agreement:
            expected = KeyPair.from_raw("X25519", base58.b58decode(agreement["privateKeyBase58"]))
            assert expected.secret_multibase == x25519.secret_multibase
    for holder in (entry.get("verificationKeyPair"), entry.get("verificationMethod"), entry):
        if not holder:
            continue
        if "privateKeyBase58" in holder:
            pairs.append(
                KeyPair.from_raw(key.key_type, base58.b58decode(holder["privateKeyBase58"]))
            )
        if "privateKeyJwk" in holder:
            pairs.append(_private_jwk_pair(holder["privateKeyJwk"]))
    if not pairs:
        pytest.skip("vector carries no private key material")
    for pair in pairs:
        assert pair.public_key == key


def _private_jwk_pair(jwk: Mapping[str, Any]) -> KeyPair:
    """One RSA vector pads its private members with '='; RFC 7515 §2 forbids that, and vckit's
    strict decoder refuses it. Check the refusal, then compare the key without the padding."""
    if any(isinstance(v, str) and v.endswith("=") for v in jwk.values()):
        with pytest.raises(KeyFormatError, match="padding"):
            KeyPair.from_jwk(jwk)
        jwk = {k: v.rstrip("=") if isinstance(v, str) else v for k, v in jwk.items()}
    return KeyPair.from_jwk(jwk)


def test_every_supported_key_type_is_covered() -> None:
    vectors_dir("did", "did-key", "test-vectors")
    found = {keys.public_key_from_did_key(v[1]).key_type for v in SUPPORTED}
    derived = {"X25519"} if "Ed25519" in found else set()
    assert found | derived == set(keys.KEY_TYPES)


@pytest.mark.parametrize("vector", UNSUPPORTED, ids=_id)
def test_unsupported_key_types_fail_cleanly(
    vector: tuple[str, str, Mapping[str, Any], Mapping[str, Any]],
) -> None:
    with pytest.raises(UnsupportedAlgorithmError):
        keys.public_key_from_did_key(vector[1])
