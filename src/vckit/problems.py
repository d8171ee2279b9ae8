"""Problems found while verifying untrusted input.

Verifiers never raise for bad input; they return a result carrying ``Problem`` values. The codes
are the names the W3C specs define (VC Data Model 2.0 ProblemDetails, VC Data Integrity, Bitstring
Status List), so a report maps onto ProblemDetails without translation. vckit-specific codes use the
same UPPER_SNAKE form.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "CONTEXT_VALIDATION_ERROR",
    "CRYPTOSUITE_UNSUPPORTED_ERROR",
    "DATA_LOSS_DETECTION_ERROR",
    "INVALID_CHALLENGE_ERROR",
    "INVALID_DOMAIN_ERROR",
    "INVALID_VERIFICATION_METHOD_ERROR",
    "MALFORMED_PROOF_ERROR",
    "MISMATCHED_PROOF_PURPOSE_ERROR",
    "PARSING_ERROR",
    "PROOF_EXPIRED_ERROR",
    "PROOF_GENERATION_ERROR",
    "PROOF_VERIFICATION_ERROR",
    "STATUS_RETRIEVAL_ERROR",
    "STATUS_VERIFICATION_ERROR",
    "UNTRUSTED_ISSUER_ERROR",
    "Problem",
]

# VC Data Model 2.0, section 7.1 (ProblemDetails types) and VC Data Integrity 1.0, section 3.
PARSING_ERROR: Final = "PARSING_ERROR"
PROOF_GENERATION_ERROR: Final = "PROOF_GENERATION_ERROR"
PROOF_VERIFICATION_ERROR: Final = "PROOF_VERIFICATION_ERROR"
PROOF_EXPIRED_ERROR: Final = "PROOF_EXPIRED_ERROR"
MALFORMED_PROOF_ERROR: Final = "MALFORMED_PROOF_ERROR"
MISMATCHED_PROOF_PURPOSE_ERROR: Final = "MISMATCHED_PROOF_PURPOSE_ERROR"
INVALID_DOMAIN_ERROR: Final = "INVALID_DOMAIN_ERROR"
INVALID_CHALLENGE_ERROR: Final = "INVALID_CHALLENGE_ERROR"
# VC Data Integrity 1.0, section 2.5 (Securing Data Losslessly): JSON-LD would drop data (an
# undefined term, a relative IRI), which the proof would then not protect.
DATA_LOSS_DETECTION_ERROR: Final = "DATA_LOSS_DETECTION_ERROR"
# Bitstring Status List 1.0, section 3.
STATUS_RETRIEVAL_ERROR: Final = "STATUS_RETRIEVAL_ERROR"
STATUS_VERIFICATION_ERROR: Final = "STATUS_VERIFICATION_ERROR"
# vckit: the verification method could not be found, decoded or is not authorised.
INVALID_VERIFICATION_METHOD_ERROR: Final = "INVALID_VERIFICATION_METHOD_ERROR"
# vckit: the cryptosuite, proof type or algorithm is not registered with the verifier.
CRYPTOSUITE_UNSUPPORTED_ERROR: Final = "CRYPTOSUITE_UNSUPPORTED_ERROR"
# vckit: a valid signature by a key the expected controller (the issuer) does not control.
UNTRUSTED_ISSUER_ERROR: Final = "UNTRUSTED_ISSUER_ERROR"
# VC Data Integrity 1.0, section 4.6 "Context Validation": its algorithm adds "at least one
# error" without naming a type (neither does VC Data Model 2.0); vckit names it after the
# algorithm. An @context that is not known, not in an allowed order, or inline / nested without
# being allow-listed.
CONTEXT_VALIDATION_ERROR: Final = "CONTEXT_VALIDATION_ERROR"

_EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})


class Problem:
    """One failed check: a spec-named ``code``, a human ``message`` and machine ``detail``.

    Immutable and compared by value. Written by hand rather than as a dataclass: importing
    ``dataclasses`` pulls in ``inspect``, and every verifier imports this module at start.
    """

    __slots__ = ("code", "detail", "message")
    __match_args__ = ("code", "message", "detail")

    code: str
    message: str
    detail: Mapping[str, Any]

    def __init__(self, code: str, message: str, detail: Mapping[str, Any] = _EMPTY) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "detail", detail)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Problem is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: Problem is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Problem)
        return (self.code, self.message, self.detail) == (other.code, other.message, other.detail)

    def __hash__(self) -> int:
        return hash((self.code, self.message, self.detail))

    def __repr__(self) -> str:
        return f"Problem(code={self.code!r}, message={self.message!r}, detail={self.detail!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (batch work in other processes): ``detail`` is a read-only proxy, sent as a dict."""
        return (_problem, (self.code, self.message, dict(self.detail)))

    def to_json(self) -> dict[str, Any]:
        """A VC 2.0 ProblemDetails-shaped dict."""
        result: dict[str, Any] = {"type": self.code, "title": self.message}
        if self.detail:
            result["detail"] = dict(self.detail)
        return result


def _problem(code: str, message: str, detail: dict[str, Any]) -> Problem:
    return Problem(code, message, MappingProxyType(detail) if detail else _EMPTY)
