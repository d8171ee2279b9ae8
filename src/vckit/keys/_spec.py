"""What every key type must provide, and the shared JWK member helpers.

``PublicKey`` and ``KeyPair`` are thin, type-independent wrappers; each key type is one
``KeySpec`` subclass that does the cryptography calls and turns their exceptions into
``vckit.errors`` types, so nothing from ``cryptography`` escapes this package.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from vckit._codec import base64url
from vckit.errors import KeyFormatError, ParseError

Pub = TypeVar("Pub")
Priv = TypeVar("Priv")

#: Every JWK member that carries key material, public or private (RFC 7518 §6, RFC 8037 §2).
KEY_MATERIAL_MEMBERS = frozenset({"x", "y", "n", "e", "d", "p", "q", "dp", "dq", "qi", "oth", "k"})
#: Members whose presence means "this JWK holds a secret".
PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})


class KeySpec(ABC, Generic[Pub, Priv]):
    """One key type: encodings, JWK members, generation, signing and verification."""

    key_type: ClassVar[str]
    public_code: ClassVar[int]
    private_code: ClassVar[int]
    algorithms: ClassVar[tuple[str, ...]]
    default_algorithm: ClassVar[str]
    jwk_public_members: ClassVar[frozenset[str]]
    jwk_private_members: ClassVar[frozenset[str]]

    @abstractmethod
    def load_public(self, raw: bytes) -> Pub:
        """Validate and load the raw public encoding; ``KeyFormatError`` if unacceptable."""

    @abstractmethod
    def public_raw(self, key: Pub) -> bytes: ...

    @abstractmethod
    def load_private(self, raw: bytes) -> Priv:
        """Validate and load the raw secret encoding; ``KeyFormatError`` if unacceptable."""

    @abstractmethod
    def private_raw(self, key: Priv) -> bytes: ...

    @abstractmethod
    def public_of(self, key: Priv) -> Pub: ...

    @abstractmethod
    def generate(self, rsa_bits: int) -> Priv: ...

    @abstractmethod
    def public_jwk(self, key: Pub) -> dict[str, str]:
        """The public JWK members, ``kty`` (and ``crv``) first."""

    @abstractmethod
    def load_public_jwk(self, jwk: Mapping[str, Any]) -> Pub: ...

    @abstractmethod
    def private_jwk_members(self, key: Priv) -> dict[str, str]: ...

    @abstractmethod
    def load_private_jwk(self, jwk: Mapping[str, Any]) -> Priv:
        """Load the secret members and check they match the public members given."""

    @abstractmethod
    def sign(self, key: Priv, data: bytes, algorithm: str) -> bytes: ...

    @abstractmethod
    def verify(self, key: Pub, signature: bytes, data: bytes, algorithm: str) -> None:
        """Raise ``VerificationError`` unless ``signature`` is valid for ``data``."""


def jwk_bytes(jwk: Mapping[str, Any], name: str, length: int | None = None) -> bytes:
    """Decode one base64url JWK member, strictly; ``KeyFormatError`` on any defect."""
    value = jwk.get(name)
    if not isinstance(value, str):
        raise KeyFormatError(f"JWK member {name!r} is missing or not a string")
    try:
        data = base64url.decode(value)
    except ParseError as exc:
        raise KeyFormatError(f"JWK member {name!r}: {exc}") from None
    if length is not None and len(data) != length:
        raise KeyFormatError(f"JWK member {name!r} must be {length} bytes, not {len(data)}")
    return data


def jwk_uint(jwk: Mapping[str, Any], name: str, *, minimal: bool) -> int:
    """Decode a base64urlUInt member (RFC 7518 §2); ``minimal`` refuses leading zero octets."""
    data = jwk_bytes(jwk, name)
    if not data:
        raise KeyFormatError(f"JWK member {name!r} is empty")
    if minimal and len(data) > 1 and data[0] == 0:
        raise KeyFormatError(f"JWK member {name!r} has a leading zero octet")
    return int.from_bytes(data, "big")


def uint_b64(value: int) -> str:
    """base64urlUInt: the minimal big-endian octets of ``value``."""
    return base64url.encode(value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))
