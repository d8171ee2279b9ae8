"""ECDSA keys (RFC 7518 §3.4, RFC 8812): P-256, P-384 and secp256k1.

Signatures are IEEE P1363 ``r || s`` with fixed-length halves, as JOSE and Data Integrity use;
DER is refused. Signing normalises to low-S so every signature vckit makes has one form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from vckit._codec import base64url
from vckit._codec import multicodec as mc
from vckit.errors import KeyFormatError, VerificationError
from vckit.keys._spec import KeySpec, jwk_bytes

_X962 = serialization.Encoding.X962
_COMPRESSED = serialization.PublicFormat.CompressedPoint


class ECSpec(KeySpec[ec.EllipticCurvePublicKey, ec.EllipticCurvePrivateKey]):
    """One short-Weierstrass curve; subclasses fill in the constants."""

    curve: ec.EllipticCurve
    size: int  # bytes per coordinate and per signature half
    order: int
    hash: type[hashes.HashAlgorithm]
    jwk_public_members = frozenset({"x", "y"})
    jwk_private_members = frozenset({"d"})

    def load_public(self, raw: bytes) -> ec.EllipticCurvePublicKey:
        if len(raw) != 1 + self.size or raw[0] not in (2, 3):
            raise KeyFormatError(
                f"{self.key_type} public key must be a {1 + self.size}-byte compressed point"
            )
        return self._from_point(raw)

    def _from_point(self, point: bytes) -> ec.EllipticCurvePublicKey:
        try:
            return ec.EllipticCurvePublicKey.from_encoded_point(self.curve, point)
        except ValueError:
            raise KeyFormatError(f"{self.key_type} public key is not on the curve") from None

    def public_raw(self, key: ec.EllipticCurvePublicKey) -> bytes:
        return key.public_bytes(_X962, _COMPRESSED)

    def load_private(self, raw: bytes) -> ec.EllipticCurvePrivateKey:
        if len(raw) != self.size:
            raise KeyFormatError(f"{self.key_type} secret key must be {self.size} bytes")
        scalar = int.from_bytes(raw, "big")
        if not 0 < scalar < self.order:
            raise KeyFormatError(f"{self.key_type} secret scalar is out of range")
        return ec.derive_private_key(scalar, self.curve)

    def private_raw(self, key: ec.EllipticCurvePrivateKey) -> bytes:
        return key.private_numbers().private_value.to_bytes(self.size, "big")

    def public_of(self, key: ec.EllipticCurvePrivateKey) -> ec.EllipticCurvePublicKey:
        return key.public_key()

    def generate(self, rsa_bits: int) -> ec.EllipticCurvePrivateKey:
        return ec.generate_private_key(self.curve)

    def public_jwk(self, key: ec.EllipticCurvePublicKey) -> dict[str, str]:
        numbers = key.public_numbers()
        return {
            "kty": "EC",
            "crv": self.key_type,
            "x": base64url.encode(numbers.x.to_bytes(self.size, "big")),
            "y": base64url.encode(numbers.y.to_bytes(self.size, "big")),
        }

    def load_public_jwk(self, jwk: Mapping[str, Any]) -> ec.EllipticCurvePublicKey:
        x = jwk_bytes(jwk, "x", self.size)
        y = jwk_bytes(jwk, "y", self.size)
        return self._from_point(b"\x04" + x + y)

    def private_jwk_members(self, key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
        return {"d": base64url.encode(self.private_raw(key))}

    def load_private_jwk(self, jwk: Mapping[str, Any]) -> ec.EllipticCurvePrivateKey:
        key = self.load_private(jwk_bytes(jwk, "d", self.size))
        if key.public_key().public_numbers() != self.load_public_jwk(jwk).public_numbers():
            raise KeyFormatError("JWK 'x'/'y' do not match the private key 'd'")
        return key

    def sign(self, key: ec.EllipticCurvePrivateKey, data: bytes, algorithm: str) -> bytes:
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(self.hash())))
        if s > self.order // 2:
            s = self.order - s
        return r.to_bytes(self.size, "big") + s.to_bytes(self.size, "big")

    def verify(
        self, key: ec.EllipticCurvePublicKey, signature: bytes, data: bytes, algorithm: str
    ) -> None:
        if len(signature) != 2 * self.size:
            raise VerificationError(
                f"{algorithm} signature must be {2 * self.size} bytes (IEEE P1363 r||s)"
            )
        r = int.from_bytes(signature[: self.size], "big")
        s = int.from_bytes(signature[self.size :], "big")
        if not (0 < r < self.order and 0 < s < self.order):
            raise VerificationError(f"{algorithm} signature values are out of range")
        try:
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(self.hash()))
        except InvalidSignature:
            raise VerificationError(f"{algorithm} signature does not verify") from None


class P256Spec(ECSpec):
    key_type = "P-256"
    public_code = mc.P256_PUB
    private_code = mc.P256_PRIV
    algorithms = ("ES256",)
    default_algorithm = "ES256"
    curve = ec.SECP256R1()
    size = 32
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    hash = hashes.SHA256


class P384Spec(ECSpec):
    key_type = "P-384"
    public_code = mc.P384_PUB
    private_code = mc.P384_PRIV
    algorithms = ("ES384",)
    default_algorithm = "ES384"
    curve = ec.SECP384R1()
    size = 48
    order = int(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
        "C7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        16,
    )
    hash = hashes.SHA384


class Secp256k1Spec(ECSpec):
    key_type = "secp256k1"
    public_code = mc.SECP256K1_PUB
    private_code = mc.SECP256K1_PRIV
    algorithms = ("ES256K",)
    default_algorithm = "ES256K"
    curve = ec.SECP256K1()
    size = 32
    order = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
    hash = hashes.SHA256
