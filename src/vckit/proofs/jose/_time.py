"""NumericDate claims and validity windows, against an injected clock.

A NumericDate (RFC 7519 §2) is a JSON number of seconds since the epoch. Hostile values such as
``1e30`` overflow ``datetime`` and would crash a naive ``fromtimestamp``; here they are a claim
problem. The current time is always a parameter so verification is reproducible: only the public
front ends read the real clock, and only when the caller passes ``now=None``.

Windows are compared as differences (``moment - now``), never as ``now + skew``, so a date at the
edge of ``datetime``'s range cannot overflow the comparison.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from vckit._codec.xsd import format_datetime_stamp, parse_datetime, parse_datetime_stamp, to_utc
from vckit.errors import ParseError
from vckit.problems import Problem
from vckit.proofs.jose._problems import (
    JWT_CLAIM_INVALID_ERROR,
    JWT_EXPIRED_ERROR,
    JWT_NOT_YET_VALID_ERROR,
)
from vckit.proofs.jose._rejected import Rejected

__all__ = [
    "DEFAULT_CLOCK_SKEW",
    "check_skew",
    "check_window",
    "coerce_now",
    "credential_date",
    "from_numeric_date",
    "to_numeric_date",
]

DEFAULT_CLOCK_SKEW = timedelta(seconds=60)


def coerce_now(now: datetime | str) -> datetime:
    """The caller's clock, in UTC: an aware datetime or an XSD dateTimeStamp.

    ``None`` is not accepted here: the public functions turn it into the current time first.
    """
    if isinstance(now, str):
        return to_utc(parse_datetime_stamp(now))
    if not isinstance(now, datetime):
        raise TypeError(f"now must be a datetime or str, not {type(now).__name__}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return to_utc(now)


def check_skew(clock_skew: timedelta) -> timedelta:
    """Refuse a negative or absurd skew: it would silently widen or invert every window."""
    if not isinstance(clock_skew, timedelta):
        raise TypeError("clock_skew must be a timedelta")
    if clock_skew < timedelta(0) or clock_skew > timedelta(days=1):
        raise ValueError("clock_skew must be between 0 and 1 day")
    return clock_skew


def to_numeric_date(moment: datetime) -> int:
    """Whole seconds since the epoch (fractions dropped, as issuers and verifiers do)."""
    return math.floor(moment.timestamp())


def from_numeric_date(claims: Mapping[str, Any], name: str) -> datetime | None:
    """Read claim ``name`` as a NumericDate; ``Rejected`` when present but unusable."""
    value = claims.get(name)
    if value is None and name not in claims:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Rejected(JWT_CLAIM_INVALID_ERROR, f"claim {name} is not a number", claim=name)
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        raise Rejected(
            JWT_CLAIM_INVALID_ERROR, f"claim {name} is not a representable date", claim=name
        ) from None


def credential_date(credential: Mapping[str, Any], name: str) -> datetime | None:
    """Read an XSD dateTime member of a credential (validFrom, issuanceDate, ...) as UTC."""
    value = credential.get(name)
    if value is None and name not in credential:
        return None
    if not isinstance(value, str):
        raise Rejected(JWT_CLAIM_INVALID_ERROR, f"credential {name} is not a string", member=name)
    try:
        moment = parse_datetime(value)
    except ParseError as exc:
        raise Rejected(
            JWT_CLAIM_INVALID_ERROR, f"credential {name} is not an XSD dateTime: {exc}", member=name
        ) from None
    if moment.tzinfo is None:  # VC 1.1 allowed a missing zone; it is read as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment


def check_window(
    not_before: Mapping[str, datetime],
    not_after: Mapping[str, datetime],
    *,
    now: datetime,
    clock_skew: timedelta,
) -> list[Problem]:
    """Problems for every start in the future and every end in the past (skew applied both ways)."""
    problems: list[Problem] = []
    for name, moment in not_before.items():
        if moment - now > clock_skew:
            problems.append(
                Problem(
                    JWT_NOT_YET_VALID_ERROR,
                    f"{name} is in the future",
                    {name: format_datetime_stamp(moment), "now": format_datetime_stamp(now)},
                )
            )
    for name, moment in not_after.items():
        if now - moment >= clock_skew:
            problems.append(
                Problem(
                    JWT_EXPIRED_ERROR,
                    f"{name} has passed",
                    {name: format_datetime_stamp(moment), "now": format_datetime_stamp(now)},
                )
            )
    return problems
