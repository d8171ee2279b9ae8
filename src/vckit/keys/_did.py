"""did:key and did:jwk: DIDs whose document is derived from the key, so decoding is offline.

The document rules follow the did:key (W3C CCG) and did:jwk specifications: an Ed25519 did:key
also offers the derived X25519 key for ``keyAgreement``; an X25519 key offers nothing else; a
did:jwk key is limited by its ``use`` member.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vckit._codec import base64url
from vckit._codec.strict_json import loads_strict
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind, KeyFormatError, ParseError
from vckit.keys._public import PublicKey

SIGNING_RELATIONSHIPS = frozenset(
    {"assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"}
)
ALL_RELATIONSHIPS = SIGNING_RELATIONSHIPS | {"keyAgreement"}

_DID_KEY = re.compile(r"did:key:(z[1-9A-HJ-NP-Za-km-z]+)")
_DID_JWK = re.compile(r"did:jwk:([A-Za-z0-9_-]+)")
_MAX_DID_LENGTH = 16_384


@dataclass(frozen=True)
class ResolvedVerificationMethod:
    """A verification method found without a network: id, type, controller and key."""

    id: str
    type: str
    controller: str
    public_key: PublicKey
    relationships: frozenset[str] = ALL_RELATIONSHIPS


def _split(did_url: str) -> tuple[str, str | None]:
    if not isinstance(did_url, str):
        raise TypeError("a DID must be a string")
    if len(did_url) > _MAX_DID_LENGTH:
        raise DIDResolutionError("DID is too long", kind=DIDResolutionErrorKind.INVALID_DID)
    did, hash_, fragment = did_url.partition("#")
    if "?" in did or "/" in did:
        raise DIDResolutionError(
            "did:key / did:jwk URLs take no path or query",
            kind=DIDResolutionErrorKind.INVALID_DID_URL,
            did=did,
        )
    return did, (fragment if hash_ else None)


def did_key_methods(did_url: str) -> tuple[str, tuple[ResolvedVerificationMethod, ...]]:
    """The DID and the verification methods of a did:key document."""
    did, _ = _split(did_url)
    return did, _did_key_document(did)


# A did:key document is a pure function of the DID, and verifiers see the same few issuers again
# and again: caching skips the base58 decode and the curve checks on every later proof.
@functools.lru_cache(maxsize=1024)
def _did_key_document(did: str) -> tuple[ResolvedVerificationMethod, ...]:
    match = _DID_KEY.fullmatch(did)
    if match is None:
        raise DIDResolutionError(
            f"not a did:key DID: {did[:80]!r}", kind=DIDResolutionErrorKind.INVALID_DID, did=did
        )
    key = PublicKey.from_multibase(match.group(1))
    if key.key_type == "X25519":
        return (_method(did, key, frozenset({"keyAgreement"})),)
    if key.key_type == "Ed25519":
        return (
            _method(did, key, SIGNING_RELATIONSHIPS),
            _method(did, key.to_x25519(), frozenset({"keyAgreement"})),
        )
    return (_method(did, key, ALL_RELATIONSHIPS),)


def _method(did: str, key: PublicKey, rels: frozenset[str]) -> ResolvedVerificationMethod:
    return ResolvedVerificationMethod(f"{did}#{key.multibase}", "Multikey", did, key, rels)


def did_jwk_method(did_url: str) -> tuple[str, ResolvedVerificationMethod]:
    """The DID and the single verification method (``#0``) of a did:jwk document."""
    did, _ = _split(did_url)
    return did, _did_jwk_document(did)


@functools.lru_cache(maxsize=1024)
def _did_jwk_document(did: str) -> ResolvedVerificationMethod:
    match = _DID_JWK.fullmatch(did)
    if match is None:
        raise DIDResolutionError(
            f"not a did:jwk DID: {did[:80]!r}", kind=DIDResolutionErrorKind.INVALID_DID, did=did
        )
    try:
        jwk = loads_strict(base64url.decode(match.group(1)), max_bytes=_MAX_DID_LENGTH)
    except ParseError as exc:
        raise DIDResolutionError(
            f"did:jwk does not encode a JSON object: {exc}",
            kind=DIDResolutionErrorKind.INVALID_DID,
            did=did,
        ) from None
    if not isinstance(jwk, dict):
        raise KeyFormatError("did:jwk must encode a JWK object")
    key = PublicKey.from_jwk(jwk)
    use = jwk.get("use")
    if key.key_type == "X25519" or use == "enc":
        rels = frozenset({"keyAgreement"})
    elif use == "sig":
        rels = SIGNING_RELATIONSHIPS
    else:
        rels = ALL_RELATIONSHIPS
    return ResolvedVerificationMethod(f"{did}#0", "JsonWebKey2020", did, key, rels)


def _pick(
    did: str, fragment: str | None, methods: tuple[ResolvedVerificationMethod, ...]
) -> PublicKey:
    if fragment is None:
        return methods[0].public_key
    for method in methods:
        if method.id == f"{did}#{fragment}":
            return method.public_key
    raise DIDResolutionError(
        f"{did} has no verification method #{fragment[:80]}",
        kind=DIDResolutionErrorKind.NOT_FOUND,
        did=did,
    )


def public_key_from_did_key(did: str) -> PublicKey:
    """The key a did:key names; with a fragment, the key of that verification method."""
    base, methods = did_key_methods(did)
    return _pick(base, _split(did)[1], methods)


def public_key_from_did_jwk(did: str) -> PublicKey:
    """The key a did:jwk encodes (fragment ``#0`` allowed)."""
    base, method = did_jwk_method(did)
    return _pick(base, _split(did)[1], (method,))
