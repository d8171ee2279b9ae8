"""The ECDSA cryptosuites of VC Data Integrity ECDSA Cryptosuites v1.0.

The curve decides the hash everywhere: P-256 uses SHA-256 and P-384 uses SHA-384, for the
proof-configuration and document hashes, inside ECDSA, and (for ``ecdsa-rdfc-2019``) inside
RDFC-1.0 itself. Signatures are IEEE P1363 ``r || s`` of exactly 64 or 96 bytes; ``keys`` rejects
DER. ECDSA signing is randomized, so unlike EdDSA two signatures of one document differ.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import ClassVar

from vckit.proofs.dataintegrity._suite import JcsSuite, RdfcSuite

__all__ = ["EcdsaJcs2019", "EcdsaRdfc2019"]

_PARAMETERS = MappingProxyType({"P-256": ("ES256", "sha256", 64), "P-384": ("ES384", "sha384", 96)})
_METHOD_TYPES = frozenset({"Multikey", "JsonWebKey", "JsonWebKey2020"})


class EcdsaRdfc2019(RdfcSuite):
    """``DataIntegrityProof`` / ``ecdsa-rdfc-2019``: RDFC-1.0 with the curve's hash, ECDSA."""

    cryptosuite: ClassVar[str | None] = "ecdsa-rdfc-2019"
    key_parameters = _PARAMETERS
    method_types = _METHOD_TYPES


class EcdsaJcs2019(JcsSuite):
    """``DataIntegrityProof`` / ``ecdsa-jcs-2019``: JCS with the curve's hash, ECDSA."""

    cryptosuite: ClassVar[str | None] = "ecdsa-jcs-2019"
    key_parameters = _PARAMETERS
    method_types = _METHOD_TYPES
