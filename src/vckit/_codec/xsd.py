"""Strict XSD ``dateTime`` / ``dateTimeStamp`` parsing and formatting.

VC Data Model 2.0 and Data Integrity require XSD dateTimeStamp values (a timezone is mandatory).
Python's ``datetime.fromisoformat`` accepts far more (basic format, date-only, spaces), so we parse
with the XSD lexical grammar instead.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from vckit.errors import ParseError

__all__ = ["format_datetime_stamp", "parse_datetime", "parse_datetime_stamp"]

# XSD 1.1 Part 2, 3.3.7 dateTime lexical space (years limited to 4 digits: Python cannot hold more).
_DATETIME = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])"
    r"T(?:(?P<hour>[01][0-9]|2[0-3]):(?P<minute>[0-5][0-9]):(?P<second>[0-5][0-9])"
    r"(?:\.(?P<fraction>[0-9]+))?|(?P<end>24:00:00(?:\.0+)?))"
    r"(?P<tz>Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?",
    re.ASCII,
)


def parse_datetime(value: str, *, require_timezone: bool = False) -> datetime:
    """Parse an XSD ``dateTime``; naive when it has no timezone (unless one is required)."""
    if not isinstance(value, str):
        raise ParseError(f"expected an XSD dateTime string, got {type(value).__name__}")
    match = _DATETIME.fullmatch(value)
    if match is None:
        raise ParseError(f"not an XSD dateTime: {value[:64]!r}")
    tz_text = match["tz"]
    if tz_text is None and require_timezone:
        raise ParseError(f"XSD dateTimeStamp needs a timezone: {value[:64]!r}")
    tzinfo: timezone | None = None
    if tz_text == "Z":
        tzinfo = UTC
    elif tz_text is not None:
        sign = 1 if tz_text[0] == "+" else -1
        offset = timedelta(hours=int(tz_text[1:3]), minutes=int(tz_text[4:6]))
        tzinfo = timezone(sign * offset)
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if year == 0:
        raise ParseError(f"year 0000 is not supported: {value[:64]!r}")
    try:
        if match["end"] is not None:
            # 24:00:00 is the first instant of the next day.
            return datetime(year, month, day, tzinfo=tzinfo) + timedelta(days=1)
        fraction = match["fraction"] or ""
        microsecond = int((fraction + "000000")[:6])
        return datetime(
            year,
            month,
            day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            microsecond,
            tzinfo=tzinfo,
        )
    except (ValueError, OverflowError) as exc:  # 31 February, or 9999-12-31T24:00:00
        raise ParseError(f"not a valid date and time: {value[:64]!r}") from exc


def parse_datetime_stamp(value: str) -> datetime:
    """Parse an XSD ``dateTimeStamp`` (timezone required) into an aware datetime."""
    return parse_datetime(value, require_timezone=True)


def format_datetime_stamp(moment: datetime) -> str:
    """Format an aware datetime as a UTC dateTimeStamp: ``2024-01-01T00:00:00Z``.

    Microseconds are kept only when non-zero, so whole seconds round-trip as most issuers write them.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    utc = moment.astimezone(UTC)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if utc.microsecond:
        text += f".{utc.microsecond:06d}".rstrip("0")
    return text + "Z"
