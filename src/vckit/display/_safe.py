"""Turning hostile credential values into inert HTML: text, links and images.

Every helper takes ``object`` because a credential member can be anything JSON allows. Text is
shortened before it is escaped, links are http(s) only, and images are ``data:`` URIs of raster
or SVG types only (an SVG shown through ``<img>`` runs no script and loads nothing).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

__all__ = [
    "MAX_IMAGE_CHARS",
    "MAX_ITEMS",
    "MAX_TEXT",
    "first_text",
    "href",
    "image_src",
    "items",
    "text",
    "when",
]

MAX_TEXT: Final = 600  # characters of one shown value
MAX_ITEMS: Final = 25  # entries of one shown list
MAX_URL: Final = 2048
MAX_IMAGE_CHARS: Final = 1024 * 1024
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DATA_IMAGE: Final = re.compile(
    r"data:image/(png|jpeg|jpg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}", re.ASCII
)
_MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def plain(value: object, limit: int = MAX_TEXT) -> str | None:
    """``value`` as one bounded, unescaped string, or None when it is not text (or a number)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    cut = len(value) > limit * 2  # never scan more than twice what is shown
    value = _CONTROL.sub("", value[: limit * 2]).strip()
    if not value:
        return None
    if len(value) <= limit and not cut:
        return value
    return value[: limit - 1] + "…"


def text(value: object, limit: int = MAX_TEXT) -> str:
    """``value`` escaped for HTML text or a quoted attribute; empty when it is not text."""
    shown = plain(value, limit)
    return html.escape(shown, quote=True) if shown is not None else ""


def first_text(*values: object, limit: int = MAX_TEXT) -> str:
    """The first of ``values`` that is text, escaped."""
    for value in values:
        shown = text(value, limit)
        if shown:
            return shown
    return ""


def href(value: object) -> str | None:
    """An escaped http(s) URL for ``href``, or None for anything else (javascript:, data:, ...)."""
    if not isinstance(value, str) or len(value) > MAX_URL or _CONTROL.search(value):
        return None
    if any(c.isspace() for c in value) or "\\" in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return html.escape(value, quote=True)


def link(value: object, label: object = None) -> str:
    """An ``<a>`` for an http(s) URL (label defaults to the URL), else the value as text."""
    url = href(value)
    shown = text(label) or text(value, 200)
    if url is None:
        return shown
    return f'<a href="{url}" rel="nofollow noopener noreferrer">{shown or url}</a>'


def image_src(value: object) -> str | None:
    """An escaped ``data:image/...;base64`` URI safe for ``<img src>``, or None."""
    if isinstance(value, Mapping):
        value = value.get("id")
    if not isinstance(value, str) or len(value) > MAX_IMAGE_CHARS:
        return None
    if _DATA_IMAGE.fullmatch(value) is None:
        return None
    return html.escape(value, quote=True)


def items(value: object, limit: int = MAX_ITEMS) -> tuple[list[Any], int]:
    """A JSON set as a list of at most ``limit`` entries, and how many were left out."""
    if value is None:
        return [], 0
    entries = value if isinstance(value, list) else [value]
    return entries[:limit], max(0, len(entries) - limit)


def when(value: object) -> str:
    """A ``<time>`` element for an XSD dateTime, readable for people; plain text otherwise."""
    raw = plain(value, 64)
    if raw is None:
        return ""
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return html.escape(raw, quote=True)
    shown = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    if moment.hour or moment.minute or moment.second:
        shown += f", {moment:%H:%M}"
    if moment.utcoffset() is not None:
        offset = moment.strftime("%z")
        shown += " UTC" if offset == "+0000" else f" UTC{offset[:3]}:{offset[3:]}"
    return f'<time datetime="{html.escape(raw, quote=True)}">{html.escape(shown)}</time>'
