"""What ``verify_proof`` returns: an overall verdict plus one entry per proof.

Verification never raises for bad input, so the result has to carry everything a caller needs to
explain a rejection: spec-named problem codes, and for each proof which key and controller were
involved. A credential pipeline uses ``controller`` to tie the proof to the issuer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from vckit.problems import Problem

__all__ = ["ProofFailure", "ProofResult", "ProofVerificationResult"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class ProofFailure(Exception):
    """Internal signal: one check on one proof failed.

    Raised inside the engine and the suites, caught per proof and turned into a ``Problem``; it
    never escapes ``verify_proof``. Not a ``VckitError`` because it is not part of the public API.
    """

    def __init__(self, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.problem = Problem(code, message, MappingProxyType(dict(detail)) if detail else _EMPTY)


@dataclass(frozen=True, slots=True)
class ProofResult:
    """The outcome for one proof of a proof set or chain.

    ``proof`` is the proof object exactly as found in the document (not copied, never mutate it).
    ``verification_method`` and ``controller`` are filled in as far as verification got.
    """

    proof: Any
    verified: bool
    problems: tuple[Problem, ...] = ()
    cryptosuite: str | None = None
    verification_method: str | None = None
    controller: str | None = None


@dataclass(frozen=True, slots=True)
class ProofVerificationResult:
    """The outcome of ``verify_proof``: ``verified`` is True only when every required proof passed.

    ``problems`` gathers the problems of all proofs (and document-level ones such as a missing
    proof); ``proofs`` has the per-proof detail in document order.
    """

    verified: bool
    problems: tuple[Problem, ...] = ()
    proofs: tuple[ProofResult, ...] = field(default=())

    def __bool__(self) -> bool:
        """Refuse truth-testing: ``if result:`` would be true even when verification failed."""
        raise TypeError("use result.verified, not the result itself, as a truth value")
