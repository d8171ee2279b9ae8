"""The small, strict CBOR (RFC 8949) subset that ecdsa-sd-2023 proof values use.

A derived proof is a CBOR array of byte strings, arrays, a map from integers to byte strings and
integers. Only those types are decoded, with definite lengths and shortest-form heads, and every
declared length is checked against the bytes that remain before anything is allocated, so a
hostile proof value cannot make the decoder allocate or recurse beyond its own size.
"""

from __future__ import annotations

from typing import Any

from vckit.errors import ParseError

__all__ = ["decode"]

_MAX_DEPTH = 8
_UINT, _BYTES, _ARRAY, _MAP = 0, 2, 4, 5


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, count: int) -> bytes:
        if count > len(self.data) - self.pos:
            raise ParseError("CBOR value is truncated")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def head(self) -> tuple[int, int]:
        """Major type and argument of the next item (definite, shortest form only)."""
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if info < 24:
            return major, info
        if info > 27:
            raise ParseError("CBOR indefinite lengths and reserved values are not accepted")
        size = 1 << (info - 24)
        value = int.from_bytes(self.take(size), "big")
        if value < (24 if size == 1 else 1 << (4 * size)):
            raise ParseError("CBOR integer is not in its shortest form")
        return major, value

    def item(self, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise ParseError("CBOR value nests too deeply")
        major, value = self.head()
        if major == _UINT:
            return value
        if major == _BYTES:
            return self.take(value)
        if major == _ARRAY:
            self._room(value)
            return [self.item(depth + 1) for _ in range(value)]
        if major == _MAP:
            self._room(2 * value)
            result: dict[Any, Any] = {}
            for _ in range(value):
                key = self.item(depth + 1)
                if not isinstance(key, int) or key in result:
                    raise ParseError("CBOR map keys must be distinct integers")
                result[key] = self.item(depth + 1)
            return result
        raise ParseError(f"CBOR major type {major} is not used by this format")

    def _room(self, items: int) -> None:
        # every item takes at least one byte
        if items > len(self.data) - self.pos:
            raise ParseError("CBOR length exceeds the data")


def decode(data: bytes) -> Any:
    """Decode exactly one CBOR item that fills ``data``; ``ParseError`` otherwise."""
    reader = _Reader(data)
    value = reader.item(0)
    if reader.pos != len(data):
        raise ParseError("trailing bytes after the CBOR value")
    return value
