"""Verification reports, compact on their way back from a worker process.

Pickled as it is, a ``VerificationReport`` costs more to send back than it should: it carries
the credential the caller passed in (the caller still has it), and a dozen ``CheckResult``
objects that are the same for every credential of a batch ("parse: passed", "schema: skipped",
the proof check naming the issuer's key, ...), each rebuilt through its constructor on arrival.

So a worker writes each distinct check and warning of a chunk once, in the chunk's table
(``OutputCodec.table``), and each report as ``marshal`` bytes of its verdict, format and
container and the table positions of its checks and warnings, with the credential as "the item
you gave me". The caller decodes the table once per chunk, and a report only when the consumer
asks for it: a ``VerificationReport`` equal to the one the worker made, with the caller's own
input object as its ``credential`` (as ``vckit.verify`` gives it in-process). ``CheckResult``
and ``Problem`` are immutable, so the reports of a chunk share its equal checks.

A report whose credential is not the input, with a check that holds nested reports, or with a
detail that is not plain JSON travels as a ``CompactReport``, pickled. If the report classes
ever change shape (other fields than the codec knows), reports travel as they are: slower,
never different.
"""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Mapping
from typing import Any

from vckit._codec.plaincopy import NotPlain, copy_plain

__all__ = [
    "LINE_REPORTS",
    "REPORTS",
    "CompactReport",
    "compact_report",
    "expand_report",
    "receive_table",
]

_REPORT_FIELDS = ("verified", "format", "credential", "checks", "warnings", "container")
_CHECK_FIELDS = ("check", "status", "code", "message", "detail", "required", "nested")
_MARSHAL_VERSION = 2
"""No references: nothing in a decoded report is shared with anything else."""
_MAX_KNOWN_CHECKS = 4096
"""Distinct detail-free checks kept decoded per process (messages can vary per credential)."""

_KNOWN_CHECKS: dict[tuple[Any, ...], Any] = {}


def _codec_applies() -> bool:
    from vckit.verification import CheckResult, VerificationReport

    return tuple(f.name for f in dataclasses.fields(VerificationReport)) == _REPORT_FIELDS and (
        tuple(f.name for f in dataclasses.fields(CheckResult)) == _CHECK_FIELDS
    )


_APPLIES: bool | None = None
_CLASSES: tuple[Any, Any, Any] | None = None


def _classes() -> tuple[Any, Any, Any]:
    """``CheckResult``, ``Problem`` and ``VerificationReport``, imported on first use."""
    global _CLASSES
    if _CLASSES is None:
        from vckit.problems import Problem
        from vckit.verification import CheckResult, VerificationReport

        _CLASSES = (CheckResult, Problem, VerificationReport)
    return _CLASSES


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


class _Table:
    """A worker's table of the distinct checks and warnings of one chunk's reports.

    Most checks are the verifier's shared fixed-message results, found by identity; a check made
    for one credential (the proof check naming its key) is found by value, so the badges of one
    issuer share one entry.
    """

    __slots__ = ("by_id", "by_value", "entries", "kept")

    def __init__(self) -> None:
        self.by_id: dict[int, int] = {}
        self.kept: list[Any] = []  # keeps each object seen alive, so its id stays its own
        self.by_value: dict[tuple[Any, ...], int] = {}
        self.entries: list[tuple[Any, ...]] = []

    def positions(self, values: tuple[Any, ...]) -> tuple[int, ...]:
        """Where each of ``values`` (checks or warnings) is in the table; ``NotPlain``."""
        found = list(map(self.by_id.get, map(id, values)))
        if None in found:
            found = [
                self._add(value) if position is None else position
                for position, value in zip(found, values, strict=True)
            ]
        return tuple(found)  # type: ignore[arg-type]

    def _add(self, value: Any) -> int:
        entry = _entry(value)
        position = self.by_value.get(entry)
        if position is None:
            position = len(self.entries)
            self.entries.append(entry)
            self.by_value[entry] = position
        self.by_id[id(value)] = position
        self.kept.append(value)
        return position


def _entry(value: Any) -> tuple[Any, ...]:
    """A check or warning as plain data; its last field is its detail as ``marshal`` bytes
    (None when empty), which also makes the entry hashable."""
    CheckResult, Problem, _ = _classes()  # noqa: N806 - classes
    if type(value) is CheckResult and not value.nested:
        detail = _plain_detail(value.detail) if value.detail else None
        return ("check", value.check, str(value.status), value.code, value.message,
                value.required, detail)  # fmt: skip
    if type(value) is Problem:
        detail = _plain_detail(value.detail) if value.detail else None
        return ("problem", value.code, value.message, detail)
    raise NotPlain


def _plain_detail(detail: Mapping[str, Any]) -> bytes:
    """``detail`` as ``marshal`` bytes of a plain dict (``NotPlain`` for anything else)."""
    return marshal.dumps(copy_plain(dict(detail)), _MARSHAL_VERSION)


def compact_report(report: Any, item: Any, table: _Table | None = None) -> Any:
    """``report`` ready to travel back (in a worker); anything but a plain report unchanged.

    With ``table`` (the chunk's), a report whose credential is ``item`` becomes ``marshal``
    bytes that point into the table; otherwise, or when a check or warning cannot be written
    as plain data, a ``CompactReport``.
    """
    CheckResult, _, VerificationReport = _classes()  # noqa: N806 - classes
    if type(report) is not VerificationReport or not _applies():
        return report
    credential = report.credential
    same = credential is item and credential is not None
    if same and table is not None:
        try:
            checks = table.positions(report.checks)
            warnings = table.positions(report.warnings) if report.warnings else ()
            return marshal.dumps(
                (report.verified, report.format, checks, warnings, report.container),
                _MARSHAL_VERSION,
            )
        except (NotPlain, ValueError):  # a nested report, a detail or name that is not plain
            pass
    return CompactReport(
        report.verified,
        report.format,
        None if same else credential,
        same,
        tuple(
            (check.check, str(check.status), check.code, check.message, check.required)
            if type(check) is CheckResult and not check.detail and not check.nested
            else check
            for check in report.checks
        ),
        report.warnings,
        report.container,
    )


def receive_table(entries: list[tuple[Any, ...]] | None) -> list[Any]:
    """The checks and warnings of a chunk's table, decoded (in the caller's process)."""
    if not entries:
        return []
    from vckit.problems import _problem  # what unpickling a Problem does
    from vckit.verification._report import _check_result  # what unpickling a check does

    decoded: list[Any] = []
    for entry in entries:
        detail = {} if entry[-1] is None else marshal.loads(entry[-1])  # noqa: S302
        if entry[0] == "problem":
            _, code, message, _ = entry
            decoded.append(_problem(code, message, detail))
        elif not detail:  # a detail-free check: one object per process
            decoded.append(_check(entry[1:-1]))
        else:
            _, name, status, code, message, required, _ = entry
            decoded.append(
                _check_result(name, _status(status), code, message, detail, required, ())
            )
    return decoded


def expand_report(output: Any, item: Any, received: list[Any] | None = None) -> Any:
    """The ``VerificationReport`` a compact report stands for (in the caller's process)."""
    VerificationReport = _classes()[2]  # noqa: N806 - a class
    if type(output) is bytes and received is not None:
        verified, format, checks, warnings, container = marshal.loads(output)  # noqa: S302
        return VerificationReport(
            verified=verified,
            format=format,
            credential=item,
            checks=tuple([received[position] for position in checks]),
            warnings=tuple([received[position] for position in warnings]),
            container=container,
        )
    if type(output) is not CompactReport:
        return output
    return VerificationReport(
        verified=output.verified,
        format=output.format,
        credential=item if output.same_as_input else output.credential,
        checks=tuple([_check(check) for check in output.checks]),
        warnings=output.warnings,
        container=output.container,
    )


def _check(encoded: Any) -> Any:
    """A detail-free check from its fields, decoded once per process."""
    if type(encoded) is not tuple:
        return encoded
    known = _KNOWN_CHECKS.get(encoded)
    if known is None:
        from vckit.verification import CheckResult

        name, status, code, message, required = encoded
        known = CheckResult(name, _status(status), code, message, required=required)
        if len(_KNOWN_CHECKS) < _MAX_KNOWN_CHECKS:
            _KNOWN_CHECKS[encoded] = known
    return known


_STATUSES: dict[str, Any] = {}


def _status(value: str) -> Any:
    """The ``CheckStatus`` whose value is ``value`` (a dict lookup, not an Enum call)."""
    if not _STATUSES:
        from vckit.verification import CheckStatus

        _STATUSES.update({status.value: status for status in CheckStatus})
    return _STATUSES[value]


class _ReportCodec:
    """``compact_report`` / ``expand_report`` as the batch engine's output codec."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "REPORTS"  # pickled as a reference to the module's one instance

    @staticmethod
    def begin() -> _Table:
        return _Table()

    @staticmethod
    def compact(output: Any, item: Any, state: _Table) -> Any:
        return compact_report(output, item, state)

    @staticmethod
    def table(state: _Table) -> list[tuple[Any, ...]]:
        return state.entries

    @staticmethod
    def receive(table: list[tuple[Any, ...]] | None) -> list[Any]:
        return receive_table(table)

    @staticmethod
    def expand(output: Any, item: Any, received: list[Any]) -> Any:
        return expand_report(output, item, received)


REPORTS = _ReportCodec()


class _LineReportCodec(_ReportCodec):
    """Reports of items the caller does not hold parsed (lines of a JSON Lines file): each
    report's credential travels back with it, as ``marshal`` bytes, beside the compact report."""

    __slots__ = ()

    def __reduce__(self) -> str:
        return "LINE_REPORTS"

    @staticmethod
    def compact(output: Any, item: Any, state: _Table) -> Any:
        credential = getattr(output, "credential", None)
        if credential is None:
            return compact_report(output, item, state)
        try:  # JSON the worker parsed: exact built-in types, which marshal writes as they are
            data = marshal.dumps(credential, _CREDENTIAL_MARSHAL_VERSION)
        except ValueError:  # not built-in types only: the credential goes pickled
            return compact_report(output, item, state)
        return (compact_report(output, credential, state), data)

    @staticmethod
    def expand(output: Any, item: Any, received: list[Any]) -> Any:
        if type(output) is tuple:
            compact, data = output
            credential = marshal.loads(data)  # noqa: S302 - written by this batch's worker
            return expand_report(compact, credential, received)
        return expand_report(output, item, received)


_CREDENTIAL_MARSHAL_VERSION = 4
"""With back-references: the parser makes a member name the credential repeats one object, which
is then written once (copying it with ``copy_plain`` first cost four times as much, for nothing
more)."""

LINE_REPORTS = _LineReportCodec()
"""``REPORTS`` for a batch whose items are lines: the caller gets each credential from its
report (``vckit.batch._lines``)."""
