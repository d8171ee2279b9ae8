"""RDF Dataset Canonicalization (RDFC-1.0) and canonical N-Quads."""

from __future__ import annotations

from vckit.rdfc._terms import Quad, escape_lexical, literal, serialize_quad

__all__ = ["Quad", "escape_lexical", "literal", "serialize_quad"]
