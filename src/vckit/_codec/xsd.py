"""Strict XSD ``dateTime`` / ``dateTimeStamp`` parsing and formatting.

VC Data Model 2.0 and Data Integrity require XSD dateTimeStamp values (a timezone is mandatory).
Python's ``datetime.fromisoformat`` accepts far more (basic format, date-only, spaces), so we parse
with the XSD lexical grammar instead.

Python's ``datetime`` holds years 1-9999 only, and an offset can push a value over either edge once
it is read in UTC (``9999-12-31T23:59:59-14:00`` is in year 10000 UTC). Every value this module
returns can be converted to UTC and formatted; one that cannot is a ``ParseError`` here, instead of
an ``OverflowError`` in whichever comparison or conversion happens to touch it later.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, timezone

from vckit.errors import ParseError

__all__ = ["format_datetime_stamp", "parse_datetime", "parse_datetime_stamp", "to_utc"]

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
            return _representable(_end_of_day(year, month, day, tzinfo), value)
        fraction = match["fraction"] or ""
        microsecond = int((fraction + "000000")[:6])
        moment = datetime(
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
    return _representable(moment, value)


def _end_of_day(year: int, month: int, day: int, tzinfo: timezone | None) -> datetime:
    """``T24:00:00`` of that day; in UTC when the next local day is past 9999-12-31 but the
    instant is not (``9999-12-31T24:00:00+05:00`` is ``9999-12-31T19:00:00Z``)."""
    try:
        return datetime(year, month, day, tzinfo=tzinfo) + timedelta(days=1)
    except OverflowError:
        offset = tzinfo.utcoffset(None) if tzinfo is not None else None
        if offset is None:
            raise
        return datetime(year, month, day, tzinfo=UTC) + (timedelta(days=1) - offset)


def _representable(moment: datetime, value: str) -> datetime:
    """``moment`` when its UTC instant is within years 1-9999; ``ParseError`` otherwise."""
    if moment.tzinfo is None:
        return moment
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise ParseError(
            f"date and time outside years 0001-9999 once read in UTC: {value[:64]!r}"
        ) from None
    return moment


def to_utc(moment: datetime) -> datetime:
    """``moment`` (aware) in UTC; ``ValueError`` when that instant is outside years 1-9999."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{moment.isoformat()} is outside years 0001-9999 in UTC") from None


def parse_datetime_stamp(value: str) -> datetime:
    """Parse an XSD ``dateTimeStamp`` (timezone required) into an aware datetime.

    The answer for a given string never changes and a ``datetime`` is immutable, so answers are
    remembered (bounded; failures are not): a verifier sees the same ``created`` of a batch and
    the same ``now`` again and again, and parsing costs about a microsecond each time.
    """
    if type(value) is str and len(value) <= _MAX_CACHED_STAMP:
        return _cached_stamp(value)
    return parse_datetime(value, require_timezone=True)


_MAX_CACHED_STAMP = 40  # "YYYY-MM-DDThh:mm:ss.ffffff+hh:mm" is 32; longer ones are not cached


@functools.lru_cache(maxsize=1024)
def _cached_stamp(value: str) -> datetime:
    return parse_datetime(value, require_timezone=True)


def format_datetime_stamp(moment: datetime) -> str:
    """Format an aware datetime as a UTC dateTimeStamp: ``2024-01-01T00:00:00Z``.

    Microseconds are kept only when non-zero, so whole seconds round-trip as most issuers write them.
    """
    utc = to_utc(moment)
    # Not strftime: glibc writes year 1 as "1", which is no XSD year.
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    if utc.microsecond:
        text += f".{utc.microsecond:06d}".rstrip("0")
    return text + "Z"
