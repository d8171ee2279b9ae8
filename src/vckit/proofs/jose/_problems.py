"""JOSE-specific problem codes.

The spec-named codes in ``vckit.problems`` cover parsing, signature, key and trust failures. JOSE
has failure modes of its own (JWE where a JWS was expected, forbidden header parameters, claims
that contradict the credential) that a caller needs to tell apart, so they get their own names in
the same UPPER_SNAKE form.
"""

from __future__ import annotations

from typing import Final

__all__ = [
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
]

# The token is larger than the verifier's cap; nothing of it was decoded.
JWT_TOO_LARGE_ERROR: Final = "JWT_TOO_LARGE_ERROR"
# The token is a JWE (five compact parts): vckit verifies signed tokens only.
JWE_NOT_SUPPORTED_ERROR: Final = "JWE_NOT_SUPPORTED_ERROR"
# ``alg`` is none, HMAC, unknown, not allowed by the verifier or not usable with the signer's key.
JWS_ALGORITHM_NOT_ALLOWED_ERROR: Final = "JWS_ALGORITHM_NOT_ALLOWED_ERROR"
# A header parameter the profile forbids (jku, x5u, x5c, crit, zip, anything unknown).
JWS_HEADER_NOT_ALLOWED_ERROR: Final = "JWS_HEADER_NOT_ALLOWED_ERROR"
# A permitted header parameter with a wrong value (typ for another profile, kid not a string, ...).
JWS_HEADER_INVALID_ERROR: Final = "JWS_HEADER_INVALID_ERROR"
# A registered claim with an unusable value (exp = 1e30, iss not a string, vc not an object, ...).
JWT_CLAIM_INVALID_ERROR: Final = "JWT_CLAIM_INVALID_ERROR"
# A claim disagrees with the credential it carries (iss vs issuer, jti vs id, sub vs subject, ...).
JWT_CLAIM_MISMATCH_ERROR: Final = "JWT_CLAIM_MISMATCH_ERROR"
# A warning, not a failure: a date claim narrows the credential's validity (nbf later than
# validFrom, exp earlier than validUntil), e.g. nbf set to the signing time. The narrower window
# is enforced; nothing is claimed beyond what the credential says.
JWT_CLAIM_NARROWER_WARNING: Final = "JWT_CLAIM_NARROWER_WARNING"
# ``exp`` (or the credential's validUntil / expirationDate) is in the past.
JWT_EXPIRED_ERROR: Final = "JWT_EXPIRED_ERROR"
# ``nbf`` or ``iat`` (or the credential's validFrom) is in the future.
JWT_NOT_YET_VALID_ERROR: Final = "JWT_NOT_YET_VALID_ERROR"
