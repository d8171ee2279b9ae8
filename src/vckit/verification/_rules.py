"""VC Data Model rules (2.0 and 1.1) and the validity window, as pure functions.

The data-model check runs on every credential and presentation before any proof is checked, in
the order 1EdTech's validator uses; the validity window is evaluated against the injected clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from vckit._codec.xsd import format_datetime_stamp, parse_datetime
from vckit.errors import ParseError
from vckit.verification import _codes as codes

__all__ = [
    "VC_V1",
    "VC_V2",
    "RuleIssue",
    "credential_dates",
    "data_model_issues",
    "party_id",
    "validity_issues",
]

VC_V1: Final = "https://www.w3.org/2018/credentials/v1"
VC_V2: Final = "https://www.w3.org/ns/credentials/v2"
_URI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]*", re.ASCII)


@dataclass(frozen=True, slots=True)
class RuleIssue:
    """One broken rule: the JSON Pointer, the problem code and a readable message."""

    path: str
    code: str
    message: str


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def party_id(document: Mapping[str, Any], member: str) -> str | None:
    """The id of ``issuer`` / ``holder``: the string, or the object's ``id``; None otherwise."""
    value = document.get(member)
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def is_v1(document: Mapping[str, Any]) -> bool:
    """True for a VC 1.1 document (its first context is the 2018 one)."""
    context = document.get("@context")
    first = context[0] if isinstance(context, list) and context else context
    return bool(first == VC_V1)


def credential_dates(
    document: Mapping[str, Any],
) -> tuple[tuple[str, datetime | None], tuple[str, datetime | None], list[RuleIssue]]:
    """(start member, start), (end member, end) and date format issues.

    VC 2.0 dates are ``xsd:dateTimeStamp`` (a time zone is required); VC 1.1 dates are
    ``xsd:dateTime``, read as UTC when the zone is missing.
    """
    v1 = is_v1(document)
    names = ("issuanceDate", "expirationDate") if v1 else ("validFrom", "validUntil")
    issues: list[RuleIssue] = []
    found: list[datetime | None] = []
    for name in names:
        value = document.get(name)
        if value is None:
            found.append(None)
            continue
        try:
            if not isinstance(value, str):
                raise ParseError("not a string")
            moment = parse_datetime(value, require_timezone=not v1)
        except ParseError:
            kind = "xsd:dateTime" if v1 else "xsd:dateTimeStamp (with a time zone)"
            issues.append(
                RuleIssue(f"/{name}", codes.MALFORMED_VALUE_ERROR, f"{name} is not an {kind}")
            )
            found.append(None)
            continue
        found.append(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))
    return (names[0], found[0]), (names[1], found[1]), issues


def _check_id(value: Any, path: str, issues: list[RuleIssue]) -> None:
    if not isinstance(value, str) or _URI.fullmatch(value) is None:
        issues.append(RuleIssue(path, codes.MALFORMED_VALUE_ERROR, f"{path} must be a URL"))


def _check_common(document: Mapping[str, Any], wanted_type: str, issues: list[RuleIssue]) -> None:
    context = document.get("@context")
    contexts = _list(context) if context is not None else []
    if not contexts:
        issues.append(RuleIssue("/@context", codes.MALFORMED_VALUE_ERROR, "@context is required"))
    elif contexts[0] not in (VC_V2, VC_V1):
        issues.append(
            RuleIssue(
                "/@context/0",
                codes.MALFORMED_VALUE_ERROR,
                f"the first @context must be {VC_V2} (or {VC_V1} for VC 1.1)",
            )
        )
    types = document.get("type")
    if types is None:
        issues.append(RuleIssue("/type", codes.MALFORMED_VALUE_ERROR, "type is required"))
    elif not all(isinstance(item, str) for item in _list(types)):
        issues.append(RuleIssue("/type", codes.MALFORMED_VALUE_ERROR, "type must be strings"))
    elif wanted_type not in _list(types):
        issues.append(
            RuleIssue("/type", codes.MALFORMED_VALUE_ERROR, f"type must include {wanted_type}")
        )
    if "id" in document:
        _check_id(document["id"], "/id", issues)


def _check_entries(document: Mapping[str, Any], member: str, issues: list[RuleIssue]) -> None:
    if member not in document:
        return
    for index, entry in enumerate(_list(document[member])):
        path = f"/{member}/{index}" if isinstance(document[member], list) else f"/{member}"
        if not isinstance(entry, Mapping) or not isinstance(entry.get("type"), str | list):
            issues.append(
                RuleIssue(path, codes.MALFORMED_VALUE_ERROR, f"{member} entries need a type")
            )
        elif "id" in entry:
            _check_id(entry["id"], f"{path}/id", issues)


def data_model_issues(
    document: Mapping[str, Any], *, presentation: bool = False, jwt: bool = False
) -> list[RuleIssue]:
    """Every VC Data Model rule ``document`` breaks (2.0, or 1.1 by its first context).

    ``jwt``: the presentation came as a JWT, whose ``vp`` claim may carry credential JWTs as
    strings (VC-JWT); a JSON-LD VC 2.0 presentation must envelop them.
    """
    issues: list[RuleIssue] = []
    if presentation:
        _check_common(document, "VerifiablePresentation", issues)
        if "holder" in document and party_id(document, "holder") is None:
            issues.append(RuleIssue("/holder", codes.MALFORMED_VALUE_ERROR, "holder needs an id"))
        elif "holder" in document:
            _check_id(party_id(document, "holder"), "/holder", issues)
        if not is_v1(document) and not jwt:
            credentials = document.get("verifiableCredential", [])
            for index, item in enumerate(_list(credentials)):
                if not isinstance(item, Mapping):
                    issues.append(
                        RuleIssue(
                            f"/verifiableCredential/{index}",
                            codes.MALFORMED_VALUE_ERROR,
                            "a VC 2.0 presentation carries credentials as objects (a JWT goes in "
                            "an EnvelopedVerifiableCredential)",
                        )
                    )
        return issues
    _check_common(document, "VerifiableCredential", issues)
    issuer = party_id(document, "issuer")
    if issuer is None:
        issues.append(
            RuleIssue(
                "/issuer",
                codes.MALFORMED_VALUE_ERROR,
                "issuer (a URL, or an object with an id) is required",
            )
        )
    else:
        _check_id(issuer, "/issuer", issues)
    subject = document.get("credentialSubject")
    subjects = _list(subject) if subject is not None else []
    if not subjects or not all(isinstance(item, Mapping) and item for item in subjects):
        issues.append(
            RuleIssue(
                "/credentialSubject",
                codes.MALFORMED_VALUE_ERROR,
                "credentialSubject must be a non-empty object (or a list of them)",
            )
        )
    start, end, date_issues = credential_dates(document)
    issues.extend(date_issues)
    if is_v1(document) and "issuanceDate" not in document:
        issues.append(
            RuleIssue("/issuanceDate", codes.MALFORMED_VALUE_ERROR, "VC 1.1 requires issuanceDate")
        )
    if start[1] is not None and end[1] is not None and start[1] > end[1]:
        issues.append(RuleIssue(f"/{start[0]}", codes.RANGE_ERROR, f"{start[0]} is after {end[0]}"))
    for member in (
        "credentialStatus",
        "credentialSchema",
        "refreshService",
        "termsOfUse",
        "evidence",
    ):
        _check_entries(document, member, issues)
    for index, entry in enumerate(_list(document.get("credentialSchema", []))):
        if isinstance(entry, Mapping) and "id" not in entry:
            issues.append(
                RuleIssue(
                    f"/credentialSchema/{index}",
                    codes.MALFORMED_VALUE_ERROR,
                    "credentialSchema entries need an id",
                )
            )
    return issues


def validity_issues(
    document: Mapping[str, Any], *, now: datetime, clock_skew: timedelta
) -> tuple[list[RuleIssue], str]:
    """EXPIRED / NOT_YET_VALID issues for ``now`` (skew applied both ways), and a description."""
    (start_name, start), (end_name, end), _ = credential_dates(document)
    issues: list[RuleIssue] = []
    if start is not None and start > now + clock_skew:
        issues.append(
            RuleIssue(
                f"/{start_name}",
                codes.NOT_YET_VALID,
                f"not valid before {format_datetime_stamp(start)} ({start_name})",
            )
        )
    if end is not None and end <= now - clock_skew:
        issues.append(
            RuleIssue(
                f"/{end_name}",
                codes.EXPIRED,
                f"expired at {format_datetime_stamp(end)} ({end_name})",
            )
        )
    parts = []
    if start is not None:
        parts.append(f"valid from {format_datetime_stamp(start)}")
    parts.append(f"until {format_datetime_stamp(end)}" if end is not None else "no expiry")
    return issues, ", ".join(parts)
