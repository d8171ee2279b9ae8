"""Multicodec headers: an unsigned-varint code in front of key bytes (Multikey, did:key).

Only the key codes vckit understands are named here; ``split`` parses any minimal varint so the
caller can report exactly which code it did not expect.
"""

from __future__ import annotations

from vckit.errors import ParseError

__all__ = [
    "BLS12_381_G1G2_PUB",
    "BLS12_381_G1_PUB",
    "BLS12_381_G2_PUB",
    "ED448_PUB",
    "ED25519_PRIV",
    "ED25519_PUB",
    "NAMES",
    "P256_PRIV",
    "P256_PUB",
    "P384_PRIV",
    "P384_PUB",
    "P521_PUB",
    "RSA_PRIV",
    "RSA_PUB",
    "SECP256K1_PRIV",
    "SECP256K1_PUB",
    "X448_PUB",
    "X25519_PRIV",
    "X25519_PUB",
    "add_prefix",
    "split",
]

# Codes from the multicodec table (https://github.com/multiformats/multicodec, table.csv).
ED25519_PUB = 0xED
X25519_PUB = 0xEC
SECP256K1_PUB = 0xE7
BLS12_381_G1_PUB = 0xEA
BLS12_381_G2_PUB = 0xEB
BLS12_381_G1G2_PUB = 0xEE
P256_PUB = 0x1200
P384_PUB = 0x1201
P521_PUB = 0x1202
ED448_PUB = 0x1203
X448_PUB = 0x1204
RSA_PUB = 0x1205
ED25519_PRIV = 0x1300
SECP256K1_PRIV = 0x1301
X25519_PRIV = 0x1302
RSA_PRIV = 0x1305
P256_PRIV = 0x1306
P384_PRIV = 0x1307

NAMES: dict[int, str] = {
    ED25519_PUB: "ed25519-pub",
    X25519_PUB: "x25519-pub",
    SECP256K1_PUB: "secp256k1-pub",
    BLS12_381_G1_PUB: "bls12_381-g1-pub",
    BLS12_381_G2_PUB: "bls12_381-g2-pub",
    BLS12_381_G1G2_PUB: "bls12_381-g1g2-pub",
    P256_PUB: "p256-pub",
    P384_PUB: "p384-pub",
    P521_PUB: "p521-pub",
    ED448_PUB: "ed448-pub",
    X448_PUB: "x448-pub",
    RSA_PUB: "rsa-pub",
    ED25519_PRIV: "ed25519-priv",
    SECP256K1_PRIV: "secp256k1-priv",
    X25519_PRIV: "x25519-priv",
    RSA_PRIV: "rsa-priv",
    P256_PRIV: "p256-priv",
    P384_PRIV: "p384-priv",
}


def add_prefix(code: int, data: bytes) -> bytes:
    """Return ``data`` with the varint header of ``code`` in front."""
    if code < 0:
        raise ValueError("multicodec code must be non-negative")
    from multiformats import varint  # imported on use: its codec table costs ~70 ms at start

    return bytes(varint.encode(code)) + bytes(data)


def split(data: bytes) -> tuple[int, bytes]:
    """Split a multicodec-prefixed value into its code and payload (``ParseError`` if malformed)."""
    from multiformats import varint  # imported on use: its codec table costs ~70 ms at start

    try:
        code, _, rest = varint.decode_raw(bytes(data))
    except (ValueError, TypeError) as exc:
        raise ParseError(f"invalid multicodec header: {exc}") from None
    return int(code), bytes(rest)
