"""Keys of the wrong length are refused, in every encoding."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit._codec import base64url, multibase, multicodec
from vckit.errors import KeyFormatError
from vckit.keys import KeyPair, PublicKey

PUBLIC_CODES = {
    "Ed25519": multicodec.ED25519_PUB,
    "X25519": multicodec.X25519_PUB,
    "P-256": multicodec.P256_PUB,
    "P-384": multicodec.P384_PUB,
    "secp256k1": multicodec.SECP256K1_PUB,
}
PRIVATE_CODES = {
    "Ed25519": multicodec.ED25519_PRIV,
    "X25519": multicodec.X25519_PRIV,
    "P-256": multicodec.P256_PRIV,
    "P-384": multicodec.P384_PRIV,
    "secp256k1": multicodec.SECP256K1_PRIV,
}
PAIRS = {kind: keys.generate(kind) for kind in PUBLIC_CODES}


@pytest.mark.parametrize("kind", list(PUBLIC_CODES))
@pytest.mark.parametrize("change", ["truncate", "extend", "empty"])
def test_public_multikey_with_wrong_length(kind: str, change: str) -> None:
    raw = PAIRS[kind].public_key.raw
    bad = {"truncate": raw[:-1], "extend": raw + b"\x00", "empty": b""}[change]
    value = multibase.encode(multicodec.add_prefix(PUBLIC_CODES[kind], bad))
    expected = (
        f"{kind} public key must be 32 bytes, not {len(bad)}"
        if kind in ("Ed25519", "X25519")
        else f"{kind} public key must be a {len(raw)}-byte compressed point"
    )
    with pytest.raises(KeyFormatError, match=f"^{expected}$"):
        PublicKey.from_multibase(value)
    with pytest.raises(KeyFormatError, match=f"^{expected}$"):
        PublicKey.from_raw(kind, bad)


@pytest.mark.parametrize("kind", list(PRIVATE_CODES))
def test_secret_multikey_with_wrong_length(kind: str) -> None:
    secret = multicodec.split(multibase.decode(PAIRS[kind].secret_multibase))[1]
    value = multibase.encode(multicodec.add_prefix(PRIVATE_CODES[kind], secret + b"\x01"))
    with pytest.raises(
        KeyFormatError,
        match=f"^{kind} secret key must be (a {len(secret)}-byte seed|{len(secret)} bytes)",
    ):
        KeyPair.from_multibase(value)


@pytest.mark.parametrize("kind", ["Ed25519", "X25519", "P-256", "P-384", "secp256k1"])
def test_jwk_coordinate_with_wrong_length(kind: str) -> None:
    jwk = PAIRS[kind].public_key.jwk
    jwk["x"] = base64url.encode(base64url.decode(jwk["x"])[1:])
    with pytest.raises(KeyFormatError, match="bytes"):
        PublicKey.from_jwk(jwk)


def test_uncompressed_ec_point_is_not_the_raw_form() -> None:
    """Multikey EC keys are compressed points; the 65-byte uncompressed form is refused."""
    jwk = PAIRS["P-256"].public_key.jwk
    point = b"\x04" + base64url.decode(jwk["x"]) + base64url.decode(jwk["y"])
    with pytest.raises(KeyFormatError, match="compressed"):
        PublicKey.from_raw("P-256", point)


def test_legacy_base58_with_wrong_length() -> None:
    import base58

    vm = {
        "id": "did:example:1#k",
        "type": "Ed25519VerificationKey2018",
        "controller": "did:example:1",
        "publicKeyBase58": base58.b58encode(PAIRS["Ed25519"].public_key.raw[:31]).decode(),
    }
    with pytest.raises(KeyFormatError, match="32 bytes"):
        PublicKey.from_verification_method(vm)


def test_oversized_multikey_is_refused_before_decoding() -> None:
    with pytest.raises(KeyFormatError, match="longer than"):
        PublicKey.from_multibase("z" + "2" * 200_000)
