"""Build PNG and SVG test images by hand, so tests control every byte."""

from __future__ import annotations

import struct
import zlib
from typing import Any

SIGNATURE = b"\x89PNG\r\n\x1a\n"
IHDR = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
IDAT = zlib.compress(b"\x00\x1f\x4e\x8c\xff")  # one RGBA pixel, filter byte 0

CREDENTIAL: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:0b9c4d3e-1111-4f0c-9a0a-6c3d0e6f1a11",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "Ünïcode Académie"},
    "validFrom": "2026-01-01T00:00:00Z",
    "name": "Teamwork ]]> & <friends>",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "achievement": {"id": "urn:x:a", "type": ["Achievement"], "name": "Teamwork"},
    },
}
JWT = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZTppc3N1ZXIifQ.c2lnbmF0dXJl"


def chunk(ctype: bytes, data: bytes, *, crc: int | None = None, length: int | None = None) -> bytes:
    body = ctype + data
    stored = zlib.crc32(body) if crc is None else crc
    return (
        struct.pack(">I", len(data) if length is None else length)
        + body
        + struct.pack(">I", stored)
    )


def itxt(keyword: bytes, text: bytes, *, compressed: bool = False) -> bytes:
    payload = zlib.compress(text) if compressed else text
    flag = b"\x01\x00" if compressed else b"\x00\x00"
    return chunk(b"iTXt", keyword + b"\x00" + flag + b"\x00\x00" + payload)


def png(*middle: bytes) -> bytes:
    """A 1x1 PNG with ``middle`` chunks between IHDR/IDAT and IEND."""
    return (
        SIGNATURE
        + chunk(b"IHDR", IHDR)
        + chunk(b"IDAT", IDAT)
        + b"".join(middle)
        + chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">\n'
    b'  <title>A badge</title><circle cx="5" cy="5" r="4" fill="#1f4e8c"/>\n'
    b"</svg>\n"
)


def svg_with(
    inner: str,
    *,
    ns: str = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"',
    prolog: str = "",
) -> bytes:
    return (
        f'{prolog}<svg xmlns="http://www.w3.org/2000/svg" {ns} viewBox="0 0 10 10">'
        f'{inner}<circle cx="5" cy="5" r="4"/></svg>'
    ).encode()
