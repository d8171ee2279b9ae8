"""The verification pipeline: one call that tells a good badge from a forged, revoked or expired one."""

from __future__ import annotations

from vckit.verify._report import CheckResult, CheckStatus, VerificationReport

__all__ = ["CheckResult", "CheckStatus", "VerificationReport"]
