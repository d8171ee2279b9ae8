"""``KeyPair``: a secret key with its public key, and the ``Signer`` it hands out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric import x25519

from vckit.errors import KeyFormatError, SigningError, UnsupportedAlgorithmError
from vckit.keys._curve25519 import ed25519_seed_to_x25519
from vckit.keys._public import PublicKey
from vckit.keys._registry import AnySpec, decode_multikey, encode_multikey, spec_for, spec_for_jwk


class KeyPair:
    """A private key and its ``PublicKey``. ``repr`` never shows the secret."""

    __slots__ = ("_key", "_spec", "key_type", "public_key")

    _spec: AnySpec
    _key: Any
    key_type: str
    public_key: PublicKey

    def __init__(self, spec: AnySpec, key: Any) -> None:
        """Internal: use ``generate`` or the ``from_*`` constructors."""
        public = spec.public_of(key)
        object.__setattr__(self, "_spec", spec)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "key_type", spec.key_type)
        object.__setattr__(self, "public_key", PublicKey(spec, public, spec.public_raw(public)))

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def generate(cls, kind: str, *, rsa_bits: int = 2048) -> KeyPair:
        """A fresh key of ``kind``: Ed25519, X25519, P-256, P-384, secp256k1 or RSA."""
        spec = spec_for(kind)
        return cls(spec, spec.generate(rsa_bits))

    @classmethod
    def from_raw(cls, key_type: str, secret: bytes) -> KeyPair:
        """Ed25519: 32-byte seed; X25519: 32 bytes; EC: big-endian scalar; RSA: PKCS#1 DER."""
        if not isinstance(secret, bytes | bytearray):
            raise TypeError("secret key must be bytes")
        spec = spec_for(key_type)
        return cls(spec, spec.load_private(bytes(secret)))

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> KeyPair:
        """Import a private JWK; its public members must match the private ones."""
        spec = spec_for_jwk(jwk)
        if "d" not in jwk:
            raise KeyFormatError("JWK has no private member 'd'; use PublicKey.from_jwk")
        return cls(spec, spec.load_private_jwk(jwk))

    @classmethod
    def from_multibase(
        cls, secret_key_multibase: str, public_key_multibase: str | None = None
    ) -> KeyPair:
        """Import a Multikey ``secretKeyMultibase``, checking it against the public key if given."""
        spec, raw = decode_multikey(secret_key_multibase, private=True)
        pair = cls(spec, spec.load_private(raw))
        if (
            public_key_multibase is not None
            and PublicKey.from_multibase(public_key_multibase) != pair.public_key
        ):
            raise KeyFormatError("publicKeyMultibase does not match secretKeyMultibase")
        return pair

    # -- encodings ----------------------------------------------------------------------------

    @property
    def private_jwk(self) -> dict[str, Any]:
        """The JWK with public and private members. Treat it as a secret."""
        return {**self.public_key.jwk, **self._spec.private_jwk_members(self._key)}

    @property
    def secret_multibase(self) -> str:
        """The Multikey ``secretKeyMultibase`` value. Treat it as a secret."""
        return encode_multikey(self._spec.private_code, self._spec.private_raw(self._key))

    # -- use ----------------------------------------------------------------------------------

    def sign(self, data: bytes, *, algorithm: str | None = None) -> bytes:
        """Sign ``data``; ECDSA signatures are IEEE P1363 r||s with low S."""
        if not isinstance(data, bytes | bytearray):
            raise TypeError("data must be bytes")
        alg = self._algorithm(algorithm)
        try:
            return self._spec.sign(self._key, bytes(data), alg)
        except (UnsupportedAlgorithmError, SigningError):
            raise
        except Exception as exc:  # a backend failure must not leak a foreign exception
            raise SigningError(f"{alg} signing failed: {exc}") from None

    def signer(
        self, verification_method: str | None = None, *, algorithm: str | None = None
    ) -> LocalSigner:
        """A ``Signer`` for this key that names ``verification_method`` in proofs and tokens.

        Without one, the signer names the key's did:key verification method
        (``did:key:z…#z…``), which any verifier resolves offline.
        """
        if verification_method is None:
            multibase = self.public_key.multibase
            verification_method = f"did:key:{multibase}#{multibase}"
        return LocalSigner(self, self._algorithm(algorithm), verification_method)

    def to_x25519(self) -> KeyPair:
        """The X25519 key pair that belongs to an Ed25519 key (libsodium's conversion)."""
        if self.key_type != "Ed25519":
            raise ValueError(f"only Ed25519 keys convert to X25519, not {self.key_type}")
        return KeyPair.from_raw("X25519", ed25519_seed_to_x25519(self._spec.private_raw(self._key)))

    def exchange(self, peer: PublicKey) -> bytes:
        """X25519 key agreement with ``peer``: the raw 32-byte shared secret."""
        if self.key_type != "X25519" or peer.key_type != "X25519":
            raise UnsupportedAlgorithmError("key agreement needs two X25519 keys")
        assert isinstance(self._key, x25519.X25519PrivateKey)
        try:
            return self._key.exchange(x25519.X25519PublicKey.from_public_bytes(peer.raw))
        except ValueError:
            raise KeyFormatError("X25519 key agreement produced an all-zero secret") from None

    def _algorithm(self, algorithm: str | None) -> str:
        if not self._spec.algorithms:
            raise UnsupportedAlgorithmError(f"{self.key_type} keys cannot sign")
        alg = self._spec.default_algorithm if algorithm is None else algorithm
        if alg not in self._spec.algorithms:
            raise UnsupportedAlgorithmError(
                f"a {self.key_type} key signs with {', '.join(self._spec.algorithms)}, not {alg!r}"
            )
        return alg

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as ``(key type, raw secret key)`` so a key pair (and its signers) can go to a
        process pool. The pickle holds the secret key: treat it as you treat ``private_jwk``."""
        return (KeyPair.from_raw, (self.key_type, self._spec.private_raw(self._key)))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("KeyPair is immutable")

    def __repr__(self) -> str:
        return f"KeyPair({self.key_type!r}, public_key={self.public_key!r})"


@dataclass(frozen=True)
class LocalSigner:
    """The ``Signer`` of an in-memory ``KeyPair``."""

    key_pair: KeyPair = field(repr=False)
    algorithm: str
    verification_method: str

    @property
    def key_type(self) -> str:
        return self.key_pair.key_type

    @property
    def public_key(self) -> PublicKey:
        return self.key_pair.public_key

    def sign(self, data: bytes) -> bytes:
        return self.key_pair.sign(data, algorithm=self.algorithm)


def generate(kind: str, *, rsa_bits: int = 2048) -> KeyPair:
    """Generate a key pair: ``"Ed25519"``, ``"X25519"``, ``"P-256"``, ``"P-384"``,
    ``"secp256k1"`` or ``"RSA"`` (``rsa_bits`` 2048–8192)."""
    return KeyPair.generate(kind, rsa_bits=rsa_bits)
