"""did:key and did:jwk: DIDs whose document is derived from the key, so decoding is offline.

This module is the one rule table for both methods: which verification methods a DID gets and
which relationships each is authorised for. ``LocalKeyResolver`` answers from it directly and
``vckit.dids`` lays its documents out from it, so the two cannot disagree.

* did:key (W3C CCG did:key §3.1.2): an Ed25519 key signs and offers its derived X25519 key for
  ``keyAgreement``; an X25519 key only agrees; any other key (P-256, P-384, secp256k1, RSA) is
  listed under every relationship. A raw key of the wrong length for its multicodec is the
  ``invalidPublicKeyLength`` error the spec names.
* did:jwk (did:jwk §2.2): ``"use": "sig"`` removes ``keyAgreement``, ``"use": "enc"`` removes the
  signing relationships, and a key that cannot sign (X25519) gets no signing relationship —
  so an X25519 key with ``"use": "sig"`` is authorised for nothing.
"""

from __future__ import annotations

import functools
import re

from vckit._codec import base64url, multibase, multicodec
from vckit._codec.strict_json import loads_strict
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind, KeyFormatError, ParseError
from vckit.keys._method import ALL_RELATIONSHIPS, SIGNING_RELATIONSHIPS, VerificationMethod
from vckit.keys._public import PublicKey

__all__ = [
    "did_jwk_method",
    "did_jwk_relationships",
    "did_key_methods",
    "public_key_from_did_jwk",
    "public_key_from_did_key",
]

_DID_KEY = re.compile(r"did:key:(z[1-9A-HJ-NP-Za-km-z]+)")
_DID_JWK = re.compile(r"did:jwk:([A-Za-z0-9_-]+)")
_MAX_DID_LENGTH = 16_384
_AGREEMENT = frozenset({"keyAgreement"})
_NOTHING: frozenset[str] = frozenset()

#: did:key's expected raw public key lengths by multicodec (RSA keys vary: DER, checked on import).
_PUBLIC_KEY_LENGTHS = {
    multicodec.ED25519_PUB: 32,
    multicodec.X25519_PUB: 32,
    multicodec.P256_PUB: 33,
    multicodec.P384_PUB: 49,
    multicodec.SECP256K1_PUB: 33,
}


def did_jwk_relationships(key: PublicKey, use: object) -> frozenset[str]:
    """The relationships of a did:jwk method for ``key`` and the JWK's ``use`` member."""
    signing = SIGNING_RELATIONSHIPS if key.algorithms and use != "enc" else _NOTHING
    return signing | (_NOTHING if use == "sig" else _AGREEMENT)


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


def did_key_methods(did_url: str) -> tuple[str, tuple[VerificationMethod, ...]]:
    """The DID and the verification methods of a did:key document, with their relationships."""
    did, _ = _split(did_url)
    return did, _did_key_document(did)


# A did:key document is a pure function of the DID, and verifiers see the same few issuers again
# and again: caching skips the base58 decode and the curve checks on every later proof.
@functools.lru_cache(maxsize=1024)
def _did_key_document(did: str) -> tuple[VerificationMethod, ...]:
    match = _DID_KEY.fullmatch(did)
    if match is None:
        raise DIDResolutionError(
            f"not a did:key DID: {did[:80]!r}", kind=DIDResolutionErrorKind.INVALID_DID, did=did
        )
    _check_length(did, match.group(1))
    key = PublicKey.from_multibase(match.group(1))
    if key.key_type == "X25519":
        return (_method(did, key, _AGREEMENT),)
    if key.key_type == "Ed25519":
        return (
            _method(did, key, SIGNING_RELATIONSHIPS),
            _method(did, key.to_x25519(), _AGREEMENT),
        )
    return (_method(did, key, ALL_RELATIONSHIPS),)


def _check_length(did: str, value: str) -> None:
    """did:key §3.1.2 step 4: a raw key of the wrong length is ``invalidPublicKeyLength``."""
    try:
        code, raw = multicodec.split(multibase.decode(value))
    except ParseError:
        return  # not a Multikey at all: PublicKey.from_multibase says why
    expected = _PUBLIC_KEY_LENGTHS.get(code)
    if expected is not None and len(raw) != expected:
        raise DIDResolutionError(
            f"{multicodec.NAMES[code]} key in {did[:80]} is {len(raw)} bytes, not {expected}",
            kind=DIDResolutionErrorKind.INVALID_PUBLIC_KEY_LENGTH,
            did=did[:200],
        )


def _method(did: str, key: PublicKey, rels: frozenset[str]) -> VerificationMethod:
    return VerificationMethod(f"{did}#{key.multibase}", "Multikey", did, key, rels)


def did_jwk_method(did_url: str) -> tuple[str, VerificationMethod]:
    """The DID and the single verification method (``#0``) of a did:jwk document.

    The method's ``data`` holds the public JWK with the DID's ``use`` member, if it had one.
    """
    did, _ = _split(did_url)
    return did, _did_jwk_document(did)


@functools.lru_cache(maxsize=1024)
def _did_jwk_document(did: str) -> VerificationMethod:
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
    public = dict(key.jwk)
    if "use" in jwk:
        public["use"] = jwk["use"]
    rels = did_jwk_relationships(key, jwk.get("use"))
    return VerificationMethod(f"{did}#0", "JsonWebKey2020", did, key, rels, public)


def _pick(did: str, fragment: str | None, methods: tuple[VerificationMethod, ...]) -> PublicKey:
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
