"""The verification pipeline, issuing and presentations: the front door of vckit.

``vckit.verify(thing)`` tells a good badge from a forged, revoked or expired one and says why, in a
:class:`VerificationReport` of :class:`CheckResult` values. ``vckit.issue`` signs only credentials
verifiers will accept; ``vckit.present`` / ``vckit.verify_presentation`` handle presentations.
This package is ``vckit.verification`` (not ``vckit.verify``) because ``vckit.verify`` is the
function; everything here is also reachable from the top-level ``vckit`` namespace. See
docs/verify.md and docs/issue.md.
"""

from __future__ import annotations

from vckit._http import FetchBudget
from vckit.verification._api import averify, averify_presentation, verify, verify_presentation
from vckit.verification._codes import VCKIT_PROBLEM_BASE, problem_type
from vckit.verification._issue import IssuanceError, issue
from vckit.verification._ops import (
    CheckStatusEntry,
    FetchRefresh,
    VerifyDataIntegrity,
    VerifyJwt,
)
from vckit.verification._present import present
from vckit.verification._report import CheckResult, CheckStatus, VerificationReport
from vckit.verification._verifier import DEFAULT_CLOCK_SKEW, AsyncVerifier, Verifier

__all__ = [
    "DEFAULT_CLOCK_SKEW",
    "VCKIT_PROBLEM_BASE",
    "AsyncVerifier",
    "CheckResult",
    "CheckStatus",
    "CheckStatusEntry",
    "FetchBudget",
    "FetchRefresh",
    "IssuanceError",
    "VerificationReport",
    "Verifier",
    "VerifyDataIntegrity",
    "VerifyJwt",
    "averify",
    "averify_presentation",
    "issue",
    "present",
    "problem_type",
    "verify",
    "verify_presentation",
]
