"""Public entry points: ``to_rdf`` and ``canonicalize``, and the fast-path / pyld dispatch.

Both take the credential as a plain mapping and a pyld-compatible document loader (``None`` means
vckit's bundled, offline loader). The JSON-LD settings are fixed to what Data Integrity needs:
JSON-LD 1.1, ``base = null``, ``rdfDirection = i18n-datatype``, no generalized RDF.

The fast path (``_emit``) handles what credentials use; whatever it does not support goes to pyld,
whose answer is then the answer. In safe mode such a document is refused after pyld has had its
say (pyld's own errors win): pyld cannot tell us whether it dropped anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from vckit.errors import CanonicalizationError, VckitError
from vckit.jsonld._context import ActiveContext, ContextProcessor, Unsupported, initial_context
from vckit.jsonld._emit import MAX_DEPTH, Emitter, dataset
from vckit.jsonld._loader import default_loader
from vckit.jsonld._reference import LoaderCallable, pyld_to_rdf
from vckit.rdfc._api import canonicalize_quads
from vckit.rdfc._terms import Quad

__all__ = ["canonicalize", "resolve_loader", "to_rdf", "to_rdf_with_options"]

_INITIAL: dict[str | None, ActiveContext] = {}
_FAST_DIRECTIONS: Final = (None, "i18n-datatype")


def resolve_loader(loader: LoaderCallable | None) -> LoaderCallable:
    """``loader`` itself, or vckit's shared bundled-context loader when it is ``None``."""
    return loader if loader is not None else default_loader()


def to_rdf(
    document: Mapping[str, Any], loader: LoaderCallable | None = None, *, safe: bool = True
) -> list[Quad]:
    """The RDF dataset of ``document`` as quads of canonical N-Quads terms (JSON-LD 1.1 toRdf).

    Safe mode (the default) raises :class:`CanonicalizationError` with the JSON path of anything
    JSON-LD would silently drop: an undefined term or type, a relative IRI, a null value object.
    """
    if not isinstance(document, Mapping):
        raise TypeError("document must be a JSON object (a Mapping)")
    return to_rdf_with_options(document, resolve_loader(loader), safe=safe)


def to_rdf_with_options(
    document: Any,
    loader: LoaderCallable,
    *,
    safe: bool,
    base: str | None = None,
    processing_mode: str = "json-ld-1.1",
    rdf_direction: str | None = "i18n-datatype",
    expand_context: Any = None,
) -> list[Quad]:
    """``to_rdf`` with the JSON-LD options the W3C test suite varies (tests and tools only)."""
    reason = "processing mode or rdfDirection option"
    if processing_mode == "json-ld-1.1" and rdf_direction in _FAST_DIRECTIONS:
        try:
            return _fast(document, loader, safe, base, rdf_direction, expand_context)
        except (Unsupported, VckitError) as error:
            if not isinstance(error, Unsupported):
                raise
            reason = str(error)
        except RecursionError as error:  # pragma: no cover - depth is bounded before this
            raise CanonicalizationError("JSON-LD document nests too deeply") from error
        except Exception as error:
            reason = f"{type(error).__name__}: {error}"
    _check_depth(document)
    quads = pyld_to_rdf(
        document,
        loader,
        processing_mode=processing_mode,
        rdf_direction=rdf_direction,
        base=base,
        expand_context=expand_context,
    )
    if safe:
        raise CanonicalizationError(
            f"safe mode cannot vouch for this document ({reason}); pass safe=False to accept "
            "pyld's unchecked result"
        )
    return quads


def _fast(
    document: Any,
    loader: LoaderCallable,
    safe: bool,
    base: str | None,
    rdf_direction: str | None,
    expand_context: Any,
) -> list[Quad]:
    processor = ContextProcessor(loader)
    ctx = _INITIAL.get(base)
    if ctx is None:
        if len(_INITIAL) > 64:
            _INITIAL.clear()
        ctx = _INITIAL[base] = initial_context(base)
    if expand_context is not None:
        if isinstance(expand_context, Mapping) and "@context" in expand_context:
            expand_context = expand_context["@context"]
        ctx = processor.apply(ctx, expand_context)
    emitter = Emitter(processor, safe=safe, rdf_direction=rdf_direction)
    emitter.document(ctx, document)
    return dataset(emitter.quads)


def _check_depth(document: Any) -> None:
    """Refuse documents nested deeper than ``MAX_DEPTH`` before pyld recurses into them."""
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CanonicalizationError(f"JSON-LD document nests deeper than {MAX_DEPTH} levels")
        if isinstance(value, Mapping):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


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
    # Keep duplicate quads: jsonld.js and pyld hash them, and signatures must match theirs.
    result: str = canonicalize_quads(
        quads, hash_algorithm=hash_algorithm, work_limit=work_limit, deduplicate=False
    )
    return result
