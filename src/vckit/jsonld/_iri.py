"""IRI and keyword predicates shared by context processing and expansion.

The absolute-IRI test is pyld's own regular expression (including its quirks, such as accepting a
trailing newline): the fast path must classify every string exactly as the pyld fallback does, or
the two paths could disagree about which triples are dropped.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "GEN_DELIMS",
    "KEYWORDS",
    "has_keyword_form",
    "is_absolute_iri",
    "is_keyword",
]

KEYWORDS: Final = frozenset(
    {
        "@base",
        "@container",
        "@context",
        "@default",
        "@direction",
        "@embed",
        "@explicit",
        "@first",
        "@graph",
        "@id",
        "@import",
        "@included",
        "@index",
        "@json",
        "@language",
        "@list",
        "@nest",
        "@none",
        "@omitDefault",
        "@propagate",
        "@protected",
        "@preserve",
        "@requireAll",
        "@reverse",
        "@set",
        "@type",
        "@value",
        "@version",
        "@vocab",
    }
)

GEN_DELIMS: Final = frozenset(":/?#[]@")

_ABSOLUTE_IRI: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")
_KEYWORD_FORM: Final = re.compile(r"^@[a-zA-Z]+$")


def is_keyword(value: str) -> bool:
    """True for a JSON-LD keyword (``@id``, ``@type``, ...)."""
    return value in KEYWORDS


def has_keyword_form(value: str) -> bool:
    """True for ``@`` followed by letters: reserved for future keywords, ignored with a warning."""
    return _KEYWORD_FORM.match(value) is not None


#: Schemes that satisfy the scheme part of ``_ABSOLUTE_IRI`` (letter, then letters / digits /
#: ``+,-.``, then ``:``); nearly every IRI in a credential starts with one of them.
_COMMON_SCHEMES: Final[tuple[str, ...]] = ("https:", "http:", "did:", "urn:")


# (through the descriptor: compiled, ``value.isprintable()`` is a generic method lookup)
_isprintable: Final = str.isprintable


def is_absolute_iri(value: str) -> bool:
    """True for an absolute IRI or a blank node identifier (pyld's test, byte for byte).

    Fast path, exact: after a common scheme the pattern only asks for no whitespace. A
    printable string has no whitespace but the ASCII space (every other whitespace character
    is a Unicode "Other" or "Separator"), so ``isprintable()`` and no ``" "`` decide it in C;
    anything else goes to the regular expression.
    """
    if value.startswith(_COMMON_SCHEMES) and _isprintable(value) and " " not in value:
        return True
    return _ABSOLUTE_IRI.match(value) is not None
