"""Which key may verify a token, and whether the token's issuer (or holder) controls it.

The header names the key (``kid``) or carries it (``jwk``); the claims name the party (``iss``).
A signature only means something when the party controls the key, so:

- ``kid`` must be a DID URL of the party's own DID, or an HTTPS URL on the party's own origin, and
  is checked BEFORE it is dereferenced: a token cannot make the verifier fetch a URL of its
  choosing (SSRF, ``http://169.254.169.254/``). The method found must name the party as controller.
- an embedded ``jwk`` is never a trust anchor: it is bound only when the party is that key's
  did:jwk / did:key, or the caller pinned that key for the party (``trusted_keys``). An unbound
  key's signature is still checked, so the report can say "valid signature, untrusted issuer".

The one I/O step, dereferencing ``kid``, is a request the caller's driver answers (``_flow``), so
the sync and async verifiers share this code.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from vckit import keys
from vckit.errors import VckitError
from vckit.problems import INVALID_VERIFICATION_METHOD_ERROR, UNTRUSTED_ISSUER_ERROR
from vckit.proofs.jose._flow import Dereference, Flow
from vckit.proofs.jose._headers import TokenHeader
from vckit.proofs.jose._rejected import Rejected

__all__ = ["EMBEDDED_JWK", "CandidateKeys", "did_of", "find_keys"]

EMBEDDED_JWK = "jwk"  # the method name reported for a key carried in the header


@dataclass(frozen=True, slots=True)
class CandidateKeys:
    """Keys that may have signed the token; ``bound`` is False for an unpinned embedded jwk."""

    method: str
    keys: tuple[keys.PublicKey, ...]
    bound: bool


def did_of(did_url: str) -> str:
    """The DID of a DID URL: everything before the first path, query or fragment."""
    end = len(did_url)
    for mark in "/?#":
        index = did_url.find(mark)
        if index != -1:
            end = min(end, index)
    return did_url[:end]


def _origin(url: str) -> tuple[str, str, int | None] | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        return None
    return (parts.scheme, parts.hostname.lower(), port or 443)


def _absolute_kid(kid: str, party: str) -> str:
    """Check the form of ``kid`` and its tie to ``party`` without any I/O."""
    if kid.startswith("#") and party.startswith("did:"):
        kid = party + kid
    if kid.startswith("did:"):
        if did_of(kid) != party:
            raise Rejected(
                UNTRUSTED_ISSUER_ERROR,
                "kid names a verification method of another DID than the token's party",
                kid=kid[:256],
                party=party[:256],
            )
        return kid
    kid_origin = _origin(kid)
    if kid_origin is None:
        raise Rejected(
            INVALID_VERIFICATION_METHOD_ERROR,
            "kid must be a DID URL or an https URL",
            kid=kid[:256],
        )
    if _origin(party) != kid_origin:
        raise Rejected(
            UNTRUSTED_ISSUER_ERROR,
            "kid is not on the token party's own origin",
            kid=kid[:256],
            party=party[:256],
        )
    return kid


def _dereference(kid: str, party: str, relationship: str) -> Flow[keys.PublicKey]:
    try:
        method = yield Dereference(kid, relationship)
        controller, method_id, public_key = method.controller, method.id, method.public_key
    except VckitError as exc:
        raise Rejected(
            INVALID_VERIFICATION_METHOD_ERROR,
            f"kid could not be dereferenced for {relationship}: {exc}",
            kid=kid[:256],
            error=type(exc).__name__,
        ) from None
    except Exception as exc:  # a third-party resolver must not crash verification
        raise Rejected(
            INVALID_VERIFICATION_METHOD_ERROR,
            f"the key resolver failed on kid: {type(exc).__name__}",
            kid=kid[:256],
            error=type(exc).__name__,
        ) from None
    if not isinstance(public_key, keys.PublicKey):
        raise Rejected(
            INVALID_VERIFICATION_METHOD_ERROR,
            "the resolver returned a method without a vckit.keys.PublicKey",
            kid=kid[:256],
        )
    if method_id != kid:
        raise Rejected(
            INVALID_VERIFICATION_METHOD_ERROR,
            "the resolver returned a different verification method than kid names",
            kid=kid[:256],
            method=str(method_id)[:256],
        )
    if controller != party:
        raise Rejected(
            UNTRUSTED_ISSUER_ERROR,
            "the verification method is not controlled by the token's party",
            kid=kid[:256],
            controller=str(controller)[:256],
            party=party[:256],
        )
    return public_key


def _did_key(party: str) -> keys.PublicKey | None:
    """The key a did:jwk / did:key party IS, so an embedded jwk can be compared with it."""
    try:
        if party.startswith("did:jwk:"):
            return keys.public_key_from_did_jwk(party)
        if party.startswith("did:key:"):
            return keys.public_key_from_did_key(party)
    except VckitError:
        return None
    return None


def find_keys(
    header: TokenHeader,
    party: str,
    *,
    relationship: str,
    trusted_keys: Mapping[str, Collection[keys.PublicKey]],
) -> Flow[CandidateKeys]:
    """The keys to check the signature with; ``Rejected`` when none is acceptable."""
    pinned = tuple(trusted_keys.get(party, ()))
    if header.kid is not None:
        kid = _absolute_kid(header.kid, party)
        key = yield from _dereference(kid, party, relationship)
        return CandidateKeys(kid, (key,), True)
    if header.jwk is not None:
        try:
            embedded = keys.PublicKey.from_jwk(header.jwk)
        except (VckitError, ValueError, TypeError, KeyError) as exc:
            raise Rejected(
                INVALID_VERIFICATION_METHOD_ERROR,
                f"header jwk is not an acceptable public key: {exc}",
                header="jwk",
            ) from None
        bound = embedded == _did_key(party) or embedded in pinned
        return CandidateKeys(EMBEDDED_JWK, (embedded,), bound)
    if pinned:
        return CandidateKeys("trusted_keys", pinned, True)
    raise Rejected(
        INVALID_VERIFICATION_METHOD_ERROR,
        "token names no key (no kid, no jwk) and no key is pinned for its party",
        party=party[:256],
    )
