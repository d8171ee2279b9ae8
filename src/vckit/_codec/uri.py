"""The one URI syntax check of the data-model rules: a scheme, a colon, no ASCII whitespace.

The rule is the regular expression ``[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*`` (``re.ASCII``, matched in
full), the shape RFC 3986 gives a URI's scheme with no whitespace after it. The Open Badges walk
and the VC data-model rules both call ``is_uri`` once per identifier; it answers without a regex
or a match object (tests compare it with the expression).
"""

from __future__ import annotations

from typing import Final

__all__ = ["is_uri"]

_SCHEME_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-"
)


def is_uri(value: str) -> bool:
    """Whether ``value`` has a scheme (an ASCII letter, then ASCII letters, digits, ``+``, ``.``,
    ``-``), a colon, and no ASCII whitespace anywhere (``\\s`` under ``re.ASCII``: space, tab, LF,
    CR, FF, VT)."""
    if not (
        value.startswith("https:")
        or value.startswith("did:")
        or value.startswith("urn:")
        or value.startswith("http:")
    ):  # the common schemes need no character loop
        colon = value.find(":")
        if colon < 1:
            return False
        first = ord(value[0])
        if not (97 <= first <= 122 or 65 <= first <= 90):  # a-z, A-Z
            return False
        for index in range(1, colon):
            if value[index] not in _SCHEME_CHARS:
                return False
    return not (
        " " in value
        or "\t" in value
        or "\n" in value
        or "\r" in value
        or "\f" in value
        or "\v" in value
    )
