"""The bitstring behind a status list: fixed-width entries, GZIP + multibase base64url on the wire.

Bit order follows the Bitstring Status List examples: index 0 is the left-most (most significant)
bit of the first byte, and a ``statusSize``-bit entry is read left to right as a big-endian number.
Decoding streams through ``zlib`` with a cap on the *decompressed* size, so a GZIP bomb stops after
``max_bytes`` of output without ever holding more than that in memory.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

from vckit._codec import base64url
from vckit.errors import ParseError

__all__ = [
    "DEFAULT_MAX_DECODED_BYTES",
    "MIN_LIST_LENGTH",
    "BitstringStatusList",
    "StatusListDecodeError",
    "decode_encoded_list",
]

#: Minimum number of entries for herd privacy (Bitstring Status List 1.0: 16 KiB of 1-bit entries).
MIN_LIST_LENGTH = 131_072
#: Largest decompressed list accepted by default: 16 MiB (134 million 1-bit entries).
DEFAULT_MAX_DECODED_BYTES = 16 * 1024 * 1024
_CHUNK = 64 * 1024


class StatusListDecodeError(ParseError):
    """An ``encodedList`` could not be decoded; ``reason`` is one of ``multibase``,
    ``base64url``, ``gzip`` or ``too_large``."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress one GZIP member, never producing more than ``max_bytes`` (+1 to detect it)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts: list[bytes] = []
    size = 0
    pending = data
    try:
        while True:
            chunk = inflater.decompress(pending, min(_CHUNK, max_bytes - size + 1))
            size += len(chunk)
            if size > max_bytes:
                raise StatusListDecodeError(
                    f"encodedList expands to more than {max_bytes} bytes", reason="too_large"
                )
            parts.append(chunk)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not chunk):
                break
    except zlib.error as exc:
        raise StatusListDecodeError(
            f"encodedList is not valid GZIP: {exc}", reason="gzip"
        ) from None
    if not inflater.eof:
        raise StatusListDecodeError("encodedList GZIP data is truncated", reason="gzip")
    if inflater.unused_data:
        raise StatusListDecodeError("encodedList has data after the GZIP member", reason="gzip")
    return b"".join(parts)


def decode_encoded_list(
    value: object, *, multibase: bool = True, max_bytes: int = DEFAULT_MAX_DECODED_BYTES
) -> bytes:
    """The raw bitstring bytes of an ``encodedList``.

    ``multibase=True`` (Bitstring Status List) requires the ``u`` (base64url) multibase prefix;
    ``False`` (StatusList2021) accepts plain base64url and, as later drafts wrote it, ``u``-prefixed.
    """
    if not isinstance(value, str):
        raise StatusListDecodeError("encodedList is not a string", reason="multibase")
    text = value
    if multibase:
        if not text.startswith("u"):
            raise StatusListDecodeError(
                "encodedList is not multibase base64url (no 'u' prefix)", reason="multibase"
            )
        text = text[1:]
    elif text.startswith("u"):
        text = text[1:]  # a GZIP stream in base64 starts with "H4sI", never with "u"
    # base64 expands 3 bytes to 4 characters; deflate cannot compress better than ~1032:1.
    if len(text) > (max_bytes // 1000 + 1024) * 4:
        raise StatusListDecodeError(
            f"encodedList is too long ({len(text)} characters)", reason="too_large"
        )
    try:
        compressed = base64url.decode(text)
    except ParseError as exc:
        raise StatusListDecodeError(
            f"encodedList is not base64url: {exc}", reason="base64url"
        ) from None
    return _gunzip_capped(compressed, max_bytes)


class BitstringStatusList:
    """A status list of ``size`` entries of ``status_size`` bits each, all zero when created.

    ``set`` / ``clear`` / ``get`` address entries; ``encode`` gives the ``encodedList`` value and
    ``decode`` reads one back. ``size`` must be a multiple of 8 / gcd(8, status_size) only in the
    sense that the list is stored in whole bytes: trailing pad bits are zero.
    """

    __slots__ = ("_bits", "_size", "_status_size")

    def __init__(self, size: int = MIN_LIST_LENGTH, status_size: int = 1) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError("size must be a positive integer")
        if isinstance(status_size, bool) or not isinstance(status_size, int):
            raise ValueError("status_size must be an integer")
        if not 1 <= status_size <= 16:
            raise ValueError("status_size must be between 1 and 16")
        self._size = size
        self._status_size = status_size
        self._bits = bytearray((size * status_size + 7) // 8)

    @property
    def size(self) -> int:
        """Number of entries."""
        return self._size

    @property
    def status_size(self) -> int:
        """Bits per entry."""
        return self._status_size

    def _check(self, index: int) -> None:
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError("index must be an int")
        if not 0 <= index < self._size:
            raise IndexError(f"index {index} outside the list (0..{self._size - 1})")

    def get(self, index: int) -> int:
        """The value of entry ``index`` (0 or 1 for a 1-bit list)."""
        self._check(index)
        return read_entry(self._bits, index, self._status_size)

    def set(self, index: int, value: int | bool = 1) -> None:
        """Set entry ``index`` to ``value`` (``True`` / ``1`` for a 1-bit list)."""
        self._check(index)
        number = int(value)
        if not 0 <= number < (1 << self._status_size):
            raise ValueError(f"value {value!r} does not fit in {self._status_size} bit(s)")
        first = index * self._status_size
        for offset in range(self._status_size):
            bit = first + offset
            mask = 0x80 >> (bit & 7)
            if number >> (self._status_size - 1 - offset) & 1:
                self._bits[bit >> 3] |= mask
            else:
                self._bits[bit >> 3] &= ~mask & 0xFF

    def clear(self, index: int) -> None:
        """Set entry ``index`` back to 0."""
        self.set(index, 0)

    def set_indexes(self) -> Iterator[int]:
        """Indexes of the entries whose value is not 0, in order (skips zero bytes quickly)."""
        bits = self._bits
        width = self._status_size
        last = -1
        for position, byte in enumerate(bits):
            if not byte:
                continue
            for bit in range(position * 8, position * 8 + 8):
                index = bit // width
                if index != last and index < self._size and byte & (0x80 >> (bit & 7)):
                    last = index
                    yield index

    def to_bytes(self) -> bytes:
        """The raw bitstring (``size * status_size`` bits, zero-padded to whole bytes)."""
        return bytes(self._bits)

    def encode(self) -> str:
        """The ``encodedList`` value: multibase base64url (``u``) of the GZIP-compressed bits."""
        return "u" + base64url.encode(gzip.compress(bytes(self._bits), compresslevel=9, mtime=0))

    @classmethod
    def from_bytes(cls, data: bytes, *, status_size: int = 1) -> BitstringStatusList:
        """A list over raw bitstring bytes (its size is ``len(data) * 8 // status_size``)."""
        size = len(data) * 8 // status_size
        if size < 1:
            raise ValueError("the bitstring holds no entry")
        lst = cls(size, status_size)
        lst._bits[:] = data[: len(lst._bits)]
        return lst

    @classmethod
    def decode(
        cls,
        encoded: str,
        *,
        status_size: int = 1,
        max_bytes: int = DEFAULT_MAX_DECODED_BYTES,
        multibase: bool = True,
    ) -> BitstringStatusList:
        """Read an ``encodedList``; raise :class:`StatusListDecodeError` when it is malformed."""
        return cls.from_bytes(
            decode_encoded_list(encoded, multibase=multibase, max_bytes=max_bytes),
            status_size=status_size,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BitstringStatusList):
            return NotImplemented
        return (self._size, self._status_size, self._bits) == (
            other._size,
            other._status_size,
            other._bits,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"BitstringStatusList(size={self._size}, status_size={self._status_size})"


def read_entry(bits: bytes | bytearray, index: int, width: int) -> int:
    """The ``width``-bit entry ``index`` of ``bits``, read left to right (no bounds check)."""
    if width == 1:
        return bits[index >> 3] >> (7 - (index & 7)) & 1
    first = index * width
    value = 0
    for bit in range(first, first + width):
        value = (value << 1) | (bits[bit >> 3] >> (7 - (bit & 7)) & 1)
    return value
