"""JSON-LD for credentials: JSON-LD 1.1 → RDF (a cached fast path, pyld as fallback) and the
canonical N-Quads that Data Integrity proofs hash.

``to_rdf`` and ``canonicalize`` are offline by default: contexts come from the loader, and the
default loader knows only the bundled contexts. Safe mode (on by default) refuses documents whose
meaning JSON-LD would silently drop (see ``docs/canonicalization.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vckit.jsonld._api import canonicalize, to_rdf
from vckit.jsonld._deep import deep_iteration_nodes
from vckit.jsonld._loader import (
    DocumentLoader,
    bundled_context_urls,
    context_alternates,
    default_loader,
    with_context_alternate,
)
from vckit.jsonld._validate import validate_contexts

if TYPE_CHECKING:
    from vckit._http import HttpPolicy

__all__ = [
    "DocumentLoader",
    "HttpPolicy",
    "bundled_context_urls",
    "canonicalize",
    "context_alternates",
    "deep_iteration_nodes",
    "default_loader",
    "to_rdf",
    "validate_contexts",
    "with_context_alternate",
]


def __getattr__(name: str) -> Any:
    # The HTTP stack (ssl, sockets) loads on first use: offline canonicalization never needs it.
    if name == "HttpPolicy":
        from vckit._http import HttpPolicy

        globals()[name] = HttpPolicy
        return HttpPolicy
    raise AttributeError(f"module 'vckit.jsonld' has no attribute {name!r}")
