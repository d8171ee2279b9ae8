"""A Multikey whose multicodec header is not a supported public-key code is refused."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit._codec import multibase, multicodec
from vckit.errors import KeyFormatError, UnsupportedAlgorithmError
from vckit.keys import KeyPair, PublicKey

ED = keys.generate("Ed25519")


def multikey(code: int, payload: bytes) -> str:
    return multibase.encode(multicodec.add_prefix(code, payload))


def test_secret_key_header_in_public_key_position() -> None:
    secret = ED.secret_multibase
    with pytest.raises(KeyFormatError, match="secret key"):
        PublicKey.from_multibase(secret)


def test_public_key_header_in_secret_key_position() -> None:
    with pytest.raises(KeyFormatError, match="public key"):
        KeyPair.from_multibase(ED.public_key.multibase)


@pytest.mark.parametrize("code", [0x00, 0x55, 0x12, 0x70, 0x1210])
def test_unknown_codec(code: int) -> None:
    with pytest.raises(KeyFormatError, match="not a supported key type"):
        PublicKey.from_multibase(multikey(code, ED.public_key.raw))


@pytest.mark.parametrize(
    ("code", "name"),
    [
        (multicodec.P521_PUB, "P-521"),
        (multicodec.ED448_PUB, "Ed448"),
        (multicodec.BLS12_381_G1G2_PUB, "BLS12-381"),
    ],
)
def test_known_but_unsupported_key_codec(code: int, name: str) -> None:
    with pytest.raises(UnsupportedAlgorithmError, match=name):
        PublicKey.from_multibase(multikey(code, b"\x02" + bytes(66)))


def test_non_minimal_varint_header() -> None:
    value = multibase.encode(b"\xed\x81\x00" + ED.public_key.raw)
    with pytest.raises(KeyFormatError, match="multicodec"):
        PublicKey.from_multibase(value)


def test_header_of_another_key_type() -> None:
    """Ed25519 bytes under the P-256 header fail the P-256 length and point checks."""
    with pytest.raises(KeyFormatError, match="P-256 public key must be a 33-byte compressed point"):
        PublicKey.from_multibase(multikey(multicodec.P256_PUB, ED.public_key.raw))


def test_non_base58btc_multikey() -> None:
    value = multibase.encode(multicodec.add_prefix(0xED, ED.public_key.raw), "base64url")
    with pytest.raises(KeyFormatError, match="base58btc"):
        PublicKey.from_multibase(value)


def test_verification_method_type_must_match_key_type() -> None:
    p256 = keys.generate("P-256").public_key
    vm = {
        "id": "did:example:1#k",
        "type": "Ed25519VerificationKey2020",
        "controller": "did:example:1",
        "publicKeyMultibase": p256.multibase,
    }
    with pytest.raises(KeyFormatError, match="must hold a Ed25519 key"):
        PublicKey.from_verification_method(vm)


def test_secret_multibase_must_match_public_multibase() -> None:
    other = keys.generate("Ed25519").public_key.multibase
    with pytest.raises(KeyFormatError, match="does not match"):
        KeyPair.from_multibase(ED.secret_multibase, other)
