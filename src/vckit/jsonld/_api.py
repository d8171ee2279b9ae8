"""Public entry points: ``to_rdf`` and ``canonicalize``.

Both take the credential as a plain mapping and a pyld-compatible document loader (``None`` means
vckit's bundled, offline loader). The JSON-LD settings are fixed to what Data Integrity needs:
JSON-LD 1.1, ``base = null``, ``rdfDirection = i18n-datatype``, no generalized RDF.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from vckit.errors import DocumentLoaderError
from vckit.jsonld._reference import LoaderCallable, pyld_canonize, pyld_to_rdf
from vckit.rdfc._terms import Quad

__all__ = ["canonicalize", "resolve_loader", "to_rdf"]


def resolve_loader(loader: LoaderCallable | None) -> LoaderCallable:
    """``loader`` itself, or vckit's shared bundled-context loader when it is ``None``."""
    if loader is not None:
        return loader
    try:
        module = importlib.import_module("vckit.jsonld._loader")
    except ImportError as error:  # the bundled loader ships separately (CONTEXTS)
        raise DocumentLoaderError("no bundled document loader available; pass loader=") from error
    default: LoaderCallable = module.default_loader()
    return default


def to_rdf(
    document: Mapping[str, Any], loader: LoaderCallable | None = None, *, safe: bool = True
) -> list[Quad]:
    """The RDF dataset of ``document`` as quads of canonical N-Quads terms (JSON-LD 1.1 toRdf)."""
    if not isinstance(document, Mapping):
        raise TypeError("document must be a JSON object (a Mapping)")
    return pyld_to_rdf(dict(document), resolve_loader(loader))


def canonicalize(
    document: Mapping[str, Any],
    loader: LoaderCallable | None = None,
    hash_algorithm: str = "sha256",
    *,
    safe: bool = True,
    work_limit: int | None = None,
) -> str:
    """Canonical N-Quads (RDFC-1.0) of ``document``: what Data Integrity hashes."""
    if hash_algorithm not in ("sha256", "sha384"):
        raise ValueError(f"unsupported hash algorithm: {hash_algorithm!r}")
    quads = to_rdf(document, loader, safe=safe)
    try:
        rdfc = importlib.import_module("vckit.rdfc")
        canonicalize_quads = rdfc.canonicalize_quads
    except (ImportError, AttributeError):
        if hash_algorithm != "sha256":
            raise ValueError("sha384 needs vckit.rdfc.canonicalize_quads") from None
        return pyld_canonize(quads)
    result: str = canonicalize_quads(quads, hash_algorithm=hash_algorithm, work_limit=work_limit)
    return result
