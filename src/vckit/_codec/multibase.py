"""Multibase strings: a one-character prefix naming the base, then the encoded bytes.

Only the bases the VC and DID specs use are accepted: ``z`` base58btc (Multikey, did:key), ``u``
base64url and ``m`` base64, both without padding. Decoding is strict (one spelling per value)
and checks the length first: base58 decoding is quadratic, so a huge value must be refused before
any work is done on it.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Literal

import base58

from vckit._codec import base64url
from vckit.errors import ParseError

__all__ = ["DEFAULT_MAX_LENGTH", "Base", "decode", "decode_with_base", "encode"]

Base = Literal["base58btc", "base64url", "base64"]

#: Longest multibase string accepted by default, in characters. An RSA-8192 secret key in
#: base58btc is about 6,400 characters; everything else vckit handles is far shorter.
DEFAULT_MAX_LENGTH = 10_000

_PREFIX: dict[str, str] = {"base58btc": "z", "base64url": "u", "base64": "m"}
_BASE: dict[str, Base] = {"z": "base58btc", "u": "base64url", "m": "base64"}
_BASE58 = re.compile(r"[1-9A-HJ-NP-Za-km-z]*")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*")


def encode(data: bytes, base: Base = "base58btc") -> str:
    """Encode ``data`` with the multibase prefix of ``base``."""
    if base == "base58btc":
        return "z" + base58.b58encode(data).decode("ascii")
    if base == "base64url":
        return "u" + base64url.encode(data)
    if base == "base64":
        return "m" + base64.b64encode(data).rstrip(b"=").decode("ascii")
    raise ValueError(f"unsupported multibase base: {base!r}")


def decode_with_base(value: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> tuple[Base, bytes]:
    """Decode a multibase string; return the base's name and the bytes."""
    if not isinstance(value, str):
        raise TypeError(f"multibase value must be str, not {type(value).__name__}")
    if len(value) > max_length:
        raise ParseError(f"multibase value is longer than {max_length} characters")
    if not value:
        raise ParseError("empty multibase value")
    base = _BASE.get(value[0])
    body = value[1:]
    if base is None:
        raise ParseError(f"unsupported multibase prefix {value[0]!r}")
    if base == "base58btc":
        if not _BASE58.fullmatch(body):
            raise ParseError("invalid base58btc character")
        return base, base58.b58decode(body)
    if base == "base64url":
        return base, base64url.decode(body)
    return base, _decode_base64(body)


def decode(value: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> bytes:
    """Decode a multibase string of any supported base."""
    return decode_with_base(value, max_length=max_length)[1]


def _decode_base64(body: str) -> bytes:
    if not _BASE64.fullmatch(body) or len(body) % 4 == 1:
        raise ParseError("invalid multibase base64 value")
    try:
        data = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except binascii.Error as exc:  # pragma: no cover - excluded by the checks above
        raise ParseError(f"invalid base64: {exc}") from None
    if base64.b64encode(data).rstrip(b"=").decode("ascii") != body:
        raise ParseError("multibase base64 value is not canonical")
    return data
