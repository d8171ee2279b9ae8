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
from vckit.verification._codes import problem_type

__all__ = ["CheckResult", "CheckStatus", "VerificationReport"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})

#: Short ProblemDetails titles; other codes get their name in words.
_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "PARSING_ERROR": "Parsing error",
        "MALFORMED_VALUE_ERROR": "Malformed value",
        "RANGE_ERROR": "Value out of range",
        "PROOF_VERIFICATION_ERROR": "Invalid proof",
        "MALFORMED_PROOF_ERROR": "Malformed proof",
        "UNTRUSTED_ISSUER_ERROR": "Proof not by the issuer",
        "EXPIRED": "Credential expired",
        "NOT_YET_VALID": "Credential not yet valid",
        "CREDENTIAL_REVOKED": "Credential revoked",
        "CREDENTIAL_SUSPENDED": "Credential suspended",
        "STATUS_RETRIEVAL_ERROR": "Status could not be retrieved",
        "ISSUER_NOT_TRUSTED": "Issuer not trusted",
    }
)


class CheckStatus(StrEnum):
    """How one check ended. ``ERROR`` (the check could not be done) fails closed like ``FAILED``."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


def _title(code: str) -> str:
    return _TITLES.get(code) or code.replace("_", " ").capitalize()


def _jsonable(value: Any, depth: int = 0) -> Any:
    """Detail values as plain JSON (anything else becomes its ``str``), bounded in depth."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if depth > 20:
        return "..."
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item, depth + 1) for item in value]
    return str(value)


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

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle, and reports travel back from batch worker processes.
        return (
            _check_result,
            (self.check, self.status, self.code, self.message, dict(self.detail),
             self.required, self.nested),
        )  # fmt: skip

    @property
    def failed(self) -> bool:
        """True when this check counts against the verdict."""
        return self.required and self.status in (CheckStatus.FAILED, CheckStatus.ERROR)

    def problem(self) -> Problem | None:
        """This check as a ``Problem`` when it did not pass (FAILED or ERROR), else ``None``."""
        if self.status not in (CheckStatus.FAILED, CheckStatus.ERROR):
            return None
        return Problem(self.code or "VERIFICATION_FAILED_UNEXPECTEDLY", self.message, self.detail)

    def to_json(self) -> dict[str, Any]:
        """This check as JSON; a failing check also carries its ProblemDetails ``type``."""
        out: dict[str, Any] = {
            "check": self.check,
            "status": self.status.value,
            "required": self.required,
            "message": self.message,
        }
        if self.code is not None:
            out["code"] = self.code
            out["type"] = problem_type(self.code)
        if self.detail:
            out["data"] = _jsonable(self.detail)
        if self.nested:
            out["nested"] = [report.to_json() for report in self.nested]
        return out


def _check_result(
    check: str,
    status: CheckStatus,
    code: str | None,
    message: str,
    detail: dict[str, Any],
    required: bool,
    nested: tuple[VerificationReport, ...],
) -> CheckResult:
    """Unpickle a ``CheckResult``, giving its detail back its read-only view."""
    frozen = MappingProxyType(detail) if detail else _EMPTY
    return CheckResult(check, status, code, message, frozen, required, nested)


def _problem_details(code: str, message: str, check: str | None, data: Any) -> dict[str, Any]:
    """A VC 2.0 ProblemDetails object (RFC 9457 members plus ``check`` and ``data``)."""
    out: dict[str, Any] = {"type": problem_type(code), "title": _title(code), "detail": message}
    if check is not None:
        out["check"] = check
    if data:
        out["data"] = _jsonable(data)
    return out


def _name_of(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name")
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):  # a VC 2.0 language-value object
        found = value.get("@value")
        return found if isinstance(found, str) else None
    if isinstance(value, list):  # several language values: the first readable one
        for item in value:
            found = _name_of({"name": item})
            if found:
                return found
    return None


@dataclass(frozen=True)
class VerificationReport:
    """Everything one verification found.

    ``verified`` is True only when no required check FAILED or ERRORED. ``format`` names what was
    verified: ``"json-ld"`` (a JSON credential, Data Integrity proofs), ``"vc-jwt"`` (OB 3.0 /
    VC 1.1 JWT), ``"vc+jwt"`` (VC-JOSE-COSE), ``"presentation"`` (a JSON presentation),
    ``"jwt-presentation"``, ``"ob2"`` (an Open Badges 2.0 assertion, not verified) or
    ``"unknown"``. ``container`` is ``"png"`` / ``"svg"`` when the credential was unbaked from an
    image. ``credential`` is the verified JSON (the decoded payload for a JWT), or ``None`` when
    nothing could be parsed. ``warnings`` are problems that do not change the verdict.
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

    @property
    def problems(self) -> tuple[Problem, ...]:
        """One ``Problem`` per required check that FAILED or ERRORED, in check order."""
        found = (check.problem() for check in self.checks if check.failed)
        return tuple(problem for problem in found if problem is not None)

    # -- what the credential says about itself (for display; trust only when verified) --------

    @property
    def name(self) -> str | None:
        """The credential's name, else its achievement's name."""
        data = self.credential or {}
        subject = data.get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
        return _name_of(data) or _name_of(achievement)

    @property
    def issuer(self) -> str | None:
        """The issuer's name and id, as ``"Name (id)"`` or the id alone."""
        issuer = (self.credential or {}).get("issuer")
        if isinstance(issuer, str):
            return issuer
        if not isinstance(issuer, Mapping):
            return None
        name, ident = _name_of(issuer), issuer.get("id")
        ident = ident if isinstance(ident, str) else None
        if name and ident:
            return f"{name} ({ident})"
        return name or ident

    @property
    def recipient(self) -> str | None:
        """The subject's id, or a description of its identifier (hashed values stay hashed)."""
        subject = (self.credential or {}).get("credentialSubject")
        if isinstance(subject, list):
            subject = subject[0] if subject else None
        if not isinstance(subject, Mapping):
            return None
        ident = subject.get("id")
        if isinstance(ident, str):
            return ident
        identifiers = subject.get("identifier")
        first = identifiers[0] if isinstance(identifiers, list) and identifiers else identifiers
        if isinstance(first, Mapping):
            kind = str(first.get("identityType") or "identity")
            if first.get("hashed") is True:
                return f"hashed {kind}"
            value = first.get("identityHash")
            return f"{kind} {value}" if isinstance(value, str) else kind
        return None

    # -- output --------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The report as JSON, shaped like a VC 2.0 verification result.

        ``errors`` and ``warnings`` are ProblemDetails objects (``type``, ``title``, ``detail``);
        ``checks`` has every check in pipeline order with its nested reports. The credential
        itself is not repeated; ``name``, ``issuer`` and ``recipient`` summarise it.
        """
        return {
            "verified": self.verified,
            "format": self.format,
            "container": self.container,
            "name": self.name,
            "issuer": self.issuer,
            "recipient": self.recipient,
            "errors": [
                _problem_details(
                    check.code or "VERIFICATION_FAILED_UNEXPECTEDLY",
                    check.message,
                    check.check,
                    check.detail,
                )
                for check in self.checks
                if check.failed
            ],
            "warnings": [
                _problem_details(problem.code, problem.message, None, problem.detail)
                for problem in self.warnings
            ],
            "checks": [check.to_json() for check in self.checks],
        }

    def __str__(self) -> str:
        from vckit.verification._text import render_text

        return render_text(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """The report as an HTML page (or a ``<section>`` with ``fragment=True``).

        Rendered by ``vckit.display.render_report_html``, imported on first use.
        """
        from vckit.display import render_report_html  # same layer; imported on first use

        return render_report_html(self, fragment=fragment)

    def raise_for_failure(self) -> None:
        """Raise ``VerificationError`` (carrying this report as ``.report``) unless verified."""
        if not self.verified:
            failed = [c for c in self.checks if c.failed]
            summary = ", ".join(f"{c.check}: {c.code or c.status.value}" for c in failed)
            raise VerificationError(
                f"credential not verified ({summary or 'no checks'})", report=self
            )
