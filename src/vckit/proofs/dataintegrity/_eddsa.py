"""The EdDSA cryptosuites of VC Data Integrity EdDSA Cryptosuites v1.0.

``eddsa-rdfc-2022`` is the suite Open Badges 3.0 requires; ``eddsa-jcs-2022`` signs the JSON as
written (JCS) instead of its RDF meaning. Both sign SHA-256 hashes with Ed25519, which is
deterministic: the same document, key and options always give the same ``proofValue``.
"""

from __future__ import annotations

from typing import ClassVar

from vckit.proofs.dataintegrity._suite import ED25519_PARAMETERS, JcsSuite, RdfcSuite

__all__ = ["EddsaJcs2022", "EddsaRdfc2022"]

# Ed25519 keys may come as Multikey (the spec's choice), as JWK, or as the older
# Ed25519VerificationKey2020 that DID documents in the wild still publish for the same key.
_METHOD_TYPES = frozenset(
    {"Multikey", "Ed25519VerificationKey2020", "JsonWebKey", "JsonWebKey2020"}
)


class EddsaRdfc2022(RdfcSuite):
    """``DataIntegrityProof`` / ``eddsa-rdfc-2022``: RDFC-1.0, SHA-256, Ed25519."""

    cryptosuite: ClassVar[str | None] = "eddsa-rdfc-2022"
    key_parameters = ED25519_PARAMETERS
    method_types = _METHOD_TYPES


class EddsaJcs2022(JcsSuite):
    """``DataIntegrityProof`` / ``eddsa-jcs-2022``: JCS, SHA-256, Ed25519."""

    cryptosuite: ClassVar[str | None] = "eddsa-jcs-2022"
    key_parameters = ED25519_PARAMETERS
    method_types = _METHOD_TYPES
