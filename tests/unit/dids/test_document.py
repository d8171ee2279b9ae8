"""DIDDocument: relative ids, embedded and referenced methods, legacy method types."""

from __future__ import annotations

from typing import Any

import base58
import pytest

from vckit import keys
from vckit.dids import DIDDocument
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind

DID = "did:web:issuer.example"
ED = keys.generate("Ed25519").public_key
K1 = keys.generate("secp256k1").public_key
P256 = keys.generate("P-256").public_key


def _doc() -> dict[str, Any]:
    return {
        "id": DID,
        "verificationMethod": [
            {
                "id": "#legacy-2018",
                "type": "Ed25519VerificationKey2018",
                "controller": DID,
                "publicKeyBase58": base58.b58encode(ED.raw).decode(),
            },
            {
                "id": f"{DID}#legacy-2020",
                "type": "Ed25519VerificationKey2020",
                "controller": DID,
                "publicKeyMultibase": ED.multibase,
            },
            {
                "id": "#k1",
                "type": "EcdsaSecp256k1VerificationKey2019",
                "controller": DID,
                "publicKeyJwk": K1.jwk,
            },
        ],
        "assertionMethod": [
            "#legacy-2018",
            f"{DID}#legacy-2020",
            "#k1",
            {"id": "#jwk", "type": "JsonWebKey", "controller": DID, "publicKeyJwk": P256.jwk},
        ],
        "authentication": ["#k1"],
    }


@pytest.mark.parametrize(
    ("fragment", "key", "vm_type"),
    [
        ("legacy-2018", ED, "Ed25519VerificationKey2018"),
        ("legacy-2020", ED, "Ed25519VerificationKey2020"),
        ("k1", K1, "EcdsaSecp256k1VerificationKey2019"),
        ("jwk", P256, "JsonWebKey"),
    ],
)
def test_methods_by_absolute_id(fragment: str, key: keys.PublicKey, vm_type: str) -> None:
    doc = DIDDocument.from_json(_doc(), expected_id=DID)
    method = doc.verification_method(f"{DID}#{fragment}", "assertionMethod")
    assert (method.id, method.type, method.controller, method.public_key) == (
        f"{DID}#{fragment}",
        vm_type,
        DID,
        key,
    )


def test_relationship_membership() -> None:
    doc = DIDDocument.from_json(_doc(), expected_id=DID)
    assert doc.relationships[f"{DID}#k1"] == frozenset({"assertionMethod", "authentication"})
    with pytest.raises(DIDResolutionError, match="not authorised for authentication") as info:
        doc.verification_method(f"{DID}#jwk", "authentication")
    assert info.value.kind is DIDResolutionErrorKind.NOT_FOUND
    with pytest.raises(ValueError, match="unknown verification relationship"):
        doc.verification_method(f"{DID}#k1", "assertion")


def test_two_methods_with_one_id_refused() -> None:
    data = _doc()
    data["assertionMethod"].append(
        {"id": "#k1", "type": "Multikey", "controller": DID, "publicKeyMultibase": ED.multibase}
    )
    with pytest.raises(DIDResolutionError, match="two different methods") as info:
        DIDDocument.from_json(data, expected_id=DID)
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID_DOCUMENT


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(verificationMethod={}),
        lambda d: d["verificationMethod"].append("#nope"),
        lambda d: d["verificationMethod"].append({"type": "Multikey"}),
    ],
)
def test_malformed_documents(mutate: Any) -> None:
    data = _doc()
    mutate(data)
    with pytest.raises(DIDResolutionError, match=r"^verificationMethod") as info:
        DIDDocument.from_json(data, expected_id=DID)
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID_DOCUMENT


def test_unusable_key_is_invalid_document() -> None:
    data = _doc()
    data["verificationMethod"][2]["publicKeyJwk"] = {**K1.jwk, "d": "AAAA"}
    doc = DIDDocument.from_json(data, expected_id=DID)
    with pytest.raises(DIDResolutionError, match="unusable key") as info:
        doc.verification_method(f"{DID}#k1", "assertionMethod")
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID_DOCUMENT


def test_document_is_a_snapshot() -> None:
    data = _doc()
    doc = DIDDocument.from_json(data, expected_id=DID)
    data["assertionMethod"].clear()
    data["verificationMethod"][2]["controller"] = "did:example:else"
    assert doc.verification_method(f"{DID}#k1", "assertionMethod").public_key == K1
    exported = doc.to_json()
    exported["id"] = "changed"
    assert doc.to_json()["id"] == DID


def test_https_controller_document_relative_ids() -> None:
    base = "https://example.edu/issuers/565049"
    data = {
        "id": base,
        "verificationMethod": [
            {
                "id": "#key-1",
                "type": "Multikey",
                "controller": base,
                "publicKeyMultibase": ED.multibase,
            }
        ],
        "assertionMethod": [f"{base}#key-1"],
    }
    doc = DIDDocument.from_json(data, expected_id=base)
    assert doc.verification_method(f"{base}#key-1", "assertionMethod").public_key == ED
