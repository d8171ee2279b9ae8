"""Octet key pairs (RFC 8037): Ed25519 for signatures, X25519 for key agreement only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from vckit._codec import base64url
from vckit._codec import multicodec as mc
from vckit.errors import KeyFormatError, UnsupportedAlgorithmError, VerificationError
from vckit.keys._curve25519 import (
    ED25519_SMALL_ORDER,
    ed25519_is_canonical_point,
    x25519_is_acceptable,
)
from vckit.keys._spec import KeySpec, jwk_bytes

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()


class Ed25519Spec(KeySpec[ed25519.Ed25519PublicKey, ed25519.Ed25519PrivateKey]):
    key_type = "Ed25519"
    public_code = mc.ED25519_PUB
    private_code = mc.ED25519_PRIV
    algorithms = ("EdDSA",)
    default_algorithm = "EdDSA"
    jwk_public_members = frozenset({"x"})
    jwk_private_members = frozenset({"d"})

    def load_public(self, raw: bytes) -> ed25519.Ed25519PublicKey:
        if len(raw) != 32:
            raise KeyFormatError(f"Ed25519 public key must be 32 bytes, not {len(raw)}")
        if raw in ED25519_SMALL_ORDER:
            raise KeyFormatError("Ed25519 public key is a small-order point")
        if not ed25519_is_canonical_point(raw):
            raise KeyFormatError("Ed25519 public key is not a canonical curve point")
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)

    def public_raw(self, key: ed25519.Ed25519PublicKey) -> bytes:
        return key.public_bytes(_RAW, _RAW_PUB)

    def load_private(self, raw: bytes) -> ed25519.Ed25519PrivateKey:
        # 32 bytes is the seed (Multikey, RFC 8032); 64 bytes is seed || public key, the
        # libsodium layout that Digital Bazaar's ed25519-multikey writes to secretKeyMultibase.
        if len(raw) not in (32, 64):
            raise KeyFormatError(f"Ed25519 secret key must be a 32-byte seed, not {len(raw)}")
        key = ed25519.Ed25519PrivateKey.from_private_bytes(raw[:32])
        if len(raw) == 64 and self.public_raw(key.public_key()) != raw[32:]:
            raise KeyFormatError("Ed25519 secret key's public half does not match its seed")
        return key

    def private_raw(self, key: ed25519.Ed25519PrivateKey) -> bytes:
        return key.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)

    def public_of(self, key: ed25519.Ed25519PrivateKey) -> ed25519.Ed25519PublicKey:
        return key.public_key()

    def generate(self, rsa_bits: int) -> ed25519.Ed25519PrivateKey:
        return ed25519.Ed25519PrivateKey.generate()

    def public_jwk(self, key: ed25519.Ed25519PublicKey) -> dict[str, str]:
        return {"kty": "OKP", "crv": "Ed25519", "x": base64url.encode(self.public_raw(key))}

    def load_public_jwk(self, jwk: Mapping[str, Any]) -> ed25519.Ed25519PublicKey:
        return self.load_public(jwk_bytes(jwk, "x", 32))

    def private_jwk_members(self, key: ed25519.Ed25519PrivateKey) -> dict[str, str]:
        return {"d": base64url.encode(self.private_raw(key))}

    def load_private_jwk(self, jwk: Mapping[str, Any]) -> ed25519.Ed25519PrivateKey:
        key = self.load_private(jwk_bytes(jwk, "d", 32))
        if self.public_raw(key.public_key()) != jwk_bytes(jwk, "x", 32):
            raise KeyFormatError("JWK 'x' does not match the private key 'd'")
        return key

    def sign(self, key: ed25519.Ed25519PrivateKey, data: bytes, algorithm: str) -> bytes:
        return key.sign(data)

    def verify(
        self, key: ed25519.Ed25519PublicKey, signature: bytes, data: bytes, algorithm: str
    ) -> None:
        if len(signature) != 64:
            raise VerificationError("Ed25519 signature must be 64 bytes")
        try:
            key.verify(signature, data)
        except InvalidSignature:
            raise VerificationError("Ed25519 signature does not verify") from None


class X25519Spec(KeySpec[x25519.X25519PublicKey, x25519.X25519PrivateKey]):
    key_type = "X25519"
    public_code = mc.X25519_PUB
    private_code = mc.X25519_PRIV
    algorithms = ()
    default_algorithm = "ECDH-ES"
    jwk_public_members = frozenset({"x"})
    jwk_private_members = frozenset({"d"})

    def load_public(self, raw: bytes) -> x25519.X25519PublicKey:
        if len(raw) != 32:
            raise KeyFormatError(f"X25519 public key must be 32 bytes, not {len(raw)}")
        if not x25519_is_acceptable(raw):
            raise KeyFormatError("X25519 public key is non-canonical or of small order")
        return x25519.X25519PublicKey.from_public_bytes(raw)

    def public_raw(self, key: x25519.X25519PublicKey) -> bytes:
        return key.public_bytes(_RAW, _RAW_PUB)

    def load_private(self, raw: bytes) -> x25519.X25519PrivateKey:
        if len(raw) != 32:
            raise KeyFormatError(f"X25519 secret key must be 32 bytes, not {len(raw)}")
        return x25519.X25519PrivateKey.from_private_bytes(raw)

    def private_raw(self, key: x25519.X25519PrivateKey) -> bytes:
        return key.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)

    def public_of(self, key: x25519.X25519PrivateKey) -> x25519.X25519PublicKey:
        return key.public_key()

    def generate(self, rsa_bits: int) -> x25519.X25519PrivateKey:
        return x25519.X25519PrivateKey.generate()

    def public_jwk(self, key: x25519.X25519PublicKey) -> dict[str, str]:
        return {"kty": "OKP", "crv": "X25519", "x": base64url.encode(self.public_raw(key))}

    def load_public_jwk(self, jwk: Mapping[str, Any]) -> x25519.X25519PublicKey:
        return self.load_public(jwk_bytes(jwk, "x", 32))

    def private_jwk_members(self, key: x25519.X25519PrivateKey) -> dict[str, str]:
        return {"d": base64url.encode(self.private_raw(key))}

    def load_private_jwk(self, jwk: Mapping[str, Any]) -> x25519.X25519PrivateKey:
        key = self.load_private(jwk_bytes(jwk, "d", 32))
        if self.public_raw(key.public_key()) != jwk_bytes(jwk, "x", 32):
            raise KeyFormatError("JWK 'x' does not match the private key 'd'")
        return key

    def sign(self, key: x25519.X25519PrivateKey, data: bytes, algorithm: str) -> bytes:
        raise UnsupportedAlgorithmError("X25519 keys are for key agreement only; they cannot sign")

    def verify(
        self, key: x25519.X25519PublicKey, signature: bytes, data: bytes, algorithm: str
    ) -> None:
        raise VerificationError("X25519 keys are for key agreement only; they cannot verify")
