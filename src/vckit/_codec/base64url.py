"""Strict base64url without padding (RFC 7515 §2, RFC 4648 §5).

JOSE and JWK members are base64url without padding. Lenient decoders accept padding, whitespace,
the standard alphabet and non-zero trailing bits, so one value has many spellings; a signature or
key check done on one spelling can then be bypassed with another. ``decode`` accepts exactly one
spelling per byte string: the one ``encode`` produces.
"""

from __future__ import annotations

import base64
import binascii
import re

from vckit.errors import ParseError

__all__ = ["decode", "encode"]

_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


def encode(data: bytes) -> str:
    """Encode ``data`` as base64url with no padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode(value: str) -> bytes:
    """Decode canonical unpadded base64url; ``ParseError`` for any other spelling."""
    if not isinstance(value, str):
        raise TypeError(f"base64url value must be str, not {type(value).__name__}")
    if not _ALPHABET.fullmatch(value):
        raise ParseError("base64url value has padding, whitespace or non-alphabet characters")
    if len(value) % 4 == 1:
        raise ParseError("base64url value has an impossible length")
    try:
        data = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except binascii.Error as exc:  # pragma: no cover - excluded by the checks above
        raise ParseError(f"invalid base64url: {exc}") from None
    if encode(data) != value:
        raise ParseError("base64url value is not canonical (non-zero trailing bits)")
    return data
