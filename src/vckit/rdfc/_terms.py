"""RDF terms as canonical N-Quads strings: the one quad shape shared by JSON-LD and RDFC-1.0.

A quad is a tuple ``(subject, predicate, object, graph)`` of N-Quads terms already written in their
canonical form (RDFC-1.0 section 4.4 / RDF 1.2 N-Quads canonical form): ``<iri>``, ``_:label`` or
``"lexical"`` with ``@lang`` / ``^^<datatype>``. The default graph is ``""``. Keeping terms
serialized means the JSON-LD emitter writes each term once and RDFC-1.0 hashes and sorts plain
strings, without building and re-serializing term objects.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "RDF_LANGSTRING",
    "XSD_STRING",
    "Quad",
    "escape_lexical",
    "is_blank",
    "literal",
    "serialize_quad",
]

Quad = tuple[str, str, str, str]

XSD_STRING: Final = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Canonical N-Quads: ECHAR for \b \t \n \f \r \" \\ and UCHAR (upper-case hex) for the remaining
# characters in U+0000..U+001F and U+007F. Everything else is written as itself.
_ESCAPES: Final = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update(
    {
        0x08: "\\b",
        0x09: "\\t",
        0x0A: "\\n",
        0x0C: "\\f",
        0x0D: "\\r",
        0x22: '\\"',
        0x5C: "\\\\",
    }
)


# ``str.isprintable`` called through its descriptor: compiled, ``value.isprintable()`` is a
# generic method lookup per call (mypyc has no primitive for it); the descriptor is one vectorcall.
_isprintable: Final = str.isprintable


def escape_lexical(value: str) -> str:
    """Escape a literal's lexical form for canonical N-Quads (without the surrounding quotes).

    Nearly every literal needs nothing: a printable string (no C0 control character, no DEL)
    without ``"`` or ``\\`` is returned as is, decided by three scans in C; anything else goes
    through the escape table (which also leaves every other character alone).
    """
    if _isprintable(value) and '"' not in value and "\\" not in value:
        return value
    return value.translate(_ESCAPES)


def literal(value: str, datatype: str = XSD_STRING, language: str | None = None) -> str:
    """Write a literal term in canonical form (``xsd:string`` has no datatype suffix)."""
    text = escape_lexical(value)  # each form built in one go (one allocation when compiled)
    if language is not None:
        return f'"{text}"@{language}'
    if datatype == XSD_STRING:
        return f'"{text}"'
    return f'"{text}"^^<{datatype}>'


def is_blank(term: str) -> bool:
    """True for a blank node term (``_:label``)."""
    return term.startswith("_:")


def serialize_quad(quad: Quad) -> str:
    """One canonical N-Quads line, newline included."""
    subject, predicate, obj, graph = quad
    if graph:
        return f"{subject} {predicate} {obj} {graph} .\n"
    return f"{subject} {predicate} {obj} .\n"
