"""``VerificationMethod``: the one type a resolver hands out, offline or over the network."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vckit.keys._public import PublicKey

__all__ = ["ALL_RELATIONSHIPS", "SIGNING_RELATIONSHIPS", "VerificationMethod"]

#: The verification relationships a signing key can be given (DID Core §5.3).
SIGNING_RELATIONSHIPS = frozenset(
    {"assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"}
)
ALL_RELATIONSHIPS = SIGNING_RELATIONSHIPS | {"keyAgreement"}


@dataclass(frozen=True)
class VerificationMethod:
    """A verification method with its key imported (satisfies ``VerificationMethodLike``).

    ``relationships`` are the verification relationships the method's document lists it under
    (what it is authorised for); ``data`` is the method's JSON as the document gave it (empty for
    methods derived from a did:key / did:jwk, whose JSON is a pure function of the key).
    """

    id: str
    type: str
    controller: str
    public_key: PublicKey
    relationships: frozenset[str] = ALL_RELATIONSHIPS
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
