"""Credentials and presentations secured with JOSE: OB 3.0 VC-JWT and VC-JOSE-COSE.

Strict by construction, because JOSE's CVE history is long: compact serialization only, canonical
base64url, strict JSON with a size cap; ``none`` and HMAC never accepted; the allowed algorithms
come from the resolved key's type, never from the header; ``jku``/``x5u``/``x5c``/``crit``/``zip``
and unknown headers fail without any fetch; ``kid`` must belong to the issuer (holder) and an
embedded ``jwk`` is not a trust anchor; claims must agree with the credential; times are checked
against an injected clock. ``verify_*`` return results with problems and never raise for bad input;
``averify_*`` are their async front ends over the same code (for ``vckit.dids.AsyncDIDResolver``).
jwcrypto creates and checks the signatures, behind these rules.
"""

from __future__ import annotations

from vckit.proofs.jose._compact import DEFAULT_MAX_TOKEN_BYTES
from vckit.proofs.jose._credential import (
    averify_credential_jwt,
    sign_credential_jwt,
    verify_credential_jwt,
)
from vckit.proofs.jose._headers import DEFAULT_ALGORITHMS, VC_JOSE_COSE, VC_JWT
from vckit.proofs.jose._presentation import (
    AsyncCredentialVerifier,
    CredentialVerifier,
    averify_presentation_jwt,
    sign_presentation_jwt,
    verify_presentation_jwt,
)
from vckit.proofs.jose._problems import (
    JWE_NOT_SUPPORTED_ERROR,
    JWS_ALGORITHM_NOT_ALLOWED_ERROR,
    JWS_HEADER_INVALID_ERROR,
    JWS_HEADER_NOT_ALLOWED_ERROR,
    JWT_CLAIM_INVALID_ERROR,
    JWT_CLAIM_MISMATCH_ERROR,
    JWT_CLAIM_NARROWER_WARNING,
    JWT_EXPIRED_ERROR,
    JWT_NOT_YET_VALID_ERROR,
    JWT_TOO_LARGE_ERROR,
)
from vckit.proofs.jose._result import JwtPresentationVerificationResult, JwtVerificationResult
from vckit.proofs.jose._time import DEFAULT_CLOCK_SKEW

__all__ = [
    "DEFAULT_ALGORITHMS",
    "DEFAULT_CLOCK_SKEW",
    "DEFAULT_MAX_TOKEN_BYTES",
    "JWE_NOT_SUPPORTED_ERROR",
    "JWS_ALGORITHM_NOT_ALLOWED_ERROR",
    "JWS_HEADER_INVALID_ERROR",
    "JWS_HEADER_NOT_ALLOWED_ERROR",
    "JWT_CLAIM_INVALID_ERROR",
    "JWT_CLAIM_MISMATCH_ERROR",
    "JWT_CLAIM_NARROWER_WARNING",
    "JWT_EXPIRED_ERROR",
    "JWT_NOT_YET_VALID_ERROR",
    "JWT_TOO_LARGE_ERROR",
    "VC_JOSE_COSE",
    "VC_JWT",
    "AsyncCredentialVerifier",
    "CredentialVerifier",
    "JwtPresentationVerificationResult",
    "JwtVerificationResult",
    "averify_credential_jwt",
    "averify_presentation_jwt",
    "sign_credential_jwt",
    "sign_presentation_jwt",
    "verify_credential_jwt",
    "verify_presentation_jwt",
]
