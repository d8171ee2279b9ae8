"""The fields of the common date stamp, read without a regular expression.

Most dates in a badge are ``YYYY-MM-DDThh:mm:ssZ``. The VC data-model rules and the Open Badges
walk each accept that form before falling back to their regular expressions, which decide
everything else; a compiled regex match costs several times this read. Both read the fields
here and apply their own ranges (tests compare each with its expression).
"""

from __future__ import annotations

__all__ = ["stamp_fields"]


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
