"""did:key / did:jwk documents, did:web URL mapping, and the publishing helpers."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit.dids import (
    DIDDocument,
    did_jwk,
    did_key,
    did_key_document,
    did_web_document,
    did_web_url,
)
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind

ED = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
ED_X = "z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW"


def test_did_key_ed25519_multikey_document() -> None:
    doc = did_key_document(ED)
    key_id = f"{ED}#{ED.split(':')[-1]}"
    assert doc["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert doc["verificationMethod"] == [
        {
            "id": key_id,
            "type": "Multikey",
            "controller": ED,
            "publicKeyMultibase": ED.split(":")[-1],
        },
        {"id": f"{ED}#{ED_X}", "type": "Multikey", "controller": ED, "publicKeyMultibase": ED_X},
    ]
    for relationship in (
        "authentication",
        "assertionMethod",
        "capabilityInvocation",
        "capabilityDelegation",
    ):
        assert doc[relationship] == [key_id]
    assert doc["keyAgreement"] == [f"{ED}#{ED_X}"]


def test_did_key_legacy_2020_form() -> None:
    doc = did_key_document(ED, legacy=True)
    assert [m["type"] for m in doc["verificationMethod"]] == [
        "Ed25519VerificationKey2020",
        "X25519KeyAgreementKey2020",
    ]
    assert doc["@context"][1:] == [
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "https://w3id.org/security/suites/x25519-2020/v1",
    ]


@pytest.mark.parametrize("kind", ["P-256", "P-384", "secp256k1"])
def test_did_key_ecdsa_round_trip(kind: str) -> None:
    public = keys.generate(kind).public_key
    did = did_key(public)
    doc = DIDDocument.from_json(did_key_document(did), expected_id=did)
    method = doc.verification_method(f"{did}#{public.multibase}", "assertionMethod")
    assert method.public_key == public
    assert doc.verification_method(method.id, "keyAgreement").public_key == public


def test_legacy_form_only_for_25519() -> None:
    did = did_key(keys.generate("P-256").public_key)
    with pytest.raises(DIDResolutionError, match="no 2020 suite form for P-256 keys") as info:
        did_key_document(did, legacy=True)
    assert info.value.kind is DIDResolutionErrorKind.REPRESENTATION_NOT_SUPPORTED


def test_did_jwk_round_trip_and_use() -> None:
    public = keys.generate("P-256").public_key
    did = did_jwk(public)
    assert did.startswith("did:jwk:eyJ")
    from vckit.dids import DID, JwkMethod

    doc = JwkMethod().document(DID.parse(did))
    assert doc is not None
    assert doc["verificationMethod"][0]["id"] == f"{did}#0"
    assert doc["assertionMethod"] == [f"{did}#0"]
    signing_only = JwkMethod().document(DID.parse(did_jwk(public, use="sig")))
    assert signing_only is not None
    assert "keyAgreement" not in signing_only
    enc_only = JwkMethod().document(DID.parse(did_jwk(public, use="enc")))
    assert enc_only is not None
    assert "assertionMethod" not in enc_only
    assert enc_only["keyAgreement"] == [enc_only["id"] + "#0"]


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"),
        ("did:web:Example.COM", "https://example.com/.well-known/did.json"),
        ("did:web:www.credly.com:users:a-b_c.d", "https://www.credly.com/users/a-b_c.d/did.json"),
    ],
)
def test_did_web_url(did: str, url: str) -> None:
    assert did_web_url(did) == url


def test_did_web_document_for_a_key_set() -> None:
    one, two = keys.generate("Ed25519").public_key, keys.generate("P-256").public_key
    doc = did_web_document("did:web:issuer.example", [one, two])
    ids = ["did:web:issuer.example#key-1", "did:web:issuer.example#key-2"]
    assert [m["id"] for m in doc["verificationMethod"]] == ids
    assert doc["assertionMethod"] == ids
    assert doc["authentication"] == ids
    parsed = DIDDocument.from_json(doc, expected_id="did:web:issuer.example")
    assert parsed.verification_method(ids[1], "assertionMethod").public_key == two
    named = did_web_document(
        "did:web:issuer.example", {"main": one}, relationships=["assertionMethod"]
    )
    assert named["assertionMethod"] == ["did:web:issuer.example#main"]
    assert "authentication" not in named
