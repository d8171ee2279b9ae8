"""RDF Dataset Canonicalization (RDFC-1.0) and canonical N-Quads.

``canonicalize(text)`` parses N-Quads strictly and returns the canonical N-Quads document;
``canonicalize_quads(quads)`` does the same for quads that are already parsed (the JSON-LD path
uses it so it never serializes and re-parses); ``canonicalize_with_map`` also returns the issued
identifiers map. Hash N-Degree Quads is bounded by a work limit (``DEFAULT_WORK_LIMIT``) so a
poison dataset raises ``CanonicalizationWorkLimitError`` instead of running for hours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vckit.rdfc._api import canonicalize, canonicalize_quads, canonicalize_with_map
from vckit.rdfc._ndegree import DEFAULT_WORK_LIMIT
from vckit.rdfc._terms import Quad, escape_lexical, literal, serialize_quad

if TYPE_CHECKING:
    from vckit.rdfc._nquads import parse_nquads, serialize_nquads

__all__ = [
    "DEFAULT_WORK_LIMIT",
    "Quad",
    "canonicalize",
    "canonicalize_quads",
    "canonicalize_with_map",
    "escape_lexical",
    "literal",
    "parse_nquads",
    "serialize_nquads",
    "serialize_quad",
]


def __getattr__(name: str) -> Any:
    # The N-Quads parser loads on first use: compiling its grammar costs ~15 ms at start, and
    # signing a JSON-LD document never parses N-Quads.
    if name in ("parse_nquads", "serialize_nquads"):
        from vckit.rdfc import _nquads

        value = getattr(_nquads, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vckit.rdfc' has no attribute {name!r}")
