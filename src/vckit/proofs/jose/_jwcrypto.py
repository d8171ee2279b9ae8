"""The boundary to jwcrypto: JWK import, JWS signature creation and verification.

jwcrypto does the JOSE cryptography; vckit decides what reaches it. By the time a token gets here
vckit has parsed it strictly (one canonical spelling, strict JSON, size cap), applied the header
rules and the algorithm allow-list, bound the key to the issuer and chosen the one algorithm the
key's type permits, so jwcrypto is asked exactly one question: does this signature verify with
this key under this algorithm. jwcrypto is lenient where vckit is not (it splits an ECDSA
signature of any even length in two, and OpenSSL accepts a short RSA signature), so the exact
signature length is checked first. Every jwcrypto or cryptography exception stops here.

Keys reach jwcrypto as the canonical public JWK of a validated ``keys.PublicKey`` (small-order,
off-curve and undersized keys were refused on import, and members such as ``alg``, ``use`` or
``key_ops`` from a hostile header never get through).
"""

from __future__ import annotations

import functools
from typing import Any, Final

from jwcrypto import jwk, jws

from vckit import keys
from vckit._codec import base64url
from vckit.errors import SigningError

__all__ = ["sign_compact", "signature_verifies"]

# Fixed signature lengths (JWA §3.4: ECDSA is r||s, each the size of the curve order).
_SIGNATURE_BYTES: Final = {"EdDSA": 64, "ES256": 64, "ES256K": 64, "ES384": 96}


@functools.lru_cache(maxsize=256)
def _public_jwk(key: keys.PublicKey) -> tuple[Any, int | None]:
    """jwcrypto's JWK for ``key`` and, for RSA, the modulus length every signature must have."""
    members = key.jwk
    modulus = len(base64url.decode(members["n"])) if members.get("kty") == "RSA" else None
    return jwk.JWK(**members), modulus


def signature_verifies(token: str, alg: str, key: keys.PublicKey, signature: bytes) -> bool:
    """True when jwcrypto verifies compact ``token`` (whose signature is ``signature``) with
    ``key`` under ``alg``; False for any failure, whatever jwcrypto raises."""
    try:
        public, modulus = _public_jwk(key)
    except Exception:  # a key jwcrypto cannot import cannot verify anything
        return False
    expected = _SIGNATURE_BYTES.get(alg, modulus)
    if expected is None or len(signature) != expected:
        return False
    checked = jws.JWS()
    checked.allowed_algs = [alg]
    try:
        checked.deserialize(token)
        checked.verify(public, alg=alg)
    except Exception:
        return False
    return True


def sign_compact(header_json: str, payload: bytes, alg: str, pair: keys.KeyPair) -> str:
    """The compact JWS of ``payload`` with protected header ``header_json``, signed by jwcrypto.

    The private JWK lives only for this call; nothing caches secret key material. jwcrypto's RSA
    key consistency check (tens of milliseconds per key) is skipped: the key comes from a
    ``KeyPair``, which ``cryptography`` validated when it was generated or imported.
    """
    try:
        private = jwk.JWK(**pair.private_jwk)
        private.unsafe_skip_rsa_key_validation = True
        token = jws.JWS(payload)
        token.allowed_algs = [alg]
        token.add_signature(private, alg=alg, protected=header_json)
        return str(token.serialize(compact=True))
    except Exception as exc:
        raise SigningError(f"{alg} signing failed: {type(exc).__name__}: {exc}") from None
