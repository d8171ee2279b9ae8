"""Verification reports, compact on their way back from a worker process.

Pickled as it is, a ``VerificationReport`` costs more to send back than it should: it carries
the credential the caller passed in (the caller still has it), and a dozen ``CheckResult``
objects that are the same for every credential of a batch ("parse: passed", "schema: skipped",
...), each rebuilt through its constructor on arrival. A worker sends a ``CompactReport``
instead: the credential as "the item you gave me" when the report holds exactly the input
object, and each check without details as a tuple of its fields. The caller turns that back into
a ``VerificationReport`` equal to the one the worker made, with the caller's own input object as
its ``credential`` (as ``vckit.verify`` gives it in-process), and each recurring check decoded
once per process: ``CheckResult`` is immutable, so equal checks may share one object.

If the report classes ever change shape (other fields than the codec knows), reports travel as
they are: slower, never different.
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["REPORTS", "CompactReport", "compact_report", "expand_report"]

_REPORT_FIELDS = ("verified", "format", "credential", "checks", "warnings", "container")
_CHECK_FIELDS = ("check", "status", "code", "message", "detail", "required", "nested")
_MAX_KNOWN_CHECKS = 4096
"""Distinct detail-free checks kept decoded per process (messages can vary per credential)."""

_KNOWN_CHECKS: dict[tuple[Any, ...], Any] = {}


def _codec_applies() -> bool:
    from vckit.verification import CheckResult, VerificationReport

    return tuple(f.name for f in dataclasses.fields(VerificationReport)) == _REPORT_FIELDS and (
        tuple(f.name for f in dataclasses.fields(CheckResult)) == _CHECK_FIELDS
    )


_APPLIES: bool | None = None


def _applies() -> bool:
    global _APPLIES
    if _APPLIES is None:
        _APPLIES = _codec_applies()
    return _APPLIES


class CompactReport:
    """A report in transit: ``same_as_input`` stands for the input item as its credential."""

    __slots__ = ("checks", "container", "credential", "format", "same_as_input", "verified",
                 "warnings")  # fmt: skip

    def __init__(
        self,
        verified: bool,
        format: str,
        credential: Any,
        same_as_input: bool,
        checks: tuple[Any, ...],
        warnings: tuple[Any, ...],
        container: str | None,
    ) -> None:
        self.verified = verified
        self.format = format
        self.credential = credential
        self.same_as_input = same_as_input
        self.checks = checks
        self.warnings = warnings
        self.container = container

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            CompactReport,
            (self.verified, self.format, self.credential, self.same_as_input, self.checks,
             self.warnings, self.container),
        )  # fmt: skip


def compact_report(report: Any, item: Any) -> Any:
    """``report`` ready to travel back (in a worker); anything but a plain report unchanged."""
    from vckit.verification import CheckResult, VerificationReport

    if type(report) is not VerificationReport or not _applies():
        return report
    credential = report.credential
    same = credential is item and credential is not None
    checks = tuple(
        (check.check, check.status, check.code, check.message, check.required)
        if type(check) is CheckResult and not check.detail and not check.nested
        else check
        for check in report.checks
    )
    return CompactReport(
        report.verified,
        report.format,
        None if same else credential,
        same,
        checks,
        report.warnings,
        report.container,
    )


def expand_report(output: Any, item: Any) -> Any:
    """The ``VerificationReport`` a ``CompactReport`` stands for (in the caller's process)."""
    if type(output) is not CompactReport:
        return output
    from vckit.verification import VerificationReport

    return VerificationReport(
        verified=output.verified,
        format=output.format,
        credential=item if output.same_as_input else output.credential,
        checks=tuple(_check(check) for check in output.checks),
        warnings=output.warnings,
        container=output.container,
    )


def _check(encoded: Any) -> Any:
    if type(encoded) is not tuple:
        return encoded
    known = _KNOWN_CHECKS.get(encoded)
    if known is None:
        from vckit.verification import CheckResult

        name, status, code, message, required = encoded
        known = CheckResult(name, status, code, message, required=required)
        if len(_KNOWN_CHECKS) < _MAX_KNOWN_CHECKS:
            _KNOWN_CHECKS[encoded] = known
    return known


class _ReportCodec:
    """``compact_report`` / ``expand_report`` as the batch engine's output codec."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "REPORTS"  # pickled as a reference to the module's one instance

    @staticmethod
    def compact(output: Any, item: Any, plain: bool) -> Any:
        return compact_report(output, item)

    @staticmethod
    def expand(output: Any, item: Any) -> Any:
        return expand_report(output, item)


REPORTS = _ReportCodec()
