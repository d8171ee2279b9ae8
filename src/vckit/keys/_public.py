"""``PublicKey``: one verified-on-import public key, in every encoding the VC specs use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import base58

from vckit.errors import KeyFormatError, VerificationError
from vckit.keys._curve25519 import ed25519_public_to_x25519
from vckit.keys._registry import (
    AnySpec,
    decode_multikey,
    encode_multikey,
    spec_for,
    spec_for_jwk,
)
from vckit.keys._spec import PRIVATE_MEMBERS

_BASE58 = re.compile(r"[1-9A-HJ-NP-Za-km-z]+")
_MAX_BASE58_LENGTH = 128  # publicKeyBase58 only carries 32- or 33-byte keys
_BYTES = (bytes, bytearray)  # a tuple: ``bytes | bytearray`` builds a union on every call

# Legacy verification-method types: which key member each uses and which key type it must hold.
_LEGACY_TYPES: dict[str, tuple[frozenset[str], str]] = {
    "Ed25519VerificationKey2018": (frozenset({"publicKeyBase58"}), "Ed25519"),
    "Ed25519VerificationKey2020": (frozenset({"publicKeyMultibase"}), "Ed25519"),
    "X25519KeyAgreementKey2019": (frozenset({"publicKeyBase58"}), "X25519"),
    "X25519KeyAgreementKey2020": (frozenset({"publicKeyMultibase"}), "X25519"),
    "EcdsaSecp256k1VerificationKey2019": (
        frozenset({"publicKeyJwk", "publicKeyMultibase", "publicKeyBase58"}),
        "secp256k1",
    ),
}
_KEY_MEMBERS = frozenset({"publicKeyMultibase", "publicKeyJwk", "publicKeyBase58"})
_SECRET_VM_MEMBERS = frozenset(
    {"secretKeyMultibase", "privateKeyMultibase", "privateKeyJwk", "privateKeyBase58"}
)


class PublicKey:
    """An immutable public key; equal when the key type and raw bytes are equal.

    Build one with ``from_multibase``, ``from_jwk``, ``from_raw`` or
    ``from_verification_method``; each validates the key (length, curve membership, small
    order, RSA size) and raises ``KeyFormatError`` or ``UnsupportedAlgorithmError``.
    """

    __slots__ = ("_key", "_spec", "key_type", "raw")

    _spec: AnySpec
    _key: Any
    key_type: str
    raw: bytes

    def __init__(self, spec: AnySpec, key: Any, raw: bytes) -> None:
        """Internal: use the ``from_*`` constructors, which validate their input."""
        object.__setattr__(self, "_spec", spec)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "key_type", spec.key_type)
        object.__setattr__(self, "raw", bytes(raw))

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_raw(cls, key_type: str, raw: bytes) -> PublicKey:
        """Ed25519/X25519: 32 bytes; EC: compressed SEC1 point; RSA: PKCS#1 DER."""
        if not isinstance(raw, bytes | bytearray):
            raise TypeError("raw key must be bytes")
        spec = spec_for(key_type)
        return cls(spec, spec.load_public(bytes(raw)), raw)

    @classmethod
    def from_multibase(cls, value: str) -> PublicKey:
        """Import a Multikey ``publicKeyMultibase`` value (``z`` + base58btc)."""
        spec, raw = decode_multikey(value, private=False)
        return cls(spec, spec.load_public(raw), raw)

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> PublicKey:
        """Import a public JWK; a JWK carrying private members is refused."""
        spec = spec_for_jwk(jwk)
        secret = PRIVATE_MEMBERS & set(jwk)
        if secret:
            raise KeyFormatError(
                f"JWK has private members {sorted(secret)} where a public key was expected"
            )
        key = spec.load_public_jwk(jwk)
        return cls(spec, key, spec.public_raw(key))

    @classmethod
    def from_verification_method(cls, vm: Mapping[str, Any]) -> PublicKey:
        """Import the key of a verification method: Multikey, JsonWebKey(2020) or legacy types."""
        if not isinstance(vm, Mapping):
            raise KeyFormatError("a verification method must be a JSON object")
        vm_type = vm.get("type")
        present = _KEY_MEMBERS & set(vm)
        if _SECRET_VM_MEMBERS & set(vm):
            raise KeyFormatError("verification method carries secret key material")
        if len(present) != 1:
            raise KeyFormatError(
                "verification method must have exactly one of publicKeyMultibase, "
                "publicKeyJwk, publicKeyBase58"
            )
        (member,) = present
        key_type: str | None = None  # the key type a legacy method type fixes
        if vm_type == "Multikey":
            allowed = frozenset({"publicKeyMultibase"})
        elif vm_type in ("JsonWebKey", "JsonWebKey2020"):
            allowed = frozenset({"publicKeyJwk"})
        elif isinstance(vm_type, str) and vm_type in _LEGACY_TYPES:
            allowed, key_type = _LEGACY_TYPES[vm_type]
        else:
            raise KeyFormatError(f"unsupported verification method type {vm_type!r}")
        if member not in allowed:
            raise KeyFormatError(f"{vm_type} does not use {member}")
        value = vm[member]
        if member == "publicKeyMultibase":
            key = cls.from_multibase(value)
        elif member == "publicKeyJwk":
            key = cls.from_jwk(value)
        else:  # publicKeyBase58: only legacy types allow it, and each fixes the key type
            assert key_type is not None
            key = cls.from_raw(key_type, _decode_base58(value))
        if key_type is not None and key.key_type != key_type:
            raise KeyFormatError(f"{vm_type} must hold a {key_type} key, not {key.key_type}")
        return key

    # -- encodings ----------------------------------------------------------------------------

    @property
    def multibase(self) -> str:
        """The Multikey ``publicKeyMultibase`` value (also the did:key method-specific id)."""
        return encode_multikey(self._spec.public_code, self.raw)

    @property
    def jwk(self) -> dict[str, Any]:
        """A fresh public JWK dict (RFC 7517/7518/8037) with no private members."""
        return dict(self._spec.public_jwk(self._key))

    @property
    def algorithms(self) -> tuple[str, ...]:
        """The JOSE algorithms this key may verify; empty for X25519."""
        return self._spec.algorithms

    @property
    def default_algorithm(self) -> str:
        return self._spec.default_algorithm

    def to_verification_method(
        self, method_id: str, controller: str, *, type: str = "Multikey"
    ) -> dict[str, Any]:
        """A verification-method dict of ``type`` ``"Multikey"`` or ``"JsonWebKey"``."""
        if type == "Multikey":
            member: dict[str, Any] = {"publicKeyMultibase": self.multibase}
        elif type in ("JsonWebKey", "JsonWebKey2020"):
            member = {"publicKeyJwk": self.jwk}
        else:
            raise ValueError(f"unsupported verification method type {type!r}")
        return {"id": method_id, "type": type, "controller": controller, **member}

    # -- use ----------------------------------------------------------------------------------

    def verify(self, signature: bytes, data: bytes, *, algorithm: str | None = None) -> None:
        """Raise ``VerificationError`` unless ``signature`` over ``data`` is valid.

        ``algorithm`` defaults to the key's default; one the key may not use is a failure.
        """
        if not isinstance(signature, _BYTES) or not isinstance(data, _BYTES):
            raise TypeError("signature and data must be bytes")
        spec = self._spec
        alg = spec.default_algorithm if algorithm is None else algorithm
        if alg not in spec.algorithms:  # (the spec's, not through the two properties)
            raise VerificationError(f"a {self.key_type} key cannot verify {alg!r} signatures")
        spec.verify(self._key, bytes(signature), bytes(data), alg)

    def verifier(self, algorithm: str | None = None) -> LocalVerifier:
        """A ``Verifier`` bound to this key and one algorithm."""
        alg = self.default_algorithm if algorithm is None else algorithm
        if alg not in self.algorithms:
            raise ValueError(f"a {self.key_type} key cannot verify {alg!r} signatures")
        return LocalVerifier(self, alg)

    def to_x25519(self) -> PublicKey:
        """The X25519 key-agreement key of an Ed25519 key (as did:key derives it)."""
        if self.key_type != "Ed25519":
            raise ValueError(f"only Ed25519 keys convert to X25519, not {self.key_type}")
        return PublicKey.from_raw("X25519", ed25519_public_to_x25519(self.raw))

    # -- value semantics ----------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PublicKey):
            return NotImplemented
        return self.key_type == other.key_type and self.raw == other.raw

    def __hash__(self) -> int:
        return hash((self.key_type, self.raw))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as ``(key type, raw key)``; unpickling re-runs every import check."""
        return (PublicKey.from_raw, (self.key_type, self.raw))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PublicKey is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("PublicKey is immutable")

    def __repr__(self) -> str:
        mb = self.multibase
        shown = mb if len(mb) <= 60 else f"{mb[:48]}…"
        return f"PublicKey({self.key_type!r}, {shown!r})"


@dataclass(frozen=True)
class LocalVerifier:
    """The ``Verifier`` for an in-memory ``PublicKey``."""

    public_key: PublicKey
    algorithm: str

    @property
    def key_type(self) -> str:
        return self.public_key.key_type

    def verify(self, signature: bytes, data: bytes) -> None:
        self.public_key.verify(signature, data, algorithm=self.algorithm)


def _decode_base58(value: object) -> bytes:
    """Plain base58btc (no multibase prefix) as ``publicKeyBase58`` uses."""
    if not isinstance(value, str) or not value:
        raise KeyFormatError("publicKeyBase58 must be a non-empty string")
    if len(value) > _MAX_BASE58_LENGTH:
        raise KeyFormatError("publicKeyBase58 value is too long")
    if not _BASE58.fullmatch(value):
        raise KeyFormatError("publicKeyBase58 has characters outside base58btc")
    return base58.b58decode(value)


__all__ = ["LocalVerifier", "PublicKey"]
