"""Keys: generation, import/export (Multikey, JWK, legacy forms), signing and verification.

This is the only part of vckit that imports ``cryptography``; every error it raises is a
``vckit.errors`` type. Keys are validated when imported — wrong multicodec header or length,
points off the curve, small-order Ed25519 keys, RSA outside 2048–8192 bits — so code holding a
``PublicKey`` can trust it.

    >>> from vckit import keys
    >>> pair = keys.generate("Ed25519")
    >>> keys.PublicKey.from_multibase(pair.public_key.multibase) == pair.public_key
    True
"""

from __future__ import annotations

from vckit.keys._did import public_key_from_did_jwk, public_key_from_did_key
from vckit.keys._method import VerificationMethod
from vckit.keys._pair import KeyPair, LocalSigner, generate
from vckit.keys._protocols import KeyResolver, Signer, VerificationMethodLike, Verifier
from vckit.keys._public import LocalVerifier, PublicKey
from vckit.keys._registry import KEY_TYPES
from vckit.keys._resolver import LocalKeyResolver

#: The name this type had before ``vckit.dids`` and ``vckit.keys`` shared one (kept importable).
ResolvedVerificationMethod = VerificationMethod

__all__ = [
    "KEY_TYPES",
    "KeyPair",
    "KeyResolver",
    "LocalKeyResolver",
    "LocalSigner",
    "LocalVerifier",
    "PublicKey",
    "Signer",
    "VerificationMethod",
    "VerificationMethodLike",
    "Verifier",
    "generate",
    "public_key_from_did_jwk",
    "public_key_from_did_key",
]
