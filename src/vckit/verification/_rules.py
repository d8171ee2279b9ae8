"""VC Data Model rules (2.0 and 1.1) and the validity window, as pure functions.

The data-model check runs on every credential and presentation before any proof is checked, in
the order 1EdTech's validator uses; the validity window is evaluated against the injected clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final, TypeGuard

from vckit._codec.stamp import plain_utc_stamp, stamp_fields
from vckit._codec.uri import is_uri
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
    "read_datetime",
    "validity_issues",
]

VC_V1: Final = "https://www.w3.org/2018/credentials/v1"
VC_V2: Final = "https://www.w3.org/ns/credentials/v2"
# A UTC dateTimeStamp in whole seconds, hour 00-23: exactly what format_datetime_stamp writes for
# the instant it parses to (24:00:00 and offsets are formatted, not copied).
_CANONICAL_STAMP: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-9]{2}:[0-9]{2}Z", re.ASCII
)


# A UTC dateTimeStamp in whole seconds that datetime.fromisoformat reads exactly as parse_datetime
# does (an impossible day such as 02-30 makes fromisoformat fail: parse_datetime then explains).
_PLAIN_UTC_STAMP: Final = re.compile(
    r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z",
    re.ASCII,
)


def _plain_utc_stamp(value: str) -> bool:
    """``_PLAIN_UTC_STAMP.fullmatch(value) is not None`` for the strings it answers True for."""
    return plain_utc_stamp(value, 31)


def _canonical_stamp(value: str) -> bool:
    """``_CANONICAL_STAMP.fullmatch(value) is not None`` for the strings it answers True for."""
    fields = stamp_fields(value)
    return fields is not None and fields[3] <= 23


def read_datetime(value: str, *, require_timezone: bool = False) -> datetime:
    """``parse_datetime(value, require_timezone=...)``, with a fast path for plain UTC stamps."""
    if _plain_utc_stamp(value) or _PLAIN_UTC_STAMP.fullmatch(value) is not None:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    return parse_datetime(value, require_timezone=require_timezone)


@dataclass(frozen=True, slots=True)
class RuleIssue:
    """One broken rule: the JSON Pointer, the problem code and a readable message."""

    path: str
    code: str
    message: str


#: (start member, start), (end member, end), date format issues: what ``credential_dates`` reads.
Dates = tuple[tuple[str, datetime | None], tuple[str, datetime | None], list[RuleIssue]]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def is_mapping(value: object) -> TypeGuard[Mapping[str, Any]]:
    """``isinstance(value, Mapping)``, without the ABC machinery for the usual dict or None."""
    return isinstance(value, dict) or (value is not None and isinstance(value, Mapping))


def party_id(document: Mapping[str, Any], member: str) -> str | None:
    """The id of ``issuer`` / ``holder``: the string, or the object's ``id``; None otherwise."""
    value = document.get(member)
    if is_mapping(value):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def is_v1(document: Mapping[str, Any]) -> bool:
    """True for a VC 1.1 document (its first context is the 2018 one)."""
    context = document.get("@context")
    first = context[0] if isinstance(context, list) and context else context
    return bool(first == VC_V1)


def credential_dates(
    document: Mapping[str, Any],
) -> Dates:
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
            moment = read_datetime(value, require_timezone=not v1)
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
    if not isinstance(value, str) or not is_uri(value):
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
    value = document[member]
    many = isinstance(value, list)
    for index, entry in enumerate(value if many else [value]):
        # The path is spelled out only for an issue (most entries have none).
        if not is_mapping(entry) or not isinstance(entry.get("type"), (str, list)):
            path = f"/{member}/{index}" if many else f"/{member}"
            issues.append(
                RuleIssue(path, codes.MALFORMED_VALUE_ERROR, f"{member} entries need a type")
            )
        elif "id" in entry:
            ident = entry["id"]
            if not isinstance(ident, str) or not is_uri(ident):
                path = f"/{member}/{index}" if many else f"/{member}"
                _check_id(ident, f"{path}/id", issues)


def data_model_issues(
    document: Mapping[str, Any],
    *,
    presentation: bool = False,
    jwt: bool = False,
    dates: Dates | None = None,
) -> list[RuleIssue]:
    """Every VC Data Model rule ``document`` breaks (2.0, or 1.1 by its first context).

    ``jwt``: the presentation came as a JWT, whose ``vp`` claim may carry credential JWTs as
    strings (VC-JWT); a JSON-LD VC 2.0 presentation must envelop them. ``dates``: what
    ``credential_dates(document)`` returned, when the caller has it already (the pipeline reads
    the dates once for this check and the validity window).
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
    if not subjects or not all(is_mapping(item) and item for item in subjects):
        issues.append(
            RuleIssue(
                "/credentialSubject",
                codes.MALFORMED_VALUE_ERROR,
                "credentialSubject must be a non-empty object (or a list of them)",
            )
        )
    start, end, date_issues = credential_dates(document) if dates is None else dates
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
        if is_mapping(entry) and "id" not in entry:
            issues.append(
                RuleIssue(
                    f"/credentialSchema/{index}",
                    codes.MALFORMED_VALUE_ERROR,
                    "credentialSchema entries need an id",
                )
            )
    return issues


def validity_issues(
    document: Mapping[str, Any],
    *,
    now: datetime,
    clock_skew: timedelta,
    dates: Dates | None = None,
) -> tuple[list[RuleIssue], str]:
    """EXPIRED / NOT_YET_VALID issues for ``now`` (skew applied both ways), and a description.

    ``dates``: ``credential_dates(document)``, when the caller has it already.
    """
    (start_name, start), (end_name, end), _ = credential_dates(document) if dates is None else dates
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
        parts.append(f"valid from {_stamp(start, document.get(start_name))}")
    parts.append(f"until {_stamp(end, document.get(end_name))}" if end is not None else "no expiry")
    return issues, ", ".join(parts)


def _stamp(moment: datetime, source: Any) -> str:
    """``format_datetime_stamp(moment)``; the issuer's own text when it is already that form."""
    if isinstance(source, str) and (
        _canonical_stamp(source) or _CANONICAL_STAMP.fullmatch(source) is not None
    ):
        return source
    return format_datetime_stamp(moment)
