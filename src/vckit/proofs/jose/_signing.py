"""Building signed tokens through the ``Signer`` protocol.

A local key (``KeyPair.signer(...)``, a ``keys.LocalSigner``) signs through jwcrypto, which builds
the compact serialization. Any other signer (a KMS or an HSM that never reveals its private key)
cannot: jwcrypto signs only with a key object it holds. For those vckit builds the JWS signing
input itself and hands those exact bytes to ``signer.sign``. Both paths serialize the header and
claims with the same compact JSON, so the token is the same whoever signs it (up to the bytes of
a randomized ECDSA signature).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vckit import keys
from vckit.errors import SigningError, UnsupportedAlgorithmError, VckitError
from vckit.proofs.jose._compact import encode_json, serialize
from vckit.proofs.jose._headers import DEFAULT_ALGORITHMS, VC_JOSE_COSE, VC_JWT, Kind, Profile
from vckit.proofs.jose._jwcrypto import sign_compact

__all__ = ["build_header", "check_profile", "sign_claims"]


def check_profile(profile: str) -> Profile:
    """``ValueError`` for a profile name vckit does not know."""
    if profile == VC_JWT:
        return VC_JWT
    if profile == VC_JOSE_COSE:
        return VC_JOSE_COSE
    raise ValueError(f"profile must be {VC_JWT!r} or {VC_JOSE_COSE!r}, not {profile!r}")


def build_header(
    signer: keys.Signer, *, kind: Kind, profile: Profile, embed_jwk: keys.PublicKey | None
) -> dict[str, Any]:
    """``alg`` from the signer, ``typ`` from the profile, and ``kid`` (or the public ``jwk``)."""
    alg = signer.algorithm
    if alg not in DEFAULT_ALGORITHMS:
        raise UnsupportedAlgorithmError(f"JWS algorithm {alg!r} is not supported")
    header: dict[str, Any] = {"alg": alg}
    header["typ"] = "JWT" if profile == VC_JWT else f"{kind}+jwt"
    if embed_jwk is not None:
        if profile != VC_JWT:
            raise ValueError(f"{profile} identifies the key by kid; embed_jwk is for vc-jwt only")
        header["jwk"] = dict(embed_jwk.jwk)
    else:
        if not signer.verification_method:
            raise ValueError("signer.verification_method is empty: the token needs a kid")
        header["kid"] = signer.verification_method
    return header


def sign_claims(header: dict[str, Any], claims: Mapping[str, Any], signer: keys.Signer) -> str:
    """Serialize and sign; anything that goes wrong is a ``SigningError``."""
    try:
        if type(signer) is keys.LocalSigner:  # exactly vckit's: a subclass may sign otherwise
            return sign_compact(
                encode_json(header).decode(),
                encode_json(dict(claims)),
                header["alg"],
                signer.key_pair,
            )
        return serialize(header, dict(claims), signer.sign)
    except VckitError:
        raise
    except (TypeError, ValueError) as exc:
        raise SigningError(f"the token could not be created: {exc}") from exc
