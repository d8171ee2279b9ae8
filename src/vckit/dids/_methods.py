"""DID methods: did:key and did:jwk (documents derived offline), did:web (DID -> HTTPS URL).

Each method is a small object the resolver looks up in its per-instance registry by the DID
method name. A method either derives the document itself (``document``) or names the URL to
fetch (``url``); the resolver does the fetching, so methods stay pure and testable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import unquote

from vckit._codec import base64url
from vckit._codec.jcs import canonicalize
from vckit.dids._syntax import DID
from vckit.errors import (
    DIDResolutionError,
    DIDResolutionErrorKind,
    KeyFormatError,
    ParseError,
    UnsupportedAlgorithmError,
)
from vckit.keys import PublicKey, VerificationMethod
from vckit.keys._did import did_jwk_method, did_key_methods

__all__ = [
    "DIDMethod",
    "JwkMethod",
    "KeyMethod",
    "WebMethod",
    "did_jwk",
    "did_key",
    "did_key_document",
    "did_web_document",
    "did_web_url",
]

DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
_ORDER = (
    "authentication",
    "assertionMethod",
    "capabilityInvocation",
    "capabilityDelegation",
    "keyAgreement",
)
_LEGACY_2020 = {
    "Ed25519": ("Ed25519VerificationKey2020", "https://w3id.org/security/suites/ed25519-2020/v1"),
    "X25519": ("X25519KeyAgreementKey2020", "https://w3id.org/security/suites/x25519-2020/v1"),
}


class DIDMethod(Protocol):
    """A DID method plug-in: derive the document offline, or name the URL that serves it."""

    def document(self, did: DID) -> dict[str, Any] | None:
        """The document when it is derived from the DID itself, else ``None``."""

    def url(self, did: DID) -> str:
        """The HTTPS URL of the document (only called when :meth:`document` returned ``None``)."""


def _key_error(did: str, exc: Exception) -> DIDResolutionError:
    return DIDResolutionError(
        f"{did[:200]}: {exc}", kind=DIDResolutionErrorKind.INVALID_DID, did=did[:200]
    )


# -- did:key ---------------------------------------------------------------------------------


def did_key(public_key: PublicKey) -> str:
    """The did:key DID of ``public_key`` (``did:key:z6Mk…`` for Ed25519)."""
    return f"did:key:{public_key.multibase}"


def _vm(did: str, method: VerificationMethod, legacy: bool) -> dict[str, Any]:
    key = method.public_key
    return {
        "id": method.id,
        "type": _LEGACY_2020[key.key_type][0] if legacy else "Multikey",
        "controller": did,
        "publicKeyMultibase": key.multibase,
    }


def _list_relationships(doc: dict[str, Any], methods: tuple[VerificationMethod, ...]) -> None:
    """Lay out the relationships the rule table (``keys``) gave each method, in DID Core order."""
    for relationship in _ORDER:
        listed = [m.id for m in methods if relationship in m.relationships]
        if listed:
            doc[relationship] = listed


def did_key_document(did: str, *, legacy: bool = False) -> dict[str, Any]:
    """The did:key document: Multikey form, or the 2020 suite form with ``legacy=True``.

    The methods and their relationships come from the rule table in ``vckit.keys`` (the one the
    offline ``LocalKeyResolver`` uses): an Ed25519 key signs and its derived X25519 key agrees;
    an X25519 key only agrees; P-256, P-384, secp256k1 and RSA keys are listed under every
    relationship. ``legacy=True`` exists for peers that predate Multikey and is only defined for
    Ed25519 / X25519 keys. A key of the wrong length is ``invalidPublicKeyLength``.
    """
    try:
        base, methods = did_key_methods(did)
    except (KeyFormatError, ParseError, UnsupportedAlgorithmError) as exc:
        raise _key_error(did, exc) from None
    if base != did:
        raise DIDResolutionError(
            "a did:key document is derived from a DID, not a DID URL",
            kind=DIDResolutionErrorKind.INVALID_DID,
            did=did[:200],
        )
    if legacy and methods[0].public_key.key_type not in _LEGACY_2020:
        raise DIDResolutionError(
            f"no 2020 suite form for {methods[0].public_key.key_type} keys",
            kind=DIDResolutionErrorKind.REPRESENTATION_NOT_SUPPORTED,
            did=did,
        )
    vms = [_vm(did, method, legacy) for method in methods]
    contexts = [DID_CONTEXT]
    if legacy:
        suite_contexts = dict(_LEGACY_2020.values())  # method type -> suite context
        contexts.extend(suite_contexts[vm["type"]] for vm in vms)
    else:
        contexts.append(MULTIKEY_CONTEXT)
    doc: dict[str, Any] = {"@context": contexts, "id": did, "verificationMethod": vms}
    _list_relationships(doc, methods)
    return doc


@dataclass(frozen=True)
class KeyMethod:
    """did:key, pure and offline."""

    legacy: bool = False

    def document(self, did: DID) -> dict[str, Any] | None:
        return did_key_document(str(did), legacy=self.legacy)

    def url(self, did: DID) -> str:  # pragma: no cover - never called: document() answers
        raise AssertionError("did:key has no URL")


# -- did:jwk ---------------------------------------------------------------------------------


def did_jwk(public_key: PublicKey, *, use: str | None = None) -> str:
    """The did:jwk DID of ``public_key``: base64url of the JCS-canonical public JWK."""
    jwk = dict(public_key.jwk)
    if use is not None:
        jwk["use"] = use
    return f"did:jwk:{base64url.encode(canonicalize(jwk))}"


@dataclass(frozen=True)
class JwkMethod:
    """did:jwk: the DID is the key. Private members, ``oct`` keys are refused by key import."""

    def document(self, did: DID) -> dict[str, Any] | None:
        text = str(did)
        try:
            _, method = did_jwk_method(text)
        except (KeyFormatError, ParseError, UnsupportedAlgorithmError) as exc:
            raise _key_error(text, exc) from None
        doc: dict[str, Any] = {
            "@context": [DID_CONTEXT, "https://w3id.org/security/suites/jws-2020/v1"],
            "id": text,
            "verificationMethod": [
                {
                    "id": method.id,
                    "type": method.type,
                    "controller": text,
                    "publicKeyJwk": dict(method.data),
                }
            ],
        }
        _list_relationships(doc, (method,))
        return doc

    def url(self, did: DID) -> str:  # pragma: no cover - never called: document() answers
        raise AssertionError("did:jwk has no URL")


# -- did:web ---------------------------------------------------------------------------------

_HOST = re.compile(
    r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?::(?P<port>[0-9]{1,5}))?"
)
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


def did_web_url(did: DID | str) -> str:
    """The HTTPS URL of a did:web document (did:web spec §3.2, "Read").

    ``:`` separates path segments; the host may carry a percent-encoded port (``%3A``). Segments
    are percent-decoded and must then be plain names: a decoded ``/``, ``@``, ``..`` or ``.``
    would let a DID point at a URL other than the one it appears to name, so they are refused.
    """
    parsed = did if isinstance(did, DID) else DID.parse(did)
    text = str(parsed)
    if parsed.method != "web":
        raise DIDResolutionError(
            "not a did:web DID", kind=DIDResolutionErrorKind.METHOD_NOT_SUPPORTED, did=text
        )
    host_part, *segments = parsed.method_specific_id.split(":")
    host_match = _HOST.fullmatch(unquote(host_part))
    if host_match is None or (host_match["port"] and not 0 < int(host_match["port"]) < 65536):
        raise DIDResolutionError(
            f"did:web host {unquote(host_part)[:100]!r} is not a host name with an optional port",
            kind=DIDResolutionErrorKind.INVALID_DID,
            did=text[:200],
        )
    path: list[str] = []
    for segment in segments:
        decoded = unquote(segment)
        if not _SEGMENT.fullmatch(decoded) or decoded in (".", ".."):
            raise DIDResolutionError(
                f"did:web path segment {decoded[:100]!r} is not allowed",
                kind=DIDResolutionErrorKind.INVALID_DID,
                did=text[:200],
            )
        path.append(decoded)
    authority = host_match.group(0).lower()
    if not path:
        return f"https://{authority}/.well-known/did.json"
    return f"https://{authority}/{'/'.join(path)}/did.json"


@dataclass(frozen=True)
class WebMethod:
    """did:web: fetch ``did.json`` over HTTPS (under the resolver's HTTP policy)."""

    def document(self, did: DID) -> dict[str, Any] | None:
        return None

    def url(self, did: DID) -> str:
        return did_web_url(did)


def did_web_document(
    did: str,
    keys: Iterable[PublicKey] | Mapping[str, PublicKey],
    *,
    relationships: Iterable[str] = ("assertionMethod", "authentication"),
) -> dict[str, Any]:
    """A did:web document listing ``keys`` as Multikey methods, for an issuer to publish.

    ``keys`` is a mapping of fragment -> key, or an iterable (fragments ``key-1``, ``key-2``…).
    Every key is listed under each of ``relationships``. Publish the result (``json.dumps``) at
    :func:`did_web_url` of ``did``.
    """
    did_web_url(did)  # validates the DID
    named = (
        dict(keys)
        if isinstance(keys, Mapping)
        else {f"key-{index}": key for index, key in enumerate(keys, start=1)}
    )
    if not named:
        raise ValueError("a did:web document needs at least one key")
    methods = [
        {
            "id": f"{did}#{fragment}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.multibase,
        }
        for fragment, key in named.items()
    ]
    doc: dict[str, Any] = {
        "@context": [DID_CONTEXT, MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": methods,
    }
    for relationship in relationships:
        doc[relationship] = [m["id"] for m in methods]
    return doc
