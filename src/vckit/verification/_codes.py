"""The problem codes a verification report uses, and the ProblemDetails ``type`` URI of each.

Codes the W3C specs define keep their names and their spec's URI (VC Data Model 2.0 §7.1, VC Data
Integrity 1.0 §2.3, Bitstring Status List 1.0 §3.4). Codes vckit adds for Open Badges and for the
checks the specs leave to the verifier (validity window, trust, endorsements) live under one URI
base, :data:`VCKIT_PROBLEM_BASE`, and are listed in docs/verify.md. A code never changes meaning
once published; new situations get new codes.
"""

from __future__ import annotations

from typing import Final

__all__ = ["VCKIT_PROBLEM_BASE", "problem_type"]

#: The URI base of every code vckit defines (``type`` = base + code in ``report.to_json()``).
VCKIT_PROBLEM_BASE: Final = "https://w3id.org/vckit/problems#"

_VCDM = "https://www.w3.org/TR/vc-data-model#"
_DI = "https://w3id.org/security#"
_BSL = "https://www.w3.org/ns/credentials/status-list#"

# VC Data Model 2.0, section 7.1.
PARSING_ERROR: Final = "PARSING_ERROR"
CRYPTOGRAPHIC_SECURITY_ERROR: Final = "CRYPTOGRAPHIC_SECURITY_ERROR"
MALFORMED_VALUE_ERROR: Final = "MALFORMED_VALUE_ERROR"
RANGE_ERROR: Final = "RANGE_ERROR"

# vckit codes (Open Badges and verifier policy).
FORMAT_NOT_RECOGNIZED: Final = "FORMAT_NOT_RECOGNIZED"
OB2_NOT_SUPPORTED: Final = "OB2_NOT_SUPPORTED"
INPUT_TOO_LARGE: Final = "INPUT_TOO_LARGE"
CONTEXT_VALIDATION_ERROR: Final = "CONTEXT_VALIDATION_ERROR"
OB_VALIDATION_ERROR: Final = "OB_VALIDATION_ERROR"
SCHEMA_VALIDATION_ERROR: Final = "SCHEMA_VALIDATION_ERROR"
NO_PROOF: Final = "NO_PROOF"
EXPIRED: Final = "EXPIRED"
NOT_YET_VALID: Final = "NOT_YET_VALID"
CREDENTIAL_REVOKED: Final = "CREDENTIAL_REVOKED"
CREDENTIAL_SUSPENDED: Final = "CREDENTIAL_SUSPENDED"
STATUS_CHECK_FAILED: Final = "STATUS_CHECK_FAILED"
REFRESH_ERROR: Final = "REFRESH_ERROR"
RECIPIENT_MISMATCH: Final = "RECIPIENT_MISMATCH"
ISSUER_NOT_TRUSTED: Final = "ISSUER_NOT_TRUSTED"
ENDORSEMENT_LIMIT_EXCEEDED: Final = "ENDORSEMENT_LIMIT_EXCEEDED"
ENDORSEMENT_INVALID: Final = "ENDORSEMENT_INVALID"
EMBEDDED_CREDENTIAL_INVALID: Final = "EMBEDDED_CREDENTIAL_INVALID"
HOLDER_MISMATCH: Final = "HOLDER_MISMATCH"
FETCH_BUDGET_EXCEEDED: Final = "FETCH_BUDGET_EXCEEDED"
VERIFICATION_FAILED_UNEXPECTEDLY: Final = "VERIFICATION_FAILED_UNEXPECTEDLY"

_SPEC: Final = {
    PARSING_ERROR: _VCDM,
    CRYPTOGRAPHIC_SECURITY_ERROR: _VCDM,
    MALFORMED_VALUE_ERROR: _VCDM,
    RANGE_ERROR: _VCDM,
    "PROOF_GENERATION_ERROR": _DI,
    "PROOF_VERIFICATION_ERROR": _DI,
    "PROOF_EXPIRED_ERROR": _DI,
    "MALFORMED_PROOF_ERROR": _DI,
    "MISMATCHED_PROOF_PURPOSE_ERROR": _DI,
    "INVALID_DOMAIN_ERROR": _DI,
    "INVALID_CHALLENGE_ERROR": _DI,
    "STATUS_RETRIEVAL_ERROR": _BSL,
    "STATUS_VERIFICATION_ERROR": _BSL,
    "STATUS_LIST_LENGTH_ERROR": _BSL,
}


def problem_type(code: str) -> str:
    """The ProblemDetails ``type`` URI of ``code`` (the spec's own for W3C codes)."""
    return _SPEC.get(code, VCKIT_PROBLEM_BASE) + code
