"""What goes into a baked image and what comes out: a JSON credential or a compact JWT.

Both directions refuse anything else, so an image never carries text that one reader takes for a
credential and another for something different.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from vckit._codec.strict_json import loads_strict
from vckit.errors import BakingError, ParseError

__all__ = ["MAX_CREDENTIAL_BYTES", "decode_payload", "encode_credential", "is_compact_jws"]

#: The largest credential text vckit bakes or unbakes (UTF-8 bytes). A CLR with many embedded
#: credentials stays far below it; a bomb does not.
MAX_CREDENTIAL_BYTES: Final = 8 * 1024 * 1024

_JWS: Final = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# Characters JSON may carry raw inside strings but XML 1.0 cannot carry at all.
_NOT_XML: Final = re.compile("[\ufffe\uffff]")


def is_compact_jws(text: str) -> bool:
    """True when ``text`` has the shape of a compact JWS (header.payload.signature)."""
    return _JWS.fullmatch(text) is not None


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def encode_credential(credential: dict[str, Any] | str) -> str:
    """The text to bake: compact JSON for a dict, the issuer's own text for a JSON or JWT string.

    Raises ``TypeError`` for anything but a dict or str, ``ValueError`` for a dict that is not
    plain JSON, and ``BakingError`` for a string that is neither a JSON object nor a compact JWT.
    """
    if isinstance(credential, dict):
        try:
            text = json.dumps(
                credential, ensure_ascii=False, separators=(",", ":"), allow_nan=False
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"the credential is not plain JSON: {exc}") from exc
        try:
            same = loads_strict(text, max_bytes=MAX_CREDENTIAL_BYTES) == credential
        except ParseError as exc:
            raise BakingError(f"the credential cannot be baked: {exc}") from exc
        if not same:
            raise ValueError("the credential is not plain JSON (non-string keys or tuples?)")
    elif isinstance(credential, str):
        text = credential.strip()
        if text.startswith("{"):
            try:
                value = loads_strict(text, max_bytes=MAX_CREDENTIAL_BYTES)
            except ParseError as exc:
                raise BakingError(f"the credential is not acceptable JSON: {exc}") from exc
            if not isinstance(value, dict):
                raise BakingError("the credential JSON is not an object")
        elif not is_compact_jws(text):
            raise BakingError("the credential string is neither a JSON object nor a compact JWT")
    else:
        raise TypeError(f"credential must be a dict or a str, not {type(credential).__name__}")
    text = _xml_safe(text)
    if len(text.encode("utf-8")) > MAX_CREDENTIAL_BYTES:
        raise BakingError(f"the credential is larger than {MAX_CREDENTIAL_BYTES} bytes")
    return text


def decode_payload(text: str, *, version: str) -> dict[str, Any] | str:
    """Turn baked text back into a credential: a dict for JSON, the token string for a JWT.

    Open Badges 2.0 text is returned as found (a hosted assertion URL, a JWS, anything), or as
    a dict when it is a JSON object: it is only reported, never verified.
    """
    text = text.strip()
    if len(text) > MAX_CREDENTIAL_BYTES:
        raise BakingError(f"the baked credential is larger than {MAX_CREDENTIAL_BYTES} bytes")
    if version == "2.0":
        # Reported, never verified: an OB 2.0 payload is handed over as found (JSON as a dict).
        if text.startswith("{"):
            try:
                value = loads_strict(text, max_bytes=MAX_CREDENTIAL_BYTES)
            except ParseError:
                return text
            return value if isinstance(value, dict) else text
        return text
    if not text:
        raise BakingError("the baked credential is empty")
    if text.startswith("{"):
        try:
            value = loads_strict(text, max_bytes=MAX_CREDENTIAL_BYTES)
        except ParseError as exc:
            raise BakingError(f"the baked credential is not acceptable JSON: {exc}") from exc
        if not isinstance(value, dict):
            raise BakingError("the baked credential JSON is not an object")
        return value
    if is_compact_jws(text):
        return text
    raise BakingError("the baked text is neither a JSON credential nor a compact JWT")
