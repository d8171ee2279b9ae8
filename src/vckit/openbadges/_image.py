"""A badge image for issuers that have none: an accessible SVG medallion, and a plain PNG.

The SVG names the badge and its issuer in text (``role="img"``, ``<title>``, ``<desc>``), picks
black or white lettering by WCAG contrast against the chosen colour, and wraps or shortens long
names. Every string is XML-escaped. The PNG is written with zlib and struct only (no imaging
library): a coloured disc with a ring and a tick, for issuers who want to bake a PNG and have
no artwork. Any PNG or SVG the issuer supplies bakes just as well.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
import zlib
from typing import Final
from xml.sax.saxutils import escape, quoteattr

__all__ = ["DEFAULT_COLOUR", "badge_image", "badge_png"]

DEFAULT_COLOUR: Final = "#1f4e8c"
_COLOUR: Final = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_FONT: Final = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_NAME_LINE: Final = 16  # characters per line of the name at its font size
_NAME_LINES: Final = 3
_ISSUER_CHARS: Final = 24
_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _rgb(colour: str) -> tuple[int, int, int]:
    match = _COLOUR.fullmatch(colour)
    if match is None:
        raise ValueError(f"colour must be #rgb or #rrggbb, not {colour[:20]!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _ink(rgb: tuple[int, int, int]) -> str:
    """White or near-black, whichever reads better on ``rgb``."""
    white, black = (255, 255, 255), (17, 24, 39)
    return "#ffffff" if contrast_ratio(rgb, white) >= contrast_ratio(rgb, black) else "#111827"


def _readable(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """``rgb``, darkened just enough for white lettering to reach 4.5:1 when neither ink does."""
    white, black = (255, 255, 255), (17, 24, 39)
    while max(contrast_ratio(rgb, white), contrast_ratio(rgb, black)) < 4.5:
        rgb = (round(rgb[0] * 0.95), round(rgb[1] * 0.95), round(rgb[2] * 0.95))
    return rgb


def _shade(rgb: tuple[int, int, int], factor: float) -> str:
    r, g, b = (max(0, min(255, round(v * factor))) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _clean(text: str) -> str:
    """One line of plain text: no XML-illegal characters, whitespace collapsed."""
    return " ".join(_XML_ILLEGAL.sub("", text).split())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines; the last one ends in … when cut."""
    words: list[str] = []
    for word in text.split():
        words.extend(word[i : i + width] for i in range(0, len(word), width))
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
            continue
        result.append(current)
        current = word
        if len(result) == lines:
            result[-1] = _shorten(result[-1] + " " + " ".join(words[index:]), width)
            return result
    if current:
        result.append(current)
    if len(result) > lines:  # pragma: no cover - the loop returns first
        result = result[:lines]
    return result or [""]


def _initials(name: str) -> str:
    letters = [w[0] for w in name.split() if w[:1].isalnum()]
    return "".join(letters[:2]).upper() or "★"


def badge_image(
    name: str,
    issuer: str,
    *,
    colour: str = DEFAULT_COLOUR,
    icon: str | None = None,
    description: str | None = None,
    size: int = 400,
) -> str:
    """An SVG badge (a string) showing ``name`` and ``issuer``, ready to bake.

    ``colour`` is the medallion colour (``#rgb`` / ``#rrggbb``); the lettering is black or white,
    whichever contrasts more, and a mid-tone that reaches 4.5:1 with neither is darkened until
    white does (WCAG AA). ``icon`` is a short text glyph (at most 3 characters, e.g. ``"★"``
    or ``"AI"``) shown in the centre; the name's initials otherwise. ``description`` goes into
    ``<desc>`` for screen readers. Long names wrap onto three lines and are then shortened.
    """
    rgb = _readable(_rgb(colour))
    fill = _shade(rgb, 1.0)
    if not isinstance(size, int) or not 16 <= size <= 4096:
        raise ValueError("size must be an int between 16 and 4096")
    name_text = _clean(name) or "Badge"
    issuer_text = _clean(issuer)
    glyph = _clean(icon) if icon is not None else _initials(name_text)
    if len(glyph) > 3:
        raise ValueError("icon must be at most 3 characters")
    ink = _ink(rgb)
    dark = _shade(rgb, 0.7)
    light = _shade(rgb, 1.25)
    ident = hashlib.sha256(f"{name_text}\x00{issuer_text}".encode()).hexdigest()[:10]
    title_id, desc_id = f"vckit-badge-{ident}-title", f"vckit-badge-{ident}-desc"
    summary = f"Badge “{name_text}”" + (f" issued by {issuer_text}" if issuer_text else "")
    desc = _clean(description) if description else summary
    lines = _wrap(name_text, _NAME_LINE, _NAME_LINES)
    name_size = 30 if len(lines) < 3 else 25
    first_y = 262 - (len(lines) - 1) * name_size * 0.55 + name_size * 0.35
    tspans = "".join(
        f'<tspan x="200" y="{first_y + i * name_size * 1.1:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    glyph_size = 92 if len(glyph) <= 2 else 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 400 400" role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(summary)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<circle cx="200" cy="200" r="192" fill="{dark}"/>',
        f'<circle cx="200" cy="200" r="178" fill="{fill}"/>',
        f'<circle cx="200" cy="200" r="164" fill="none" stroke="{light}" stroke-width="3"'
        ' stroke-dasharray="2 7" stroke-linecap="round"/>',
        f'<g font-family={quoteattr(_FONT)} fill="{ink}" text-anchor="middle">',
        f'<text x="200" y="{150 + glyph_size * 0.35:.1f}" font-size="{glyph_size}" '
        f'font-weight="700" aria-hidden="true">{escape(glyph)}</text>',
        f'<rect x="90" y="207" width="220" height="2" fill="{ink}" opacity="0.5"/>',
        f'<text font-size="{name_size}" font-weight="700">{tspans}</text>',
    ]
    if issuer_text:
        parts.append(
            f'<text x="200" y="336" font-size="16">'
            f"{escape(_shorten(issuer_text, _ISSUER_CHARS))}</text>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


def _png_chunk(ctype: bytes, data: bytes) -> bytes:
    body = ctype + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def badge_png(*, colour: str = DEFAULT_COLOUR, size: int = 256) -> bytes:
    """A PNG medallion (RGBA, transparent corners): a disc in ``colour``, a ring and a tick.

    For issuers who want a PNG to bake and have no artwork; pure Python, no imaging library.
    """
    rgb = _rgb(colour)
    if not isinstance(size, int) or not 16 <= size <= 1024:
        raise ValueError("size must be an int between 16 and 1024")
    ink = _rgb(_ink(rgb))
    ring = _rgb(_shade(rgb, 0.7))
    centre = (size - 1) / 2
    outer, inner = size * 0.48, size * 0.44
    tick = [(0.30, 0.52), (0.44, 0.66), (0.71, 0.37)]
    points = [(x * size, y * size) for x, y in tick]
    half_width = size * 0.045
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter type None
        for x in range(size):
            r = math.hypot(x - centre, y - centre)
            alpha = max(0.0, min(1.0, outer - r + 0.5))
            if alpha == 0.0:
                row += b"\x00\x00\x00\x00"
                continue
            fill = max(0.0, min(1.0, inner - r + 0.5))
            colour_px = [ring[i] * (1 - fill) + rgb[i] * fill for i in range(3)]
            d = min(_segment_distance(x, y, *points[0], *points[1]),
                    _segment_distance(x, y, *points[1], *points[2]))  # fmt: skip
            mark = max(0.0, min(1.0, half_width - d + 0.5))
            colour_px = [colour_px[i] * (1 - mark) + ink[i] * mark for i in range(3)]
            row += bytes((*(round(c) for c in colour_px), round(alpha * 255)))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9)),
            _png_chunk(b"IEND", b""),
        )
    )
