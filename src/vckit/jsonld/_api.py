"""Public entry points: ``to_rdf`` and ``canonicalize``, and the fast-path / pyld dispatch.

Both take the credential as a plain mapping and a pyld-compatible document loader (``None`` means
vckit's bundled, offline loader). The JSON-LD settings are fixed to what Data Integrity needs:
JSON-LD 1.1, ``base = null``, ``rdfDirection = i18n-datatype``, no generalized RDF.

The fast path (``_emit``) handles what credentials use; a document it declines (the explicit
``Unsupported`` signal, nothing else) goes to pyld, whose answer is then the answer, with pyld's
own work bounded. Safe mode refuses a declined document before pyld runs: pyld cannot tell us
whether it dropped anything, so its answer would be refused anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from vckit.errors import CanonicalizationError, SafeModeError, VckitError
from vckit.jsonld._context import ActiveContext, ContextProcessor, Unsupported, initial_context
from vckit.jsonld._emit import MAX_DEPTH, MAX_VALUES, Emitter, dataset
from vckit.jsonld._loader import default_loader
from vckit.jsonld._reference import LoaderCallable, pyld_to_rdf
from vckit.rdfc._api import canonicalize_quads
from vckit.rdfc._terms import Quad

__all__ = [
    "canonicalize",
    "emit_document",
    "resolve_loader",
    "safe_quads",
    "to_rdf",
    "to_rdf_with_options",
]

_INITIAL: dict[str | None, ActiveContext] = {}
_FAST_DIRECTIONS: Final = (None, "i18n-datatype")


def resolve_loader(loader: LoaderCallable | None) -> LoaderCallable:
    """``loader`` itself, or vckit's shared bundled-context loader when it is ``None``."""
    return loader if loader is not None else default_loader()


def to_rdf(
    document: Mapping[str, Any],
    loader: LoaderCallable | None = None,
    *,
    safe: bool = True,
    max_values: int | None = None,
) -> list[Quad]:
    """The RDF dataset of ``document`` as quads of canonical N-Quads terms (JSON-LD 1.1 toRdf).

    Safe mode (the default) raises :class:`SafeModeError` with the JSON path of anything JSON-LD
    would silently drop: an undefined term or type, a relative IRI, a null value object; and for
    a document that needs a JSON-LD feature outside the fast path. ``max_values`` bounds the JSON
    values (members and array items) of the document (``None``: ``MAX_VALUES``).
    """
    if not isinstance(document, Mapping):
        raise TypeError("document must be a JSON object (a Mapping)")
    return to_rdf_with_options(
        document, resolve_loader(loader), safe=safe, max_values=_max_values(max_values)
    )


def _max_values(max_values: int | None) -> int:
    if max_values is None:
        return MAX_VALUES
    if isinstance(max_values, bool) or not isinstance(max_values, int) or max_values < 0:
        raise ValueError("max_values must be a non-negative int (or None for MAX_VALUES)")
    return max_values


def to_rdf_with_options(
    document: Any,
    loader: LoaderCallable,
    *,
    safe: bool,
    base: str | None = None,
    processing_mode: str = "json-ld-1.1",
    rdf_direction: str | None = "i18n-datatype",
    expand_context: Any = None,
    max_values: int = MAX_VALUES,
) -> list[Quad]:
    """``to_rdf`` with the JSON-LD options the W3C test suite varies (tests and tools only).

    The fast path answers, or declines with :class:`Unsupported`; only that signal hands the
    document to pyld. Safe mode refuses a declined document at once (pyld cannot tell what it
    dropped, so its answer would be refused anyway). Any other failure of the fast path is a bug
    and surfaces as :class:`CanonicalizationError` with the cause chained, never as a retry.
    """
    if processing_mode == "json-ld-1.1" and rdf_direction in _FAST_DIRECTIONS:
        try:
            return _fast(document, loader, safe, base, rdf_direction, expand_context, max_values)
        except Unsupported as error:
            declined: Unsupported | None = error
            reason = str(error)
        except VckitError:
            raise
        except Exception as error:
            raise _unexpected(error) from error
    else:
        declined = None
        reason = "processing mode or rdfDirection option"
    if safe:
        raise _declined(reason) from declined
    _check_size(document, max_values)
    return pyld_to_rdf(
        document,
        loader,
        processing_mode=processing_mode,
        rdf_direction=rdf_direction,
        base=base,
        expand_context=expand_context,
    )


def _unexpected(error: Exception) -> CanonicalizationError:
    """A fast-path failure that is neither a decline nor a vckit error: a bug, never a retry."""
    if isinstance(error, RecursionError):  # pragma: no cover - depth is bounded before this
        return CanonicalizationError("JSON-LD document nests too deeply")
    return CanonicalizationError(
        f"JSON-LD processing failed unexpectedly ({type(error).__name__}); this is a "
        "bug in vckit's fast path, please report it"
    )


def _declined(reason: str) -> SafeModeError:
    return SafeModeError(
        f"safe mode cannot vouch for this document ({reason}); pass safe=False to accept "
        "pyld's unchecked result"
    )


def safe_quads(document: Any, loader: LoaderCallable, *, unique: bool = True) -> list[Quad]:
    """``to_rdf_with_options(document, loader, safe=True)`` in one frame instead of four.

    What every Data Integrity sign and verify runs (``vckit.proofs.dataintegrity``): the same
    fast path with the same defaults (no base, no expandContext, ``i18n-datatype``,
    ``MAX_VALUES``) and the same errors. ``unique=False``: the quads as emitted, before
    ``dataset`` removes duplicates (for a caller that detects them more cheaply itself).
    """
    try:
        ctx = _INITIAL.get(None)
        if ctx is None:
            ctx = _INITIAL[None] = initial_context(None)
        emitter = Emitter(ContextProcessor(loader), safe=True, rdf_direction="i18n-datatype")
        emitter.document(ctx, document)
        return dataset(emitter.quads) if unique else emitter.quads
    except Unsupported as error:
        raise _declined(str(error)) from error
    except VckitError:
        raise
    except Exception as error:
        raise _unexpected(error) from error


def _fast(
    document: Any,
    loader: LoaderCallable,
    safe: bool,
    base: str | None,
    rdf_direction: str | None,
    expand_context: Any,
    max_values: int = MAX_VALUES,
) -> list[Quad]:
    emitter = emit_document(
        document,
        loader,
        safe=safe,
        base=base,
        rdf_direction=rdf_direction,
        expand_context=expand_context,
        max_values=max_values,
    )
    return dataset(emitter.quads)


def emit_document(
    document: Any,
    loader: LoaderCallable,
    *,
    safe: bool,
    base: str | None = None,
    rdf_direction: str | None = "i18n-datatype",
    expand_context: Any = None,
    max_values: int = MAX_VALUES,
    record_paths: bool = False,
) -> Emitter:
    """Run the fast path over ``document``; the emitter holds the quads (and blank node paths)."""
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
    emitter = Emitter(
        processor,
        safe=safe,
        rdf_direction=rdf_direction,
        max_values=max_values,
        record_paths=record_paths,
    )
    emitter.document(ctx, document)
    return emitter


def _check_size(document: Any, max_values: int) -> None:
    """Refuse documents nested deeper than ``MAX_DEPTH``, or holding more than ``max_values``
    values, before pyld recurses into them."""
    stack: list[tuple[Any, int]] = [(document, 0)]
    remaining = max_values
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CanonicalizationError(f"JSON-LD document nests deeper than {MAX_DEPTH} levels")
        if isinstance(value, Mapping):
            items: Any = value.values()
        elif isinstance(value, list):
            items = value
        else:
            continue
        remaining -= len(items)
        if remaining < 0:
            raise CanonicalizationError(
                f"JSON-LD document has more than {max_values} values (max_values)"
            )
        stack.extend((item, depth + 1) for item in items)


def canonicalize(
    document: Mapping[str, Any],
    loader: LoaderCallable | None = None,
    hash_algorithm: str = "sha256",
    *,
    safe: bool = True,
    work_limit: int | None = None,
    max_values: int | None = None,
) -> str:
    """Canonical N-Quads (RDFC-1.0) of ``document``: what Data Integrity hashes.

    ``work_limit`` bounds RDFC-1.0 (``vckit.rdfc.DEFAULT_WORK_LIMIT``), ``max_values`` the size
    of the JSON document (``MAX_VALUES``); both raise a :class:`CanonicalizationError` subclass.
    """
    if hash_algorithm not in ("sha256", "sha384"):
        raise ValueError(f"unsupported hash algorithm: {hash_algorithm!r}")
    quads = to_rdf(document, loader, safe=safe, max_values=max_values)
    # Keep duplicate quads: jsonld.js and pyld hash them, and signatures must match theirs.
    result: str = canonicalize_quads(
        quads, hash_algorithm=hash_algorithm, work_limit=work_limit, deduplicate=False
    )
    return result
