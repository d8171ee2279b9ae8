"""The verification report: one ``CheckResult`` per check, and a verdict that fails closed.

This is the one result vocabulary of the pipeline. Data Integrity, JOSE, Open Badges validation
and status results are mapped onto ``CheckResult`` in one place (the pipeline), so callers, the
command line, the HTML badge page and batch jobs all read the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from vckit.errors import VerificationError
from vckit.problems import Problem

__all__ = ["CheckResult", "CheckStatus", "VerificationReport"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class CheckStatus(StrEnum):
    """How one check ended. ``ERROR`` (the check could not be done) fails closed like ``FAILED``."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one check of the pipeline.

    ``check`` is a stable check name (``"parse"``, ``"context"``, ``"data_model"``,
    ``"ob_validation"``, ``"schema"``, ``"proof"``, ``"validity"``, ``"status"``, ``"refresh"``,
    ``"recipient"``, ``"issuer_trust"``, ``"endorsements"``, ``"credentials"``). ``code`` is a
    problem code when the check did not pass. ``required=False`` marks an informational check whose
    failure does not change the verdict. ``nested`` holds the reports of credentials verified as
    part of this check (endorsements, a CLR's embedded credentials, a presentation's credentials).
    """

    check: str
    status: CheckStatus
    code: str | None = None
    message: str = ""
    detail: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    required: bool = True
    nested: tuple[VerificationReport, ...] = ()

    @property
    def failed(self) -> bool:
        """True when this check counts against the verdict."""
        return self.required and self.status in (CheckStatus.FAILED, CheckStatus.ERROR)


@dataclass(frozen=True)
class VerificationReport:
    """Everything one verification found.

    ``verified`` is True only when no required check FAILED or ERRORED. ``format`` names what was
    verified (see ``vckit.verify`` for the values); ``container`` is ``"png"`` / ``"svg"`` when the
    credential was unbaked from an image. ``credential`` is the verified JSON (the decoded payload
    for a JWT), or ``None`` when nothing could be parsed. ``warnings`` are problems that do not
    change the verdict.
    """

    verified: bool
    format: str
    credential: Mapping[str, Any] | None
    checks: tuple[CheckResult, ...]
    warnings: tuple[Problem, ...] = ()
    container: str | None = None

    def __bool__(self) -> bool:
        raise TypeError("use report.verified; a VerificationReport has no truth value")

    def check(self, name: str) -> CheckResult | None:
        """The result of the check called ``name``, or ``None`` when it did not run."""
        for result in self.checks:
            if result.check == name:
                return result
        return None

    def raise_for_failure(self) -> None:
        """Raise ``VerificationError`` (carrying this report as ``.report``) unless verified."""
        if not self.verified:
            failed = [c for c in self.checks if c.failed]
            summary = ", ".join(f"{c.check}: {c.code or c.status.value}" for c in failed)
            error = VerificationError(f"credential not verified ({summary or 'no checks'})")
            error.report = self  # type: ignore[attr-defined]
            raise error
