"""The small interfaces other layers program against.

A KMS or HSM plugs in by implementing ``Signer``; proofs look keys up through ``KeyResolver``
(implemented by ``vckit.dids`` and by ``LocalKeyResolver``) so they never import the DID layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from vckit.keys._public import PublicKey


@runtime_checkable
class Signer(Protocol):
    """Something that signs with one key, e.g. ``KeyPair.signer(...)`` or a KMS client."""

    @property
    def key_type(self) -> str:
        """``"Ed25519"``, ``"P-256"``, ... — cryptosuites check it before signing."""

    @property
    def algorithm(self) -> str:
        """The JOSE name of the signature algorithm, e.g. ``"EdDSA"`` or ``"ES256"``."""

    @property
    def verification_method(self) -> str:
        """The id of the verification method a verifier will resolve, e.g. ``did:key:z…#z…``."""

    def sign(self, data: bytes) -> bytes:
        """Sign ``data`` (hashing it as ``algorithm`` requires); ECDSA returns P1363 r||s."""
        ...


@runtime_checkable
class Verifier(Protocol):
    """Checks signatures for one key and one algorithm."""

    @property
    def key_type(self) -> str: ...

    @property
    def algorithm(self) -> str: ...

    def verify(self, signature: bytes, data: bytes) -> None:
        """Return on success; raise ``VerificationError`` otherwise."""
        ...


@runtime_checkable
class VerificationMethodLike(Protocol):
    """The parts of a DID verification method that proof checking needs."""

    @property
    def id(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def controller(self) -> str: ...

    @property
    def public_key(self) -> PublicKey: ...


@runtime_checkable
class KeyResolver(Protocol):
    """Turns a verification-method id into a key, checking the verification relationship."""

    def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> VerificationMethodLike:
        """Raise a ``VckitError`` subclass when the method is unknown or not authorised."""
        ...
