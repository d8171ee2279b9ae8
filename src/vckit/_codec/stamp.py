"""The fields of the common date stamp, read without a regular expression.

Most dates in a badge are ``YYYY-MM-DDThh:mm:ssZ``. The VC data-model rules and the Open Badges
walk each accept that form before falling back to their regular expressions, which decide
everything else; a compiled regex match costs several times this read. Both read the fields
here (``stamp_fields``) and check them with ``plain_utc_stamp``, each with its own last day of
a month (tests compare each with its expression).
"""

from __future__ import annotations

__all__ = ["plain_utc_stamp", "stamp_fields"]


def _two(value: str, index: int) -> int:
    """The two ASCII digits at ``index`` as a number, or -1."""
    tens = ord(value[index]) - 48
    ones = ord(value[index + 1]) - 48
    if tens < 0 or tens > 9 or ones < 0 or ones > 9:
        return -1
    return tens * 10 + ones


def stamp_fields(value: str) -> tuple[int, int, int, int, int, int] | None:
    """(year, month, day, hour, minute, second) of a ``YYYY-MM-DDThh:mm:ssZ`` string in ASCII
    digits (any values), or None for any other string.

    Callers only use it to accept: what it refuses goes on to a regular expression.
    """
    if (
        len(value) != 20
        or value[19] != "Z"
        or value[4] != "-"
        or value[7] != "-"
        or value[10] != "T"
        or value[13] != ":"
        or value[16] != ":"
    ):
        return None
    high = _two(value, 0)
    low = _two(value, 2)
    month = _two(value, 5)
    day = _two(value, 8)
    hour = _two(value, 11)
    minute = _two(value, 14)
    second = _two(value, 17)
    if high < 0 or low < 0 or month < 0 or day < 0 or hour < 0 or minute < 0 or second < 0:
        return None
    return high * 100 + low, month, day, hour, minute, second


def plain_utc_stamp(value: str, last_day: int) -> bool:
    """True for ``YYYY-MM-DDThh:mm:ssZ`` with a year from 0001, a month 01-12, a day from 01 to
    ``last_day`` and a time of day within 00:00:00-23:59:59; False for anything else."""
    fields = stamp_fields(value)
    if fields is None:
        return False
    year, month, day, hour, minute, second = fields
    return (
        year >= 1
        and 1 <= month <= 12
        and 1 <= day <= last_day
        and hour <= 23
        and minute <= 59
        and second <= 59
    )
