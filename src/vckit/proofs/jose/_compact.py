"""JWS Compact Serialization (RFC 7515 §7.1), strictly.

Only the compact form is accepted: the JSON serializations allow several signatures and unprotected
headers, which is more surface than a credential needs. Every part must be canonical unpadded
base64url, so one token has exactly one spelling; the size is capped before anything is decoded and
the header and payload go through the strict JSON parser (no duplicate members, no NaN).

This parse happens before jwcrypto sees the token (see ``_jwcrypto``): jwcrypto's own parser is
lenient (padded base64url, duplicate JSON members), so it only ever receives tokens that passed
here. ``serialize`` assembles tokens for signers that are not a local key (KMS, HSM): jwcrypto
needs the private key itself, which such a signer never reveals.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from vckit._codec import base64url
from vckit._codec.strict_json import loads_strict
from vckit.errors import ParseError
from vckit.problems import PARSING_ERROR
from vckit.proofs.jose._problems import JWE_NOT_SUPPORTED_ERROR, JWT_TOO_LARGE_ERROR
from vckit.proofs.jose._rejected import Rejected

__all__ = ["DEFAULT_MAX_TOKEN_BYTES", "CompactJws", "encode_json", "parse_compact", "serialize"]

# Large enough for a presentation carrying several credentials with embedded images.
DEFAULT_MAX_TOKEN_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CompactJws:
    """A decoded compact JWS whose signature has NOT been checked yet."""

    token: str
    header: dict[str, Any]
    payload: dict[str, Any]
    signing_input: bytes
    signature: bytes


def encode_json(value: Any) -> bytes:
    """Serialize a header or claims set compactly as UTF-8; ``ValueError`` for NaN / Infinity."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def serialize(
    header: dict[str, Any], payload: dict[str, Any], sign: Callable[[bytes], bytes]
) -> str:
    """Build ``b64(header).b64(payload).b64(sign(signing_input))``.

    ``sign`` receives the exact bytes that are signed, so an external signer (KMS, HSM) signs
    what the verifier will check.
    """
    signing_input = (
        base64url.encode(encode_json(header)) + "." + base64url.encode(encode_json(payload))
    )
    signature = sign(signing_input.encode("ascii"))
    return signing_input + "." + base64url.encode(signature)


def _decode_part(text: str, part: str) -> bytes:
    try:
        return base64url.decode(text)
    except ParseError as exc:
        raise Rejected(
            PARSING_ERROR, f"JWS {part} is not canonical base64url: {exc}", part=part
        ) from None


def _decode_object(data: bytes, part: str, max_bytes: int) -> dict[str, Any]:
    try:
        value = loads_strict(data, max_bytes=max_bytes)
    except ParseError as exc:
        raise Rejected(
            PARSING_ERROR, f"JWS {part} is not acceptable JSON: {exc}", part=part
        ) from None
    if not isinstance(value, dict):
        raise Rejected(PARSING_ERROR, f"JWS {part} is not a JSON object", part=part)
    return value


def parse_compact(token: str | bytes, *, max_bytes: int = DEFAULT_MAX_TOKEN_BYTES) -> CompactJws:
    """Split and decode a compact JWS, raising ``Rejected`` for anything but one clean spelling."""
    if isinstance(token, bytes | bytearray):
        if len(token) > max_bytes:
            raise Rejected(JWT_TOO_LARGE_ERROR, f"token is larger than {max_bytes} bytes")
        try:
            token = bytes(token).decode("ascii")
        except UnicodeDecodeError:
            raise Rejected(PARSING_ERROR, "token is not ASCII", part="token") from None
    elif not isinstance(token, str):
        raise TypeError(f"token must be str or bytes, not {type(token).__name__}")
    if len(token) > max_bytes:
        raise Rejected(JWT_TOO_LARGE_ERROR, f"token is larger than {max_bytes} bytes")
    parts = token.split(".")
    if len(parts) == 5:
        raise Rejected(
            JWE_NOT_SUPPORTED_ERROR, "token is a JWE (encrypted); only signed JWS is accepted"
        )
    if len(parts) != 3:
        raise Rejected(
            PARSING_ERROR,
            f"compact JWS has 3 dot-separated parts, this token has {len(parts)}",
            part="token",
        )
    header_b64, payload_b64, signature_b64 = parts
    if not payload_b64:
        raise Rejected(PARSING_ERROR, "detached JWS payloads are not supported", part="payload")
    header = _decode_object(_decode_part(header_b64, "header"), "header", max_bytes)
    payload = _decode_object(_decode_part(payload_b64, "payload"), "payload", max_bytes)
    signature = _decode_part(signature_b64, "signature")
    return CompactJws(
        token=token,
        header=header,
        payload=payload,
        signing_input=f"{header_b64}.{payload_b64}".encode("ascii"),
        signature=signature,
    )
