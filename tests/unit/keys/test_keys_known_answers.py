"""Known-answer tests from RFCs and from the peer JS stack's key file."""

from __future__ import annotations

import json

import pytest
from tests.conftest import PEERS

from vckit import keys
from vckit._codec import base64url, multibase, multicodec
from vckit.errors import KeyFormatError
from vckit.keys import KeyPair, PublicKey

# RFC 8037 Appendix A.1-A.4
RFC8037_JWK = {
    "kty": "OKP",
    "crv": "Ed25519",
    "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
}
RFC8037_SIGNING_INPUT = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
RFC8037_SIGNATURE = (
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
)


def test_rfc8037_ed25519_signature() -> None:
    pair = KeyPair.from_jwk(RFC8037_JWK)
    assert pair.public_key.jwk == {k: RFC8037_JWK[k] for k in ("kty", "crv", "x")}
    signature = pair.sign(RFC8037_SIGNING_INPUT)
    assert base64url.encode(signature) == RFC8037_SIGNATURE
    pair.public_key.verify(signature, RFC8037_SIGNING_INPUT, algorithm="EdDSA")


def test_rfc7748_x25519_key_agreement() -> None:
    """RFC 7748 §6.1: Alice and Bob's keys and their shared secret."""
    alice = KeyPair.from_raw(
        "X25519", bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    )
    bob = KeyPair.from_raw(
        "X25519", bytes.fromhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
    )
    assert alice.public_key.raw.hex() == (
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    )
    shared = alice.exchange(bob.public_key)
    assert shared.hex() == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
    assert bob.exchange(alice.public_key) == shared


def test_multikey_spec_example_ed25519() -> None:
    """The did:key / Multikey prefix for Ed25519 is z6Mk and the raw key is 32 bytes."""
    key = keys.public_key_from_did_key("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
    assert key.key_type == "Ed25519"
    assert len(key.raw) == 32


def test_peer_issuer_key() -> None:
    path = PEERS / "keys" / "issuer_key.json"
    if not path.exists():
        pytest.skip(f"peer key not available: {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    # Digital Bazaar writes a 64-byte (seed || public) Ed25519 secretKeyMultibase.
    pair = KeyPair.from_multibase(data["secretKeyMultibase"], data["publicKeyMultibase"])
    assert pair.public_key.raw.hex() == data["publicKeyHex"]
    assert (
        pair.public_key == KeyPair.from_raw("Ed25519", bytes.fromhex(data["seed_hex"])).public_key
    )
    assert KeyPair.from_jwk(data["jwk"]).public_key == pair.public_key
    assert keys.public_key_from_did_key(data["verificationMethod"]) == pair.public_key
    # vckit writes the 32-byte seed form the Multikey spec defines, and reads its own output.
    assert len(multicodec.split(multibase.decode(pair.secret_multibase))[1]) == 32
    assert KeyPair.from_multibase(pair.secret_multibase).public_key == pair.public_key


def test_64_byte_ed25519_secret_with_wrong_public_half() -> None:
    pair, other = keys.generate("Ed25519"), keys.generate("Ed25519")
    seed = multicodec.split(multibase.decode(pair.secret_multibase))[1]
    bad = multibase.encode(
        multicodec.add_prefix(multicodec.ED25519_PRIV, seed + other.public_key.raw)
    )
    with pytest.raises(KeyFormatError, match="public half"):
        KeyPair.from_multibase(bad)


def test_legacy_verification_methods() -> None:
    seed_key = KeyPair.from_raw("Ed25519", bytes(32)).public_key
    base58_vm = {
        "id": "did:example:1#k",
        "type": "Ed25519VerificationKey2018",
        "controller": "did:example:1",
        "publicKeyBase58": "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS",
    }
    assert PublicKey.from_verification_method(base58_vm) == seed_key
    multibase_vm = {
        **{k: v for k, v in base58_vm.items() if k != "publicKeyBase58"},
        "type": "Ed25519VerificationKey2020",
        "publicKeyMultibase": seed_key.multibase,
    }
    assert PublicKey.from_verification_method(multibase_vm) == seed_key
    secp = keys.generate("secp256k1").public_key
    for member, value in (("publicKeyJwk", secp.jwk), ("publicKeyMultibase", secp.multibase)):
        vm = {"type": "EcdsaSecp256k1VerificationKey2019", "controller": "c", member: value}
        assert PublicKey.from_verification_method(vm) == secp


@pytest.mark.parametrize(
    "vm",
    [
        {"type": "Ed25519VerificationKey2018", "publicKeyMultibase": "z6Mk"},
        {"type": "RsaVerificationKey2018", "publicKeyPem": "-----BEGIN"},
        {"type": "Multikey"},
        {"type": "Multikey", "publicKeyMultibase": "z6Mk", "publicKeyJwk": {}},
        {"type": "JsonWebKey2020", "publicKeyMultibase": "z6Mk"},
    ],
)
def test_unusable_verification_methods(vm: dict[str, object]) -> None:
    with pytest.raises(KeyFormatError):
        PublicKey.from_verification_method(vm)


def test_to_verification_method() -> None:
    key = KeyPair.from_raw("Ed25519", bytes(32)).public_key
    vm = key.to_verification_method("did:example:1#k", "did:example:1")
    assert vm == {
        "id": "did:example:1#k",
        "type": "Multikey",
        "controller": "did:example:1",
        "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
    }
    jwk_vm = key.to_verification_method("did:example:1#k", "did:example:1", type="JsonWebKey")
    assert PublicKey.from_verification_method(jwk_vm) == key
