"""Results of verifying a JWT credential or presentation.

Neither result has a truth value: ``if result:`` would be true for a failed verification, so
``bool(result)`` raises ``TypeError`` (as the Data Integrity results do); read ``.verified``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vckit.problems import Problem

__all__ = ["JwtPresentationVerificationResult", "JwtVerificationResult"]


@dataclass(frozen=True, slots=True)
class JwtVerificationResult:
    """The outcome of ``verify_credential_jwt``.

    ``credential`` is the decoded credential whenever the token could be decoded, so a report can
    show what was presented; use it only when ``verified`` is True. ``verification_method`` is the
    absolute ``kid`` (or ``"jwk"`` / ``"trusted_keys"``) once a key was found. ``warnings`` are
    deviations that do not fail verification (e.g. ``nbf`` later than ``validFrom``).
    """

    verified: bool
    credential: dict[str, Any] | None
    problems: tuple[Problem, ...]
    profile: str | None = None
    header: Mapping[str, Any] | None = None
    claims: Mapping[str, Any] | None = None
    issuer: str | None = None
    verification_method: str | None = None
    warnings: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        raise TypeError("use result.verified, not the result itself, as a truth value")


@dataclass(frozen=True, slots=True)
class JwtPresentationVerificationResult:
    """The outcome of ``verify_presentation_jwt``: the presentation's own checks plus one result
    per embedded credential (``verified`` needs all of them to pass)."""

    verified: bool
    presentation: dict[str, Any] | None
    problems: tuple[Problem, ...]
    credential_results: tuple[JwtVerificationResult, ...] = field(default=())
    profile: str | None = None
    header: Mapping[str, Any] | None = None
    claims: Mapping[str, Any] | None = None
    holder: str | None = None
    verification_method: str | None = None
    warnings: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        raise TypeError("use result.verified, not the result itself, as a truth value")
