"""Signing and verification for every algorithm, and the shapes of the signatures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vckit import keys
from vckit.errors import UnsupportedAlgorithmError, VerificationError
from vckit.keys import KeyPair, Signer, Verifier

PAIRS = {kind: keys.generate(kind) for kind in keys.KEY_TYPES if kind != "X25519"}
CASES = [(kind, alg) for kind, pair in PAIRS.items() for alg in pair.public_key.algorithms]
SIGNATURE_LENGTH = {
    "EdDSA": 64,
    "ES256": 64,
    "ES256K": 64,
    "ES384": 96,
    **{f"{p}{n}": 256 for p in ("RS", "PS") for n in (256, 384, 512)},
}
ORDERS = {
    "ES256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "ES256K": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,
}


def test_algorithms_and_defaults() -> None:
    assert PAIRS["Ed25519"].public_key.algorithms == ("EdDSA",)
    assert PAIRS["P-256"].public_key.algorithms == ("ES256",)
    assert PAIRS["P-384"].public_key.algorithms == ("ES384",)
    assert PAIRS["secp256k1"].public_key.algorithms == ("ES256K",)
    assert PAIRS["RSA"].public_key.algorithms == (
        "RS256",
        "RS384",
        "RS512",
        "PS256",
        "PS384",
        "PS512",
    )
    assert PAIRS["RSA"].public_key.default_algorithm == "RS256"
    assert keys.generate("X25519").public_key.algorithms == ()


@pytest.mark.parametrize(("kind", "alg"), CASES)
def test_sign_then_verify(kind: str, alg: str) -> None:
    pair = PAIRS[kind]
    signature = pair.sign(b"payload", algorithm=alg)
    assert len(signature) == SIGNATURE_LENGTH[alg]
    pair.public_key.verify(signature, b"payload", algorithm=alg)
    expected = f"{'Ed25519' if alg == 'EdDSA' else alg} signature does not verify"
    with pytest.raises(VerificationError, match=expected):
        pair.public_key.verify(signature, b"payload!", algorithm=alg)
    tampered = bytes([signature[0] ^ 1]) + signature[1:]
    with pytest.raises(VerificationError, match=expected):
        pair.public_key.verify(tampered, b"payload", algorithm=alg)


def test_ed25519_signature_is_deterministic() -> None:
    pair = PAIRS["Ed25519"]
    assert pair.sign(b"x") == pair.sign(b"x")


@pytest.mark.parametrize("alg", ["ES256", "ES256K"])
@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=64))
def test_ecdsa_signatures_are_low_s(alg: str, data: bytes) -> None:
    pair = PAIRS["P-256" if alg == "ES256" else "secp256k1"]
    signature = pair.sign(data)
    s = int.from_bytes(signature[32:], "big")
    assert 0 < s <= ORDERS[alg] // 2
    pair.public_key.verify(signature, data)


def test_ecdsa_high_s_form_still_verifies() -> None:
    """Verification follows JOSE: both S forms are valid; only signing normalises."""
    pair = PAIRS["P-256"]
    signature = pair.sign(b"m")
    r, s = signature[:32], int.from_bytes(signature[32:], "big")
    high = r + (ORDERS["ES256"] - s).to_bytes(32, "big")
    pair.public_key.verify(high, b"m")


def test_ecdsa_der_signature_is_rejected() -> None:
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    pair = PAIRS["P-256"]
    signature = pair.sign(b"m")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    with pytest.raises(VerificationError, match="P1363"):
        pair.public_key.verify(der, b"m")


def test_ecdsa_zero_r_is_rejected() -> None:
    with pytest.raises(VerificationError, match="out of range"):
        PAIRS["P-256"].public_key.verify(bytes(64), b"m")


def test_wrong_algorithm_for_key() -> None:
    pair = PAIRS["Ed25519"]
    with pytest.raises(
        UnsupportedAlgorithmError, match="a Ed25519 key signs with EdDSA, not 'ES256'"
    ):
        pair.sign(b"m", algorithm="ES256")
    with pytest.raises(VerificationError, match="a Ed25519 key cannot verify 'ES256' signatures"):
        pair.public_key.verify(pair.sign(b"m"), b"m", algorithm="ES256")
    with pytest.raises(VerificationError, match="a Ed25519 key cannot verify 'none' signatures"):
        pair.public_key.verify(pair.sign(b"m"), b"m", algorithm="none")


def test_p256_signature_does_not_verify_under_p384_key() -> None:
    signature = PAIRS["P-256"].sign(b"m")
    with pytest.raises(VerificationError, match=r"ES384 signature must be 96 bytes"):
        PAIRS["P-384"].public_key.verify(signature, b"m")


def test_x25519_cannot_sign_or_verify() -> None:
    pair = keys.generate("X25519")
    with pytest.raises(UnsupportedAlgorithmError, match="X25519 keys cannot sign"):
        pair.sign(b"m")
    with pytest.raises(UnsupportedAlgorithmError, match="X25519 keys cannot sign"):
        pair.signer("did:example:1#k")
    with pytest.raises(VerificationError, match="a X25519 key cannot verify 'ECDH-ES' signatures"):
        pair.public_key.verify(bytes(64), b"m")


def test_x25519_key_agreement() -> None:
    alice, bob = keys.generate("X25519"), keys.generate("X25519")
    shared = alice.exchange(bob.public_key)
    assert shared == bob.exchange(alice.public_key)
    assert len(shared) == 32


def test_signer_protocol() -> None:
    pair = PAIRS["P-384"]
    signer = pair.signer("did:example:issuer#key-1")
    assert isinstance(signer, Signer)
    assert (signer.key_type, signer.algorithm, signer.verification_method) == (
        "P-384",
        "ES384",
        "did:example:issuer#key-1",
    )
    pair.public_key.verify(signer.sign(b"doc"), b"doc")
    ps = PAIRS["RSA"].signer("did:example:issuer#rsa", algorithm="PS256")
    PAIRS["RSA"].public_key.verify(ps.sign(b"doc"), b"doc", algorithm="PS256")


def test_verifier_protocol() -> None:
    pair = PAIRS["Ed25519"]
    verifier = pair.public_key.verifier()
    assert isinstance(verifier, Verifier)
    assert (verifier.key_type, verifier.algorithm) == ("Ed25519", "EdDSA")
    verifier.verify(pair.sign(b"doc"), b"doc")
    with pytest.raises(VerificationError, match="Ed25519 signature does not verify"):
        verifier.verify(pair.sign(b"doc"), b"other")


def test_a_custom_signer_satisfies_the_protocol() -> None:
    """A KMS/HSM integration only needs these four members."""
    inner = PAIRS["Ed25519"]

    class RemoteSigner:
        key_type = "Ed25519"
        algorithm = "EdDSA"
        verification_method = "did:example:kms#1"

        def sign(self, data: bytes) -> bytes:
            return inner.sign(data)

    assert isinstance(RemoteSigner(), Signer)


def test_generate_rejects_unknown_kind_and_bad_rsa_size() -> None:
    with pytest.raises(UnsupportedAlgorithmError, match="unsupported key type 'P-521'"):
        keys.generate("P-521")
    with pytest.raises(ValueError, match="rsa_bits"):
        keys.generate("RSA", rsa_bits=1024)


def test_type_errors_for_non_bytes() -> None:
    pair = PAIRS["Ed25519"]
    with pytest.raises(TypeError, match="data must be bytes"):
        pair.sign("text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="signature and data must be bytes"):
        pair.public_key.verify("sig", b"m")  # type: ignore[arg-type]


def test_keypair_from_raw_seed() -> None:
    seed = bytes(32)
    pair = KeyPair.from_raw("Ed25519", seed)
    # did:key test vector for the all-zero seed
    assert pair.public_key.multibase == "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
