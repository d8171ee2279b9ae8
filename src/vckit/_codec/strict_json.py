"""Strict JSON parsing for untrusted input.

The standard ``json`` module accepts ``NaN``/``Infinity``, silently keeps the last of duplicate
keys, lets lone surrogates through and recurses without a bound. Each of those lets two parsers
see two different documents, so untrusted credentials, tokens and DID documents go through here.
"""

from __future__ import annotations

import json
from typing import Any

from vckit.errors import ParseError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_DEPTH", "check_depth", "loads_strict"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DEPTH = 200


def _reject_constant(name: str) -> Any:
    raise ParseError(f"JSON constant {name} is not allowed")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ParseError(f"JSON number {text[:32]} is out of range")
    return value


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ParseError(f"duplicate JSON member name {key[:64]!r}")
        result[key] = value
    return result


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError("JSON string contains a lone surrogate") from exc


def check_depth(value: Any, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    """Raise ``ParseError`` if ``value`` nests deeper than ``max_depth`` or holds a lone surrogate.

    Iterative, so hostile nesting cannot exhaust the interpreter stack.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth >= max_depth:
                raise ParseError(f"JSON nests deeper than {max_depth} levels")
            for key, member in item.items():
                _check_text(key)
                stack.append((member, depth + 1))
        elif isinstance(item, list):
            if depth >= max_depth:
                raise ParseError(f"JSON nests deeper than {max_depth} levels")
            stack.extend((member, depth + 1) for member in item)
        elif isinstance(item, str):
            _check_text(item)


def _prescan_depth(text: str, max_depth: int) -> None:
    """Refuse deep nesting before ``json`` recurses into it (brackets inside strings skipped)."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise ParseError(f"JSON nests deeper than {max_depth} levels")
        elif char in "]}":
            depth -= 1


def loads_strict(
    data: str | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """Parse untrusted JSON, raising ``ParseError`` for anything two parsers could read differently."""
    if isinstance(data, bytes | bytearray):
        if len(data) > max_bytes:
            raise ParseError(f"JSON is larger than {max_bytes} bytes")
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError("JSON is not valid UTF-8") from exc
    elif isinstance(data, str):
        text = data
        if len(text) > max_bytes:  # a character is at least one byte
            raise ParseError(f"JSON is larger than {max_bytes} bytes")
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    if text.count("[") + text.count("{") > max_depth:
        _prescan_depth(text, max_depth)
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_object,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError("JSON nests too deeply") from exc
    except ValueError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    check_depth(value, max_depth)
    return value
