"""JSON Canonicalization Scheme (RFC 8785).

A signature over JSON needs one byte sequence per value: JCS fixes it by sorting object members
by their UTF-16 code units, writing strings with the minimal ECMAScript escapes and writing
numbers as ECMAScript's ``Number.prototype.toString`` does. Values JCS cannot represent —
NaN, infinities, lone surrogates, integers that are not exact IEEE-754 doubles — raise
``ParseError`` instead of being silently changed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from json.encoder import encode_basestring as _encode_string
from typing import Any

from vckit.errors import ParseError

__all__ = ["MAX_DEPTH", "canonicalize", "format_number"]

#: Deepest nesting accepted; deeper input is refused rather than exhausting the stack.
MAX_DEPTH = 500


def canonicalize(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value (dict, list, str, number, bool, None)."""
    parts: list[str] = []
    _write(value, parts, 0)
    return "".join(parts).encode("utf-8")


def _write(value: Any, out: list[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(f"JSON value nests deeper than {MAX_DEPTH} levels")
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, int | float):
        out.append(format_number(value))
    elif isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be str, not {type(key).__name__}")
        out.append("{")
        for i, key in enumerate(sorted(value, key=_utf16_key)):
            if i:
                out.append(",")
            out.append(_string(key))
            out.append(":")
            _write(value[key], out, depth + 1)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out, depth + 1)
        out.append("]")
    else:
        raise TypeError(f"{type(value).__name__} is not a JSON value")


def _utf16_key(key: str) -> bytes:
    # Big-endian UTF-16 bytes compare exactly as the sequence of 16-bit code units does.
    return key.encode("utf-16-be", "surrogatepass")


def _string(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError("JSON string contains a lone surrogate") from None
    # The stdlib's non-ASCII string encoder emits exactly the escapes RFC 8785 §3.2.2.2 requires:
    # \" \\ \b \f \n \r \t, and \u00xx (lower-case hex) for the other control characters.
    return _encode_string(text)


def format_number(value: int | float) -> str:
    """ECMAScript ``Number.prototype.toString`` for an IEEE-754 double (RFC 8785 §3.2.2.3)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _format_integer(value)
    if not math.isfinite(value):
        raise ParseError(f"{value} is not a JSON number")
    if value == 0:
        return "0"  # also for -0.0
    sign = "-" if value < 0 else ""
    digits, n = _shortest_digits(abs(value))
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    exponent = n - 1
    exp_text = ("+" if exponent > 0 else "-") + str(abs(exponent))
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return sign + mantissa + "e" + exp_text


def _format_integer(value: int) -> str:
    """An integer is accepted when it is a double, or is the exact JCS spelling of one.

    ``62909379718439460`` is how ECMAScript writes the double 62909379718439464, so a parser
    that keeps integers exact hands it back as that integer; it canonicalizes to itself. An
    integer such as 2**53 + 1 would silently become another number, so it is refused.
    """
    if -(2**53) <= value <= 2**53:
        return str(value)  # every such integer is an exact double and prints the same in ES
    as_float = float(value) if abs(value) < 2**1024 else math.inf
    if math.isfinite(as_float):
        text = format_number(as_float)
        if as_float == value or text == str(value):
            return text
    raise ParseError(f"integer {value} is not exactly representable as a JSON number")


def _shortest_digits(value: float) -> tuple[str, int]:
    """The shortest round-trip digits of ``value`` and n with value = 0.digits × 10^n.

    ``repr`` already yields the shortest digit string that round-trips (as ECMAScript requires);
    only its layout differs, so it is taken apart here.
    """
    text = repr(value)
    mantissa, _, exp = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0"), point
