"""PNG baking: one ``iTXt`` chunk, keyword ``openbadgecredential``, before ``IEND``.

The reader walks chunk headers only (pixels are never decoded), checks every CRC, and bounds the
chunk count, every length field and any decompression, so a hostile image costs at most one pass
over its bytes.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Final

from vckit.errors import BakingError

__all__ = [
    "MAX_CHUNKS",
    "OB2_KEYWORD",
    "OB3_KEYWORD",
    "PNG_SIGNATURE",
    "Chunk",
    "bake_png",
    "find_text",
    "read_chunks",
]

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
OB3_KEYWORD: Final = b"openbadgecredential"
OB2_KEYWORD: Final = b"openbadges"
#: More chunks than any real badge has (encoders split pixel data into at most a few thousand).
MAX_CHUNKS: Final = 10_000
_MAX_LENGTH: Final = 2**31 - 1  # PNG: a chunk length never exceeds 2^31 - 1
_TEXT_TYPES: Final = (b"tEXt", b"zTXt", b"iTXt")
_HEADER: Final = struct.Struct(">I4s")


@dataclass(frozen=True, slots=True)
class Chunk:
    """One chunk: its type and where it lies in the image (``start``..``end`` covers it whole)."""

    type: bytes
    start: int
    end: int

    @property
    def data_range(self) -> tuple[int, int]:
        return self.start + 8, self.end - 4


def read_chunks(image: bytes) -> list[Chunk]:
    """Every chunk of ``image``, after checking signature, lengths, CRCs, count and order."""
    if not image.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG image (bad signature)")
    view = memoryview(image)
    size = len(image)
    chunks: list[Chunk] = []
    position = len(PNG_SIGNATURE)
    while True:
        if position + 8 > size:
            raise BakingError(f"truncated PNG: no chunk header at offset {position}")
        length, ctype = _HEADER.unpack_from(image, position)
        if length > _MAX_LENGTH:
            raise BakingError(f"PNG chunk length {length} at offset {position} exceeds 2^31-1")
        if not (ctype.isascii() and ctype.isalpha()):
            raise BakingError(f"bad PNG chunk type {ctype!r} at offset {position}")
        end = position + 12 + length
        if end > size:
            raise BakingError(
                f"truncated PNG chunk {ctype.decode()} at offset {position}: "
                f"{length} bytes declared, {max(size - position - 12, 0)} present"
            )
        (stored,) = struct.unpack_from(">I", image, end - 4)
        if zlib.crc32(view[position + 4 : end - 4]) != stored:
            raise BakingError(f"bad CRC in PNG chunk {ctype.decode()} at offset {position}")
        if len(chunks) >= MAX_CHUNKS:
            raise BakingError(f"PNG has more than {MAX_CHUNKS} chunks")
        if not chunks and ctype != b"IHDR":
            raise BakingError("PNG does not start with an IHDR chunk")
        chunks.append(Chunk(ctype, position, end))
        position = end
        if ctype == b"IEND":
            break
    if position != size:
        raise BakingError(f"PNG has {size - position} bytes after IEND")
    return chunks


def _keyword(image: bytes, chunk: Chunk) -> bytes | None:
    """The keyword of a text chunk (read from its first 80 bytes only), or None."""
    if chunk.type not in _TEXT_TYPES:
        return None
    start, end = chunk.data_range
    head = image[start : min(end, start + 80)]
    nul = head.find(b"\x00")
    if nul < 1:
        raise BakingError(f"PNG {chunk.type.decode()} chunk at offset {chunk.start} has no keyword")
    return head[:nul]


def _inflate(data: bytes, cap: int, what: str) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, cap + 1)
    except zlib.error as exc:
        raise BakingError(f"{what} is not valid zlib data") from exc
    if len(out) > cap or inflater.unconsumed_tail:
        raise BakingError(f"{what} expands beyond {cap} bytes")
    if not inflater.eof:
        raise BakingError(f"{what} is truncated zlib data")
    return out


def _text(image: bytes, chunk: Chunk, keyword: bytes, cap: int) -> str:
    """The text of a tEXt / zTXt / iTXt chunk, decompressed at most to ``cap`` bytes."""
    start, end = chunk.data_range
    data = image[start + len(keyword) + 1 : end]
    what = f"PNG {chunk.type.decode()} chunk {keyword.decode()!r}"
    if chunk.type == b"tEXt":
        if len(data) > cap:
            raise BakingError(f"{what} is larger than {cap} bytes")
        return data.decode("latin-1")
    if chunk.type == b"zTXt":
        if data[:1] != b"\x00":
            raise BakingError(f"{what} uses an unknown compression method")
        return _inflate(data[1:], cap, what).decode("latin-1")
    # iTXt: compression flag, method, language tag NUL, translated keyword NUL, text
    if len(data) < 4:
        raise BakingError(f"{what} is truncated")
    flag, method = data[0], data[1]
    try:
        language_end = data.index(b"\x00", 2)
        translated_end = data.index(b"\x00", language_end + 1)
    except ValueError:
        raise BakingError(f"{what} is malformed (missing separators)") from None
    raw = data[translated_end + 1 :]
    if flag == 1:
        if method != 0:
            raise BakingError(f"{what} uses an unknown compression method")
        raw = _inflate(raw, cap, what)
    elif flag != 0:
        raise BakingError(f"{what} has an invalid compression flag")
    elif len(raw) > cap:
        raise BakingError(f"{what} is larger than {cap} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BakingError(f"{what} is not valid UTF-8") from None


def find_text(image: bytes, chunks: list[Chunk], cap: int) -> tuple[str, str] | None:
    """``(text, version)`` of the one Open Badges chunk, preferring 3.0; None when there is none.

    Two chunks for the same version are an error: a reader could pick either one.
    """
    found: dict[bytes, list[Chunk]] = {OB3_KEYWORD: [], OB2_KEYWORD: []}
    for chunk in chunks:
        keyword = _keyword(image, chunk)
        if keyword in found:
            found[keyword].append(chunk)
    if len(found[OB3_KEYWORD]) > 1:
        raise BakingError("PNG carries more than one openbadgecredential chunk")
    if found[OB3_KEYWORD]:
        chunk = found[OB3_KEYWORD][0]
        if chunk.type != b"iTXt":
            raise BakingError(
                f"openbadgecredential must be an iTXt chunk, found {chunk.type.decode()}"
            )
        return _text(image, chunk, OB3_KEYWORD, cap), "3.0"
    if len(found[OB2_KEYWORD]) > 1:
        raise BakingError("PNG carries more than one openbadges chunk")
    if found[OB2_KEYWORD]:
        return _text(image, found[OB2_KEYWORD][0], OB2_KEYWORD, cap), "2.0"
    return None


def _itxt(text: str) -> bytes:
    data = OB3_KEYWORD + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")
    body = b"iTXt" + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def bake_png(image: bytes, text: str, *, replace: bool) -> bytes:
    """``image`` with one uncompressed iTXt ``openbadgecredential`` chunk holding ``text``."""
    chunks = read_chunks(image)
    existing = [c for c in chunks if _keyword(image, c) in (OB3_KEYWORD, OB2_KEYWORD)]
    if existing and not replace:
        raise BakingError(
            "the image already carries an Open Badges credential; pass replace=True to replace it"
        )
    parts = [image[: len(PNG_SIGNATURE)]]
    parts.extend(image[c.start : c.end] for c in chunks[:-1] if c not in existing)
    parts.append(_itxt(text))
    parts.append(image[chunks[-1].start : chunks[-1].end])
    return b"".join(parts)
